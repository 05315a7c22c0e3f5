"""The bot's HTTP client for the Bot API: python-telegram-bot's request interface on aiohttp.

PTB's default client (httpx) costs about a third of the bot's CPU time per update under load
(`bench/load.py`); aiohttp's client does the same job for a fraction of it. Behaviour matches
``HTTPXRequest``: a pool of connections, the same four timeouts, ``TimedOut`` when one of them
expires and ``NetworkError`` for any other transport failure; files go as multipart, every
other call as a JSON body.
"""

from __future__ import annotations

from typing import Any

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

POOL_SIZE = 256
"""Connections open at the same time: as many as PTB's default for the bot's own calls."""


class AiohttpRequest(BaseRequest):
    """Bot API requests over one ``aiohttp.ClientSession``, opened by :meth:`initialize`."""

    __slots__ = ("_media_write_timeout", "_pool_size", "_session", "_timeouts")

    def __init__(
        self,
        connection_pool_size: int = POOL_SIZE,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._session: aiohttp.ClientSession | None = None
        self._timeouts = {
            "read": read_timeout,
            "write": write_timeout,
            "connect": connect_timeout,
            "pool": pool_timeout,
        }
        self._media_write_timeout = media_write_timeout

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout, in seconds (PTB adds it to getUpdates' long-poll)."""
        return self._timeouts["read"]

    async def initialize(self) -> None:
        """Open the session (idempotent)."""
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size)
            self._session = aiohttp.ClientSession(connector=connector)

    async def shutdown(self) -> None:
        """Close the session and its connections (idempotent)."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send one request; the HTTP status and body, for PTB to interpret."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        has_files = request_data is not None and request_data.contains_files
        timeout = self._timeout(
            read_timeout, write_timeout, connect_timeout, pool_timeout, has_files
        )
        try:
            async with self._session.request(
                method,
                url,
                headers={"User-Agent": self.USER_AGENT},
                timeout=timeout,
                **_body(request_data),
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error

    def _timeout(
        self, read: Any, write: Any, connect: Any, pool: Any, has_files: bool
    ) -> aiohttp.ClientTimeout:
        """aiohttp's timeouts from PTB's four (a default value means "as configured")."""
        given = {"read": read, "write": write, "connect": connect, "pool": pool}
        chosen: dict[str, float | None] = {}
        for name, value in given.items():
            if isinstance(value, type(BaseRequest.DEFAULT_NONE)):
                value = self._timeouts[name]
                if name == "write" and has_files:
                    value = self._media_write_timeout
            chosen[name] = value
        waiting = _sum(chosen["connect"], chosen["pool"])
        return aiohttp.ClientTimeout(
            total=_sum(waiting, chosen["write"], chosen["read"]),
            connect=waiting,
            sock_read=chosen["read"],
        )


def _sum(*values: float | None) -> float | None:
    """The sum of timeouts, or None (no limit) when any of them is unlimited."""
    return None if any(value is None for value in values) else sum(values)  # type: ignore[arg-type]


def _body(request_data: RequestData | None) -> dict[str, Any]:
    """The request body: multipart when files are uploaded, JSON otherwise, none without data."""
    if request_data is None:
        return {}
    if not request_data.contains_files:
        return {"json": request_data.parameters}
    form = aiohttp.FormData(quote_fields=False)
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, upload in request_data.multipart_data.items():
        filename, content, *mime = upload
        form.add_field(name, content, filename=filename, content_type=mime[0] if mime else None)
    return {"data": form}
