"""``/broadcast``: a message to every user or a segment, previewed, then confirmed.

``/broadcast <text>`` (or ``/broadcast`` and then the text as the next message) stores a
draft and shows it exactly as recipients will see it, with one button per segment and
Send / Cancel. Sending queues one delivery per recipient (see
:mod:`bot.services.broadcast`); the delivery engine sends them like reminders, rate-limited
and resumed after a restart. A repeating job edits the progress message in place until the
final count of delivered, blocked and failed messages; after a restart it posts a new
progress message, since the old one's id was only known to the stopped process (see
:func:`track_broadcasts`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from telegram import CallbackQuery, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.services.broadcast import BROADCAST_MAX_CHARS, Progress, StartOutcome
from bot.services.users import UserView
from bot.telegram.callbacks import CallbackData, matches
from bot.telegram.context import BotContext
from bot.telegram.handlers.ask import answer_question
from bot.telegram.handlers.common import current_user, edit, language, pressed, reply, stale
from bot.telegram.handlers.inputs import PendingInput, awaiting, register_input
from bot.telegram.i18n import t
from bot.telegram.render import admin as render
from bot.telegram.render.split import telegram_length

log = logging.getLogger(__name__)

BROADCAST_INPUT = "broadcast"
PROGRESS_KEY = "broadcast_progress"
ADOPTED_KEY = "broadcast_progress_adopted"
PROGRESS_JOB = "broadcast-progress"
PROGRESS_EVERY = 2.0
"""Seconds between two edits of a progress message (Telegram tolerates about one a second)."""
_COMMAND = re.compile(r"^/broadcast(@\w+)?\s*", re.IGNORECASE)


@dataclass(slots=True)
class ProgressMessage:
    """The message showing a broadcast's progress, and the text it shows."""

    chat_id: int
    message_id: int | None = None
    shown: str = ""
    resumed: bool = False


def progress_messages(application: Application) -> dict[int, ProgressMessage]:
    """Progress messages by broadcast id (known to this process only)."""
    return application.bot_data.setdefault(PROGRESS_KEY, {})


def is_admin(context: BotContext, user_id: int) -> bool:
    """True for the users listed in ``ADMIN_IDS``."""
    return user_id in context.services.settings.admin_ids


async def on_broadcast(update: Update, context: BotContext) -> None:
    """``/broadcast <text>``: the preview; ``/broadcast`` alone: ask for the text."""
    user = await current_user(update, context)
    message = update.effective_message
    plain = _COMMAND.sub("", message.text or "", count=1).strip()
    if not plain:
        await context.services.users.set_awaiting(user.id, awaiting(BROADCAST_INPUT))
        await reply(update, render.broadcast_prompt(user.language))
        return
    html = _COMMAND.sub("", message.text_html, count=1).strip()
    await _preview(update, context, user, plain, html)


async def on_typed(update: Update, context: BotContext, pending: PendingInput) -> None:
    """The text typed after ``/broadcast`` (a question, if the user is no longer an admin)."""
    if not is_admin(context, pending.user.id):
        await context.services.users.set_awaiting(pending.user.id, None)
        await answer_question(update, context, pending.text, pending.user)
        return
    message = update.effective_message
    await _preview(update, context, pending.user, pending.text.strip(), message.text_html.strip())


async def _preview(
    update: Update, context: BotContext, user: UserView, plain: str, html: str
) -> None:
    """Store a draft of ``html`` and show its preview; too long, ask for a shorter text."""
    length = telegram_length(plain)
    if length > BROADCAST_MAX_CHARS:
        await context.services.users.set_awaiting(user.id, awaiting(BROADCAST_INPUT))
        await reply(update, render.broadcast_too_long(length, BROADCAST_MAX_CHARS, user.language))
        return
    await context.services.users.set_awaiting(user.id, None)
    draft = await context.services.admin.broadcasts.create(user.id, html)
    await reply(update, *render.broadcast_preview(draft, user.language))


async def on_button(update: Update, context: BotContext) -> None:
    """Segment, Send and Cancel under a preview; for anyone else, a stale button."""
    query, data = pressed(update)
    lang = await language(update, context)
    broadcast_id = data.int_arg(1) if data else None
    step = _STEPS.get(data.arg(0)) if data else None
    if step is None or broadcast_id is None or not is_admin(context, query.from_user.id):
        await stale(query, lang)
        return
    await step(query, context, broadcast_id, data, lang)


