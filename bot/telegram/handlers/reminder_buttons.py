"""The ``/reminders`` buttons: one function per step, dispatched by :data:`ACTIONS`.

Each receives the update, the context, the pressed query, the remaining callback arguments
and the user, and shows the next screen in place.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import time

from telegram import CallbackQuery, Update

from bot.core.schedule import LAST_DAY
from bot.services.reminder_views import ReminderError
from bot.services.users import UserView
from bot.telegram.callbacks import CallbackData
from bot.telegram.context import BotContext
from bot.telegram.handlers import reminder_inputs as inputs
from bot.telegram.handlers.common import ButtonAction, edit_or_reply, stale
from bot.telegram.handlers.reminder_screens import (
    send_calendar,
    send_home,
    send_image,
    send_recurring,
    send_timeline,
)
from bot.telegram.i18n import t
from bot.telegram.render import reminders as render
from bot.telegram.render.text import escape

RECURRING = ("daily", "monthly")
ANSWERED_WITH_TEXT = frozenset({"audit_clear", "pause", "resume", "del_yes"})
"""Steps that answer the button press with a short notice themselves."""


def _chat_id(update: Update, user: UserView) -> int:
    return update.effective_chat.id if update.effective_chat else user.id


async def _ask(
    update: Update,
    context: BotContext,
    query: CallbackQuery,
    data: CallbackData,
    user: UserView,
    awaiting: str,
    key: str,
) -> None:
    """Wait for a typed answer (``awaiting`` names the input) and show question ``key``."""
    await context.services.users.set_awaiting(user.id, awaiting)
    keyboard = render.audit_keyboard(user.language) if awaiting == inputs.AUDIT_INPUT else None
    await edit_or_reply(
        update,
        query,
        t(user.language, f"reminders.{key}"),
        keyboard or render.back_keyboard(user.language),
    )


async def on_home(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Back to the overview (dropping any open prompt)."""
    await context.services.users.set_awaiting(user.id, None)
    await send_home(update, context, user, query)


