"""Raw HTTP access to the double for its own tests (no python-telegram-bot in between)."""

from __future__ import annotations

import json
import struct
import zlib
from typing import Any

import httpx

from tests.botapi import TEST_TOKEN, BotApiDouble


class RawApi:
    """Calls Bot API methods with httpx, as JSON, form or multipart bodies."""

    def __init__(self, double: BotApiDouble, client: httpx.AsyncClient) -> None:
        self.double = double
        self.client = client

    def url(self, method: str, token: str = TEST_TOKEN) -> str:
        """The method URL, as PTB builds it from the base URL."""
        return f"{self.double.base_url}{token}/{method}"

    async def json(self, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
        """POST ``params`` as a JSON body."""
        response = await self.client.post(self.url(method), json=params)
        return response.status_code, response.json()

    async def form(self, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
        """POST ``params`` form-urlencoded, objects JSON-encoded (what PTB does)."""
        data = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
        response = await self.client.post(self.url(method), data=data)
        return response.status_code, response.json()

    async def result(self, method: str, **params: Any) -> Any:
        """The ``result`` of a call that must succeed."""
        status, body = await self.json(method, **params)
        assert status == 200 and body["ok"], body
        return body["result"]


def png_bytes(width: int, height: int) -> bytes:
    """A valid grey PNG image of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
