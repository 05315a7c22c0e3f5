"""Message text and entities rendered for a terminal: ANSI styles (optional), visible links."""

from __future__ import annotations

from typing import Any

_ANSI = {
    "bold": ("\x1b[1m", "\x1b[22m"),
    "italic": ("\x1b[3m", "\x1b[23m"),
    "underline": ("\x1b[4m", "\x1b[24m"),
    "strikethrough": ("\x1b[9m", "\x1b[29m"),
    "code": ("\x1b[36m", "\x1b[39m"),
    "pre": ("\x1b[36m", "\x1b[39m"),
    "spoiler": ("\x1b[2m", "\x1b[22m"),
}
_QUOTES = frozenset({"blockquote", "expandable_blockquote"})
QUOTE_PREFIX = "> "


def _utf16_index(text: str) -> dict[int, int]:
    positions: dict[int, int] = {}
    unit = 0
    for index, char in enumerate(text):
        positions[unit] = index
        unit += 2 if ord(char) > 0xFFFF else 1
    positions[unit] = len(text)
    return positions


def render(text: str, entities: list[dict[str, Any]] | None, *, ansi: bool) -> str:
    """``text`` with its entities shown: styles when ``ansi``, link targets, quoted lines."""
    positions = _utf16_index(text)
    openers: dict[int, list[str]] = {}
    closers: dict[int, list[str]] = {}
    quotes: list[range] = []
    for entity in entities or []:
        start = positions.get(entity["offset"])
        end = positions.get(entity["offset"] + entity["length"])
        if start is None or end is None:
            continue
        kind = entity["type"]
        if kind in _QUOTES:
            quotes.append(range(start, end))
        if ansi and kind in _ANSI:
            opener, closer = _ANSI[kind]
            openers.setdefault(start, []).append(opener)
            closers.setdefault(end, []).insert(0, closer)
        url = entity.get("url")
        if kind == "text_link" and url and text[start:end] != url:
            closers.setdefault(end, []).append(f" ({url})")
    pieces: list[str] = []
    for index, char in enumerate(text):
        pieces.extend(closers.get(index, ()))
        line_start = index == 0 or text[index - 1] == "\n"
        if line_start and any(index in quote for quote in quotes):
            pieces.append(QUOTE_PREFIX)
        pieces.extend(openers.get(index, ()))
        pieces.append(char)
    pieces.extend(closers.get(len(text), ()))
    return "".join(pieces)
