"""Bot-level methods: identity, updates, webhook, command menus, close and log out."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from bot.telegram.localapi.errors import ApiError, ApiResult, bad_request
from bot.telegram.localapi.params import Params

if TYPE_CHECKING:
    from bot.telegram.localapi.api import LocalBotApi, Upload

WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
WEBHOOK_PORTS = frozenset({80, 88, 443, 8443})
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_CHAT_SCOPES = frozenset({"chat", "chat_administrators", "chat_member"})
_SCOPES = frozenset({"default", "all_private_chats", "all_group_chats"})
_SCOPES |= {"all_chat_administrators"} | _CHAT_SCOPES
MAX_COMMANDS = 100


async def get_me(api: LocalBotApi, params: Params, files: Mapping[str, Upload]) -> Any:
    """``getMe``."""
    return api.bot_info()


async def get_updates(api: LocalBotApi, params: Params, files: Mapping[str, Upload]) -> Any:
    """``getUpdates`` with ``offset``, ``limit``, ``timeout`` and ``allowed_updates``."""
    if api.webhook.url:
        raise ApiError(409, WEBHOOK_CONFLICT)
    limit = params.integer("limit", 100) or 100
    limit = min(max(limit, 1), 100)
    timeout = max(params.integer("timeout", 0) or 0, 0)
    allowed = params.json("allowed_updates", "allowed updates")
    if isinstance(allowed, list):
        api.updates.set_allowed(str(kind) for kind in allowed)
    offset = params.integer("offset", 0) or 0
    return await api.updates.get(offset, limit, timeout)


async def set_webhook(api: LocalBotApi, params: Params, files: Mapping[str, Upload]) -> Any:
    """``setWebhook`` (HTTPS on ports 80, 88, 443 or 8443; an empty URL removes it)."""
    url = params.string("url") or ""
    if not url:
        return await delete_webhook(api, params, files)
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if (parts.port or 443) not in WEBHOOK_PORTS:
        raise bad_request("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
    secret = params.string("secret_token")
    if secret is not None and not _SECRET.match(secret):
        raise bad_request("bad webhook: secret token contains unallowed characters")
    if params.boolean("drop_pending_updates"):
        api.updates.drop_pending()
    allowed = params.json("allowed_updates", "allowed updates")
    if isinstance(allowed, list):
        api.updates.set_allowed(str(kind) for kind in allowed)
    api.webhook.url = url
    api.webhook.secret_token = secret
    api.webhook.max_connections = params.integer("max_connections", 40) or 40
    api.webhook.allowed_updates = allowed if isinstance(allowed, list) else None
    return ApiResult.success(True, "Webhook was set")


async def delete_webhook(api: LocalBotApi, params: Params, files: Mapping[str, Upload]) -> Any:
    """``deleteWebhook`` (optionally dropping pending updates)."""
    if params.boolean("drop_pending_updates"):
        api.updates.drop_pending()
    if not api.webhook.url:
        return ApiResult.success(True, "Webhook is already deleted")
    api.webhook.url = ""
    api.webhook.secret_token = None
    return ApiResult.success(True, "Webhook was deleted")


async def get_webhook_info(api: LocalBotApi, params: Params, files: Mapping[str, Upload]) -> Any:
    """``getWebhookInfo``."""
    info: dict[str, Any] = {
        "url": api.webhook.url,
        "has_custom_certificate": False,
        "pending_update_count": len(api.updates.pending),
    }
    if api.webhook.url:
        info["max_connections"] = api.webhook.max_connections
        if api.webhook.allowed_updates is not None:
            info["allowed_updates"] = api.webhook.allowed_updates
    return info


def _menu_key(api: LocalBotApi, params: Params) -> tuple[str, str]:
    language = params.string("language_code") or ""
    if language and not _LANGUAGE.match(language):
        raise bad_request("invalid language code specified")
    scope = params.json("scope", "bot command scope") or {"type": "default"}
    kind = scope.get("type") if isinstance(scope, dict) else None
    if kind not in _SCOPES:
        raise bad_request("can't parse bot command scope JSON object")
    if kind not in _CHAT_SCOPES:
        return kind, language
    chat_id = Params(scope).chat_id()
    if chat_id not in api.chats:
        raise bad_request("chat not found")
    if kind == "chat_member":
        user_id = Params(scope).required_integer("user_id", "user not found")
        return f"chat_member:{chat_id}:{user_id}", language
    return f"{kind}:{chat_id}", language


async def set_my_commands(api: LocalBotApi, params: Params, files: Mapping[str, Upload]) -> Any:
    """``setMyCommands`` for a scope and language."""
    commands = params.json("commands", "bot commands")
    if not isinstance(commands, list):
        raise bad_request("can't parse bot commands JSON object")
    if len(commands) > MAX_COMMANDS:
        raise bad_request("too many commands specified")
    checked: list[dict[str, str]] = []
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND.match(str(command.get("command"))):
            raise bad_request("BOT_COMMAND_INVALID")
        description = str(command.get("description") or "")
        if not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        checked.append({"command": command["command"], "description": description})
    key = _menu_key(api, params)
    if checked:
        api.commands[key] = checked
    else:
        api.commands.pop(key, None)
    return True


async def get_my_commands(api: LocalBotApi, params: Params, files: Mapping[str, Upload]) -> Any:
    """``getMyCommands`` of exactly that scope and language (empty list when unset)."""
    return list(api.commands.get(_menu_key(api, params), []))


async def delete_my_commands(api: LocalBotApi, params: Params, files: Mapping[str, Upload]) -> Any:
    """``deleteMyCommands``."""
    api.commands.pop(_menu_key(api, params), None)
    return True


async def close(api: LocalBotApi, params: Params, files: Mapping[str, Upload]) -> Any:
    """``close``."""
    return True


async def log_out(api: LocalBotApi, params: Params, files: Mapping[str, Upload]) -> Any:
    """``logOut``."""
    return True
