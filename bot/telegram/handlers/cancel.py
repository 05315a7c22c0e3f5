"""``/cancel``: stop waiting for a typed answer (organisation name, date, note…)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.telegram.context import BotContext
from bot.telegram.handlers.common import language, reply
from bot.telegram.i18n import t
from bot.telegram.render.text import escape


async def on_cancel(update: Update, context: BotContext) -> None:
    """Drop the pending prompt, if any, and say so."""
    lang = await language(update, context)
    cancelled = await context.services.users.clear_awaiting(update.effective_user.id)
    await reply(update, escape(t(lang, "cancel.done" if cancelled else "cancel.nothing")))


def register(application: Application) -> None:
    """``/cancel``."""
    application.add_handler(CommandHandler("cancel", on_cancel))
