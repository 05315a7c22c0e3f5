"""``FakeUser``: a person in a test, acting through the double and waiting for the bot."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from bot.telegram.localapi import (
    CallbackAnswer,
    CallbackQueryRecord,
    ChatRecord,
    InlineMessage,
    InlineQueryRecord,
    LocalUser,
    StoredMessage,
)

if TYPE_CHECKING:
    from tests.botapi.server import BotApiDouble

ChatRef = ChatRecord | int | None


class FakeUser:
    """Sends messages, presses buttons, queries inline, and waits for the bot's replies."""

    def __init__(self, double: BotApiDouble, local: LocalUser) -> None:
        self.double = double
        self.local = local
        self._seen: dict[int, int] = {}
        self._last_chat: int = local.id

    @property
    def id(self) -> int:
        """The Telegram user id."""
        return self.local.id

    @property
    def chat_id(self) -> int:
        """The id of the private chat with the bot."""
        return self.local.id

    def _mark(self, chat_id: int) -> None:
        messages = self.double.api.messages(chat_id, include_deleted=True)
        self._seen[chat_id] = messages[-1].message_id if messages else 0
        self._last_chat = chat_id

    async def send(self, text: str, *, chat: ChatRef = None) -> StoredMessage:
        """Type ``text`` in the private chat, or in ``chat``."""
        message = self.local.send(text, chat=chat)
        self._mark(message.chat_id)
        await asyncio.sleep(0)
        return message

    async def reply(
        self, to_message: StoredMessage, text: str, *, chat: ChatRef = None
    ) -> StoredMessage:
        """Reply to ``to_message``."""
        message = self.local.reply(to_message, text, chat=chat)
        self._mark(message.chat_id)
        await asyncio.sleep(0)
        return message

    async def press(
        self, message: StoredMessage | InlineMessage, button: str, *, forge: bool = False
    ) -> CallbackQueryRecord:
        """Press the button labelled (or with callback data) ``button``."""
        query = self.local.press(message, button, forge=forge)
        if isinstance(message, StoredMessage):
            self._mark(message.chat_id)
        await asyncio.sleep(0)
        return query

    async def inline(self, query: str) -> InlineQueryRecord:
        """Send an inline query."""
        record = self.local.inline(query)
        await asyncio.sleep(0)
        return record

    def block(self) -> None:
        """Block the bot (its sends now get 403)."""
        self.local.block()

    def unblock(self) -> None:
        """Unblock the bot."""
        self.local.unblock()

    def menu(self, chat: ChatRef = None) -> list[dict[str, str]]:
        """The command menu this user sees."""
        return self.local.command_menu(chat)

    async def wait_reply(
        self,
        count: int = 1,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - the harness API names it timeout
        chat: ChatRef = None,
    ) -> list[StoredMessage]:
        """The next ``count`` messages the bot sends to the chat since this user's last action."""
        chat_id = self._last_chat if chat is None else getattr(chat, "id", chat)
        since = self._seen.get(chat_id, 0)

        def arrived() -> list[StoredMessage] | None:
            new = [
                m
                for m in self.double.api.messages(chat_id, include_deleted=True)
                if m.from_bot and m.message_id > since
            ]
            return new[:count] if len(new) >= count else None

        replies = await self.double.wait_for(
            arrived,
            timeout=timeout,
            description=f"{count} bot message(s) in chat {chat_id}",
        )
        self._seen[chat_id] = replies[-1].message_id
        return replies

    async def wait_answer(
        self,
        query: CallbackQueryRecord,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - the harness API names it timeout
    ) -> CallbackAnswer:
        """The bot's answer to a button press."""
        return await self.double.wait_for(
            lambda: query.answer, timeout=timeout, description=f"answer to query {query.id}"
        )
