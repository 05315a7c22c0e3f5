"""``/reminders`` end to end: setting everything up in Telegram, the reminders arriving,
``/calendar``, a restart, and a user who blocked the bot."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import update

from bot.storage.models import Delivery
from bot.storage.types import utcnow
from bot.telegram.delivery import DISPATCH_EVERY
from tests.botapi import BotApiDouble, FakeUser
from tests.e2e.conftest import BotFactory, RunningBot

pytestmark = pytest.mark.e2e
DELIVERY_WAIT = 10.0


async def ask(user: FakeUser, text: str):
    await user.send(text)
    return (await user.wait_reply())[-1]


async def press(double: BotApiDouble, user: FakeUser, message, button: str, until) -> None:
    query = await user.press(message, button)
    await user.wait_answer(query)
    await double.wait_for(until, description=f"the effect of pressing {button!r}")


async def type_answer(user: FakeUser, text: str, replies: int = 1):
    await user.send(text)
    return await user.wait_reply(replies)


async def set_certification(double: BotApiDouble, user: FakeUser, typed: str, lang: str = "fr"):
    overview = await ask(user, "/reminders")
    label = (
        "📅 Donner ma date de certification" if lang == "fr" else "📅 Give my certification date"
    )
    await press(double, user, overview, label, lambda: "15/01/2026" in overview.text)
    confirmation, home = await type_answer(user, typed, replies=2)
    return confirmation, home


async def due_now(bot: RunningBot, user_id: int, prefix: str) -> str:
    """Move the earliest pending delivery of the user whose key starts with ``prefix`` to now."""
    async with bot.services.db.uow() as uow:
        rows = await uow.deliveries.for_user(user_id)
        row = next(r for r in rows if r.status == "pending" and r.key.startswith(prefix))
        await uow.session.execute(
            update(Delivery)
            .where(Delivery.id == row.id)
            .values(due_at=utcnow() - timedelta(seconds=1))
        )
        return row.key


async def wait_status(bot: RunningBot, key: str, status: str) -> None:
    """Wait until the delivery ``key`` has ``status`` (results are recorded just after sends)."""
    for _ in range(50):
        async with bot.services.db.uow() as uow:
            [row] = await uow.deliveries.by_keys([key])
        if row.status == status:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{key} stayed {row.status}, expected {status}")


async def test_a_user_sets_up_milestone_reminders_from_telegram(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    alice = double.user(3001, "Alice", language_code="fr")
    overview = await ask(alice, "/reminders")
    assert overview.text.startswith("⏰ Vos rappels")
    await press(
        double,
        alice,
        overview,
        "📅 Donner ma date de certification",
        lambda: "15/01/2026" in overview.text,
    )

    [refusal] = await type_answer(alice, "31/02/2026")
    assert "n'existe pas" in refusal.text
    [refusal] = await type_answer(alice, "15/01/2021")
    assert "a expiré le 15 janvier 2024" in refusal.text
    confirmation, home = await type_answer(alice, "15 janvier 2026", replies=2)

    assert "certificat obtenu le 15 janvier 2026" in confirmation.text
    assert "Fenêtre de l'audit de surveillance" in home.text
    assert "90 jours avant, 30 jours avant, 7 jours avant et 1 jour avant, à 09:00" in home.text
    async with running_bot.services.db.uow() as uow:
        keys = [row.key for row in await uow.deliveries.for_user(alice.id)]
    assert any(":surveillance-window:start:2027-03-15:30" in key for key in keys)
    assert any(":certificate-expiry:start:2029-01-15:90" in key for key in keys)

    await press(double, alice, home, "🔔 Délais de rappel", lambda: "Délais de rappel" in home.text)
    await press(
        double, alice, home, "▫️ 14 jours avant", lambda: "✅ 14 jours avant" in home.button_texts
    )
    await press(
        double, alice, home, "✅ 90 jours avant", lambda: "▫️ 90 jours avant" in home.button_texts
    )
    await press(double, alice, home, "⬅ Retour", lambda: "Vos rappels" in home.text)
    assert "30 jours avant, 14 jours avant, 7 jours avant et 1 jour avant" in home.text
    async with running_bot.services.db.uow() as uow:
        keys = [
            row.key for row in await uow.deliveries.for_user(alice.id) if row.status == "pending"
        ]
    assert not any(key.endswith(":90") for key in keys)
    assert any(key.endswith(":14") for key in keys)


async def test_daily_and_monthly_reminders_are_chosen_with_buttons(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    bob = double.user(3002, "Bob", language_code="en")
    overview = await ask(bob, "/reminders")
    await press(double, bob, overview, "📆 Monthly reminder", lambda: "Now: off." in overview.text)
    await press(double, bob, overview, "🔔 Turn on", lambda: "Now: on, at 09:00." in overview.text)
    await press(
        double, bob, overview, "Last day", lambda: "the last day of the month" in overview.text
    )
    await press(double, bob, overview, "Tip of the day", lambda: "tip of the day" in overview.text)
    await press(double, bob, overview, "🕘 Time of day", lambda: "18:00" in overview.button_texts)
    await press(double, bob, overview, "⌨️ Other time", lambda: "Type a time" in overview.text)
    [refusal] = await type_answer(bob, "25:99")
    assert "I don't recognise this time" in refusal.text
    confirmation, home = await type_answer(bob, "7h45", replies=2)
    assert confirmation.text == "Noted: 07:45."
    assert "📆 Monthly reminder on the last day of the month at 07:45: tip of the day" in home.text

    async with running_bot.services.db.uow() as uow:
        [row] = [r for r in await uow.deliveries.for_user(bob.id) if r.status == "pending"]
        [reminder] = await uow.reminders.for_user(bob.id)
    assert row.key.startswith(f"rem:{reminder.id}:")
    local_day = date.fromisoformat(row.key.rsplit(":", 1)[1])
    assert (local_day + timedelta(days=1)).day == 1, "the last day of its month"


async def test_a_due_reminder_arrives_with_its_milestone(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    carol = double.user(3003, "Carol", language_code="en")
    await set_certification(double, carol, "January 15, 2026", lang="en")

    key = await due_now(running_bot, carol.id, "ms:")
    reminder = await double.wait_for(
        lambda: [m for m in double.messages(carol.id) if m.text.startswith("🔔")],
        timeout=DELIVERY_WAIT,
        description="the milestone reminder",
    )

    assert "Source:" in reminder[0].text
    assert reminder[0].button_texts == ["⚙️ My reminders"]
    await wait_status(running_bot, key, "sent")


async def test_calendar_sends_an_ics_file(double: BotApiDouble, running_bot: RunningBot) -> None:
    dan = double.user(3004, "Dan", language_code="fr")
    [hint] = await type_answer(dan, "/calendar")
    assert "date de certification" in hint.text
    await set_certification(double, dan, "2026-01-15")

    await dan.send("/calendar")
    [document] = await dan.wait_reply()

    assert document.file is not None and document.file.filename == "etapes-qualiopi.ics"
    events = Calendar.from_ical(document.file.content).walk("VEVENT")
    summaries = {str(event["summary"]) for event in events}
    assert "Fenêtre de l'audit de surveillance" in summaries
    assert "Échéance du certificat Qualiopi" in summaries


async def test_reminders_survive_a_restart_and_none_is_sent_twice(
    double: BotApiDouble, bot_factory: BotFactory
) -> None:
    bot = await bot_factory.start()
    erin = double.user(3005, "Erin", language_code="en")
    await set_certification(double, erin, "2026-01-15", lang="en")
    first = await due_now(bot, erin.id, "ms:")
    await wait_status(bot, first, "sent")

    restarted = await bot_factory.restart(bot)
    second = await due_now(restarted, erin.id, "ms:")
    await wait_status(restarted, second, "sent")
    await asyncio.sleep(2 * DISPATCH_EVERY)

    assert sum(m.text.startswith("🔔") for m in double.messages(erin.id)) == 2
    async with restarted.services.db.uow() as uow:
        assert (await uow.deliveries.counts())["sent"] == 2


async def test_a_user_who_blocked_the_bot_finds_reminders_paused(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    fay = double.user(3006, "Fay", language_code="fr")
    await set_certification(double, fay, "15/01/2026")
    fay.block()
    key = await due_now(running_bot, fay.id, "ms:")
    await double.wait_for(
        lambda: any(c.status == 403 for c in double.calls_to("sendMessage")),
        timeout=DELIVERY_WAIT,
    )
    await wait_status(running_bot, key, "blocked")
    fay.unblock()

    overview = await ask(fay, "/reminders")
    assert "le bot était bloqué" in overview.text
    await press(double, fay, overview, "▶️ Reprendre", lambda: "bloqué" not in overview.text)
    async with running_bot.services.db.uow() as uow:
        [row] = await uow.deliveries.by_keys([key])
        [reminder] = await uow.reminders.for_user(fay.id)
    assert row.status == "blocked"
    assert reminder.active is True
