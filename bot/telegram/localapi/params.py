"""Reading Bot API parameters the way Telegram does.

Parameters arrive as JSON values (``application/json``) or as strings (query string,
form-urlencoded and multipart bodies, where objects and arrays are JSON-encoded strings).
:class:`Params` accepts both, so every transport shares one parsing path.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot.telegram.localapi.errors import bad_request

_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no", ""})


class Params:
    """Typed access to the parameters of one call; bad values become Telegram-like 400s."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = dict(raw)

    def has(self, name: str) -> bool:
        """True when the parameter was sent (and is not null)."""
        return self.raw.get(name) is not None

    def integer(self, name: str, default: int | None = None) -> int | None:
        """An integer parameter, ``default`` when absent."""
        value = self.raw.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            raise bad_request(f"invalid {name} specified")
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        try:
            return int(str(value).strip())
        except ValueError:
            raise bad_request(f"invalid {name} specified") from None

    def required_integer(self, name: str, missing: str) -> int:
        """An integer parameter that must be present; ``missing`` is Telegram's complaint."""
        value = self.integer(name)
        if value is None:
            raise bad_request(missing)
        return value

    def string(self, name: str, default: str | None = None) -> str | None:
        """A string parameter, ``default`` when absent."""
        value = self.raw.get(name)
        if value is None:
            return default
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return str(value)
        return json.dumps(value)

    def boolean(self, name: str, default: bool = False) -> bool:
        """A boolean parameter (``true``/``false`` strings are accepted like Telegram does)."""
        value = self.raw.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise bad_request(f"invalid {name} specified")

    def json(self, name: str, what: str) -> Any:
        """An object or array parameter; ``what`` names it in the parse error."""
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, dict | list):
            return value
        try:
            return json.loads(value)
        except (TypeError, ValueError):
            raise bad_request(f"can't parse {what} JSON object") from None

    def chat_id(self) -> int:
        """The ``chat_id`` parameter; Telegram's answers for a missing or unknown one."""
        value = self.raw.get("chat_id")
        if value is None or value == "":
            raise bad_request("chat_id is empty")
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = str(value).strip()
        try:
            return int(text)
        except ValueError:
            raise bad_request("chat not found") from None
