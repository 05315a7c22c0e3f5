"""Dispatch benchmark: 10,000 due reminders sent to the Bot API double over HTTP.

Run 1 lifts the rate limit (messages per second achieved); run 2 applies 30 messages per
second as production does (python-telegram-bot's AIORateLimiter plus the engine's limiter)
and prints the share of the configured rate achieved (target >= 95 %). Both print
duplicates and losses (target 0). Each reminder goes to its own user, with its content
prepared and rendered as in production (next milestone, checklists).

Usage: ``python -m bench.dispatch [--count N] [--rate R] [--database-url URL]``
(default: 10,000 reminders, 30/s, a temporary SQLite file). Prints figures; not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from bot.services.delivery import DeliveryEngine, DeliveryPolicy
from bot.services.knowledge import KnowledgeHolder
from bot.services.reminder_content import ReminderContent
from bot.services.reminder_plan import RECURRING_KIND, recurring_key
from bot.storage.models import Reminder, User
from bot.storage.repositories.deliveries import NewDelivery
from bot.storage.types import utcnow
from bot.storage.uow import Database
from bot.telegram.render.reminder_messages import RENDERERS
from bot.telegram.sender import TelegramSender
from tests.botapi.server import TEST_TOKEN, BotApiDouble

KNOWLEDGE_DIR = Path(__file__).resolve().parents[1] / "knowledge"
INSERT_CHUNK = 1000


async def seed(db: Database, user_ids: list[int]) -> None:
    """One user, one daily reminder and one due occurrence per id."""
    now = utcnow()
    today = now.date()
    for first in range(0, len(user_ids), INSERT_CHUNK):
        chunk = user_ids[first : first + INSERT_CHUNK]
        async with db.uow() as uow:
            uow.session.add_all(
                User(
                    id=user_id,
                    language="fr" if user_id % 2 else "en",
                    timezone="Europe/Paris",
                    action_categories=[],
                    situations=[],
                    certified_on=date(2026, 1, 15),
                    created_at=now,
                    last_seen_at=now,
                )
                for user_id in chunk
            )
            await uow.session.flush()
            reminders = [
                Reminder(user_id=user_id, chat_id=user_id, kind="daily", lead_days=[])
                for user_id in chunk
            ]
            uow.session.add_all(reminders)
            await uow.session.flush()
            await uow.deliveries.add_many(
                NewDelivery(
                    key=recurring_key(reminder.id, today),
                    user_id=reminder.user_id,
                    chat_id=reminder.chat_id,
                    reminder_id=reminder.id,
                    due_at=now,
                    payload={"kind": RECURRING_KIND, "reminder": "daily", "content": "next"},
                )
                for reminder in reminders
            )


async def run(
    label: str,
    database_url: str,
    double: BotApiDouble,
    knowledge: KnowledgeHolder,
    user_ids: list[int],
    rate: float | None,
) -> None:
    """Seed, dispatch everything, and print the figures of one run."""
    db = Database(database_url)
    await db.upgrade()
    await seed(db, user_ids)
    for user_id in user_ids:
        double.api.private_chat(double.api.user(user_id, f"User {user_id}").identity)
    limiter = AIORateLimiter(overall_max_rate=rate, max_retries=3) if rate else None
    bot = ExtBot(
        TEST_TOKEN,
        base_url=double.base_url,
        request=HTTPXRequest(connection_pool_size=32),
        rate_limiter=limiter,
    )
    content = ReminderContent(db, knowledge)
    engine = DeliveryEngine(
        db, TelegramSender(bot, RENDERERS), policy=DeliveryPolicy(rate=rate, concurrency=16)
    )
    for kind in content.kinds:
        engine.register_preparer(kind, content)
    async with bot:
        started = time.perf_counter()
        report = await engine.dispatch()
        elapsed = time.perf_counter() - started
    async with db.uow() as uow:
        counts = await uow.deliveries.counts()
    await db.close()

    per_chat = Counter({u: len(double.messages(u)) for u in user_ids})
    duplicates = sum(n - 1 for n in per_chat.values() if n > 1)
    losses = sum(1 for n in per_chat.values() if n == 0)
    achieved = len(user_ids) / elapsed
    print(f"\n{label}: {len(user_ids)} reminders in {elapsed:.1f} s")
    print(f"  messages per second achieved: {achieved:.1f}")
    if rate:
        print(
            f"  configured rate: {rate:g}/s, share achieved: {achieved / rate:.1%} (target >= 95%)"
        )
    print(f"  duplicates: {duplicates}, losses: {losses} (target 0)")
    print(f"  engine report: {report}")
    print(f"  rows by status: {dict(sorted(counts.items()))}")


async def main(count: int, rate: float, database_url: str | None) -> None:
    knowledge = KnowledgeHolder(KNOWLEDGE_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        urls = [
            database_url or f"sqlite+aiosqlite:///{Path(tmp) / f'bench-{n}.sqlite3'}"
            for n in (1, 2)
        ]
        async with BotApiDouble() as double:
            first_ids = list(range(1_000_000, 1_000_000 + count))
            second_ids = list(range(2_000_000, 2_000_000 + count))
            print(f"database: {'given URL' if database_url else 'temporary SQLite files'}")
            await run("rate limit lifted", urls[0], double, knowledge, first_ids, None)
            await run(f"at {rate:g} messages/second", urls[1], double, knowledge, second_ids, rate)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=30.0)
    parser.add_argument("--database-url", default=None, help="an empty database (default: SQLite)")
    options = parser.parse_args()
    asyncio.run(main(options.count, options.rate, options.database_url))
