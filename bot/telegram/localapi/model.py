"""What the local Bot API remembers: people, chats, messages, files, queries and answers.

Every record renders itself with ``to_dict()`` in the exact shape of the Bot API object,
so python-telegram-bot's ``de_json`` reads it like a real Telegram payload.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Identity:
    """A Telegram user or bot account."""

    id: int
    first_name: str
    username: str | None = None
    last_name: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The Bot API ``User`` object."""
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for name in ("last_name", "username", "language_code"):
            value = getattr(self, name)
            if value:
                data[name] = value
        return data


@dataclass
class ChatRecord:
    """A private chat with a user, or a group the bot belongs to."""

    id: int
    type: str
    title: str | None = None
    user: Identity | None = None
    bot_blocked: bool = False
    bot_removed: bool = False

    @property
    def is_private(self) -> bool:
        """True for a one-to-one chat with a user."""
        return self.type == "private"

    def to_dict(self) -> dict[str, Any]:
        """The Bot API ``Chat`` object."""
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.user is not None:
            data["first_name"] = self.user.first_name
            if self.user.last_name:
                data["last_name"] = self.user.last_name
            if self.user.username:
                data["username"] = self.user.username
        elif self.title:
            data["title"] = self.title
        return data


@dataclass
class StoredFile:
    """An uploaded document or photo, with its bytes."""

    file_id: str
    file_unique_id: str
    kind: str
    filename: str | None
    content: bytes
    mime_type: str | None = None
    width: int = 0
    height: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The Bot API ``Document`` or ``PhotoSize`` object."""
        data: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
        }
        if self.kind == "photo":
            data.update(width=self.width, height=self.height)
            return data
        if self.filename:
            data["file_name"] = self.filename
        if self.mime_type:
            data["mime_type"] = self.mime_type
        return data


@dataclass
class Revision:
    """A message's content before an edit."""

    text: str | None
    entities: list[dict[str, Any]]
    reply_markup: dict[str, Any] | None
    edit_date: int


@dataclass(repr=False)
class StoredMessage:
    """A message as it currently is (after edits), with its edit history."""

    message_id: int
    chat: ChatRecord
    sender: Identity
    date: int
    text: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    caption: str | None = None
    reply_markup: dict[str, Any] | None = None
    reply_keyboard: dict[str, Any] | None = None
    reply_to: StoredMessage | None = None
    file: StoredFile | None = None
    source: str | None = None
    parse_mode: str | None = None
    edit_date: int | None = None
    history: list[Revision] = field(default_factory=list)
    deleted: bool = False

    def __repr__(self) -> str:
        author = "bot" if self.from_bot else f"user {self.sender.id}"
        state = " deleted" if self.deleted else (" edited" if self.history else "")
        buttons = f" buttons={self.button_texts}" if self.buttons else ""
        file = f" file={self.file.filename or self.file.kind!r}" if self.file else ""
        return (
            f"<message {self.message_id} in chat {self.chat.id} from {author}{state}: "
            f"{self.content!r}{file}{buttons}>"
        )

    @property
    def from_bot(self) -> bool:
        """True for a message the bot sent."""
        return self.sender.is_bot

    @property
    def chat_id(self) -> int:
        """The id of the chat the message is in."""
        return self.chat.id

    @property
    def content(self) -> str:
        """The visible text: the message text, or the caption of a file."""
        return self.text if self.text is not None else (self.caption or "")

    @property
    def buttons(self) -> list[dict[str, Any]]:
        """The inline keyboard buttons, row by row, flattened."""
        if not self.reply_markup:
            return []
        return [button for row in self.reply_markup["inline_keyboard"] for button in row]

    @property
    def button_texts(self) -> list[str]:
        """The labels of the inline keyboard buttons, in order."""
        return [button["text"] for button in self.buttons]

    def to_dict(self, *, with_reply: bool = True) -> dict[str, Any]:
        """The Bot API ``Message`` object."""
        data: dict[str, Any] = {
            "message_id": self.message_id,
            "from": self.sender.to_dict(),
            "chat": self.chat.to_dict(),
            "date": self.date,
        }
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        if with_reply and self.reply_to is not None and not self.reply_to.deleted:
            data["reply_to_message"] = self.reply_to.to_dict(with_reply=False)
        if self.text is not None:
            data["text"] = self.text
            if self.entities:
                data["entities"] = self.entities
        if self.file is not None:
            if self.file.kind == "photo":
                data["photo"] = [self.file.to_dict()]
            else:
                data["document"] = self.file.to_dict()
            if self.caption:
                data["caption"] = self.caption
                if self.entities:
                    data["caption_entities"] = self.entities
        if self.reply_markup:
            data["reply_markup"] = self.reply_markup
        return data


@dataclass
class InlineMessage:
    """A message sent through inline mode, known by its ``inline_message_id``."""

    inline_message_id: str
    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    history: list[Revision] = field(default_factory=list)


@dataclass
class CallbackAnswer:
    """What the bot answered to a button press (``answerCallbackQuery``)."""

    query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int


@dataclass
class CallbackQueryRecord:
    """A button press and, once the bot answered, its answer."""

    id: str
    user: Identity
    data: str
    message: StoredMessage | None = None
    inline_message: InlineMessage | None = None
    answer: CallbackAnswer | None = None


@dataclass
class InlineAnswer:
    """What the bot answered to an inline query (``answerInlineQuery``)."""

    query_id: str
    results: list[dict[str, Any]]
    cache_time: int
    is_personal: bool
    next_offset: str


@dataclass
class InlineQueryRecord:
    """An inline query and, once the bot answered, its answer."""

    id: str
    user: Identity
    query: str
    answer: InlineAnswer | None = None


@dataclass(frozen=True)
class ApiEvent:
    """Something the bot did, for observers (terminal chat, test waits).

    ``kind`` is one of ``message``, ``edit``, ``delete``, ``callback_answer``,
    ``inline_answer``, ``chat_action``, ``update`` (a user action queued for the bot).
    """

    kind: str
    message: StoredMessage | None = None
    detail: Any = None
