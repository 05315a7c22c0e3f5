"""``BotApiDouble``: the local Bot API served over HTTP on 127.0.0.1 for end-to-end tests.

python-telegram-bot reaches it with its real HTTPXRequest through
``base_url = double.base_url`` (``http://127.0.0.1:<port>/bot``; PTB appends
``<token>/<method>``). Bodies may be JSON, form-urlencoded or multipart, like Telegram.
Every call is recorded; faults can be scripted per method.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiohttp import web

from bot.telegram.localapi import (
    BotSettings,
    CallbackAnswer,
    ChatRecord,
    InlineAnswer,
    LocalBotApi,
    StoredFile,
    StoredMessage,
    Upload,
)
from tests.botapi.fake_user import FakeUser
from tests.botapi.faults import NGINX_502, Faults

TEST_TOKEN = "123456789:TESTTOKENabcdefghijklmnopqrstuvwxyz"
_PATH = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]+)$")
_TOKEN_SHAPE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
T = TypeVar("T")


@dataclass
class RecordedCall:
    """One HTTP call the bot made, with what the double answered."""

    method: str
    params: dict[str, Any]
    files: dict[str, Upload]
    at: float
    status: int = 0
    response: Any = None

    def param(self, name: str) -> Any:
        """A parameter, JSON-decoded when it was sent as a JSON string."""
        value = self.params.get(name)
        if isinstance(value, str) and value[:1] in ("{", "["):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value


@dataclass
class _Served:
    runner: web.AppRunner | None = None
    port: int = 0
    tasks: set[asyncio.Task] = field(default_factory=set)


class BotApiDouble:
    """A faithful Bot API double; use ``async with BotApiDouble() as double``."""

    def __init__(
        self,
        token: str = TEST_TOKEN,
        *,
        username: str = "QualibotTestBot",
        first_name: str = "Qualibot",
        settings: BotSettings | None = None,
    ) -> None:
        self.token = token
        self.api = LocalBotApi(
            bot_id=int(token.split(":", 1)[0]),
            username=username,
            first_name=first_name,
            settings=settings,
        )
        self.faults = Faults()
        self.calls: list[RecordedCall] = []
        self._served = _Served()
        self._changed = asyncio.Event()
        self._users: dict[int, FakeUser] = {}
        self.api.subscribe(lambda event: self._notify())

    # Lifecycle

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._served.runner = runner
        self._served.port = runner.addresses[0][1]

    async def stop(self) -> None:
        """Stop listening (pending long polls are cut)."""
        if self._served.runner is not None:
            await self._served.runner.cleanup()
            self._served.runner = None

    async def __aenter__(self) -> BotApiDouble:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        """The TCP port the double listens on."""
        return self._served.port

    @property
    def base_url(self) -> str:
        """The value for TELEGRAM_API_BASE_URL / ``ApplicationBuilder.base_url``."""
        return f"http://127.0.0.1:{self.port}/bot"

    # Faults

    def fail_next(
        self,
        method: str,
        *,
        status: int,
        description: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """The next ``times`` calls of ``method`` fail (429 carries ``retry_after``)."""
        self.faults.fail_next(
            method, status=status, description=description, retry_after=retry_after, times=times
        )

    def delay_next(self, method: str, seconds: float, *, times: int = 1) -> None:
        """The next ``times`` answers to ``method`` arrive ``seconds`` late (the call happens)."""
        self.faults.delay_next(method, seconds, times=times)

    def limit_rate(self, method: str, *, per_second: int, retry_after: int = 1) -> None:
        """Flood control for bursts: calls over ``per_second`` in a second get 429."""
        self.faults.limit_rate(method, per_second=per_second, retry_after=retry_after)

    # People and observation

    def user(
        self,
        user_id: int,
        first_name: str,
        *,
        language_code: str | None = None,
        username: str | None = None,
    ) -> FakeUser:
        """A person (the same FakeUser for the same id)."""
        local = self.api.user(user_id, first_name, language_code=language_code, username=username)
        fake = self._users.get(user_id)
        if fake is None:
            fake = self._users[user_id] = FakeUser(self, local)
        return fake

    def group(self, chat_id: int, title: str) -> ChatRecord:
        """A group the bot belongs to."""
        return self.api.group(chat_id, title)

    def messages(
        self, chat_id: int, *, include_users: bool = False, include_deleted: bool = False
    ) -> list[StoredMessage]:
        """The bot's messages in a chat (current text and markup after edits)."""
        return [
            m
            for m in self.api.messages(chat_id, include_deleted=include_deleted)
            if include_users or m.from_bot
        ]

    def documents(self, chat_id: int) -> list[StoredFile]:
        """The documents and photos the bot sent to a chat."""
        return [m.file for m in self.messages(chat_id) if m.file is not None]

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        """Answers to button presses, in press order."""
        queries = self.api.callback_queries.values()
        return [q.answer for q in queries if q.answer is not None]

    @property
    def inline_answers(self) -> list[InlineAnswer]:
        """Answers to inline queries, in query order."""
        queries = self.api.inline_queries.values()
        return [q.answer for q in queries if q.answer is not None]

    def commands(self, language_code: str = "", scope: str = "default") -> list[dict[str, str]]:
        """The command menu set for a scope key (``default``, ``all_private_chats``…)."""
        return list(self.api.commands.get((scope, language_code), []))

    def calls_to(self, method: str) -> list[RecordedCall]:
        """The recorded calls of one method."""
        return [c for c in self.calls if c.method.lower() == method.lower()]

    async def wait_for(
        self,
        predicate: Callable[[], T],
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - the harness API names it timeout
        description: str = "",
    ) -> T:
        """Wait until ``predicate()`` is truthy and return its value; AssertionError on timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - loop.time()
            if remaining <= 0:
                recent = [f"{c.method}->{c.status}" for c in self.calls[-8:]]
                what = description or getattr(predicate, "__name__", "condition")
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {what}; last calls: {recent}"
                )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), min(remaining, 0.05))

    # HTTP

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        match = _PATH.match(request.path)
        if match is None or not _TOKEN_SHAPE.match(match["token"]):
            return _json(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        if match["token"] != self.token:
            return _json(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        method = match["method"]
        try:
            params, files = await _read_body(request)
        except ValueError as error:
            body = {"ok": False, "error_code": 400, "description": f"Bad Request: {error}"}
            return _json(400, body)
        call = RecordedCall(method, params, files, time.monotonic())
        self.calls.append(call)
        failure = self.faults.failure_for(method, call.at)
        if failure is not None:
            call.status, call.response = failure.status, failure.body()
            self._notify()
            if failure.status == 502:
                return web.Response(status=502, text=NGINX_502, content_type="text/html")
            return _json(failure.status, failure.body())
        result = await self.api.call(method, params, files)
        call.status, call.response = result.status, result.body
        self._notify()
        delay = self.faults.delay_for(method)
        if delay:
            await asyncio.sleep(delay)
        return web.Response(
            status=result.status, body=result.to_json(), content_type="application/json"
        )


async def _read_body(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    params: dict[str, Any] = dict(request.query)
    files: dict[str, Upload] = {}
    if request.content_type == "application/json":
        raw = await request.read()
        if raw.strip():
            try:
                body = json.loads(raw)
            except ValueError:
                raise ValueError("can't parse JSON request body") from None
            if not isinstance(body, dict):
                raise ValueError("JSON request body must be an object")
            params.update(body)
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                files[name] = Upload(value.filename, value.file.read(), value.content_type)
            else:
                params[name] = value
    return params, files


def _json(status: int, body: dict[str, Any]) -> web.Response:
    return web.Response(status=status, text=json.dumps(body), content_type="application/json")
