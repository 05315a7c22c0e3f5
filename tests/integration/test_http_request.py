"""The bot's HTTP client (aiohttp behind PTB's request interface) against a real local server."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from telegram import InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.telegram.http import AiohttpRequest
from tests.pgserver import free_port


@pytest.fixture
async def server() -> AsyncIterator[tuple[str, list[dict], dict]]:
    seen: list[dict] = []
    state = {"delay": 0.0}

    async def handle(request: web.Request) -> web.Response:
        await asyncio.sleep(state["delay"])
        if request.content_type == "application/json":
            seen.append({"json": await request.json()})
        else:
            form = await request.post()
            seen.append(
                {
                    name: (value.filename, value.file.read())
                    if isinstance(value, web.FileField)
                    else value
                    for name, value in form.items()
                }
            )
        return web.json_response({"ok": True, "result": True})

    app = web.Application()
    app.router.add_post("/bot/{method}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"http://127.0.0.1:{port}/bot", seen, state
    await runner.cleanup()


@pytest.fixture
async def request_() -> AsyncIterator[AiohttpRequest]:
    client = AiohttpRequest(read_timeout=0.3)
    await client.initialize()
    yield client
    await client.shutdown()


async def test_parameters_go_as_a_json_body_with_nested_objects(server, request_) -> None:
    url, seen, _ = server
    keyboard = {"inline_keyboard": [[{"text": "Oui", "callback_data": "v1:x"}]]}
    data = RequestData(
        [
            RequestParameter.from_input("chat_id", 7),
            RequestParameter.from_input("reply_markup", keyboard),
        ]
    )
    status, body = await request_.do_request(f"{url}/sendMessage", "POST", data)
    assert status == 200 and json.loads(body) == {"ok": True, "result": True}
    assert seen == [{"json": {"chat_id": 7, "reply_markup": keyboard}}]


async def test_files_go_as_multipart_with_their_name(server, request_) -> None:
    url, seen, _ = server
    document = InputFile(b"BEGIN:VCALENDAR", filename="qualiopi.ics")
    data = RequestData(
        [
            RequestParameter.from_input("chat_id", 7),
            RequestParameter.from_input("document", document),
        ]
    )
    await request_.do_request(f"{url}/sendDocument", "POST", data)
    [form] = seen
    assert form["chat_id"] == "7"
    assert form["document"] == ("qualiopi.ics", b"BEGIN:VCALENDAR")


async def test_a_slow_answer_is_a_timeout(server, request_) -> None:
    url, _, state = server
    state["delay"] = 1.0
    with pytest.raises(TimedOut):
        await request_.do_request(f"{url}/getMe", "POST")


async def test_a_refused_connection_is_a_network_error(request_) -> None:
    with pytest.raises(NetworkError):
        await request_.do_request(f"http://127.0.0.1:{free_port()}/bot/getMe", "POST")


async def test_a_closed_client_refuses_to_send(request_) -> None:
    await request_.shutdown()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request_.do_request("http://127.0.0.1:1/bot/getMe", "POST")
