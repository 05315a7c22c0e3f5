"""``/start``: welcome, language, a short tour, the optional profile, and deep links.

Deep links ``t.me/<bot>?start=<kind>_<argument>`` open the right place: each feature
registers its ``kind`` with :func:`register_deep_link` (``indicator_22`` is built in here,
``checklist_<id>`` belongs to the checklists).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.core.localized import LANGUAGES
from bot.telegram.callbacks import encode, matches
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import current_user, pressed, reply
from bot.telegram.handlers.indicator import send_indicator
from bot.telegram.i18n import t
from bot.telegram.render.profile import PROFILE
from bot.telegram.render.text import bold, escape

DeepLinkHandler = Callable[[Update, BotContext, str], Awaitable[None]]
_deep_links: dict[str, DeepLinkHandler] = {}
LANGUAGE = "lang"
START = "start"


def register_deep_link(kind: str, handler: DeepLinkHandler) -> None:
    """Open ``handler(update, context, argument)`` for ``/start <kind>_<argument>``."""
    known = _deep_links.get(kind)
    if not kind.isalnum() or (known is not None and known is not handler):
        raise ValueError(f"bad or duplicate deep link kind {kind!r}")
    _deep_links[kind] = handler


def welcome_text(lang: str, first_name: str, is_new: bool) -> str:
    """The welcome and the tour of the three capabilities."""
    greeting = t(lang, "start.welcome_new" if is_new else "start.welcome_back", name=first_name)
    return "\n\n".join(
        [
            bold(greeting),
            escape(t(lang, "start.tour_intro")),
            escape(t(lang, "start.tour")),
            escape(t(lang, "start.profile_offer")),
        ]
    )


def welcome_keyboard(lang: str) -> InlineKeyboardMarkup:
    """Language switch, then set up the profile or skip it."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(code, f"language.name_{code}"), callback_data=encode(LANGUAGE, code, START)
                )
                for code in LANGUAGES
            ],
            [
                InlineKeyboardButton(
                    t(lang, "start.set_up_profile"), callback_data=encode(PROFILE, "edit")
                )
            ],
            [
                InlineKeyboardButton(
                    t(lang, "start.skip_profile"), callback_data=encode(START, "skip")
                )
            ],
        ]
    )


async def open_indicator(update: Update, context: BotContext, argument: str) -> None:
    """Deep link ``indicator_22``."""
    await send_indicator(update, context, argument)


async def on_start(update: Update, context: BotContext) -> None:
    """Welcome the user, or open the place a deep link points to."""
    sender = update.effective_user
    if sender is None:
        return
    payload = context.args[0] if context.args else ""
    kind, _, argument = payload.partition("_")
    handler = _deep_links.get(kind)
    if handler is not None:
        await handler(update, context, argument)
        return
    contact = await context.services.users.contact(sender.id, sender.language_code)
    lang = contact.user.language
    text = welcome_text(lang, sender.first_name or "", contact.is_new)
    await reply(update, text, welcome_keyboard(lang))


async def on_skip_profile(update: Update, context: BotContext) -> None:
    """ "Not now" under the welcome: keep the text, drop the buttons, say where to find it."""
    query, _ = pressed(update)
    user = await current_user(update, context)
    await query.answer(t(user.language, "start.skipped"))
    await query.edit_message_reply_markup(None)


def register(application: Application) -> None:
    """``/start`` and the "not now" button."""
    register_deep_link("indicator", open_indicator)
    application.add_handler(CommandHandler("start", on_start))
    application.add_handler(CallbackQueryHandler(on_skip_profile, pattern=matches(START)))
