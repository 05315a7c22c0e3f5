"""An in-process Telegram Bot API: one state machine for the terminal chat and the tests."""

from bot.telegram.localapi.api import BotSettings, LocalBotApi, Upload
from bot.telegram.localapi.errors import ApiError, ApiResult
from bot.telegram.localapi.model import (
    ApiEvent,
    CallbackAnswer,
    CallbackQueryRecord,
    ChatRecord,
    Identity,
    InlineAnswer,
    InlineMessage,
    InlineQueryRecord,
    StoredFile,
    StoredMessage,
)
from bot.telegram.localapi.people import LocalUser

__all__ = [
    "ApiError",
    "ApiEvent",
    "ApiResult",
    "BotSettings",
    "CallbackAnswer",
    "CallbackQueryRecord",
    "ChatRecord",
    "Identity",
    "InlineAnswer",
    "InlineMessage",
    "InlineQueryRecord",
    "LocalBotApi",
    "LocalUser",
    "StoredFile",
    "StoredMessage",
    "Upload",
]
