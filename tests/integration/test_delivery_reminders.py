"""Reminders from settings to messages: daylight saving, month ends, downtime, restarts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, time
from zoneinfo import ZoneInfo

import pytest

from bot.config import PROJECT_ROOT
from bot.services.delivery import DeliveryEngine, DeliveryPolicy
from bot.services.knowledge import KnowledgeHolder
from bot.services.reminders import ReminderService
from bot.storage.models import Delivery
from bot.storage.uow import Database
from bot.telegram.render.reminder_messages import RENDERERS
from bot.telegram.sender import TelegramSender
from tests.botapi.server import BotApiDouble
from tests.integration.delivery_support import (
    FakeClock,
    add_users,
    people,
    received,
    telegram_bot,
    utc,
)

PARIS = ZoneInfo("Europe/Paris")
USER = 701


@pytest.fixture(scope="module")
def knowledge() -> KnowledgeHolder:
    return KnowledgeHolder(PROJECT_ROOT / "knowledge")


@dataclass
class Setup:
    db: Database
    clock: FakeClock
    reminders: ReminderService
    engine: DeliveryEngine
    double: BotApiDouble

    async def tick(self) -> None:
        """What the dispatcher job does every few seconds."""
        await self.reminders.materialise(force=True)
        await self.engine.dispatch()

    async def rows(self) -> list[Delivery]:
        async with self.db.uow() as uow:
            return await uow.deliveries.for_user(USER)

    async def pending(self) -> list[Delivery]:
        return [row for row in await self.rows() if row.status == "pending"]


@pytest.fixture
async def setup(database: Database, knowledge: KnowledgeHolder) -> AsyncIterator[Setup]:
    clock = FakeClock(utc(2027, 3, 26, 12))
    await add_users(database, USER, language="en")
    async with BotApiDouble() as double, telegram_bot(double) as bot:
        people(double, USER)
        reminders = ReminderService(database, knowledge, clock=clock)
        engine = DeliveryEngine(
            database,
            TelegramSender(bot, RENDERERS),
            policy=DeliveryPolicy(rate=None),
            clock=clock,
        )
        for kind in reminders.content.kinds:
            engine.register_preparer(kind, reminders.content)
        yield Setup(database, clock, reminders, engine, double)


async def test_a_daily_reminder_fires_at_nine_paris_time_on_both_sides_of_the_change(
    setup: Setup,
) -> None:
    await setup.reminders.subscribe(USER, USER, "daily", at=time(9, 0))
    fired = []
    for _ in range(4):
        [row] = await setup.pending()
        setup.clock.now = row.due_at
        await setup.tick()
        fired.append(row.due_at)

    assert [instant.astimezone(PARIS).time() for instant in fired] == [time(9, 0)] * 4
    assert [instant.hour for instant in fired] == [8, 7, 7, 7]
    assert [instant.astimezone(PARIS).date() for instant in fired] == [
        date(2027, 3, 27),
        date(2027, 3, 28),
        date(2027, 3, 29),
        date(2027, 3, 30),
    ]
    assert len(received(setup.double, USER)) == 4
    assert all(text.startswith("📨 Your daily reminder") for text in received(setup.double, USER))


async def test_a_monthly_reminder_on_the_31st_fires_on_the_last_day_of_shorter_months(
    setup: Setup,
) -> None:
    setup.clock.now = utc(2027, 1, 31, 12)
    await setup.reminders.subscribe(USER, USER, "monthly", at=time(9, 0), day_of_month=31)
    days = []
    for _ in range(3):
        [row] = await setup.pending()
        setup.clock.now = row.due_at
        await setup.tick()
        days.append(row.due_at.astimezone(PARIS).date())

    assert days == [date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]


async def test_after_a_downtime_recent_reminders_are_sent_and_older_ones_summarised(
    setup: Setup,
) -> None:
    await setup.reminders.subscribe(USER, USER, "daily", at=time(9, 0), content="tip")
    setup.clock.now = utc(2027, 3, 30, 9, 30)

    await setup.tick()

    texts = received(setup.double, USER)
    assert len(texts) == 2
    summary = next(text for text in texts if text.startswith("🕒"))
    assert "3 reminder(s) could not be sent on time" in summary
    assert "daily reminder of 27 March 2027" in summary
    assert any(text.startswith("💡 Tip of the day") for text in texts)
    statuses = sorted(row.status for row in await setup.rows())
    assert statuses == ["pending", "sent", "sent", "summarised", "summarised", "summarised"]


async def test_planning_again_after_a_restart_creates_nothing_twice(
    setup: Setup, knowledge: KnowledgeHolder
) -> None:
    setup.clock.now = utc(2026, 11, 28, 10)
    await setup.reminders.set_certification(USER, USER, date(2026, 1, 15))
    await setup.reminders.subscribe(USER, USER, "daily")
    before = sorted(row.key for row in await setup.rows())

    restarted = ReminderService(setup.db, knowledge, clock=setup.clock)
    await restarted.materialise(force=True)
    await restarted.refresh_milestones(USER)
    await restarted.set_certification(USER, USER, date(2026, 1, 15))

    assert sorted(row.key for row in await setup.rows()) == before
    assert len(before) == len(set(before))


async def test_milestone_reminders_use_the_chosen_lead_times_and_time_of_day(
    setup: Setup,
) -> None:
    setup.clock.now = utc(2026, 11, 28, 10)
    await setup.reminders.set_certification(USER, USER, date(2026, 1, 15))
    await setup.reminders.set_milestone_time(USER, USER, time(8, 30))

    rows = {row.key.split(":", 2)[2]: row for row in await setup.pending()}

    window_30 = rows["surveillance-window:start:2027-03-15:30"]
    assert window_30.due_at.astimezone(PARIS) == utc(2027, 2, 13, 7, 30).astimezone(PARIS)
    assert window_30.due_at.astimezone(PARIS).time() == time(8, 30)
    assert "surveillance-window:end:2027-11-15:7" in rows
    assert "certificate-expiry:start:2029-01-15:1" in rows
    assert all(row.due_at > setup.clock.now for row in rows.values())


async def test_a_milestone_reminder_made_obsolete_is_skipped_not_sent(setup: Setup) -> None:
    setup.clock.now = utc(2026, 11, 28, 10)
    await setup.reminders.set_certification(USER, USER, date(2026, 1, 15))
    cycle_rows = [row for row in await setup.pending() if "surveillance-window" in row.key]
    first = min(cycle_rows, key=lambda row: row.due_at)
    async with setup.db.uow() as uow:
        user = await uow.users.get(USER)
        user.certified_on = date(2026, 2, 20)
        row = await uow.session.get(Delivery, first.id)
        row.due_at = setup.clock.now

    await setup.engine.dispatch()

    assert received(setup.double, USER) == []
    async with setup.db.uow() as uow:
        [row] = await uow.deliveries.by_keys([first.key])
    assert row.status == "skipped"


async def test_a_held_surveillance_audit_stops_its_reminders(setup: Setup) -> None:
    setup.clock.now = utc(2027, 5, 1, 10)
    await setup.reminders.set_certification(USER, USER, date(2026, 1, 15))
    assert any("surveillance-window" in row.key for row in await setup.pending())

    await setup.reminders.set_surveillance_audit(USER, date(2027, 4, 20))

    pending = [row.key for row in await setup.pending()]
    assert not any("surveillance" in key for key in pending)
    assert any("renewal-audit" in key for key in pending)


async def test_pausing_drops_pending_occurrences_and_resuming_plans_them_again(
    setup: Setup,
) -> None:
    setup.clock.now = utc(2026, 11, 28, 10)
    await setup.reminders.set_certification(USER, USER, date(2026, 1, 15))
    planned = len(await setup.pending())

    paused = await setup.reminders.set_active(USER, False)
    assert paused.paused and await setup.pending() == []

    resumed = await setup.reminders.set_active(USER, True)
    assert not resumed.paused and len(await setup.pending()) == planned
