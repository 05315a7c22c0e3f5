"""Typed, versioned callback data for inline buttons.

Format: ``<version>|<action>|<arg>|<arg>…``, at most 64 bytes. Every handler decodes with
:func:`decode`, which returns None for forged, stale-version or malformed data, so a bad
press gets a short notice, never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

VERSION = "1"
MAX_BYTES = 64
_ARG = re.compile(r"^[A-Za-z0-9_.:+-]{0,40}$")
_ACTION = re.compile(r"^[a-z][a-z0-9_]{0,15}$")


@dataclass(frozen=True, slots=True)
class CallbackData:
    """A decoded button press: an action and its arguments."""

    action: str
    args: tuple[str, ...] = ()

    def arg(self, index: int, default: str = "") -> str:
        """Argument ``index``, or ``default`` when absent."""
        return self.args[index] if index < len(self.args) else default

    def int_arg(self, index: int) -> int | None:
        """Argument ``index`` as an integer, or None when absent or not a number."""
        value = self.arg(index)
        return int(value) if value.lstrip("-").isdigit() and len(value) < 19 else None


def encode(action: str, *args: object) -> str:
    """Build callback data; raises ValueError if it would be invalid or over 64 bytes."""
    if not _ACTION.fullmatch(action):
        raise ValueError(f"bad callback action {action!r}")
    parts = [str(a) for a in args]
    for part in parts:
        if not _ARG.fullmatch(part):
            raise ValueError(f"bad callback argument {part!r}")
    data = "|".join([VERSION, action, *parts])
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


@lru_cache(maxsize=1024)
def decode(data: str | None) -> CallbackData | None:
    """Parse callback data; None when it is not ours, of another version, or malformed.

    Every button handler's pattern decodes the pressed data until one matches (up to 14
    times a press), so recent results are kept; they are immutable.
    """
    if not data or len(data.encode("utf-8", "replace")) > MAX_BYTES:
        return None
    parts = data.split("|")
    if len(parts) < 2 or parts[0] != VERSION or not _ACTION.fullmatch(parts[1]):
        return None
    args = tuple(parts[2:])
    if not all(_ARG.fullmatch(a) for a in args):
        return None
    return CallbackData(parts[1], args)


def matches(action: str) -> Callable[[object], bool]:
    """A ``CallbackQueryHandler`` pattern: True for valid data of ``action`` only."""

    def check(data: object) -> bool:
        decoded = decode(data) if isinstance(data, str) else None
        return decoded is not None and decoded.action == action

    return check
