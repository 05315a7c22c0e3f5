"""``/language``: choose French or English; the choice is remembered."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.core.localized import LANGUAGES
from bot.telegram.callbacks import encode, matches
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import current_user, edit, pressed, reply, stale
from bot.telegram.handlers.start import LANGUAGE, START, welcome_keyboard, welcome_text
from bot.telegram.i18n import t
from bot.telegram.render.text import escape


async def on_language(update: Update, context: BotContext) -> None:
    """Show the current language and the choices."""
    user = await current_user(update, context)
    buttons = [
        InlineKeyboardButton(t(code, f"language.name_{code}"), callback_data=encode(LANGUAGE, code))
        for code in LANGUAGES
    ]
    name = t(user.language, f"language.name_{user.language}")
    text = t(user.language, "language.current", language=name)
    await reply(update, escape(text), InlineKeyboardMarkup([buttons]))


async def on_language_button(update: Update, context: BotContext) -> None:
    """Store the chosen language; under the welcome, redraw the welcome in it."""
    query, data = pressed(update)
    user = await current_user(update, context)
    chosen = data.arg(0) if data else ""
    if chosen not in LANGUAGES:
        await stale(query, user.language)
        return
    await context.services.users.set_language(user.id, chosen)
    await query.answer(t(chosen, "language.changed"))
    if data is not None and data.arg(1) == START:
        text = welcome_text(chosen, query.from_user.first_name or "", is_new=True)
        await edit(query, text, welcome_keyboard(chosen))
        return
    await edit(query, escape(t(chosen, "language.changed")))


def register(application: Application) -> None:
    """``/language`` and its buttons."""
    application.add_handler(
        CommandHandler("language", on_language, filters=filters.ChatType.PRIVATE)
    )
    application.add_handler(CallbackQueryHandler(on_language_button, pattern=matches(LANGUAGE)))
