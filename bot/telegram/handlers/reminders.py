"""``/reminders`` and ``/calendar``: the certification date, the milestone timeline, lead
times, daily and monthly reminders, time zone, pause, resume and delete.

Every button comes back as action ``rem``; its first argument names the step (see
:data:`bot.telegram.handlers.reminder_buttons.ACTIONS`). Settings live in the database only,
so any bot instance can handle any press and a restart loses nothing. Screens and
transitions: ``reminders.md`` next to this file.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.telegram.callbacks import matches
from bot.telegram.context import BotContext
from bot.telegram.handlers import reminder_inputs as inputs
from bot.telegram.handlers.common import current_user, dispatch_button
from bot.telegram.handlers.reminder_buttons import ACTIONS, ANSWERED_WITH_TEXT
from bot.telegram.handlers.reminder_screens import send_calendar, send_home
from bot.telegram.render import reminders as render


async def on_reminders(update: Update, context: BotContext) -> None:
    """``/reminders``: the overview."""
    await send_home(update, context, await current_user(update, context))


async def on_calendar(update: Update, context: BotContext) -> None:
    """``/calendar``: the milestones as an ``.ics`` file."""
    await send_calendar(update, context, await current_user(update, context))


async def on_button(update: Update, context: BotContext) -> None:
    """Every reminders button, dispatched on its first argument."""
    await dispatch_button(update, context, ACTIONS, acknowledge_except=ANSWERED_WITH_TEXT)


def register(application: Application) -> None:
    """``/reminders``, ``/calendar``, their buttons and typed answers."""
    inputs.register_inputs()
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("reminders", on_reminders, filters=private))
    application.add_handler(CommandHandler("calendar", on_calendar, filters=private))
    application.add_handler(CallbackQueryHandler(on_button, pattern=matches(render.REMINDERS)))
