"""PostgreSQL restarted, or down for a while, under a running bot.

The bot recovers by itself (no restart of its own), keeps every answer it acknowledged, and
handles the updates that arrived while the database was down once it is back, without an
apology; reminders due during the outage go out once it is over, each exactly once.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.storage.models import ChecklistAnswer, Question
from bot.storage.repositories.deliveries import NewDelivery
from bot.storage.types import utcnow
from tests.botapi import TEST_TOKEN, BotApiDouble
from tests.e2e.checklist_steps import open_from_list, press_and_see
from tests.e2e.conftest import BotFactory, RunningBot
from tests.pgserver import PostgresServer

pytestmark = [pytest.mark.postgres, pytest.mark.heavy]
REPO_ROOT = Path(__file__).resolve().parents[2]
APOLOGY = "Désolé, quelque chose s'est mal passé"
QUESTION = "Quelle est la date limite pour envoyer le BPF ?"


@pytest.fixture
async def double() -> AsyncIterator[BotApiDouble]:
    async with BotApiDouble(TEST_TOKEN) as api_double:
        yield api_double


@pytest.fixture
async def bot(double: BotApiDouble, pg_url: str) -> AsyncIterator[RunningBot]:
    settings = Settings(
        token=TEST_TOKEN,
        api_base_url=double.base_url,
        database_url=pg_url,
        knowledge_dir=REPO_ROOT / "knowledge",
    )
    factory = BotFactory(settings)
    yield await factory.start()
    await factory.stop_all()
    assert factory.unexpected_errors() == []


async def set_profile(bot: RunningBot, user_id: int) -> None:
    async with bot.services.db.uow() as uow:
        user = await uow.users.get_or_create(user_id, "fr", "Europe/Paris")
        user.action_categories = ["training"]
        user.situations = []
        user.profile_done = True


async def test_a_restart_loses_no_acknowledged_answer_and_needs_no_bot_restart(
    double: BotApiDouble, bot: RunningBot, pg_server: PostgresServer
) -> None:
    await set_profile(bot, 6001)
    alice = double.user(6001, "Alice", language_code="fr")
    step = await open_from_list(double, alice, "▶ 4.")
    await press_and_see(double, alice, step, "✅ Oui", "2/17")

    await asyncio.to_thread(pg_server.restart)

    await press_and_see(double, alice, step, "❌ Non", "3/17")
    async with bot.services.db.uow() as uow:
        answers = await uow.session.scalars(select(ChecklistAnswer.value))
        assert sorted(answers) == ["no", "yes"]
    assert (await bot.services.db.ping()) is True


async def test_updates_arriving_while_the_database_is_down_are_handled_when_it_is_back(
    double: BotApiDouble, bot: RunningBot, pg_server: PostgresServer
) -> None:
    alice = double.user(6002, "Alice", language_code="fr")
    await alice.send("/start")
    await alice.wait_reply(timeout=10)
    bob = double.user(6003, "Bob", language_code="en")
    rows = [
        NewDelivery(
            key=f"outage:{n}",
            user_id=alice.id,
            chat_id=alice.chat_id,
            due_at=utcnow() + timedelta(seconds=1),
            payload={"text": f"Rappel {n}"},
        )
        for n in range(3)
    ]
    async with bot.services.db.uow() as uow:
        await uow.deliveries.add_many(rows)

    await asyncio.to_thread(pg_server.stop)
    try:
        await alice.send(QUESTION)
        await bob.send("/start")
        await double.wait_for(
            lambda: not double.api.updates.pending, timeout=10, description="updates taken"
        )
        await asyncio.sleep(2.0)  # the reminders fall due while the database is down
        assert not [m for m in double.messages(bob.chat_id)], "nothing can be answered yet"
    finally:
        await asyncio.to_thread(pg_server.start)

    [answer] = await alice.wait_reply(timeout=20)
    assert answer.text.startswith("Le bilan pédagogique et financier (BPF)")
    [welcome] = await bob.wait_reply(timeout=20)
    assert welcome.text.startswith("Hello Bob")
    reminders = await double.wait_for(
        lambda: (
            len(sent := [m for m in double.messages(alice.chat_id) if "Rappel" in m.text]) == 3
            and sent
        ),
        timeout=20,
        description="the three reminders",
    )
    await asyncio.sleep(2.5)  # another dispatcher turn: nothing may be sent again
    assert Counter(m.text for m in reminders) == {f"Rappel {n}": 1 for n in range(3)}
    assert not [m for m in double.messages(alice.chat_id) if m.text.startswith(APOLOGY)]
    async with bot.services.db.uow() as uow:
        logged = (await uow.session.scalars(select(Question))).all()
        assert [q.entry_id for q in logged] == ["bpf"]
        assert (await uow.deliveries.counts()).get("sent") == 3
