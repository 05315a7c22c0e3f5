"""Question logs are kept no longer than the retention period (365 days unless configured)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from sqlalchemy import update

from bot.config import Settings
from bot.services.container import create_services
from bot.services.retention import RetentionService
from bot.storage.models import Question
from bot.storage.uow import Database
from tests.integration.delivery_support import FakeClock, utc

NOW = utc(2026, 11, 28, 12)


async def asked(db: Database, text: str, days_ago: float, user_id: int = 1) -> None:
    """A question logged ``days_ago`` days before NOW, with 👎 feedback."""
    async with db.uow() as uow:
        await uow.users.get_or_create(user_id, "fr", "Europe/Paris")
        question_id = await uow.questions.log(
            user_id=user_id,
            chat_type="private",
            text=text,
            lang="fr",
            outcome="answer",
            entry_id="bpf",
            score=90.0,
        )
        await uow.questions.set_feedback(question_id, user_id, -1)
        await uow.session.execute(
            update(Question)
            .where(Question.id == question_id)
            .values(created_at=NOW - timedelta(days=days_ago))
        )


async def remaining(db: Database) -> list[str]:
    async with db.uow() as uow:
        return [question.text for question in await uow.questions.for_user(1)]


async def test_questions_older_than_the_period_are_purged_and_recent_ones_kept(
    database: Database,
) -> None:
    for text, days_ago in [("ancienne", 400), ("juste trop vieille", 365.01), ("récente", 364)]:
        await asked(database, text, days_ago)
    await asked(database, "hier", 1)
    retention = RetentionService(database, 365, clock=FakeClock(NOW))

    assert await retention.purge() == 2
    assert await remaining(database) == ["récente", "hier"]
    assert await retention.purge() == 0, "nothing more to purge the same day"
    async with database.uow() as uow:
        assert await uow.users.get(1) is not None, "only the question log is purged"


async def test_a_shorter_period_purges_more_as_days_go_by(database: Database) -> None:
    await asked(database, "le mois dernier", 31)
    await asked(database, "cette semaine", 3)
    clock = FakeClock(NOW)
    retention = RetentionService(database, 30, clock=clock)

    assert await retention.purge() == 1
    clock.advance(days=28)
    assert await retention.purge() == 1
    assert await remaining(database) == []


def test_the_period_must_be_at_least_a_day(sqlite_url: str) -> None:
    with pytest.raises(ValueError, match="at least one day"):
        RetentionService(Database(sqlite_url), 0)


async def test_the_configured_period_is_the_one_in_use(sqlite_url: str) -> None:
    settings = dataclasses.replace(Settings(), database_url=sqlite_url, question_retention_days=90)
    services = await create_services(settings)
    try:
        assert services.admin.retention.days == 90
    finally:
        await services.close()
