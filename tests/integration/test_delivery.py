"""The delivery engine against the Bot API double: once, on time, and through Telegram's errors."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.services.delivery import DeliveryEngine
from bot.storage.models import Reminder
from bot.storage.types import utcnow
from bot.storage.uow import Database
from tests.botapi.server import BotApiDouble
from tests.integration.delivery_support import (
    add_users,
    engine_for,
    people,
    received,
    statuses,
    telegram_bot,
    text_row,
)

ALICE, BOB = 501, 502


@pytest.fixture
async def double() -> AsyncIterator[BotApiDouble]:
    async with BotApiDouble() as server:
        people(server, ALICE, BOB)
        yield server


async def _wait_until_sent(engine: DeliveryEngine, db: Database, *keys: str) -> dict[str, str]:
    for _ in range(60):
        await engine.dispatch()
        found = await statuses(db, *keys)
        if all(found.get(key) in ("sent", "failed", "blocked") for key in keys):
            return found
        await asyncio.sleep(0.1)
    return await statuses(db, *keys)


async def test_due_messages_are_sent_once_and_future_ones_wait(
    database: Database, double: BotApiDouble
) -> None:
    await add_users(database, ALICE)
    now = utcnow()
    async with telegram_bot(double) as bot:
        engine = engine_for(database, bot)
        added = await engine.enqueue(
            [
                text_row("due", ALICE, now - timedelta(minutes=1)),
                text_row("later", ALICE, now + timedelta(hours=1)),
            ]
        )
        again = await engine.enqueue([text_row("due", ALICE, now)])

        report = await engine.dispatch()
        await engine.dispatch()

    assert (added, again) == (2, 0)
    assert report.sent == 1
    assert received(double, ALICE) == ["msg due"]
    assert await statuses(database, "due", "later") == {"due": "sent", "later": "pending"}


async def test_a_429_is_honoured_for_that_message_without_losing_it(
    database: Database, double: BotApiDouble
) -> None:
    await add_users(database, ALICE, BOB)
    double.fail_next("sendMessage", status=429, retry_after=1)
    async with telegram_bot(double) as bot:
        engine = engine_for(database, bot)
        await engine.enqueue([text_row("first", ALICE, utcnow())])
        before = utcnow()

        first = await engine.dispatch()
        async with database.uow() as uow:
            (row,) = await uow.deliveries.by_keys(["first"])
        await engine.enqueue([text_row("other", BOB, utcnow())])
        await engine.dispatch()
        assert received(double, ALICE) == []
        assert received(double, BOB) == ["msg other"]
        await asyncio.sleep(1.1)
        final = await _wait_until_sent(engine, database, "first")

    assert first.retried == 1
    assert row.status == "pending"
    assert row.due_at >= before + timedelta(seconds=0.9)
    assert row.last_error and "Flood control" in row.last_error
    assert final == {"first": "sent"}
    assert received(double, ALICE) == ["msg first"]


@pytest.mark.parametrize("status", [500, 502])
async def test_server_errors_are_retried_with_backoff(
    database: Database, double: BotApiDouble, status: int
) -> None:
    await add_users(database, ALICE)
    double.fail_next("sendMessage", status=status, times=2)
    async with telegram_bot(double) as bot:
        engine = engine_for(database, bot)
        await engine.enqueue([text_row("flaky", ALICE, utcnow())])

        final = await _wait_until_sent(engine, database, "flaky")

    async with database.uow() as uow:
        (row,) = await uow.deliveries.by_keys(["flaky"])
    assert final == {"flaky": "sent"}
    assert row.attempts == 3
    assert received(double, ALICE) == ["msg flaky"]


async def test_a_timeout_is_retried(database: Database, double: BotApiDouble) -> None:
    await add_users(database, ALICE)
    double.delay_next("sendMessage", 1.0)
    async with telegram_bot(double, read_timeout=0.3) as bot:
        engine = engine_for(database, bot)
        await engine.enqueue([text_row("slow", ALICE, utcnow())])

        first = await engine.dispatch()
        final = await _wait_until_sent(engine, database, "slow")

    assert first.retried == 1
    assert final == {"slow": "sent"}


async def test_retries_give_up_after_the_last_attempt(
    database: Database, double: BotApiDouble
) -> None:
    await add_users(database, ALICE)
    double.fail_next("sendMessage", status=500, times=10)
    async with telegram_bot(double) as bot:
        engine = engine_for(database, bot, max_attempts=3, backoff_first=0.05)
        await engine.enqueue([text_row("doomed", ALICE, utcnow())])

        final = await _wait_until_sent(engine, database, "doomed")

    assert final == {"doomed": "failed"}
    assert len(double.calls_to("sendMessage")) == 3


async def test_a_user_who_blocked_the_bot_gets_their_reminders_paused(
    database: Database, double: BotApiDouble
) -> None:
    await add_users(database, ALICE, BOB)
    async with database.uow() as uow:
        reminder = await uow.reminders.add(
            Reminder(user_id=ALICE, chat_id=ALICE, kind="daily", lead_days=[], active=True)
        )
    double.user(ALICE, "Alice").block()
    now = utcnow()
    async with telegram_bot(double) as bot:
        engine = engine_for(database, bot)
        await engine.enqueue(
            [
                text_row("a1", ALICE, now, reminder_id=reminder.id),
                text_row("a2", ALICE, now + timedelta(hours=1), reminder_id=reminder.id),
                text_row("b1", BOB, now),
            ]
        )

        report = await engine.dispatch()
        await engine.dispatch()

    assert report.blocked == 1 and report.sent == 1
    assert await statuses(database, "a1", "a2", "b1") == {
        "a1": "blocked",
        "a2": "blocked",
        "b1": "sent",
    }
    assert len(double.calls_to("sendMessage")) == 2
    async with database.uow() as uow:
        user = await uow.users.get(ALICE)
        (paused,) = await uow.reminders.for_user(ALICE)
    assert user.blocked_at is not None
    assert paused.active is False


async def test_a_bad_request_is_not_retried(database: Database, double: BotApiDouble) -> None:
    await add_users(database, ALICE)
    double.fail_next("sendMessage", status=400, description="Bad Request: chat not found")
    async with telegram_bot(double) as bot:
        engine = engine_for(database, bot)
        await engine.enqueue([text_row("lost", ALICE, utcnow())])

        report = await engine.dispatch()
        await engine.dispatch()

    assert report.failed == 1
    assert len(double.calls_to("sendMessage")) == 1


async def test_a_claim_takes_at_most_one_batch_oldest_first(database: Database) -> None:
    await add_users(database, ALICE)
    now = utcnow()
    async with database.uow() as uow:
        await uow.deliveries.add_many(
            [text_row(f"row-{n}", ALICE, now - timedelta(seconds=n)) for n in range(30)]
        )
        claimed = await uow.deliveries.claim_due("worker", now, limit=10)

    assert [row.key for row in claimed] == [f"row-{n}" for n in range(29, 19, -1)]
    async with database.uow() as uow:
        assert await uow.deliveries.counts() == {"claimed": 10, "pending": 20}
