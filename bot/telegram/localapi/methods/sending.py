"""Methods that put something in a chat: messages, files, chat actions; and deletion."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from bot.telegram.localapi.errors import bad_request
from bot.telegram.localapi.files import stored_file
from bot.telegram.localapi.markup import inline_keyboard_of, parse_reply_markup
from bot.telegram.localapi.model import ChatRecord, StoredMessage
from bot.telegram.localapi.params import Params
from bot.telegram.localapi.text import formatted_text

if TYPE_CHECKING:
    from bot.telegram.localapi.api import LocalBotApi, Upload

MAX_TEXT = 4096
MAX_CAPTION = 1024
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


def message_text(params: Params, name: str = "text") -> tuple[str, list[dict[str, Any]], str]:
    """Parsed text, entities and source of a text parameter, checked like Telegram."""
    source = params.string(name) or ""
    entities = params.json("entities", "entities")
    text, parsed = formatted_text(source, params.string("parse_mode"), entities)
    if not text:
        raise bad_request("message text is empty")
    if len(text) > MAX_TEXT:
        raise bad_request("message is too long")
    return text, parsed, source


def caption_text(params: Params) -> tuple[str | None, list[dict[str, Any]]]:
    """Parsed caption and its entities (None when there is no caption)."""
    source = params.string("caption")
    if not source:
        return None, []
    entities = params.json("caption_entities", "caption entities")
    text, parsed = formatted_text(source, params.string("parse_mode"), entities)
    if len(text) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return text or None, parsed


def reply_target(api: LocalBotApi, chat: ChatRecord, params: Params) -> StoredMessage | None:
    """The message replied to (``reply_parameters`` or the legacy ``reply_to_message_id``)."""
    reply = params.json("reply_parameters", "reply parameters") or {}
    message_id = reply.get("message_id") if isinstance(reply, dict) else None
    tolerant = bool(reply.get("allow_sending_without_reply")) if isinstance(reply, dict) else False
    if message_id is None:
        message_id = params.integer("reply_to_message_id")
        tolerant = params.boolean("allow_sending_without_reply")
    if message_id is None:
        return None
    target = api.find_message(chat.id, int(message_id))
    if target is None and not tolerant:
        raise bad_request("message to be replied not found")
    return target


def _markup_fields(params: Params) -> dict[str, Any]:
    markup = parse_reply_markup(params.json("reply_markup", "reply keyboard markup"))
    inline = inline_keyboard_of(markup)
    return {"reply_markup": inline, "reply_keyboard": None if inline else markup}


async def send_message(api: LocalBotApi, params: Params, files: Mapping[str, Upload]) -> Any:
    """``sendMessage``."""
    chat = api.chat_for_bot(params.chat_id())
    text, entities, source = message_text(params)
    fields = _markup_fields(params)
    message = api.add_message(
        chat,
        api.bot,
        text=text,
        entities=entities,
        reply_to=reply_target(api, chat, params),
        source=source,
        parse_mode=params.string("parse_mode"),
        **fields,
    )
    api.emit("message", message)
    return message.to_dict()


async def _send_file(
    api: LocalBotApi, kind: str, params: Params, files: Mapping[str, Upload]
) -> Any:
    chat = api.chat_for_bot(params.chat_id())
    caption, entities = caption_text(params)
    fields = _markup_fields(params)
    file = stored_file(api, kind, params, files)
    message = api.add_message(
        chat,
        api.bot,
        caption=caption,
        entities=entities,
        file=file,
        reply_to=reply_target(api, chat, params),
        source=params.string("caption"),
        parse_mode=params.string("parse_mode"),
        **fields,
    )
    api.emit("message", message)
    return message.to_dict()


async def send_document(api: LocalBotApi, params: Params, files: Mapping[str, Upload]) -> Any:
    """``sendDocument``: the upload keeps its file name, bytes and caption."""
    return await _send_file(api, "document", params, files)


async def send_photo(api: LocalBotApi, params: Params, files: Mapping[str, Upload]) -> Any:
    """``sendPhoto``: PNG, JPEG or GIF bytes, else ``IMAGE_PROCESS_FAILED``."""
    return await _send_file(api, "photo", params, files)


async def send_chat_action(api: LocalBotApi, params: Params, files: Mapping[str, Upload]) -> Any:
    """``sendChatAction`` (``typing``…)."""
    chat = api.chat_for_bot(params.chat_id())
    action = params.string("action") or ""
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    api.chat_actions.append((chat.id, action))
    api.emit("chat_action", detail=(chat.id, action))
    return True


async def delete_message(api: LocalBotApi, params: Params, files: Mapping[str, Upload]) -> Any:
    """``deleteMessage``: the bot's own messages, and users' messages in private chats."""
    chat = api.chat_for_bot(params.chat_id())
    message = api.find_message(chat.id, params.integer("message_id"))
    if message is None:
        raise bad_request("message to delete not found")
    if not message.from_bot and not chat.is_private:
        raise bad_request("message can't be deleted")
    message.deleted = True
    api.emit("delete", message)
    return True
