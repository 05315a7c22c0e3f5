"""Bot API answers: a successful result or an error shaped exactly like Telegram's."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


class ApiError(Exception):
    """A Bot API error: HTTP status, Telegram's description, optional response parameters."""

    def __init__(
        self, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def result(self) -> ApiResult:
        """The JSON answer Telegram sends for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return ApiResult(self.status, body)


def bad_request(detail: str) -> ApiError:
    """A 400 ``Bad Request: <detail>``."""
    return ApiError(400, f"Bad Request: {detail}")


def forbidden(detail: str) -> ApiError:
    """A 403 ``Forbidden: <detail>``."""
    return ApiError(403, f"Forbidden: {detail}")


def not_found() -> ApiError:
    """The 404 Telegram answers for an unknown method or a malformed token."""
    return ApiError(404, "Not Found")


@dataclass(frozen=True)
class ApiResult:
    """An HTTP status and the JSON body of a Bot API answer."""

    status: int
    body: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def success(cls, result: Any, description: str | None = None) -> ApiResult:
        """``{"ok": true, "result": ...}``, with Telegram's optional description."""
        body: dict[str, Any] = {"ok": True, "result": result}
        if description:
            body["description"] = description
        return cls(200, body)

    @property
    def ok(self) -> bool:
        """True for a successful call."""
        return bool(self.body.get("ok"))

    def to_json(self) -> bytes:
        """The body as UTF-8 JSON, as sent on the wire."""
        return json.dumps(self.body, ensure_ascii=False).encode("utf-8")
