"""``/help``: what the bot can do and every command."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.telegram.context import BotContext
from bot.telegram.handlers.common import current_user, reply
from bot.telegram.i18n import t
from bot.telegram.render.text import bold, escape


async def on_help(update: Update, context: BotContext) -> None:
    """The capabilities, the commands, and how to ask in a group or inline."""
    user = await current_user(update, context)
    lang = user.language
    username = context.bot.username or "bot"
    parts = [
        bold(t(lang, "help.title")),
        escape(t(lang, "help.questions")),
        escape(t(lang, "help.commands")),
        escape(t(lang, "help.groups", bot=username)),
    ]
    await reply(update, "\n\n".join(parts))


def register(application: Application) -> None:
    """``/help``."""
    application.add_handler(CommandHandler("help", on_help))
