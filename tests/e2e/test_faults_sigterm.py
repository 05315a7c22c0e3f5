"""SIGTERM in the middle of a reminder burst: the process stops promptly, nothing it claimed
stays stuck, and the next process sends the rest, each reminder exactly once."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from bot.storage.repositories.deliveries import NewDelivery
from bot.storage.types import utcnow
from bot.storage.uow import Database
from tests.botapi import BotApiDouble
from tests.e2e.botprocess import bot_processes

pytestmark = [pytest.mark.e2e, pytest.mark.heavy]
CHATS = 60
MESSAGES = 180
STOP_WITHIN = 10.0


def reminders_sent(double: BotApiDouble) -> Counter[str]:
    return Counter(
        call.params["text"]
        for call in double.calls_to("sendMessage")
        if call.status == 200 and str(call.params.get("text", "")).startswith("Rappel")
    )


async def statuses(db: Database) -> dict[str, int]:
    async with db.uow() as uow:
        return await uow.deliveries.counts()


async def test_sigterm_during_a_reminder_burst_loses_nothing_and_repeats_nothing(
    double: BotApiDouble, sqlite_url: str, tmp_path: Path
) -> None:
    db = Database(sqlite_url)
    await db.upgrade()
    people = [double.user(7000 + n, f"P{n}", language_code="fr") for n in range(CHATS)]
    async with db.uow() as uow:
        for person in people:
            await uow.users.get_or_create(person.id, "fr", "Europe/Paris")
        await uow.deliveries.add_many(
            NewDelivery(
                key=f"burst:{n}",
                user_id=people[n % CHATS].id,
                chat_id=people[n % CHATS].chat_id,
                due_at=utcnow() - timedelta(seconds=1),
                payload={"text": f"Rappel {n}"},
            )
            for n in range(MESSAGES)
        )
    for person in people:
        double.api.private_chat(person.local.identity)
    double.limit_rate("sendMessage", per_second=40)

    async with bot_processes(double, sqlite_url, tmp_path, QUALIBOT_SEND_RATE="40") as [bot]:
        await double.wait_for(lambda: sum(reminders_sent(double).values()) >= 20, timeout=20)
        bot.terminate()
        assert await asyncio.wait_for(bot.finish(), STOP_WITHIN) == 0
    first_run = reminders_sent(double)
    after_stop = await statuses(db)
    assert 20 <= sum(first_run.values()) < MESSAGES, "stopped in the middle of the burst"
    assert set(after_stop) <= {"sent", "pending"}, "nothing left claimed by the stopped bot"
    assert after_stop["sent"] == sum(first_run.values())

    async with bot_processes(double, sqlite_url, tmp_path, QUALIBOT_SEND_RATE="40") as [again]:
        await double.wait_for(lambda: len(reminders_sent(double)) == MESSAGES, timeout=25)
        await asyncio.sleep(2.5)  # one more dispatcher turn
        assert await again.stop() == 0
    assert set(reminders_sent(double).values()) == {1}, "each reminder exactly once"
    assert await statuses(db) == {"sent": MESSAGES}
    await db.close()