async def _choose_segment(
    query: CallbackQuery, context: BotContext, broadcast_id: int, data: CallbackData, lang: str
) -> None:
    draft = await context.services.admin.broadcasts.choose_segment(broadcast_id, data.arg(2))
    if draft is None:
        await query.answer(t(lang, "admin.bc_not_draft"))
        return
    await query.answer()
    await edit(query, *render.broadcast_preview(draft, lang))


async def _send(
    query: CallbackQuery, context: BotContext, broadcast_id: int, data: CallbackData, lang: str
) -> None:
    broadcasts = context.services.admin.broadcasts
    messages = progress_messages(context.application)
    known = messages.get(broadcast_id)
    if known is None and query.message is not None:
        messages[broadcast_id] = ProgressMessage(query.message.chat.id, query.message.message_id)
    started = await broadcasts.start(broadcast_id)
    if started.outcome is not StartOutcome.STARTED:
        if known is None:
            messages.pop(broadcast_id, None)
        key = "admin.bc_nobody" if started.outcome is StartOutcome.NOBODY else "admin.bc_not_draft"
        await query.answer(t(lang, key))
        return
    await query.answer()
    progress = await broadcasts.progress(broadcast_id)
    if progress is not None:
        html = render.broadcast_progress(progress, lang)
        await edit(query, html)
        if broadcast_id in messages:
            messages[broadcast_id].shown = html


async def _drop(
    query: CallbackQuery, context: BotContext, broadcast_id: int, data: CallbackData, lang: str
) -> None:
    if not await context.services.admin.broadcasts.cancel(broadcast_id):
        await query.answer(t(lang, "admin.bc_not_draft"))
        return
    await query.answer()
    await edit(query, render.broadcast_cancelled(broadcast_id, lang))


_STEPS = {"seg": _choose_segment, "send": _send, "drop": _drop}


async def track_broadcasts(context: BotContext) -> None:
    """The repeating job: show the progress of broadcasts being sent, then their end.

    An instance follows the broadcasts confirmed through it, and on its first run adopts
    those it finds already sending (a restart): it posts a new progress message for them.
    Broadcasts confirmed through another running instance are left to that instance.
    """
    application = context.application
    try:
        running = await context.services.admin.broadcasts.sending()
    except Exception:
        log.exception("reading the progress of broadcasts failed; the next run will try again")
        return
    messages = progress_messages(application)
    adopting = not application.bot_data.get(ADOPTED_KEY)
    application.bot_data[ADOPTED_KEY] = True
    for progress in running:
        tracked = messages.get(progress.id)
        if tracked is None:
            if not adopting:
                continue
            tracked = messages[progress.id] = ProgressMessage(progress.created_by, resumed=True)
        try:
            await _show_progress(context, progress, tracked)
        except Exception:
            log.exception("showing the progress of broadcast %d failed", progress.id)


async def _show_progress(context: BotContext, progress: Progress, tracked: ProgressMessage) -> None:
    services = context.services
    finished = progress.finished and await services.admin.broadcasts.finish(progress.id)
    lang = await services.users.language_of(progress.created_by, None)
    html = render.broadcast_progress(progress, lang, finished=finished, resumed=tracked.resumed)
    if html != tracked.shown:
        await _publish(context, tracked, html)
    if finished:
        progress_messages(context.application).pop(progress.id, None)
        log.info("broadcast %d finished: %s", progress.id, progress)


async def _publish(context: BotContext, tracked: ProgressMessage, html: str) -> None:
    """Edit the progress message, or post it when there is none yet."""
    try:
        if tracked.message_id is None:
            sent = await context.bot.send_message(tracked.chat_id, html)
            tracked.message_id = sent.message_id
        else:
            await context.bot.edit_message_text(html, tracked.chat_id, tracked.message_id)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            log.warning("could not show broadcast progress: %s", exc)
            return
    except TelegramError as exc:
        log.warning("could not show broadcast progress: %s", exc)
        return
    tracked.shown = html


def register(application: Application, admins: filters.BaseFilter) -> None:
    """``/broadcast`` for ``admins``, its typed text, its buttons, and the progress job."""
    register_input(BROADCAST_INPUT, on_typed)
    application.add_handler(CommandHandler("broadcast", on_broadcast, filters=admins))
    application.add_handler(CallbackQueryHandler(on_button, pattern=matches(render.BROADCAST)))
    if application.job_queue is None:
        raise RuntimeError("python-telegram-bot[job-queue] is required for broadcasts")
    application.job_queue.run_repeating(
        track_broadcasts,
        interval=PROGRESS_EVERY,
        first=PROGRESS_EVERY,
        name=PROGRESS_JOB,
        job_kwargs={"coalesce": True, "misfire_grace_time": None},
    )
