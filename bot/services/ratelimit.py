"""Telegram's sending limits: an overall rate, and a minimum gap between messages to one chat.

Slots are handed out in order without locks (asyncio runs one task at a time between awaits),
so ``rate`` messages per second are reached exactly when senders keep up, and never exceeded.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

PRIVATE_CHAT_INTERVAL = 1.0
"""Telegram: avoid more than one message per second in a single chat."""
GROUP_CHAT_INTERVAL = 3.0
"""Telegram: at most 20 messages per minute in a group."""
PRUNE_EVERY = 1000


class SendRateLimiter:
    """Wait for a free slot before each message; ``rate=None`` lifts the overall limit."""

    def __init__(
        self,
        rate: float | None,
        *,
        private_interval: float = PRIVATE_CHAT_INTERVAL,
        group_interval: float = GROUP_CHAT_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if rate is not None and rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self._gap = 1.0 / rate if rate else 0.0
        self._private_interval = private_interval
        self._group_interval = group_interval
        self._clock = clock
        self._sleep = sleep
        self._next_slot = 0.0
        self._chat_free_at: dict[int, float] = {}
        self._acquired = 0

    def _chat_interval(self, chat_id: int) -> float:
        return self._group_interval if chat_id < 0 else self._private_interval

    async def acquire(self, chat_id: int) -> None:
        """Return when a message may be sent to ``chat_id``."""
        now = self._clock()
        chat_ready = max(now, self._chat_free_at.get(chat_id, now))
        self._chat_free_at[chat_id] = chat_ready + self._chat_interval(chat_id)
        if chat_ready > now:
            await self._sleep(chat_ready - now)
            now = self._clock()
        if self._gap:
            slot = max(now, self._next_slot)
            self._next_slot = slot + self._gap
            if slot > now:
                await self._sleep(slot - now)
            self._chat_free_at[chat_id] = max(
                self._chat_free_at[chat_id], slot + self._chat_interval(chat_id)
            )
        self._acquired += 1
        if self._acquired % PRUNE_EVERY == 0:
            self._prune()

    def hold_chat(self, chat_id: int, seconds: float) -> None:
        """Send nothing to ``chat_id`` for ``seconds`` (Telegram answered 429 Retry-After)."""
        until = self._clock() + seconds
        self._chat_free_at[chat_id] = max(self._chat_free_at.get(chat_id, 0.0), until)

    def _prune(self) -> None:
        now = self._clock()
        self._chat_free_at = {c: t for c, t in self._chat_free_at.items() if t > now}
