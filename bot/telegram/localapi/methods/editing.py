"""Editing methods: text, caption and inline keyboard of a sent message."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from bot.telegram.localapi.errors import bad_request
from bot.telegram.localapi.markup import inline_keyboard_of, parse_reply_markup
from bot.telegram.localapi.methods.sending import caption_text, message_text
from bot.telegram.localapi.model import InlineMessage, Revision, StoredMessage
from bot.telegram.localapi.params import Params

if TYPE_CHECKING:
    from bot.telegram.localapi.api import LocalBotApi, Upload

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def _target(api: LocalBotApi, params: Params) -> StoredMessage | InlineMessage:
    inline_id = params.string("inline_message_id")
    if inline_id:
        inline = api.inline_messages.get(inline_id)
        if inline is None:
            raise bad_request("MESSAGE_ID_INVALID")
        return inline
    if not params.has("chat_id"):
        raise bad_request("chat_id is empty")
    chat = api.chat_for_bot(params.chat_id())
    message_id = params.integer("message_id")
    if message_id is None:
        raise bad_request("message identifier is not specified")
    message = api.find_message(chat.id, message_id)
    if message is None:
        raise bad_request("message to edit not found")
    if not message.from_bot:
        raise bad_request("message can't be edited")
    return message


def _new_markup(params: Params) -> dict[str, Any] | None:
    markup = parse_reply_markup(params.json("reply_markup", "reply keyboard markup"))
    if markup is not None and inline_keyboard_of(markup) is None:
        raise bad_request("inline keyboard expected")
    return markup


def _apply(
    api: LocalBotApi,
    target: StoredMessage | InlineMessage,
    text: str | None,
    entities: list[dict[str, Any]],
    markup: dict[str, Any] | None,
    source: str | None,
) -> Any:
    current = target.text if isinstance(target, InlineMessage) else target.content
    same_text = (text or "") == (current or "") and entities == target.entities
    if same_text and markup == target.reply_markup:
        raise bad_request(NOT_MODIFIED)
    edit_date = api.now()
    target.history.append(Revision(current, list(target.entities), target.reply_markup, edit_date))
    target.entities = entities
    target.reply_markup = markup
    if isinstance(target, InlineMessage):
        target.text = text or ""
        api.emit("edit", detail=target)
        return True
    if target.file is None:
        target.text = text
    else:
        target.caption = text
    target.source = source
    target.edit_date = edit_date
    api.emit("edit", target)
    return target.to_dict()


async def edit_message_text(api: LocalBotApi, params: Params, files: Mapping[str, Upload]) -> Any:
    """``editMessageText``; without ``reply_markup`` the inline keyboard goes away."""
    target = _target(api, params)
    if isinstance(target, StoredMessage) and target.text is None:
        raise bad_request("there is no text in the message to edit")
    text, entities, source = message_text(params)
    return _apply(api, target, text, entities, _new_markup(params), source)


async def edit_message_caption(
    api: LocalBotApi, params: Params, files: Mapping[str, Upload]
) -> Any:
    """``editMessageCaption`` of a document or photo."""
    target = _target(api, params)
    if not isinstance(target, StoredMessage) or target.file is None:
        raise bad_request("there is no caption in the message to edit")
    caption, entities = caption_text(params)
    return _apply(api, target, caption, entities, _new_markup(params), params.string("caption"))


async def edit_message_reply_markup(
    api: LocalBotApi, params: Params, files: Mapping[str, Upload]
) -> Any:
    """``editMessageReplyMarkup``; no ``reply_markup`` removes the keyboard."""
    target = _target(api, params)
    current = target.text if isinstance(target, InlineMessage) else target.content
    source = None if isinstance(target, InlineMessage) else target.source
    return _apply(api, target, current, target.entities, _new_markup(params), source)
