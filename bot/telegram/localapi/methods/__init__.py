"""The Bot API methods the local API serves, by lower-case name."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

from bot.telegram.localapi.methods import answers, editing, sending, setup
from bot.telegram.localapi.params import Params

if TYPE_CHECKING:
    from bot.telegram.localapi.api import LocalBotApi, Upload

Method = Callable[["LocalBotApi", Params, Mapping[str, "Upload"]], Awaitable[Any]]

METHODS: dict[str, Method] = {
    "getme": setup.get_me,
    "getupdates": setup.get_updates,
    "setwebhook": setup.set_webhook,
    "deletewebhook": setup.delete_webhook,
    "getwebhookinfo": setup.get_webhook_info,
    "setmycommands": setup.set_my_commands,
    "getmycommands": setup.get_my_commands,
    "deletemycommands": setup.delete_my_commands,
    "close": setup.close,
    "logout": setup.log_out,
    "sendmessage": sending.send_message,
    "senddocument": sending.send_document,
    "sendphoto": sending.send_photo,
    "sendchataction": sending.send_chat_action,
    "deletemessage": sending.delete_message,
    "editmessagetext": editing.edit_message_text,
    "editmessagecaption": editing.edit_message_caption,
    "editmessagereplymarkup": editing.edit_message_reply_markup,
    "answercallbackquery": answers.answer_callback_query,
    "answerinlinequery": answers.answer_inline_query,
}
