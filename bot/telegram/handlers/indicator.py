"""``/indicator <n>``: everything about one of the 32 indicators."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.telegram.context import BotContext
from bot.telegram.handlers.common import current_user, reply
from bot.telegram.i18n import t
from bot.telegram.render import keyboards
from bot.telegram.render.entries import indicator_card
from bot.telegram.render.text import escape

INDICATOR_COUNT = 32


def indicator_number(text: str) -> int | None:
    """The indicator number in ``22``, ``#22`` or ``i22``; None when there is none."""
    cleaned = text.strip().lstrip("#").lower().removeprefix("i").strip()
    return int(cleaned) if cleaned.isdigit() and len(cleaned) <= 3 else None


async def send_indicator(update: Update, context: BotContext, argument: str) -> None:
    """Send the indicator card, or the list of numbers when ``argument`` is not one."""
    user = await current_user(update, context)
    base = context.services.answers.base
    number = indicator_number(argument)
    entry = base.indicator(number) if number is not None else None
    if entry is None:
        key = "indicator.unknown" if argument.strip() else "indicator.choose"
        text = t(user.language, key, count=INDICATOR_COUNT)
        await reply(update, escape(text), keyboards.indicator_grid(INDICATOR_COUNT))
        return
    keyboard = keyboards.indicator_keyboard(entry, base, user.language)
    await reply(update, indicator_card(entry, base, user.language), keyboard)


async def on_indicator(update: Update, context: BotContext) -> None:
    """``/indicator 22``."""
    await send_indicator(update, context, " ".join(context.args or ()))


def register(application: Application) -> None:
    """``/indicator``."""
    application.add_handler(CommandHandler("indicator", on_indicator))
