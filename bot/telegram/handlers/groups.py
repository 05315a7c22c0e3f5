"""Group chats: answer only when addressed (mention, reply to the bot, or a command).

With privacy mode on, Telegram only delivers those messages anyway; with it off, the
filter below keeps the bot quiet on everything else.
"""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot.telegram.context import BotContext
from bot.telegram.handlers.ask import answer_question
from bot.telegram.handlers.common import current_user, language, reply
from bot.telegram.i18n import t
from bot.telegram.render.text import escape

PRIVATE_ONLY_COMMANDS = ("profile", "language", "privacy", "mydata", "forget")


def _mentions_bot(message: Message) -> bool:
    bot = message.get_bot()
    username = f"@{bot.username}".lower() if bot.username else None
    for entity, text in message.parse_entities().items():
        if entity.type == MessageEntity.MENTION and username and text.lower() == username:
            return True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot.id:
            return True
    return False


def _replies_to_bot(message: Message) -> bool:
    original = message.reply_to_message
    return bool(original and original.from_user and original.from_user.id == message.get_bot().id)


class _AddressedToBot(filters.MessageFilter):
    """Messages that mention the bot or reply to one of its messages."""

    def filter(self, message: Message) -> bool:
        return _replies_to_bot(message) or _mentions_bot(message)


ADDRESSED_TO_BOT = _AddressedToBot(name="ADDRESSED_TO_BOT")


def without_mention(text: str, username: str | None) -> str:
    """The text with ``@username`` removed, so that only the question is matched."""
    if not username:
        return text.strip()
    return " ".join(re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.I).split())


async def on_addressed(update: Update, context: BotContext) -> None:
    """A group message addressed to the bot is a question (a bare mention gets a hint)."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    question = without_mention(message.text, context.bot.username)
    if question:
        await answer_question(update, context, question)
        return
    user = await current_user(update, context)
    await reply(update, escape(t(user.language, "groups.how_to_ask", bot=context.bot.username)))


async def on_private_only(update: Update, context: BotContext) -> None:
    """Personal commands sent in a group: point to the private chat (nothing is stored)."""
    lang = await language(update, context)
    link = InlineKeyboardButton(
        t(lang, "groups.open_private"), url=f"https://t.me/{context.bot.username}"
    )
    await reply(update, escape(t(lang, "groups.private_only")), InlineKeyboardMarkup([[link]]))


def register(application: Application) -> None:
    """Group questions when addressed, and the notice for personal commands."""
    groups = filters.ChatType.GROUPS
    application.add_handler(CommandHandler(PRIVATE_ONLY_COMMANDS, on_private_only, filters=groups))
    application.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & groups & ADDRESSED_TO_BOT, on_addressed)
    )
