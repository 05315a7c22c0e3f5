"""The answer, user and privacy services on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.services.answers import AnswerService
from bot.services.knowledge import KnowledgeHolder
from bot.services.privacy import PrivacyService
from bot.services.users import UserService
from bot.storage.models import (
    USER_TABLES,
    Broadcast,
    ChecklistAnswer,
    ChecklistRun,
    Delivery,
    Question,
    Reminder,
)
from bot.storage.uow import Database

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def knowledge() -> KnowledgeHolder:
    return KnowledgeHolder(KNOWLEDGE_DIR)


async def test_first_contact_takes_the_telegram_language_then_remembers_the_choice(
    database: Database,
) -> None:
    users = UserService(database, "Europe/Paris")
    first = await users.contact(1, "fr-FR")
    assert (first.is_new, first.user.language) == (True, "fr")
    assert (await users.contact(2, "de")).user.language == "en"
    await users.set_language(1, "en")
    again = await users.contact(1, "fr")
    assert (again.is_new, again.user.language) == (False, "en")


async def test_looking_up_a_language_does_not_create_the_user(database: Database) -> None:
    users = UserService(database, "Europe/Paris")
    assert await users.language_of(5, "fr-CA") == "fr"
    assert await users.get(5) is None


async def test_profile_answers_are_stored(database: Database) -> None:
    users = UserService(database, "Europe/Paris")
    await users.contact(3, "fr")
    await users.set_org_name(3, "  Formations   Dupont  ")
    await users.toggle_category(3, "vae")
    await users.toggle_category(3, "training")
    await users.toggle_situation(3, "subcontracting")
    await users.toggle_situation(3, "subcontracting")
    await users.set_certified_on(3, date(2025, 1, 15))
    done = await users.finish_profile(3)
    assert done.org_name == "Formations Dupont"
    assert done.action_categories == ("training", "vae"), "kept in the catalogue order"
    assert done.situations == ()
    assert (done.certified_on, done.profile_done) == (date(2025, 1, 15), True)
    with pytest.raises(ValueError):
        await users.set_org_name(3, "x" * 201)
    with pytest.raises(ValueError):
        await users.toggle_category(3, "cooking")


async def test_a_pending_input_survives_in_the_database_and_expires(database: Database) -> None:
    users = UserService(database, "Europe/Paris")
    await users.contact(4, "fr")
    await users.set_awaiting(4, "profile_org")
    stored = await UserService(database, "Europe/Paris").get(4)
    now = datetime.now(UTC)
    assert stored.pending_input(now) == "profile_org"
    assert stored.pending_input(now + timedelta(hours=3)) is None
    assert await users.clear_awaiting(4) is True
    assert await users.clear_awaiting(4) is False


async def test_questions_are_logged_with_their_outcome_and_feedback(
    database: Database, knowledge: KnowledgeHolder
) -> None:
    await UserService(database, "Europe/Paris").contact(6, "fr")
    answers = AnswerService(database, knowledge)
    answer = await answers.ask(6, "private", "indicateur 22", "fr")
    assert answer.result.entry.id == "indicator-22"
    hello = await answers.ask(6, "private", "bonjour", "fr")
    assert hello.question_id is None, "small talk is not logged"
    assert await answers.feedback(answer.question_id, 6, -1)
    assert not await answers.feedback(answer.question_id, 999, 1), "only the asker rates"
    async with database.uow() as uow:
        [logged] = await uow.questions.for_user(6)
    assert (logged.text, logged.outcome, logged.entry_id, logged.feedback) == (
        "indicateur 22",
        "answer",
        "indicator-22",
        -1,
    )


async def _rows_about(database: Database, user_id: int) -> dict[str, int]:
    counts = {}
    async with database.uow() as uow:
        for model in USER_TABLES:
            table = model.__table__
            column = table.c.id if table.name == "users" else table.c.get("user_id")
            if column is None:
                query = select(func.count()).select_from(ChecklistAnswer).join(ChecklistRun)
                query = query.where(ChecklistRun.user_id == user_id)
            else:
                query = select(func.count()).select_from(table).where(column == user_id)
            counts[table.name] = await uow.session.scalar(query)
    return counts


async def _fill_every_table(database: Database, user_id: int) -> None:
    await UserService(database, "Europe/Paris").contact(user_id, "fr")
    now = datetime.now(UTC)
    async with database.uow() as uow:
        run = ChecklistRun(user_id=user_id, checklist_id="self-assessment")
        reminder = Reminder(user_id=user_id, chat_id=user_id, kind="daily", time_of_day=time(9))
        uow.session.add_all([run, reminder])
        await uow.session.flush()
        uow.session.add_all(
            [
                ChecklistAnswer(run_id=run.id, item_id="ind-1", value="yes", note="site à jour"),
                Delivery(
                    key=f"daily:{user_id}:{now:%Y%m%d}",
                    user_id=user_id,
                    chat_id=user_id,
                    reminder_id=reminder.id,
                    due_at=now,
                ),
                Question(user_id=user_id, text="bpf", lang="fr", outcome="answer", score=90.0),
            ]
        )


async def test_export_holds_every_row_about_the_user_and_nothing_else(database: Database) -> None:
    await _fill_every_table(database, 10)
    await _fill_every_table(database, 11)
    export = await PrivacyService(database).export(10)
    assert export is not None
    for model in USER_TABLES:
        assert len(export[model.__tablename__]) == 1, model.__tablename__
    assert export["users"][0]["id"] == 10
    assert export["checklist_answers"][0]["note"] == "site à jour"
    assert isinstance(export["questions"][0]["created_at"], str), "JSON-ready"
    assert await PrivacyService(database).export(12) is None


async def test_forget_deletes_every_row_about_the_user_only(database: Database) -> None:
    await _fill_every_table(database, 20)
    await _fill_every_table(database, 21)
    privacy = PrivacyService(database)
    assert await privacy.forget(20) is True
    assert set((await _rows_about(database, 20)).values()) == {0}
    assert set((await _rows_about(database, 21)).values()) == {1}
    assert await privacy.forget(20) is False


async def test_an_admin_sees_their_broadcasts_and_forgetting_drops_the_authorship(
    database: Database,
) -> None:
    await UserService(database, "Europe/Paris").contact(30, "fr")
    async with database.uow() as uow:
        uow.session.add(Broadcast(created_by=30, text="Nouveau guide V9", segment="all"))
    privacy = PrivacyService(database)
    export = await privacy.export(30)
    assert [row["text"] for row in export["broadcasts_written"]] == ["Nouveau guide V9"]
    assert await privacy.forget(30) is True
    async with database.uow() as uow:
        authors = (await uow.session.scalars(select(Broadcast.created_by))).all()
    assert authors == [0]
