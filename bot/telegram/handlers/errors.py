"""What went wrong: failures, stale buttons, unknown commands and unreadable messages.

Registered last, so its catch-all handlers only see what no feature handled.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from bot.telegram.context import BotContext
from bot.telegram.handlers.common import language, reply, stale
from bot.telegram.i18n import t
from bot.telegram.render.text import escape

log = logging.getLogger(__name__)


def describe(update: object) -> str:
    """The kind of update and its id, without any user content or personal data."""
    if not isinstance(update, Update):
        return type(update).__name__
    kinds = [
        name
        for name in ("message", "callback_query", "inline_query", "edited_message")
        if getattr(update, name) is not None
    ]
    return f"update {update.update_id} ({', '.join(kinds) or 'other'})"


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure (no token, no personal data) and tell the user something went wrong."""
    error = context.error
    log.error(
        "handler failed on %s: %s",
        describe(update),
        type(error).__name__,
        exc_info=(type(error), error, error.__traceback__) if error else None,
    )
    if not isinstance(update, Update):
        return
    try:
        lang = await language(update, context)
        if update.callback_query is not None:
            await update.callback_query.answer(t(lang, "common.error"), show_alert=True)
        elif update.effective_message is not None and update.effective_chat is not None:
            await reply(update, escape(t(lang, "common.error")))
    except Exception:  # noqa: BLE001 - the apology itself may fail; never raise from here
        log.warning("could not tell the user about the failure on %s", describe(update))


async def on_unknown_button(update: Update, context: BotContext) -> None:
    """A button no feature recognises: forged, from an old version, or out of date."""
    query = update.callback_query
    if query is not None:
        await stale(query, await language(update, context))


async def on_unknown_command(update: Update, context: BotContext) -> None:
    """A command the bot does not know, in a private chat."""
    lang = await language(update, context)
    await reply(update, escape(t(lang, "common.unknown_command")))


async def on_unreadable(update: Update, context: BotContext) -> None:
    """Photos, stickers, voice… in a private chat: only text is understood."""
    lang = await language(update, context)
    await reply(update, escape(t(lang, "common.text_only")))


def register(application: Application) -> None:
    """The error handler and the catch-alls (must be the last module registered)."""
    private = filters.ChatType.PRIVATE
    application.add_error_handler(on_error)
    application.add_handler(CallbackQueryHandler(on_unknown_button))
    application.add_handler(MessageHandler(filters.COMMAND & private, on_unknown_command))
    application.add_handler(
        MessageHandler(private & ~filters.TEXT & ~filters.StatusUpdate.ALL, on_unreadable)
    )
