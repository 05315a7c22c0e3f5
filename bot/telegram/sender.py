"""The Telegram implementation of the delivery engine's ``Sender``.

Each message is rendered by the renderer registered for its payload ``kind`` (plain
``{"text": html}`` payloads need none), then sent; Telegram's errors become outcomes:

- ``RetryAfter`` (429): retry after the delay Telegram asked for;
- ``Forbidden`` (403: blocked, deactivated, kicked): the user is unreachable, stop;
- ``TimedOut``, ``NetworkError`` and 5xx: retry with backoff;
- ``BadRequest`` (chat not found, text too long…) and ``ChatMigrated``: give up.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.warnings import PTBDeprecationWarning

from bot.services.delivery import Outcome, Outgoing, SendResult

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Rendered:
    """A message ready for Telegram: HTML text and optional buttons."""

    html: str
    keyboard: InlineKeyboardMarkup | None = None


Renderer = Callable[[Outgoing], Rendered]


def render_text(message: Outgoing) -> Rendered:
    """The default renderer: ``payload["text"]`` is ready-made HTML (e.g. a broadcast)."""
    return Rendered(str(message.payload.get("text", "")))


def retry_after_seconds(error: RetryAfter) -> float:
    """The delay of a 429 answer in seconds (PTB gives an int or a timedelta)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class TelegramSender:
    """Sends rendered deliveries with a python-telegram-bot ``Bot``."""

    def __init__(self, bot: Bot, renderers: dict[str, Renderer] | None = None) -> None:
        self.bot = bot
        self._renderers: dict[str, Renderer] = dict(renderers or {})

    def register(self, kind: str, renderer: Renderer) -> None:
        """Render payloads of ``kind`` with ``renderer``."""
        self._renderers[kind] = renderer

    async def send(self, message: Outgoing) -> SendResult:
        """Send one delivery and say what happened (never raises for Telegram errors)."""
        try:
            rendered = self._renderers.get(message.kind, render_text)(message)
        except Exception as exc:
            log.exception("cannot render delivery %d (%s)", message.id, message.kind)
            return SendResult(Outcome.FAILED, error=f"render: {type(exc).__name__}: {exc}")
        if not rendered.html.strip():
            return SendResult(Outcome.FAILED, error="empty message")
        try:
            await self.bot.send_message(
                chat_id=message.chat_id,
                text=rendered.html,
                parse_mode=ParseMode.HTML,
                reply_markup=rendered.keyboard,
            )
        except RetryAfter as exc:
            return SendResult(Outcome.RETRY, retry_after_seconds(exc), error=str(exc))
        except Forbidden as exc:
            return SendResult(Outcome.BLOCKED, error=str(exc))
        except (BadRequest, ChatMigrated) as exc:
            return SendResult(Outcome.FAILED, error=f"{type(exc).__name__}: {exc}")
        except NetworkError as exc:
            return SendResult(Outcome.RETRY, error=f"{type(exc).__name__}: {exc}")
        except TelegramError as exc:
            return SendResult(Outcome.RETRY, error=f"{type(exc).__name__}: {exc}")
        return SendResult(Outcome.SENT)
