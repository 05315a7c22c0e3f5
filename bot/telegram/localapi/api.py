"""``LocalBotApi``: an in-process Bot API server state machine.

It answers Bot API method calls (:meth:`LocalBotApi.call`) with Telegram's payloads and
errors, and keeps what a Telegram client would show: chats, messages after edits, edit
history, files, button presses and their answers. People act on it through
:class:`bot.telegram.localapi.people.LocalUser`, which queues updates for ``getUpdates``.
The terminal chat and the e2e test double both run on it, so the conversation rules exist
once.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.telegram.localapi.errors import ApiError, ApiResult, bad_request, forbidden, not_found
from bot.telegram.localapi.model import (
    ApiEvent,
    CallbackQueryRecord,
    ChatRecord,
    Identity,
    InlineMessage,
    InlineQueryRecord,
    StoredFile,
    StoredMessage,
)
from bot.telegram.localapi.params import Params
from bot.telegram.localapi.updates import UpdateQueue

if TYPE_CHECKING:
    from bot.telegram.localapi.people import LocalUser

Listener = Callable[[ApiEvent], None]


@dataclass(frozen=True)
class Upload:
    """A file sent in a multipart request."""

    filename: str | None
    content: bytes
    mime_type: str | None = None


@dataclass
class WebhookState:
    """The webhook configuration (``setWebhook``)."""

    url: str = ""
    secret_token: str | None = None
    max_connections: int = 40
    allowed_updates: list[str] | None = None


@dataclass
class BotSettings:
    """How the bot is configured at BotFather."""

    privacy_mode: bool = True
    inline_mode: bool = True
    can_join_groups: bool = True


class LocalBotApi:
    """The Bot API of one bot, served in-process."""

    def __init__(
        self,
        *,
        bot_id: int = 123456789,
        username: str = "QualibotTestBot",
        first_name: str = "Qualibot",
        settings: BotSettings | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.bot = Identity(bot_id, first_name, username=username, is_bot=True)
        self.settings = settings or BotSettings()
        self.clock = clock
        self.users: dict[int, Identity] = {}
        self.chats: dict[int, ChatRecord] = {}
        self.history: dict[int, list[StoredMessage]] = {}
        self.files: dict[str, StoredFile] = {}
        self.callback_queries: dict[str, CallbackQueryRecord] = {}
        self.inline_queries: dict[str, InlineQueryRecord] = {}
        self.inline_messages: dict[str, InlineMessage] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.chat_actions: list[tuple[int, str]] = []
        self.webhook = WebhookState()
        self.updates = UpdateQueue()
        self._listeners: list[Listener] = []
        self._serial = itertools.count(1)
        self._message_ids: dict[int, itertools.count] = {}

    async def call(
        self,
        method: str,
        params: Mapping[str, Any] | None = None,
        files: Mapping[str, Upload] | None = None,
    ) -> ApiResult:
        """Run one Bot API method; never raises for a bad call, answers like Telegram."""
        from bot.telegram.localapi.methods import METHODS

        handler = METHODS.get(method.lower())
        if handler is None:
            return not_found().result()
        try:
            result = await handler(self, Params(params or {}), files or {})
        except ApiError as error:
            return error.result()
        return result if isinstance(result, ApiResult) else ApiResult.success(result)

    # People and chats

    def user(
        self,
        user_id: int,
        first_name: str,
        *,
        language_code: str | None = None,
        username: str | None = None,
        last_name: str | None = None,
    ) -> LocalUser:
        """A person who can talk to the bot (created on first use, updated afterwards)."""
        from bot.telegram.localapi.people import LocalUser

        identity = self.users.get(user_id)
        if identity is None:
            identity = Identity(user_id, first_name)
            self.users[user_id] = identity
        identity.first_name = first_name
        identity.language_code = language_code
        identity.username = username
        identity.last_name = last_name
        return LocalUser(self, identity)

    def group(self, chat_id: int, title: str, *, supergroup: bool | None = None) -> ChatRecord:
        """A group the bot is a member of (ids below -10^12 are supergroups by default)."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        if supergroup is None:
            supergroup = chat_id <= -1_000_000_000_000
        chat = self.chats.get(chat_id)
        if chat is None:
            chat = ChatRecord(chat_id, "supergroup" if supergroup else "group", title=title)
            self.chats[chat_id] = chat
        chat.title = title
        return chat

    def private_chat(self, identity: Identity) -> ChatRecord:
        """The private chat with ``identity`` (opened when they first write)."""
        chat = self.chats.get(identity.id)
        if chat is None:
            chat = ChatRecord(identity.id, "private", user=identity)
            self.chats[identity.id] = chat
        return chat

    def chat_for_bot(self, chat_id: int) -> ChatRecord:
        """The chat the bot wants to act in, or Telegram's refusal."""
        chat = self.chats.get(chat_id)
        if chat is None:
            if chat_id in self.users:
                raise forbidden("bot can't initiate conversation with a user")
            raise bad_request("chat not found")
        if chat.bot_blocked:
            raise forbidden("bot was blocked by the user")
        if chat.bot_removed:
            raise forbidden("bot was kicked from the group chat")
        return chat

    # Messages and files

    def now(self) -> int:
        """Unix time in seconds, as Telegram dates are."""
        return int(self.clock())

    def next_serial(self) -> int:
        """A fresh number for query and file identifiers."""
        return next(self._serial)

    def add_message(self, chat: ChatRecord, sender: Identity, **fields: Any) -> StoredMessage:
        """Store a new message in ``chat`` with the chat's next message id."""
        counter = self._message_ids.setdefault(chat.id, itertools.count(1))
        message = StoredMessage(next(counter), chat, sender, self.now(), **fields)
        self.history.setdefault(chat.id, []).append(message)
        return message

    def find_message(self, chat_id: int, message_id: int | None) -> StoredMessage | None:
        """A message still present in the chat, or None."""
        for message in self.history.get(chat_id, []):
            if message.message_id == message_id and not message.deleted:
                return message
        return None

    def messages(self, chat_id: int, *, include_deleted: bool = False) -> list[StoredMessage]:
        """Every message of the chat (users' and bot's) in order."""
        return [m for m in self.history.get(chat_id, []) if include_deleted or not m.deleted]

    def bot_info(self) -> dict[str, Any]:
        """The ``getMe`` result."""
        return {
            **self.bot.to_dict(),
            "can_join_groups": self.settings.can_join_groups,
            "can_read_all_group_messages": not self.settings.privacy_mode,
            "supports_inline_queries": self.settings.inline_mode,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    # Observers

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` on every event; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def emit(self, kind: str, message: StoredMessage | None = None, detail: Any = None) -> None:
        """Tell the observers what happened."""
        event = ApiEvent(kind, message, detail)
        for listener in list(self._listeners):
            listener(event)
