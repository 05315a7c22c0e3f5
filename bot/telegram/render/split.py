"""Split HTML text into messages of at most 4,096 characters, on clean boundaries.

Cuts fall on a paragraph break when possible, then a line break, then a space, never inside
a tag or an entity; tags left open at a cut are closed and reopened in the next message.
"""

from __future__ import annotations

import re

MESSAGE_LIMIT = 4096
_TAG = re.compile(r"<(/?)([a-zA-Z-]+)[^>]*>")
_CLOSING_RESERVE = 64
_SEPARATORS = ("\n\n", "\n", " ")


def telegram_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _prefix_within(text: str, budget: int) -> int:
    """The largest index whose prefix measures at most ``budget``."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > budget:
            return index
    return len(text)


def _is_safe(text: str, position: int) -> bool:
    """True when cutting at ``position`` splits neither a tag nor an entity."""
    head = text[:position]
    if head.rfind("<") > head.rfind(">"):
        return False
    ampersand = head.rfind("&")
    return ampersand == -1 or not re.fullmatch(r"&[#\w]*", head[ampersand:])


def _cut_position(text: str, budget: int) -> int:
    end = _prefix_within(text, budget)
    for separator in _SEPARATORS:
        position = text.rfind(separator, 0, end)
        while position > 0 and not _is_safe(text, position):
            position = text.rfind(separator, 0, position)
        if position > 0:
            return position
    position = end
    while position > 1 and not _is_safe(text, position):
        position -= 1
    return max(position, 1)


def _open_tags(html: str) -> list[tuple[str, str]]:
    """(name, opening tag) of every tag still open at the end of ``html``."""
    stack: list[tuple[str, str]] = []
    for match in _TAG.finditer(html):
        closing, name = match.group(1), match.group(2).lower()
        if not closing:
            stack.append((name, match.group(0)))
        elif stack and stack[-1][0] == name:
            stack.pop()
    return stack


def split_message(html: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut ``html`` into non-empty messages that each fit in ``limit``."""
    chunks: list[str] = []
    rest = html.strip()
    while telegram_length(rest) > limit:
        cut = _cut_position(rest, limit - _CLOSING_RESERVE)
        head, rest = rest[:cut].rstrip(), rest[cut:].lstrip()
        still_open = _open_tags(head)
        head += "".join(f"</{name}>" for name, _ in reversed(still_open))
        rest = "".join(tag for _, tag in still_open) + rest
        if head.strip():
            chunks.append(head)
    if rest.strip():
        chunks.append(rest)
    return chunks
