"""``/checklist``: the list of guided checklists, starting, resuming, restarting, results.

Every button of the feature comes back as action ``ck``; its first argument names the
step (see :data:`ACTIONS`). The run's state is in the database only, so any instance of the
bot can handle any press, and a restart loses nothing. Conversation states:
``checklist.md`` next to this file.
"""

from __future__ import annotations

from telegram import CallbackQuery, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.services.users import UserView
from bot.telegram.callbacks import CallbackData, matches
from bot.telegram.context import BotContext
from bot.telegram.handlers import checklist_run as run
from bot.telegram.handlers.checklist_results import send_results
from bot.telegram.handlers.common import ButtonAction, current_user, dispatch_button, reply
from bot.telegram.handlers.inputs import register_input
from bot.telegram.handlers.start import register_deep_link
from bot.telegram.i18n import t
from bot.telegram.render import checklist as render
from bot.telegram.render.text import escape


async def send_list(
    update: Update, context: BotContext, user: UserView, query: CallbackQuery | None = None
) -> None:
    """The checklists with the progress of each, in place when a button was pressed."""
    statuses = await context.services.checklists.overview(user.id)
    html = render.overview(statuses, user.language)
    await run.show(update, query, html, render.overview_keyboard(statuses, user.language))


async def start_checklist(
    update: Update,
    context: BotContext,
    user: UserView,
    checklist_id: str,
    query: CallbackQuery | None = None,
) -> None:
    """Start the checklist, resume the user's open run of it, or show its results."""
    view = await context.services.checklists.start(user.id, checklist_id)
    if view is None:
        text = escape(t(user.language, "checklist.unknown"))
        await run.show(update, query, text, render.list_keyboard(user.language))
    elif view.status == "completed" and view.plan.total:
        await send_results(update, context, user.id, user.language, view.run_id)
    else:
        await run.show_view(update, query, view, user.language)


def checklist_id_of(argument: str, context: BotContext) -> str:
    """The checklist named by ``argument``: its id, or its number in the list (``2``)."""
    checklists = context.services.checklists.checklists()
    if argument.isdigit() and 1 <= int(argument) <= len(checklists):
        return checklists[int(argument) - 1].id
    return argument.lower()


async def on_checklist(update: Update, context: BotContext) -> None:
    """``/checklist`` lists the checklists; ``/checklist <id or number>`` opens one."""
    user = await current_user(update, context)
    if context.args:
        await start_checklist(update, context, user, checklist_id_of(context.args[0], context))
    else:
        await send_list(update, context, user)


async def open_checklist(update: Update, context: BotContext, argument: str) -> None:
    """Deep link ``checklist_<id>``."""
    user = await current_user(update, context)
    await start_checklist(update, context, user, argument.lower())


async def on_list(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Back to the list."""
    await query.answer()
    await send_list(update, context, user, query)


async def on_open(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Open a checklist from the list."""
    await query.answer()
    await start_checklist(update, context, user, data.arg(0), query)


async def on_resume(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Resume a run at its exact next item (the results, if it is finished)."""
    view = await context.services.checklists.resume(user.id, run.number(data, 0))
    if view is None:
        await run.gone(query, user.language)
        return
    await query.answer()
    if view.status == "completed":
        await send_results(update, context, user.id, user.language, view.run_id)
        return
    await run.show_view(update, query, view, user.language)


async def on_restart_asked(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Ask before archiving the answers."""
    view = await context.services.checklists.view(user.id, run.number(data, 0))
    if view is None:
        await run.gone(query, user.language)
        return
    await query.answer()
    html, keyboard = render.restart_confirmation(view, user.language)
    await run.show(update, query, html, keyboard)


async def on_restart(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Archive the run and start again (a second press resumes the new run)."""
    view = await context.services.checklists.restart(user.id, run.number(data, 0))
    if view is None:
        await run.gone(query, user.language)
        return
    await query.answer()
    await run.show_view(update, query, view, user.language)


async def on_results(
    update: Update, context: BotContext, query: CallbackQuery, data: CallbackData, user: UserView
) -> None:
    """Summary, gaps, chart and PDF of a run."""
    await query.answer()
    if not await send_results(update, context, user.id, user.language, run.number(data, 0)):
        await reply(update, escape(t(user.language, "checklist.gone")))


ACTIONS: dict[str, ButtonAction] = {
    "ls": on_list,
    "go": on_open,
    "rs": on_resume,
    "rx": on_restart_asked,
    "ry": on_restart,
    "res": on_results,
    "a": run.on_answer,
    "bk": run.on_back,
    "pz": run.on_pause,
    "pf": run.on_profile_toggle,
    "pok": run.on_profile_confirm,
    "why": run.on_why,
    "nt": run.on_note,
    "nc": run.on_note_cancel,
}


async def on_button(update: Update, context: BotContext) -> None:
    """Every checklist button, dispatched on its first argument."""
    await dispatch_button(update, context, ACTIONS)


def register(application: Application) -> None:
    """``/checklist``, its deep link, its buttons and the note input."""
    register_deep_link("checklist", open_checklist)
    register_input(run.NOTE_INPUT, run.on_note_text)
    application.add_handler(
        CommandHandler("checklist", on_checklist, filters=filters.ChatType.PRIVATE)
    )
    application.add_handler(CallbackQueryHandler(on_button, pattern=matches(render.CHECKLIST)))
