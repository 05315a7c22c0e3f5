"""What users type for ``/reminders``: dates, a time of day, a day of the month, a time zone.

Each prompt stores ``users.awaiting`` (``rem_date``, ``rem_audit``, ``rem_time:<target>``,
``rem_day``, ``rem_zone``), so a restart between the question and the answer loses nothing.
A bad answer gets a clear message and the prompt stays open; ``/cancel`` closes it.
"""

from __future__ import annotations

from telegram import Update

from bot.core.dates import DateError, parse_user_date
from bot.core.milestones.compute import BEFORE_WINDOW, SURVEILLANCE_WINDOW, certificate_expiry
from bot.core.schedule import LAST_DAY, parse_time_of_day
from bot.services.reminder_views import ReminderError
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import reply
from bot.telegram.handlers.inputs import PendingInput, register_input
from bot.telegram.handlers.reminder_screens import send_home, send_recurring
from bot.telegram.i18n import t
from bot.telegram.render.reminder_words import clock
from bot.telegram.render.text import escape, format_date

DATE_INPUT = "rem_date"
AUDIT_INPUT = "rem_audit"
TIME_INPUT = "rem_time"
DAY_INPUT = "rem_day"
ZONE_INPUT = "rem_zone"
TIME_TARGETS = ("ms", "daily", "monthly")
LAST_DAY_WORDS = ("last", "dernier", "derniere", "dernière", "fin", "-1")


async def _done(update: Update, context: BotContext, pending: PendingInput, html: str) -> None:
    """Close the prompt, confirm, and show the overview again."""
    await context.services.users.set_awaiting(pending.user.id, None)
    await reply(update, html)
    await send_home(update, context, pending.user)


async def on_date(update: Update, context: BotContext, pending: PendingInput) -> None:
    """The certification date: parsed, checked, stored, and milestones planned."""
    user, reminders = pending.user, context.services.reminders
    settings = await reminders.settings(user.id)
    today = reminders.today(settings) if settings else reminders.clock().date()
    parsed = parse_user_date(pending.text, today)
    if isinstance(parsed, DateError):
        await reply(update, t(user.language, f"reminders.date_{parsed.reason}"))
        return
    chat_id = update.effective_chat.id if update.effective_chat else user.id
    try:
        await reminders.set_certification(user.id, chat_id, parsed)
    except ReminderError:
        expiry = certificate_expiry(reminders.rules, parsed) or parsed
        text = t(
            user.language,
            "reminders.date_expired",
            date=escape(format_date(parsed, user.language)),
            expiry=escape(format_date(expiry, user.language)),
        )
        await reply(update, text)
        return
    saved = t(
        user.language, "reminders.date_saved", date=escape(format_date(parsed, user.language))
    )
    await _done(update, context, pending, saved)


async def on_audit(update: Update, context: BotContext, pending: PendingInput) -> None:
    """The date the surveillance audit was held."""
    user, reminders = pending.user, context.services.reminders
    settings = await reminders.settings(user.id)
    if settings is None or settings.certified_on is None:
        await context.services.users.set_awaiting(user.id, None)
        await reply(update, t(user.language, "reminders.audit_no_date"))
        return
    parsed = parse_user_date(pending.text, reminders.today(settings))
    if isinstance(parsed, DateError):
        await reply(update, t(user.language, f"reminders.date_{parsed.reason}"))
        return
    try:
        await reminders.set_surveillance_audit(user.id, parsed)
    except ReminderError as error:
        shown = settings.certified_on
        if error.reason == BEFORE_WINDOW:
            window = {m.id: m for m in reminders.schedule(settings)}.get(SURVEILLANCE_WINDOW)
            shown = window.start if window else shown
        when = escape(format_date(shown, user.language))
        await reply(update, t(user.language, f"reminders.audit_{error.reason}", date=when))
        return
    held = escape(format_date(parsed, user.language))
    await _done(update, context, pending, t(user.language, "reminders.audit_saved", date=held))


async def on_time(update: Update, context: BotContext, pending: PendingInput) -> None:
    """A time of day for milestone reminders or the daily/monthly reminder."""
    user = pending.user
    at = parse_time_of_day(pending.text)
    target = pending.args[0] if pending.args else "ms"
    if at is None or target not in TIME_TARGETS:
        await reply(update, t(user.language, "reminders.time_invalid"))
        return
    chat_id = update.effective_chat.id if update.effective_chat else user.id
    reminders = context.services.reminders
    if target == "ms":
        await reminders.set_milestone_time(user.id, chat_id, at)
    else:
        await reminders.subscribe(user.id, chat_id, target, at=at)
    await _done(update, context, pending, t(user.language, "reminders.time_saved", time=clock(at)))


def parse_day_of_month(text: str) -> int | None:
    """``1``–``31``, or ``last``/``dernier`` for the last day (-1); None otherwise."""
    cleaned = text.strip().lower().removeprefix("le ").strip()
    if cleaned in LAST_DAY_WORDS:
        return LAST_DAY
    if cleaned.isdigit() and 1 <= int(cleaned) <= 31:
        return int(cleaned)
    return None


async def on_day(update: Update, context: BotContext, pending: PendingInput) -> None:
    """The day of the month of the monthly reminder."""
    user = pending.user
    day = parse_day_of_month(pending.text)
    if day is None:
        await reply(update, t(user.language, "reminders.day_invalid"))
        return
    chat_id = update.effective_chat.id if update.effective_chat else user.id
    await context.services.reminders.subscribe(user.id, chat_id, "monthly", day_of_month=day)
    await context.services.users.set_awaiting(user.id, None)
    await send_recurring(update, context, user, "monthly")


async def on_zone(update: Update, context: BotContext, pending: PendingInput) -> None:
    """A time zone typed as ``Region/City``."""
    user = pending.user
    zone = pending.text.strip().replace(" ", "_")
    try:
        await context.services.reminders.set_timezone(user.id, zone)
    except ReminderError:
        await reply(update, t(user.language, "reminders.timezone_invalid"))
        return
    await _done(
        update, context, pending, t(user.language, "reminders.timezone_saved", zone=escape(zone))
    )


def register_inputs() -> None:
    """Route typed answers of every ``/reminders`` prompt."""
    register_input(DATE_INPUT, on_date)
    register_input(AUDIT_INPUT, on_audit)
    register_input(TIME_INPUT, on_time)
    register_input(DAY_INPUT, on_day)
    register_input(ZONE_INPUT, on_zone)