async def on_audit_clear(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """The surveillance audit has not been held yet."""
    await context.services.users.set_awaiting(user.id, None)
    try:
        await context.services.reminders.set_surveillance_audit(user.id, None)
    except ReminderError:
        await query.answer(t(user.language, "reminders.audit_no_date"))
        return
    await query.answer(t(user.language, "reminders.audit_cleared"))
    await send_home(update, context, user, query)


async def on_leads(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """The lead time toggles."""
    settings = await context.services.reminders.settings(user.id)
    if settings is not None:
        await edit_or_reply(
            update,
            query,
            t(user.language, "reminders.leads_title"),
            render.leads_keyboard(settings),
        )


async def on_lead(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Tick or untick one lead time."""
    lead = data.int_arg(0)
    if lead is None:
        await stale(query, user.language)
        return
    try:
        settings = await context.services.reminders.toggle_lead(
            user.id, _chat_id(update, user), lead
        )
    except ReminderError:
        await stale(query, user.language)
        return
    await edit_or_reply(
        update, query, t(user.language, "reminders.leads_title"), render.leads_keyboard(settings)
    )


async def on_time(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Preset times of day for milestone, daily or monthly reminders."""
    target = data.arg(0)
    settings = await context.services.reminders.settings(user.id)
    if settings is None or target not in inputs.TIME_TARGETS:
        await stale(query, user.language)
        return
    view = settings.of_kind("milestones" if target == "ms" else target)
    title = t(user.language, "reminders.time_title", zone=escape(settings.timezone))
    if target != "ms":
        title = render.recurring_screen(settings, target)[0]
    current = view.time_of_day if view else None
    await edit_or_reply(update, query, title, render.time_keyboard(user.language, target, current))


async def on_at(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Set a preset time of day."""
    target, raw = data.arg(0), data.arg(1)
    if target not in inputs.TIME_TARGETS or len(raw) != 4 or not raw.isdigit():
        await stale(query, user.language)
        return
    hour, minute = int(raw[:2]), int(raw[2:])
    if hour > 23 or minute > 59:
        await stale(query, user.language)
        return
    at, reminders = time(hour, minute), context.services.reminders
    if target == "ms":
        await reminders.set_milestone_time(user.id, _chat_id(update, user), at)
        await send_home(update, context, user, query)
        return
    await reminders.subscribe(user.id, _chat_id(update, user), target, at=at)
    await send_recurring(update, context, user, target, query)


async def on_type_time(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Ask for another time of day."""
    target = data.arg(0)
    if target not in inputs.TIME_TARGETS:
        await stale(query, user.language)
        return
    await _ask(update, context, query, data, user, f"{inputs.TIME_INPUT}:{target}", "ask_time")


async def on_recurring(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """The daily or monthly reminder screen."""
    kind = data.arg(0)
    if kind not in RECURRING:
        await stale(query, user.language)
        return
    await send_recurring(update, context, user, kind, query)


async def on_switch(
    update: Update,
    context: BotContext,
    query: CallbackQuery,
    data: CallbackData,
    user: UserView,
    active: bool,
) -> None:
    """Turn the daily or monthly reminder on or off."""
    kind = data.arg(0)
    if kind not in RECURRING:
        await stale(query, user.language)
        return
    reminders = context.services.reminders
    if active:
        await reminders.subscribe(user.id, _chat_id(update, user), kind)
    else:
        await reminders.turn_off(user.id, kind)
    await send_recurring(update, context, user, kind, query)


async def on_day(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Set the day of the monthly reminder."""
    day = data.int_arg(0)
    if day is None or not (day == LAST_DAY or 1 <= day <= 31):
        await stale(query, user.language)
        return
    await context.services.reminders.subscribe(
        user.id, _chat_id(update, user), "monthly", day_of_month=day
    )
    await send_recurring(update, context, user, "monthly", query)


async def on_content(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Choose what the daily or monthly reminder says."""
    kind, content = data.arg(0), data.arg(1)
    if kind not in RECURRING or content not in ("next", "tip"):
        await stale(query, user.language)
        return
    await context.services.reminders.subscribe(
        user.id, _chat_id(update, user), kind, content=content
    )
    await send_recurring(update, context, user, kind, query)


async def on_timeline(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """The full timeline with sources."""
    await send_timeline(update, context, user, query)


async def on_image(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """The timeline as a picture."""
    await send_image(update, context, user)


async def on_ics(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """The calendar file."""
    await send_calendar(update, context, user)


async def on_pause(
    update: Update,
    context: BotContext,
    query: CallbackQuery,
    data: CallbackData,
    user: UserView,
    active: bool,
) -> None:
    """Pause or resume every reminder."""
    await context.services.reminders.set_active(user.id, active)
    await query.answer(t(user.language, "reminders.resumed" if active else "reminders.paused"))
    await send_home(update, context, user, query)


async def on_delete(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Ask before deleting every reminder."""
    await edit_or_reply(
        update,
        query,
        t(user.language, "reminders.delete_confirm"),
        render.delete_keyboard(user.language),
    )


async def on_delete_yes(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Delete every reminder."""
    await context.services.reminders.delete(user.id)
    await query.answer(t(user.language, "reminders.deleted"))
    await send_home(update, context, user, query)


async def on_timezones(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """The time zone choices."""
    html = t(user.language, "reminders.timezone_title", zone=escape(user.timezone))
    await edit_or_reply(update, query, html, render.timezone_keyboard(user.language, user.timezone))


async def on_zone(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Set a preset time zone."""
    index = data.int_arg(0)
    if index is None or not 0 <= index < len(render.TIMEZONES):
        await stale(query, user.language)
        return
    await context.services.reminders.set_timezone(user.id, render.TIMEZONES[index])
    await send_home(update, context, user, query)


def _with(action: Callable[..., Awaitable[None]], *extra: object) -> ButtonAction:
    """``action`` as a step, called with ``extra`` after the usual arguments."""

    async def bound(
        update: Update,
        context: BotContext,
        query: CallbackQuery,
        data: CallbackData,
        user: UserView,
    ) -> None:
        await action(update, context, query, data, user, *extra)

    return bound


ACTIONS: dict[str, ButtonAction] = {
    "home": on_home,
    "date": _with(_ask, inputs.DATE_INPUT, "ask_date"),
    "audit": _with(_ask, inputs.AUDIT_INPUT, "ask_audit"),
    "audit_clear": on_audit_clear,
    "leads": on_leads,
    "lead": on_lead,
    "time": on_time,
    "at": on_at,
    "type_time": on_type_time,
    "rec": on_recurring,
    "on": _with(on_switch, True),
    "off": _with(on_switch, False),
    "day": on_day,
    "type_day": _with(_ask, inputs.DAY_INPUT, "ask_day"),
    "content": on_content,
    "tl": on_timeline,
    "img": on_image,
    "ics": on_ics,
    "pause": _with(on_pause, False),
    "resume": _with(on_pause, True),
    "del": on_delete,
    "del_yes": on_delete_yes,
    "tz": on_timezones,
    "zone": on_zone,
    "type_zone": _with(_ask, inputs.ZONE_INPUT, "ask_timezone"),
}
