"""Broadcasts on both engines: segments, one delivery per recipient whatever is pressed twice,
and progress counted from the delivery engine's results."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date

import pytest

from bot.services.broadcast import BroadcastService, StartOutcome, delivery_key
from bot.storage.models import ChecklistRun
from bot.storage.uow import Database
from tests.botapi.server import BotApiDouble
from tests.integration.delivery_support import engine_for, people, received, telegram_bot

ADMIN = 9000
FR, EN, CERTIFIED, EN_CHECKLIST, FR_DONE_CHECKLIST = 601, 602, 603, 604, 605


async def add_user(
    db: Database, user_id: int, language: str, *, certified_on: date | None = None
) -> None:
    async with db.uow() as uow:
        user = await uow.users.get_or_create(user_id, language, "Europe/Paris")
        user.certified_on = certified_on


async def add_run(db: Database, user_id: int, status: str) -> None:
    async with db.uow() as uow:
        uow.session.add(ChecklistRun(user_id=user_id, checklist_id="initial-audit", status=status))


@pytest.fixture
async def population(database: Database) -> Database:
    """Five users: French, English, certified, English with an open checklist, French whose
    only checklist is completed."""
    await add_user(database, FR, "fr")
    await add_user(database, EN, "en")
    await add_user(database, CERTIFIED, "fr", certified_on=date(2025, 3, 1))
    await add_user(database, EN_CHECKLIST, "en")
    await add_run(database, EN_CHECKLIST, "paused")
    await add_user(database, FR_DONE_CHECKLIST, "fr")
    await add_run(database, FR_DONE_CHECKLIST, "completed")
    return database


@pytest.fixture
async def double() -> AsyncIterator[BotApiDouble]:
    async with BotApiDouble() as server:
        yield server


async def queued_keys(db: Database, broadcast_id: int) -> list[str]:
    async with db.uow() as uow:
        rows = [
            row
            for user_id in (FR, EN, CERTIFIED, EN_CHECKLIST, FR_DONE_CHECKLIST)
            for row in await uow.deliveries.for_user(user_id)
        ]
    return sorted(row.key for row in rows if row.broadcast_id == broadcast_id)


async def test_a_draft_shows_how_many_users_each_segment_reaches(population: Database) -> None:
    draft = await BroadcastService(population).create(ADMIN, "Bonjour <b>à tous</b>")

    assert draft.status == "draft" and draft.segment == "all"
    assert draft.sizes == {"all": 5, "fr": 3, "en": 2, "certified": 1, "checklist": 1}
    assert draft.recipients == 5


async def test_confirming_queues_one_delivery_per_member_of_the_segment_once(
    population: Database,
) -> None:
    service = BroadcastService(population)
    draft = await service.create(ADMIN, "Hello")
    chosen = await service.choose_segment(draft.id, "en")
    assert chosen is not None and chosen.recipients == 2

    first, second = await asyncio.gather(service.start(draft.id), service.start(draft.id))
    again = await service.start(draft.id)

    assert sorted([first.outcome, second.outcome]) == [
        StartOutcome.NOT_A_DRAFT,
        StartOutcome.STARTED,
    ]
    assert max(first.queued, second.queued) == 2
    assert again.outcome is StartOutcome.NOT_A_DRAFT
    assert await queued_keys(population, draft.id) == [
        delivery_key(draft.id, EN),
        delivery_key(draft.id, EN_CHECKLIST),
    ]
    async with population.uow() as uow:
        [row] = await uow.deliveries.by_keys([delivery_key(draft.id, EN)])
    assert row.payload == {"kind": "text", "text": "Hello"}
    assert row.chat_id == EN and row.status == "pending"


async def test_segments_are_fixed_once_sending_and_cancelled_drafts_never_leave(
    population: Database,
) -> None:
    service = BroadcastService(population)
    draft = await service.create(ADMIN, "Rappel")

    assert await service.choose_segment(draft.id, "nobody-knows") is None
    assert await service.cancel(draft.id) is True
    assert await service.cancel(draft.id) is False
    assert await service.choose_segment(draft.id, "fr") is None
    assert (await service.start(draft.id)).outcome is StartOutcome.NOT_A_DRAFT
    assert await queued_keys(population, draft.id) == []
    assert (await service.start(404)).outcome is StartOutcome.NOT_A_DRAFT


async def test_an_empty_segment_keeps_the_draft_waiting(database: Database) -> None:
    await add_user(database, FR, "fr")
    service = BroadcastService(database)
    draft = await service.create(ADMIN, "Hello")
    await service.choose_segment(draft.id, "certified")

    assert (await service.start(draft.id)).outcome is StartOutcome.NOBODY
    assert (await service.draft(draft.id)).status == "draft"
    await service.choose_segment(draft.id, "all")
    assert (await service.start(draft.id)).outcome is StartOutcome.STARTED


async def test_progress_counts_delivered_blocked_and_failed_then_finishes_once(
    population: Database, double: BotApiDouble
) -> None:
    people(double, FR, CERTIFIED)
    double.user(CERTIFIED, f"User {CERTIFIED}").block()
    service = BroadcastService(population)
    draft = await service.create(ADMIN, "Nouveau guide disponible")
    await service.choose_segment(draft.id, "fr")
    await service.start(draft.id)
    [waiting] = await service.sending()
    assert (waiting.total, waiting.waiting, waiting.finished) == (3, 3, False)

    async with telegram_bot(double) as bot:
        await engine_for(population, bot).dispatch()

    progress = await service.progress(draft.id)
    assert (progress.delivered, progress.blocked, progress.failed) == (1, 1, 1)
    assert progress.finished, "the user unknown to Telegram failed, the one who blocked is out"
    assert received(double, FR) == ["Nouveau guide disponible"]
    assert await service.finish(draft.id) is True
    assert await service.finish(draft.id) is False
    assert await service.sending() == []
    finished = await service.draft(draft.id)
    assert finished is not None and finished.status == "done"
