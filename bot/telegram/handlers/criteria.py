"""``/criteria``: browse the 7 criteria and their indicators, editing one message in place."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.telegram.callbacks import matches
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import current_user, edit, one_message, pressed, reply, stale
from bot.telegram.render import keyboards
from bot.telegram.render.entries import criteria_overview, criterion_card, indicator_card


async def on_criteria(update: Update, context: BotContext) -> None:
    """The list of criteria, as a new message."""
    user = await current_user(update, context)
    base = context.services.answers.base
    await reply(
        update,
        criteria_overview(base, user.language),
        keyboards.criteria_keyboard(base, user.language),
    )


async def on_criterion_button(update: Update, context: BotContext) -> None:
    """Show the list (no argument) or one criterion with its indicators, in place."""
    query, data = pressed(update)
    user = await current_user(update, context)
    lang, base = user.language, context.services.answers.base
    if data is not None and not data.args:
        await query.answer()
        await edit(query, criteria_overview(base, lang), keyboards.criteria_keyboard(base, lang))
        return
    number = data.int_arg(0) if data else None
    entry = base.criterion(number) if number is not None else None
    if entry is None:
        await stale(query, lang)
        return
    await query.answer()
    text = one_message(criterion_card(entry, base, lang), lang)
    await edit(query, text, keyboards.criterion_keyboard(entry, lang))


async def on_indicator_button(update: Update, context: BotContext) -> None:
    """Show one indicator in place, with a way back to its criterion."""
    query, data = pressed(update)
    user = await current_user(update, context)
    lang, base = user.language, context.services.answers.base
    number = data.int_arg(0) if data else None
    entry = base.indicator(number) if number is not None else None
    if entry is None:
        await stale(query, lang)
        return
    await query.answer()
    text = one_message(indicator_card(entry, base, lang), lang, f"/indicator {number}")
    await edit(query, text, keyboards.indicator_keyboard(entry, base, lang))


def register(application: Application) -> None:
    """``/criteria`` and the browsing buttons."""
    application.add_handler(CommandHandler("criteria", on_criteria))
    application.add_handler(
        CallbackQueryHandler(on_criterion_button, pattern=matches(keyboards.CRITERIA))
    )
    application.add_handler(
        CallbackQueryHandler(on_indicator_button, pattern=matches(keyboards.INDICATOR))
    )
