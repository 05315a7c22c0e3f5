"""Plain text in a private chat: the answer to a pending prompt, otherwise a question.

A feature that asks the user to type something (an organisation name, a checklist note, a
date) stores what it waits for in ``users.awaiting`` as ``kind`` or ``kind:arg:arg`` (see
:func:`awaiting`) and registers an input handler for ``kind`` with :func:`register_input`.
The state lives in the database, so a restart loses nothing. Any command (except
``/cancel``, which says what it cancelled) drops the pending prompt, and a prompt left
unanswered for two hours is forgotten (the text is then a question).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import Update
from telegram.ext import Application, MessageHandler, filters

from bot.services.users import UserView
from bot.storage.types import utcnow
from bot.telegram.context import BotContext
from bot.telegram.handlers.ask import answer_question
from bot.telegram.handlers.common import current_user

AWAITING_MAX = 120
CLEAR_GROUP = -1
_CANCEL = filters.Regex(r"^/cancel(@\w+)?(\s|$)")


@dataclass(frozen=True, slots=True)
class PendingInput:
    """What the user typed in answer to a prompt of feature ``kind``."""

    kind: str
    args: tuple[str, ...]
    text: str
    user: UserView


InputHandler = Callable[[Update, BotContext, PendingInput], Awaitable[None]]
_handlers: dict[str, InputHandler] = {}


def register_input(kind: str, handler: InputHandler) -> None:
    """Route the next plain text of users awaiting ``kind`` to ``handler``.

    The handler clears ``users.awaiting`` when it is satisfied (or keeps it to ask again).
    """
    if not kind or ":" in kind:
        raise ValueError(f"bad input kind {kind!r}")
    known = _handlers.get(kind)
    if known is not None and known is not handler:
        raise ValueError(f"input kind {kind!r} already has a handler")
    _handlers[kind] = handler


def awaiting(kind: str, *args: object) -> str:
    """The ``users.awaiting`` value for a prompt of ``kind`` with ``args``."""
    value = ":".join([kind, *map(str, args)])
    if len(value) > AWAITING_MAX:
        raise ValueError(f"awaiting value over {AWAITING_MAX} characters: {value!r}")
    return value


async def on_private_text(update: Update, context: BotContext) -> None:
    """Send the text to the pending prompt's handler, or answer it as a question."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    user = await current_user(update, context)
    pending = user.pending_input(utcnow())
    if pending:
        kind, *args = pending.split(":")
        handler = _handlers.get(kind)
        if handler is not None:
            await handler(update, context, PendingInput(kind, tuple(args), message.text, user))
            return
        await context.services.users.set_awaiting(user.id, None)
    await answer_question(update, context, message.text, user)


async def on_command(update: Update, context: BotContext) -> None:
    """A command in a private chat drops any pending prompt (before the command runs)."""
    if update.effective_user is not None:
        await context.services.users.clear_awaiting(update.effective_user.id)


def register(application: Application) -> None:
    """Plain private text (after every other handler) and pending-prompt clearing."""
    private = filters.ChatType.PRIVATE
    application.add_handler(
        MessageHandler(filters.COMMAND & private & ~_CANCEL, on_command), group=CLEAR_GROUP
    )
    application.add_handler(
        MessageHandler(filters.TEXT & ~filters.COMMAND & private, on_private_text)
    )
