"""The user side: a person writing, replying, pressing buttons and querying inline.

Each action stores what the person's Telegram app would show and queues the update the
bot receives, with Telegram's rules: in groups with privacy mode on, the bot only gets
commands (for it or for no bot in particular), messages mentioning it and replies to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.telegram.localapi.markup import parse_reply_markup
from bot.telegram.localapi.model import (
    CallbackQueryRecord,
    ChatRecord,
    Identity,
    InlineMessage,
    InlineQueryRecord,
    StoredMessage,
)
from bot.telegram.localapi.text import formatted_text
from bot.telegram.localapi.usertext import command_target, mentions, user_entities

if TYPE_CHECKING:
    from bot.telegram.localapi.api import LocalBotApi


class LocalUser:
    """A person talking to the bot through the local API."""

    def __init__(self, api: LocalBotApi, identity: Identity) -> None:
        self.api = api
        self.identity = identity

    @property
    def id(self) -> int:
        """The Telegram user id."""
        return self.identity.id

    @property
    def private_chat(self) -> ChatRecord:
        """The one-to-one chat with the bot."""
        return self.api.private_chat(self.identity)

    def chat(self, chat: ChatRecord | int | None) -> ChatRecord:
        """The chat meant by ``chat`` (the private chat when None)."""
        if chat is None:
            return self.private_chat
        chat_id = chat.id if isinstance(chat, ChatRecord) else chat
        if chat_id == self.id:
            return self.private_chat
        record = self.api.chats.get(chat_id)
        if record is None:
            raise LookupError(f"unknown chat {chat_id}: create it with api.group(...)")
        return record

    def send(
        self,
        text: str,
        *,
        chat: ChatRecord | int | None = None,
        reply_to: StoredMessage | None = None,
    ) -> StoredMessage:
        """Type ``text`` in a chat; returns the message as stored."""
        if not text:
            raise ValueError("a Telegram message cannot be empty")
        record = self.chat(chat if chat is not None or reply_to is None else reply_to.chat)
        if record.bot_blocked:
            raise RuntimeError(f"user {self.id} blocked the bot: call unblock() first")
        message = self.api.add_message(
            record, self.identity, text=text, entities=user_entities(text), reply_to=reply_to
        )
        if self._bot_sees(record, message):
            self._queue("message", message.to_dict())
        return message

    def reply(
        self, to_message: StoredMessage, text: str, *, chat: ChatRecord | int | None = None
    ) -> StoredMessage:
        """Reply to ``to_message`` (in its chat unless ``chat`` says otherwise)."""
        where = chat if chat is not None else to_message.chat
        return self.send(text, chat=where, reply_to=to_message)

    def press(
        self, message: StoredMessage | InlineMessage, button: str, *, forge: bool = False
    ) -> CallbackQueryRecord:
        """Press the inline button whose text or callback data is ``button``.

        With ``forge=True`` the callback data is sent as is, even if no button carries it
        (what a modified client or a stale keyboard can do).
        """
        data = button if forge else _button_data(message, button)
        query_id = f"{self.id}{self.api.next_serial():06d}"
        payload: dict[str, Any] = {
            "id": query_id,
            "from": self.identity.to_dict(),
            "data": data,
        }
        record = CallbackQueryRecord(query_id, self.identity, data)
        if isinstance(message, InlineMessage):
            payload["inline_message_id"] = message.inline_message_id
            payload["chat_instance"] = str(self.id)
            record.inline_message = message
        else:
            if message.deleted:
                raise LookupError(f"message {message.message_id} was deleted")
            payload["message"] = message.to_dict()
            payload["chat_instance"] = str(abs(message.chat_id) * 1_000_003 % 10**18)
            record.message = message
        self.api.callback_queries[query_id] = record
        self._queue("callback_query", payload)
        return record

    def inline(self, query: str, *, offset: str = "") -> InlineQueryRecord:
        """Type ``@botname query`` in any chat (needs inline mode at BotFather)."""
        if not self.api.settings.inline_mode:
            raise RuntimeError("inline mode is off for this bot")
        query_id = f"{self.id}{self.api.next_serial():06d}"
        record = InlineQueryRecord(query_id, self.identity, query)
        self.api.inline_queries[query_id] = record
        payload = {
            "id": query_id,
            "from": self.identity.to_dict(),
            "query": query,
            "offset": offset,
            "chat_type": "sender",
        }
        self._queue("inline_query", payload)
        return record

    def choose(self, query: InlineQueryRecord, result_id: str) -> InlineMessage:
        """Pick an answered inline result: it is posted as an inline message."""
        if query.answer is None:
            raise LookupError("the bot has not answered this inline query")
        result = next((r for r in query.answer.results if str(r["id"]) == result_id), None)
        if result is None:
            raise LookupError(f"no inline result {result_id!r}")
        content = result.get("input_message_content") or {}
        text, entities = formatted_text(
            str(content.get("message_text", "")), content.get("parse_mode"), content.get("entities")
        )
        inline_id = f"BAAAA{self.api.next_serial():08d}"
        markup = parse_reply_markup(result.get("reply_markup"))
        message = InlineMessage(inline_id, text, entities, markup)
        self.api.inline_messages[inline_id] = message
        payload = {
            "result_id": result_id,
            "from": self.identity.to_dict(),
            "query": query.query,
            "inline_message_id": inline_id,
        }
        self._queue("chosen_inline_result", payload)
        return message

    def block(self) -> None:
        """Block the bot: its messages now fail with 403."""
        self.private_chat.bot_blocked = True

    def unblock(self) -> None:
        """Unblock the bot."""
        self.private_chat.bot_blocked = False

    def command_menu(self, chat: ChatRecord | int | None = None) -> list[dict[str, str]]:
        """The command menu this person sees in ``chat``, resolved like Telegram does."""
        record = self.chat(chat)
        language = (self.identity.language_code or "")[:2].lower()
        if record.is_private:
            scopes = [f"chat:{record.id}", "all_private_chats", "default"]
        else:
            scopes = [f"chat_member:{record.id}:{self.id}", f"chat:{record.id}"]
            scopes += ["all_group_chats", "default"]
        for scope in scopes:
            for lang in (language, ""):
                commands = self.api.commands.get((scope, lang))
                if commands:
                    return list(commands)
        return []

    def _bot_sees(self, chat: ChatRecord, message: StoredMessage) -> bool:
        if chat.is_private or not self.api.settings.privacy_mode:
            return True
        if chat.bot_removed:
            return False
        username = (self.api.bot.username or "").lower()
        text = message.text or ""
        target = command_target(text)
        if target is not None:
            return target[1] is None or target[1].lower() == username
        if any(name.lower() == username for name in mentions(text)):
            return True
        return message.reply_to is not None and message.reply_to.from_bot

    def _queue(self, kind: str, payload: dict[str, Any]) -> None:
        update = self.api.updates.push(kind, payload)
        self.api.emit("update", detail=update)


def _button_data(message: StoredMessage | InlineMessage, button: str) -> str:
    keyboard = message.reply_markup["inline_keyboard"] if message.reply_markup else []
    buttons = [b for row in keyboard for b in row]
    for candidate in buttons:
        if candidate["text"] == button and "callback_data" in candidate:
            return candidate["callback_data"]
    for candidate in buttons:
        if candidate.get("callback_data") == button:
            return button
    labels = [b["text"] for b in buttons]
    raise LookupError(f"no button {button!r} with callback data on this message; buttons: {labels}")
