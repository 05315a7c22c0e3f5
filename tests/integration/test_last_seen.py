"""Activity figures rely on ``users.last_seen_at``; it moves on every few minutes at most, so
reading a user on each update stays a read."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.storage.repositories.users import LAST_SEEN_GRANULARITY
from bot.storage.types import utcnow
from bot.storage.uow import Database


async def seen(db: Database, user_id: int, at: datetime) -> None:
    async with db.uow() as uow:
        await uow.users.get_or_create(user_id, "fr", "Europe/Paris", now=at)


async def last_seen(db: Database, user_id: int) -> datetime:
    async with db.uow() as uow:
        return (await uow.users.get(user_id)).last_seen_at


async def test_last_seen_moves_on_at_most_once_per_granularity(database: Database) -> None:
    first = utcnow() - timedelta(hours=1)
    await seen(database, 77, first)
    await seen(database, 77, first + LAST_SEEN_GRANULARITY - timedelta(seconds=1))
    assert await last_seen(database, 77) == first
    later = first + LAST_SEEN_GRANULARITY
    await seen(database, 77, later)
    assert await last_seen(database, 77) == later
