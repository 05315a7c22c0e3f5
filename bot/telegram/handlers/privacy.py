"""``/privacy``, ``/mydata`` (everything stored, as a JSON file) and ``/forget``.

These commands never create a user: asking what is stored must not store anything.
"""

from __future__ import annotations

import json
from io import BytesIO

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.telegram.callbacks import encode, matches
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import edit, language, pressed, reply, stale
from bot.telegram.i18n import t
from bot.telegram.render.text import bold, escape

FORGET = "forget"
EXPORT_FILE_NAME = "qualibot-my-data.json"


async def on_privacy(update: Update, context: BotContext) -> None:
    """What is stored, why, for how long, and how to see or delete it."""
    lang = await language(update, context)
    days = context.services.settings.question_retention_days
    text = f"{bold(t(lang, 'privacy.title'))}\n\n{escape(t(lang, 'privacy.explain', days=days))}"
    await reply(update, text)


async def on_mydata(update: Update, context: BotContext) -> None:
    """Send everything stored about the user as a JSON document."""
    lang = await language(update, context)
    data = await context.services.privacy.export(update.effective_user.id)
    if data is None:
        await reply(update, escape(t(lang, "privacy.nothing_stored")))
        return
    content = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    await update.effective_message.reply_document(
        InputFile(BytesIO(content), filename=EXPORT_FILE_NAME),
        caption=escape(t(lang, "privacy.export_caption")),
    )


async def on_forget(update: Update, context: BotContext) -> None:
    """Ask for confirmation before deleting everything."""
    lang = await language(update, context)
    if await context.services.users.get(update.effective_user.id) is None:
        await reply(update, escape(t(lang, "privacy.nothing_stored")))
        return
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "privacy.confirm_forget"), callback_data=encode(FORGET, "yes")
                )
            ],
            [InlineKeyboardButton(t(lang, "privacy.keep"), callback_data=encode(FORGET, "no"))],
        ]
    )
    await reply(update, escape(t(lang, "privacy.forget_question")), keyboard)


async def on_forget_button(update: Update, context: BotContext) -> None:
    """Delete every row about the user (reminders included), or keep everything."""
    query, data = pressed(update)
    lang = await language(update, context)
    choice = data.arg(0) if data else ""
    if choice not in ("yes", "no"):
        await stale(query, lang)
        return
    await query.answer()
    if choice == "no":
        await edit(query, escape(t(lang, "privacy.kept")))
        return
    await context.services.privacy.forget(query.from_user.id)
    await edit(query, escape(t(lang, "privacy.forgotten")))


def register(application: Application) -> None:
    """The privacy commands (private chats only) and the confirmation buttons."""
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("privacy", on_privacy, filters=private))
    application.add_handler(CommandHandler("mydata", on_mydata, filters=private))
    application.add_handler(CommandHandler("forget", on_forget, filters=private))
    application.add_handler(CallbackQueryHandler(on_forget_button, pattern=matches(FORGET)))
