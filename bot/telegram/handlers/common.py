"""Helpers every handler uses: who is talking, in which language, and how to reply."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Container, Mapping

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest

from bot.services.users import UserView
from bot.telegram.callbacks import CallbackData, decode
from bot.telegram.context import BotContext
from bot.telegram.i18n import t
from bot.telegram.render.split import MESSAGE_LIMIT, split_message

log = logging.getLogger(__name__)

ButtonAction = Callable[
    [Update, BotContext, CallbackQuery, CallbackData, UserView], Awaitable[None]
]
"""One step of a feature's buttons: gets the pressed query, the remaining arguments, the user."""


async def current_user(update: Update, context: BotContext) -> UserView:
    """The user of this update, created at first contact."""
    sender = update.effective_user
    assert sender is not None, "handlers using current_user only run for updates with a user"
    contact = await context.services.users.contact(sender.id, sender.language_code)
    return contact.user


async def language(update: Update, context: BotContext) -> str:
    """The user's language, without creating them (for privacy commands and inline mode)."""
    sender = update.effective_user
    if sender is None:
        return "fr"
    return await context.services.users.language_of(sender.id, sender.language_code)


def is_private(update: Update) -> bool:
    """True in a one-to-one chat with the bot."""
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


async def reply(
    update: Update, html: str, keyboard: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Send ``html`` to the chat of the update, split into several messages if needed.

    The keyboard goes under the last message; in groups the first message quotes the
    user's one.
    """
    message = update.effective_message
    if message is None:
        return None
    chunks = split_message(html)
    sent: Message | None = None
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        sent = await message.reply_html(
            chunk,
            reply_markup=keyboard if last else None,
            do_quote=index == 0 and not is_private(update),
        )
    return sent


def one_message(html: str, lang: str, hint_command: str | None = None) -> str:
    """``html`` cut to fit one message, pointing to ``hint_command`` for the rest."""
    chunks = split_message(html, MESSAGE_LIMIT - 200)
    if len(chunks) == 1:
        return chunks[0]
    rest = t(lang, "common.continued", command=hint_command) if hint_command else "…"
    return f"{chunks[0]}\n\n<i>{rest}</i>"


async def edit(
    query: CallbackQuery, html: str, keyboard: InlineKeyboardMarkup | None = None
) -> None:
    """Replace the text and keyboard of the message whose button was pressed."""
    try:
        await query.edit_message_text(html, reply_markup=keyboard)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


async def edit_or_reply(
    update: Update,
    query: CallbackQuery | None,
    html: str,
    keyboard: InlineKeyboardMarkup | None = None,
) -> None:
    """Edit the message whose button was pressed, or reply with a new one when there is none."""
    if query is not None:
        await edit(query, html, keyboard)
    else:
        await reply(update, html, keyboard)


def pressed(update: Update) -> tuple[CallbackQuery, CallbackData | None]:
    """The callback query of the update and its decoded data (None when invalid)."""
    query = update.callback_query
    assert query is not None, "only for callback query handlers"
    return query, decode(query.data)


async def dispatch_button(
    update: Update,
    context: BotContext,
    actions: Mapping[str, ButtonAction],
    *,
    acknowledge_except: Container[str] | None = None,
) -> None:
    """Run the step of ``actions`` named by the pressed button's first argument.

    The step receives the remaining arguments; a forged or unknown button gets the stale
    notice instead. With ``acknowledge_except``, the press is acknowledged before every step
    not listed there (the listed ones answer it themselves, with a text).
    """
    query, data = pressed(update)
    user = await current_user(update, context)
    action = actions.get(data.arg(0)) if data else None
    if action is None or data is None:
        await stale(query, user.language)
        return
    if acknowledge_except is not None and data.arg(0) not in acknowledge_except:
        await query.answer()
    await action(update, context, query, CallbackData(data.action, data.args[1:]), user)


async def stale(query: CallbackQuery, lang: str) -> None:
    """Tell the user a button is no longer valid (forged, old or pointing to nothing)."""
    await query.answer(t(lang, "common.stale_button"), show_alert=False)
