"""Per-user flood control, and the updates the bot never acts on.

Each user has a bucket of ``burst`` messages refilled at ``rate`` per second. A message
arriving on an empty bucket is dropped; the first one dropped gets a polite notice, the
following ones are dropped silently until the bucket refills.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, MessageHandler, TypeHandler, filters

from bot.telegram.context import BotContext
from bot.telegram.handlers.common import language, reply
from bot.telegram.handlers.groups import ADDRESSED_TO_BOT
from bot.telegram.i18n import t
from bot.telegram.render.text import escape

GATE_GROUP = -2
BURST = 5
RATE_PER_SECOND = 1.0
_SWEEP_ABOVE = 10_000


@dataclass
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


class FloodControl:
    """Token buckets keyed by user id."""

    def __init__(
        self,
        burst: int = BURST,
        rate: float = RATE_PER_SECOND,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.burst = burst
        self.rate = rate
        self.clock = clock
        self._buckets: dict[int, _Bucket] = {}

    def admit(self, user_id: int) -> tuple[bool, bool]:
        """(allowed, warn): whether to handle the message, and whether to send the notice."""
        now = self.clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            self._sweep(now)
            bucket = self._buckets[user_id] = _Bucket(float(self.burst), now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.warned = False
            return True, False
        warn = not bucket.warned
        bucket.warned = True
        return False, warn

    def _sweep(self, now: float) -> None:
        """Forget users whose bucket is full again, when there are many."""
        if len(self._buckets) < _SWEEP_ABOVE:
            return
        refill = self.burst / self.rate
        for user_id, bucket in list(self._buckets.items()):
            if now - bucket.updated >= refill:
                del self._buckets[user_id]


def _counted(update: Update) -> bool:
    """Messages the bot would act on: anything private, commands or mentions in groups."""
    message = update.message
    if message is None or message.from_user is None:
        return False
    if message.chat.type == "private":
        return True
    return bool(filters.COMMAND.check_update(update) or ADDRESSED_TO_BOT.check_update(update))


def gate(control: FloodControl) -> Callable[[Update, BotContext], object]:
    """The first handler of every update: drops floods, politely, once per flood."""

    async def check(update: Update, context: BotContext) -> None:
        if not _counted(update):
            return
        allowed, warn = control.admit(update.message.from_user.id)
        if allowed:
            return
        if warn:
            await reply(update, escape(t(await language(update, context), "common.too_fast")))
        raise ApplicationHandlerStop

    return check


async def ignore(update: Update, context: BotContext) -> None:
    """Edits and channel posts are never answered."""
    raise ApplicationHandlerStop


def register(application: Application, control: FloodControl | None = None) -> None:
    """Install the gate before every other handler."""
    ignored = filters.UpdateType.EDITED | filters.UpdateType.CHANNEL_POSTS
    application.add_handler(MessageHandler(ignored, ignore), group=GATE_GROUP)
    application.add_handler(TypeHandler(Update, gate(control or FloodControl())), group=GATE_GROUP)
