"""``/profile``: organisation name, action categories, situations, certification date.

Each step can be skipped. Which free-text answer the bot waits for is stored in the
database (``users.awaiting``), so a restart in the middle loses nothing.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import CallbackQuery, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.core.dates import DateError, parse_user_date
from bot.core.knowledge.model import ACTION_CATEGORIES
from bot.services.users import ORG_NAME_MAX, SITUATIONS, UserView
from bot.telegram.callbacks import matches
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import current_user, edit_or_reply, pressed, reply, stale
from bot.telegram.handlers.inputs import PendingInput, register_input
from bot.telegram.i18n import t
from bot.telegram.render import profile as render
from bot.telegram.render.text import escape

ORG_INPUT = "profile_org"
DATE_INPUT = "profile_date"


async def ask_org_name(
    update: Update, context: BotContext, user: UserView, query: CallbackQuery | None = None
) -> None:
    """Step 1: the organisation name, typed as free text."""
    await context.services.users.set_awaiting(user.id, ORG_INPUT)
    text = escape(t(user.language, "profile.ask_org_name", limit=ORG_NAME_MAX))
    await edit_or_reply(update, query, text, render.skip_keyboard(user.language, "org"))


async def start_questions(
    update: Update, context: BotContext, user: UserView, query: CallbackQuery | None = None
) -> None:
    """The "fill in" button: the questions start in a new message, the pressed one stays."""
    await ask_org_name(update, context, user)


async def skip_org_name(
    update: Update, context: BotContext, user: UserView, query: CallbackQuery | None = None
) -> None:
    """Step 1 skipped: stop waiting for the name, go to the categories."""
    await context.services.users.set_awaiting(user.id, None)
    await show_categories(update, context, user, query)


async def show_categories(
    update: Update, context: BotContext, user: UserView, query: CallbackQuery | None = None
) -> None:
    """Step 2: the action categories, as toggle buttons."""
    text = escape(t(user.language, "profile.ask_categories"))
    await edit_or_reply(update, query, text, render.categories_keyboard(user, user.language))


async def show_situations(
    update: Update, context: BotContext, user: UserView, query: CallbackQuery | None = None
) -> None:
    """Step 3: the situations, as toggle buttons."""
    text = escape(t(user.language, "profile.ask_situations"))
    await edit_or_reply(update, query, text, render.situations_keyboard(user, user.language))


async def ask_certified_on(
    update: Update, context: BotContext, user: UserView, query: CallbackQuery | None = None
) -> None:
    """Step 4: the certification date, typed as free text."""
    await context.services.users.set_awaiting(user.id, DATE_INPUT)
    text = escape(t(user.language, "profile.ask_certified_on"))
    await edit_or_reply(update, query, text, render.skip_keyboard(user.language, "date"))


async def finish(
    update: Update, context: BotContext, user: UserView, query: CallbackQuery | None = None
) -> None:
    """Done: mark the profile complete and show it."""
    user = await context.services.users.finish_profile(user.id)
    text = f"{escape(t(user.language, 'profile.done'))}\n\n{render.summary(user, user.language)}"
    await edit_or_reply(update, query, text, render.edit_keyboard(user.language))


_STEPS = {
    ("edit", ""): start_questions,
    ("skip", "org"): skip_org_name,
    ("next", "cat"): show_situations,
    ("next", "sit"): ask_certified_on,
    ("skip", "date"): finish,
}


async def on_profile(update: Update, context: BotContext) -> None:
    """Show the profile and offer to fill it in."""
    user = await current_user(update, context)
    intro = "profile.intro_done" if user.profile_done else "profile.intro_empty"
    text = f"{escape(t(user.language, intro))}\n\n{render.summary(user, user.language)}"
    await reply(update, text, render.edit_keyboard(user.language))


async def on_org_name(update: Update, context: BotContext, pending: PendingInput) -> None:
    """The organisation name was typed; too long or empty asks again."""
    user, name = pending.user, " ".join(pending.text.split())
    if not name or len(name) > ORG_NAME_MAX:
        text = t(user.language, "profile.org_name_invalid", limit=ORG_NAME_MAX)
        await reply(update, escape(text))
        return
    user = await context.services.users.set_org_name(user.id, name)
    await context.services.users.set_awaiting(user.id, None)
    await reply(update, escape(t(user.language, "profile.org_name_saved", name=name)))
    await show_categories(update, context, user)


async def on_certified_on(update: Update, context: BotContext, pending: PendingInput) -> None:
    """The certification date was typed; an unreadable or unlikely date asks again."""
    user = pending.user
    today = datetime.now(ZoneInfo(user.timezone)).date()
    parsed = parse_user_date(pending.text, today)
    if isinstance(parsed, DateError):
        await reply(update, escape(t(user.language, f"profile.date_{parsed.reason}")))
        return
    user = await context.services.users.set_certified_on(user.id, parsed)
    await context.services.reminders.refresh_milestones(user.id)
    await finish(update, context, user)


async def _toggle(context: BotContext, user: UserView, field: str, key: str) -> UserView | None:
    users = context.services.users
    if field == "cat" and key in ACTION_CATEGORIES:
        return await users.toggle_category(user.id, key)
    if field == "sit" and key in SITUATIONS:
        return await users.toggle_situation(user.id, key)
    return None


async def on_button(update: Update, context: BotContext) -> None:
    """Every profile button: a step (edit, skip, next) or a category/situation toggle."""
    query, data = pressed(update)
    user = await current_user(update, context)
    field, value = (data.arg(0), data.arg(1)) if data else ("", "")
    step = _STEPS.get((field, value))
    if step is not None:
        await query.answer()
        await step(update, context, user, query)
        return
    updated = await _toggle(context, user, field, value)
    if updated is None:
        await stale(query, user.language)
        return
    await query.answer()
    redraw = render.categories_keyboard if field == "cat" else render.situations_keyboard
    await query.edit_message_reply_markup(redraw(updated, updated.language))


def register(application: Application) -> None:
    """``/profile``, its buttons and its two free-text inputs."""
    register_input(ORG_INPUT, on_org_name)
    register_input(DATE_INPUT, on_certified_on)
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("profile", on_profile, filters=private))
    application.add_handler(CallbackQueryHandler(on_button, pattern=matches(render.PROFILE)))
