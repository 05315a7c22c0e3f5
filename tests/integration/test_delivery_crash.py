"""kill -9 in the middle of a dispatch: nothing is lost, and only rows in flight are resent."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from datetime import timedelta

from bot.config import PROJECT_ROOT
from bot.storage.types import utcnow
from bot.storage.uow import Database
from tests.botapi.server import BotApiDouble
from tests.integration.delivery_support import (
    add_users,
    engine_for,
    people,
    telegram_bot,
    text_row,
)

USERS = list(range(20_000, 20_400))
RATE = 100.0
KILL_AFTER = 120


async def test_a_killed_dispatcher_loses_nothing_and_resends_only_what_was_in_flight(
    database_url: str, database: Database
) -> None:
    await add_users(database, *USERS)
    now = utcnow()
    async with database.uow() as uow:
        await uow.deliveries.add_many([text_row(f"k-{u}", u, now) for u in USERS])

    async with BotApiDouble() as double:
        people(double, *USERS)
        worker = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.integration.dispatch_worker",
            database_url,
            double.base_url,
            str(RATE),
            cwd=PROJECT_ROOT,
            stdout=asyncio.subprocess.PIPE,
        )
        await double.wait_for(
            lambda: len(double.calls_to("sendMessage")) >= KILL_AFTER,
            timeout=60,
            description=f"{KILL_AFTER} messages from the worker process",
        )
        os.kill(worker.pid, signal.SIGKILL)
        assert await worker.wait() == -signal.SIGKILL

        async with database.uow() as uow:
            at_kill = await uow.deliveries.counts()
        in_flight = at_kill.get("claimed", 0)
        assert at_kill.get("pending", 0) > 0, "the worker was killed mid-dispatch"

        async with telegram_bot(double) as bot:
            report = await engine_for(database, bot, lease=timedelta(0)).dispatch()

        delivered = Counter(m.text for u in USERS for m in double.messages(u))

    assert report.requeued == in_flight
    assert set(delivered) == {f"msg k-{u}" for u in USERS}, "no message lost"
    duplicates = sum(delivered.values()) - len(USERS)
    assert duplicates <= in_flight, "only rows in flight at the kill may be sent twice"
    async with database.uow() as uow:
        assert await uow.deliveries.counts() == {"sent": len(USERS)}
