"""Users and their question log, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.storage.models import USER_TABLES
from bot.storage.uow import Database


async def test_first_contact_creates_the_user_once(database: Database) -> None:
    async with database.uow() as uow:
        user = await uow.users.get_or_create(42, "en", "Europe/Paris")
        assert user.language == "en"
    async with database.uow() as uow:
        again = await uow.users.get_or_create(42, "fr", "Europe/Paris")
        assert again.language == "en", "an existing user keeps their language"


async def test_feedback_only_on_own_question(database: Database) -> None:
    async with database.uow() as uow:
        await uow.users.get_or_create(1, "fr", "Europe/Paris")
        await uow.users.get_or_create(2, "fr", "Europe/Paris")
        question_id = await uow.questions.log(
            user_id=1,
            chat_type="private",
            text="indic 22",
            lang="fr",
            outcome="answer",
            entry_id="indicator-22",
            score=91.0,
        )
    async with database.uow() as uow:
        assert not await uow.questions.set_feedback(question_id, 2, -1)
        assert await uow.questions.set_feedback(question_id, 1, 1)
    async with database.uow() as uow:
        [stored] = await uow.questions.for_user(1)
        assert stored.feedback == 1


async def test_deleting_a_user_removes_every_row_about_them(database: Database) -> None:
    async with database.uow() as uow:
        await uow.users.get_or_create(7, "fr", "Europe/Paris")
        await uow.questions.log(
            user_id=7,
            chat_type="private",
            text="bpf",
            lang="fr",
            outcome="answer",
            entry_id="bpf",
            score=90.0,
        )
    async with database.uow() as uow:
        await uow.users.delete(7)
    async with database.uow() as uow:
        for table in USER_TABLES:
            if hasattr(table, "user_id"):
                count = await uow.session.scalar(
                    select(func.count()).select_from(table).where(table.user_id == 7)
                )
                assert count == 0, table.__tablename__
