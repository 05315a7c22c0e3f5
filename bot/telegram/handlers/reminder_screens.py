"""Showing the ``/reminders`` screens: in place after a button press, or as a new message."""

from __future__ import annotations

from telegram import CallbackQuery, InputFile, Update

from bot.services.users import UserView
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import edit_or_reply, one_message
from bot.telegram.i18n import t
from bot.telegram.render import reminders as render


async def send_home(
    update: Update, context: BotContext, user: UserView, query: CallbackQuery | None = None
) -> None:
    """The overview: dates, next milestones, every reminder's state, and the actions."""
    reminders = context.services.reminders
    settings = await reminders.settings(user.id)
    if settings is None:
        return
    html = render.home(settings, reminders.schedule(settings), reminders.today(settings))
    await edit_or_reply(update, query, html, render.home_keyboard(settings))


async def send_recurring(
    update: Update,
    context: BotContext,
    user: UserView,
    kind: str,
    query: CallbackQuery | None = None,
) -> None:
    """The daily or monthly reminder screen."""
    settings = await context.services.reminders.settings(user.id)
    if settings is not None:
        html, keyboard = render.recurring_screen(settings, kind)
        await edit_or_reply(update, query, html, keyboard)


async def send_timeline(
    update: Update, context: BotContext, user: UserView, query: CallbackQuery | None = None
) -> None:
    """Every milestone with its status and source."""
    reminders = context.services.reminders
    settings = await reminders.settings(user.id)
    if settings is None or settings.certified_on is None:
        await edit_or_reply(update, query, t(user.language, "reminders.need_date"), None)
        return
    html = render.timeline(settings, reminders.schedule(settings), reminders.today(settings))
    keyboard = render.timeline_keyboard(user.language)
    await edit_or_reply(update, query, one_message(html, user.language), keyboard)


async def send_image(update: Update, context: BotContext, user: UserView) -> None:
    """The timeline as a picture."""
    reminders = context.services.reminders
    settings = await reminders.settings(user.id)
    chat = update.effective_chat
    if chat is None:
        return
    if settings is None or settings.certified_on is None:
        await chat.send_message(t(user.language, "reminders.need_date"))
        return
    from bot.core.milestones.chart import timeline_png  # matplotlib: loaded on first use

    png = timeline_png(reminders.schedule(settings), user.language, reminders.today(settings))
    await chat.send_photo(
        InputFile(png, filename="timeline.png"),
        caption=t(user.language, "reminders.image_caption"),
    )


async def send_calendar(update: Update, context: BotContext, user: UserView) -> None:
    """The milestones as an ``.ics`` file, or how to get one."""
    chat = update.effective_chat
    if chat is None:
        return
    name = t(user.language, "reminders.calendar_name")
    data = await context.services.reminders.calendar(user.id, name)
    if data is None:
        await chat.send_message(t(user.language, "reminders.need_date"))
        return
    await chat.send_document(
        InputFile(data, filename=t(user.language, "reminders.calendar_file")),
        caption=t(user.language, "reminders.calendar_caption"),
    )
