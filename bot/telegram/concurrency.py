"""Handling updates of different chats at the same time, and each chat's in order.

python-telegram-bot handles one update at a time unless told otherwise; one slow update
(a database write, a PDF) then holds every other user. :class:`ChatOrderedProcessor` lets
up to ``limit`` updates run together, but never two of the same chat (or of the same user
when there is no chat, e.g. inline queries): within a conversation, updates are handled in
the order they arrived, as users expect.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

DEFAULT_LIMIT = 64
"""Updates handled at the same time (they mostly wait for the database or Telegram)."""
_UNBOUNDED = 1_000_000
"""PTB's own semaphore: waiting for a chat's turn must not take a processing slot."""


def conversation_key(update: object) -> object:
    """What must be handled in order: the chat, else the user, else nothing (None)."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return ("chat", update.effective_chat.id)
    if update.effective_user is not None:
        return ("user", update.effective_user.id)
    return None


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Concurrent across conversations, sequential within one."""

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        super().__init__(_UNBOUNDED)
        self.limit = limit
        self._slots = asyncio.Semaphore(limit)
        self._queues: dict[object, asyncio.Lock] = {}
        self._waiting: dict[object, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the conversation's turn, then for a free slot, then handle the update."""
        key = conversation_key(update)
        if key is None:
            async with self._slots:
                await coroutine
            return
        lock = self._queues.get(key)
        if lock is None:
            lock = self._queues[key] = asyncio.Lock()
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock, self._slots:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key]
                del self._queues[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
