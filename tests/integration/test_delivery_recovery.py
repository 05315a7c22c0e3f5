"""Crashes, downtime and concurrent dispatchers: nothing lost, nothing sent twice."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.services.delivery import DeliveryEngine, DeliveryPolicy
from bot.storage.models import Reminder
from bot.storage.types import utcnow
from bot.storage.uow import Database
from bot.telegram.sender import Rendered, TelegramSender
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

ALICE = 601
CROWD = list(range(10_000, 10_300))


@pytest.fixture
async def double() -> AsyncIterator[BotApiDouble]:
    async with BotApiDouble() as server:
        people(server, ALICE, *CROWD)
        yield server


async def _reminder(db: Database, user_id: int) -> int:
    async with db.uow() as uow:
        reminder = await uow.reminders.add(
            Reminder(user_id=user_id, chat_id=user_id, kind="daily", lead_days=[], active=True)
        )
        return reminder.id


async def test_rows_claimed_by_a_dead_dispatcher_are_sent_after_the_lease(
    database: Database, double: BotApiDouble
) -> None:
    await add_users(database, ALICE)
    now = utcnow()
    async with database.uow() as uow:
        await uow.deliveries.add_many([text_row("orphan", ALICE, now - timedelta(minutes=20))])
        await uow.deliveries.claim_due("dead-worker", now - timedelta(minutes=10), 10)
        await uow.deliveries.add_many([text_row("fresh-claim", ALICE, now - timedelta(minutes=1))])
        await uow.deliveries.claim_due("busy-worker", now, 10)

    async with telegram_bot(double) as bot:
        report = await engine_for(database, bot, lease=timedelta(minutes=5)).dispatch()

    assert report.requeued == 1
    assert received(double, ALICE) == ["msg orphan"]
    assert await statuses(database, "orphan", "fresh-claim") == {
        "orphan": "sent",
        "fresh-claim": "claimed",
    }


async def test_late_reminders_are_summarised_in_one_message_per_chat(
    database: Database, double: BotApiDouble
) -> None:
    await add_users(database, ALICE)
    reminder_id = await _reminder(database, ALICE)
    now = utcnow()
    late = [
        text_row(f"late-{days}", ALICE, now - timedelta(days=days), reminder_id=reminder_id)
        for days in (3, 2, 1)
    ]
    recent = text_row("recent", ALICE, now - timedelta(hours=1), reminder_id=reminder_id)
    broadcast = text_row("old-broadcast", ALICE, now - timedelta(days=2))
    async with telegram_bot(double) as bot:
        sender = TelegramSender(bot)
        sender.register("summary", lambda m: Rendered(f"missed {m.payload['count']}"))
        engine = DeliveryEngine(
            database, sender, policy=DeliveryPolicy(rate=None, grace=timedelta(hours=6))
        )
        await engine.enqueue([*late, recent, broadcast])

        report = await engine.dispatch()
        await engine.dispatch()

    assert report.summarised == 3
    assert sorted(received(double, ALICE)) == ["missed 3", "msg old-broadcast", "msg recent"]
    assert set((await statuses(database, "late-3", "late-2", "late-1")).values()) == {"summarised"}


async def test_two_dispatchers_on_one_database_never_send_the_same_row(
    database_url: str, database: Database, double: BotApiDouble
) -> None:
    await add_users(database, *CROWD)
    now = utcnow()
    await DeliveryEngine(database, TelegramSender(None)).enqueue(  # type: ignore[arg-type]
        [text_row(f"crowd-{user_id}", user_id, now) for user_id in CROWD]
    )
    second_database = Database(database_url)
    try:
        assert await second_database.ping()
        async with telegram_bot(double) as bot:
            first = engine_for(database, bot, batch_size=20, rate=300.0)
            second = engine_for(second_database, bot, batch_size=20, rate=300.0)
            reports = await asyncio.gather(first.dispatch(), second.dispatch())
    finally:
        await second_database.close()

    delivered = Counter(m.text for user_id in CROWD for m in double.messages(user_id))
    assert sum(delivered.values()) == len(CROWD)
    assert max(delivered.values()) == 1
    assert reports[0].sent + reports[1].sent == len(CROWD)
    assert reports[0].sent > 0 and reports[1].sent > 0
    async with database.uow() as uow:
        assert await uow.deliveries.counts() == {"sent": len(CROWD)}


async def test_a_restarted_dispatcher_sends_what_is_pending_and_nothing_twice(
    database_url: str, database: Database, double: BotApiDouble
) -> None:
    await add_users(database, ALICE)
    now = utcnow()
    async with telegram_bot(double) as bot:
        before = engine_for(database, bot)
        await before.enqueue(
            [text_row("before", ALICE, now), text_row("after", ALICE, now + timedelta(seconds=1))]
        )
        await before.dispatch()
    await database.close()

    await asyncio.sleep(1.1)
    restarted = Database(database_url)
    try:
        async with telegram_bot(double) as bot:
            engine = engine_for(restarted, bot)
            await engine.dispatch()
            await engine.dispatch()
    finally:
        await restarted.close()

    assert received(double, ALICE) == ["msg before", "msg after"]


async def test_stopping_the_bot_puts_unsent_rows_back_instead_of_waiting(
    database: Database, double: BotApiDouble
) -> None:
    await add_users(database, *CROWD)
    now = utcnow()
    async with telegram_bot(double) as bot:
        engine = engine_for(database, bot, rate=50.0, batch_size=50)
        await engine.enqueue([text_row(f"stop-{u}", u, now) for u in CROWD])
        running = True

        async def stop_soon() -> None:
            nonlocal running
            await double.wait_for(lambda: len(double.calls_to("sendMessage")) >= 20)
            running = False

        stopper = asyncio.create_task(stop_soon())
        report = await engine.dispatch(keep_going=lambda: running)
        await stopper
        sent_before_restart = len(double.calls_to("sendMessage"))

        assert report.released > 0
        assert report.sent + report.released == report.claimed
        async with database.uow() as uow:
            counts = await uow.deliveries.counts()
        assert counts == {"sent": report.sent, "pending": len(CROWD) - report.sent}

        await engine_for(database, bot).dispatch()

    assert sent_before_restart < len(CROWD)
    delivered = Counter(m.text for user_id in CROWD for m in double.messages(user_id))
    assert len(delivered) == len(CROWD) and max(delivered.values()) == 1
