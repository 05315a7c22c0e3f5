"""The buttons of a checklist run: answers, back, pause, profile questions, "why", notes.

Each press is checked against the run's revision by the service: a double press or a press
on an old message changes nothing, and the message then shows where the run really is.
"""

from __future__ import annotations

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.services.checklist_views import Press, RunView
from bot.services.checklists import NOTE_MAX
from bot.services.users import UserView
from bot.telegram.callbacks import CallbackData
from bot.telegram.context import BotContext
from bot.telegram.handlers.checklist_results import send_results
from bot.telegram.handlers.common import reply
from bot.telegram.handlers.inputs import PendingInput, awaiting
from bot.telegram.i18n import t
from bot.telegram.render import checklist as render
from bot.telegram.render.entries import answer_card, indicator_card
from bot.telegram.render.text import escape

NOTE_INPUT = "checklist_note"


async def show(
    update: Update, query: CallbackQuery | None, html: str, keyboard: InlineKeyboardMarkup | None
) -> None:
    """Edit the pressed message in place, or send a new one when it cannot be edited."""
    if query is not None:
        try:
            await query.edit_message_text(html, reply_markup=keyboard)
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return
    await reply(update, html, keyboard)


async def show_view(update: Update, query: CallbackQuery | None, view: RunView, lang: str) -> None:
    """Show a run at its current step (in place when a button was pressed)."""
    html, keyboard = render.step(view, lang)
    await show(update, query, html, keyboard)


async def gone(query: CallbackQuery, lang: str) -> None:
    """The run was restarted or is not the user's: say so."""
    await query.answer(t(lang, "checklist.gone"), show_alert=True)


async def settle(
    update: Update,
    context: BotContext,
    query: CallbackQuery,
    user: UserView,
    press: Press | None,
) -> None:
    """After a press: redraw the run, say when the press was out of date or refused, and
    send the results when it finished the run."""
    lang = user.language
    if press is None:
        await gone(query, lang)
        return
    if press.problem:
        await query.answer(t(lang, f"checklist.{press.problem}"), show_alert=True)
    else:
        await query.answer(None if press.applied else t(lang, "checklist.already"))
    await show_view(update, query, press.view, lang)
    if press.finished:
        await send_results(update, context, user.id, lang, press.view.run_id)


def number(data: CallbackData, index: int) -> int:
    """Argument ``index`` as a number; -1 (matching no run or revision) when it is not one."""
    value = data.int_arg(index)
    return -1 if value is None else value


def _ids(data: CallbackData) -> tuple[int, str, int]:
    """Run id, item id and revision of an item button."""
    return number(data, 0), data.arg(1), number(data, 2)


async def on_answer(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Yes / Partly / No / Not applicable / Skip."""
    run_id, item_id, revision = _ids(data)
    value = render.VALUE_CODES.get(data.arg(3), "")
    press = await context.services.checklists.answer(user.id, run_id, item_id, revision, value)
    await settle(update, context, query, user, press)


async def on_back(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Back to the previous item."""
    run_id, item_id, revision = _ids(data)
    press = await context.services.checklists.back(user.id, run_id, item_id, revision)
    await settle(update, context, query, user, press)


async def on_pause(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Pause the run where it stands."""
    press = await context.services.checklists.pause(user.id, number(data, 0), number(data, 1))
    await settle(update, context, query, user, press)


async def on_profile_toggle(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Tick or untick a category or situation asked before the first item."""
    field, key, chosen = data.arg(2), data.arg(3), data.arg(4) == "1"
    press = await context.services.checklists.set_profile(
        user.id, number(data, 0), number(data, 1), field, key, chosen
    )
    await settle(update, context, query, user, press)


async def on_profile_confirm(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """The "Continue" button after a profile question."""
    press = await context.services.checklists.confirm_profile(
        user.id, number(data, 0), number(data, 1)
    )
    await settle(update, context, query, user, press)


async def on_why(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """The knowledge entry behind the item, then the question again below it."""
    run_id, item_id = number(data, 0), data.arg(1)
    checklists = context.services.checklists
    entry = await checklists.why(user.id, run_id, item_id)
    view = await checklists.view(user.id, run_id)
    if entry is None or view is None:
        await gone(query, user.language)
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    base = context.services.knowledge.base
    card = indicator_card if entry.indicator else answer_card
    await reply(update, card(entry, base, user.language))
    await show_view(update, None, view, user.language)


async def on_note(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Ask for a free-text note about the item."""
    run_id, item_id = number(data, 0), data.arg(1)
    planned = await context.services.checklists.note_target(user.id, run_id, item_id)
    view = await context.services.checklists.view(user.id, run_id)
    if planned is None or view is None:
        await gone(query, user.language)
        return
    await context.services.users.set_awaiting(user.id, awaiting(NOTE_INPUT, run_id, item_id))
    await query.answer()
    html, keyboard = render.note_prompt(view, planned, user.language, NOTE_MAX)
    await show(update, query, html, keyboard)


async def on_note_cancel(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Stop waiting for the note and show the item again."""
    await context.services.users.clear_awaiting(user.id)
    view = await context.services.checklists.view(user.id, number(data, 0))
    if view is None:
        await gone(query, user.language)
        return
    await query.answer()
    await show_view(update, query, view, user.language)


async def on_note_text(update: Update, context: BotContext, pending: PendingInput) -> None:
    """The note was typed: store it with the answer, then show the item again."""
    user, lang = pending.user, pending.user.language
    run_id = int(pending.args[0]) if pending.args and pending.args[0].isdigit() else -1
    item_id = pending.args[1] if len(pending.args) > 1 else ""
    text = pending.text.strip()
    if not text or len(text) > NOTE_MAX:
        await reply(update, escape(t(lang, "checklist.note_invalid", limit=NOTE_MAX)))
        return
    view = await context.services.checklists.save_note(user.id, run_id, item_id, text)
    if view is None:
        await reply(update, escape(t(lang, "checklist.gone")))
        return
    await reply(update, escape(t(lang, "checklist.note_saved")))
    await show_view(update, None, view, lang)
