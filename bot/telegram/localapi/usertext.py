"""Entities Telegram attaches to the text a user types: bot commands and @mentions."""

from __future__ import annotations

import re
from typing import Any

from bot.telegram.localapi.text import utf16_len

_COMMAND = re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
_MENTION = re.compile(r"(?<![\w/@])@[A-Za-z0-9_]{5,32}\b")


def user_entities(text: str) -> list[dict[str, Any]]:
    """``bot_command`` and ``mention`` entities of ``text`` (UTF-16 offsets)."""
    entities: list[dict[str, Any]] = []
    taken: list[range] = []
    for match in _COMMAND.finditer(text):
        taken.append(range(match.start(), match.end()))
        entities.append(_entity("bot_command", text, match.start(), match.end()))
    for match in _MENTION.finditer(text):
        if any(match.start() in span for span in taken):
            continue
        entities.append(_entity("mention", text, match.start(), match.end()))
    entities.sort(key=lambda e: e["offset"])
    return entities


def command_target(text: str) -> tuple[str, str | None] | None:
    """``(command, bot_username)`` when ``text`` starts with a command, else None."""
    match = _COMMAND.match(text)
    if match is None:
        return None
    command, _, target = match.group(0)[1:].partition("@")
    return command.lower(), target or None


def mentions(text: str) -> list[str]:
    """The usernames mentioned with ``@username`` (without the ``@``)."""
    return [m.group(0)[1:] for m in _MENTION.finditer(text)]


def _entity(kind: str, text: str, start: int, end: int) -> dict[str, Any]:
    return {
        "type": kind,
        "offset": utf16_len(text[:start]),
        "length": utf16_len(text[start:end]),
    }
