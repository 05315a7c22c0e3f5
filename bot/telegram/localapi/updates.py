"""The queue of updates waiting for the bot, with ``getUpdates`` semantics.

An update stays until a later ``getUpdates`` confirms it with ``offset`` greater than its
``update_id``; a negative offset keeps only the last ``-offset`` updates. ``timeout``
long-polls; a second concurrent ``getUpdates`` ends the first with Telegram's 409.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from bot.telegram.localapi.errors import ApiError

DEFAULT_EXCLUDED = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
CONFLICT_OTHER_POLLER = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


class UpdateQueue:
    """Pending updates in ``update_id`` order."""

    def __init__(self, first_update_id: int = 1) -> None:
        self._pending: list[dict[str, Any]] = []
        self._next_id = first_update_id
        self._allowed: frozenset[str] | None = None
        self._arrived = asyncio.Event()
        self._poller = 0

    @property
    def pending(self) -> list[dict[str, Any]]:
        """The updates not confirmed yet."""
        return list(self._pending)

    def push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        """Queue an update of ``kind``; None when the bot does not receive that kind."""
        if not self.accepts(kind):
            return None
        update = {"update_id": self._next_id, kind: payload}
        self._next_id += 1
        self._pending.append(update)
        self._wake()
        return update

    def accepts(self, kind: str) -> bool:
        """Whether the current ``allowed_updates`` setting lets ``kind`` through."""
        if self._allowed is None:
            return kind not in DEFAULT_EXCLUDED
        return kind in self._allowed

    def set_allowed(self, kinds: Iterable[str] | None) -> None:
        """Apply ``allowed_updates`` (an empty list means the default kinds)."""
        if kinds is None:
            return
        kinds = frozenset(kinds)
        self._allowed = kinds or None

    def drop_pending(self) -> None:
        """Forget every pending update (``drop_pending_updates``)."""
        self._pending.clear()

    def confirm(self, offset: int) -> None:
        """Forget the updates that ``offset`` confirms."""
        if offset < 0:
            del self._pending[: max(len(self._pending) + offset, 0)]
        elif offset:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]

    async def get(self, offset: int, limit: int, wait: float) -> list[dict[str, Any]]:
        """Updates from ``offset`` on, waiting up to ``wait`` seconds for the first one."""
        self._poller += 1
        me = self._poller
        self._wake()
        self.confirm(offset)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(wait, 0)
        while True:
            if self._poller != me:
                raise ApiError(409, CONFLICT_OTHER_POLLER)
            batch = self._pending[:limit]
            remaining = deadline - loop.time()
            if batch or remaining <= 0:
                return batch
            arrived = self._arrived
            try:
                await asyncio.wait_for(arrived.wait(), remaining)
            except TimeoutError:
                if self._poller != me:
                    raise ApiError(409, CONFLICT_OTHER_POLLER) from None
                return []

    def _wake(self) -> None:
        self._arrived.set()
        self._arrived = asyncio.Event()
