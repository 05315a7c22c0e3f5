"""The terminal chat: the same Application and handlers as on Telegram, without a network.

:class:`TerminalRequest` serves the bot's Bot API calls in-process with a
:class:`~bot.telegram.localapi.LocalBotApi`. Each typed line becomes a message from a
local user (a number presses a button of the last keyboard shown); the bot's messages,
edits, notifications and files are printed by :class:`~bot.telegram.transcript.Transcript`.
Works with a pipe on stdin: every line is answered before the next one is read.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import threading
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from typing import Any, TextIO

from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

from bot.config import Settings
from bot.services.container import create_services
from bot.telegram.app import build_application
from bot.telegram.localapi import LocalBotApi, LocalUser, Upload
from bot.telegram.runner import start_application, stop_application
from bot.telegram.transcript import Transcript

TERMINAL_BOT_ID = 1000000001
TERMINAL_TOKEN = f"{TERMINAL_BOT_ID}:LocalTerminalChatIsNotARealToken"
TERMINAL_BASE_URL = "http://terminal.invalid/bot"
TERMINAL_BOT_USERNAME = "QualibotLocalBot"
LOCAL_USER_ID = 1
FILES_DIR = Path("data") / "chat-files"
QUIT_COMMANDS = frozenset({"/quit", "/exit"})
QUIET_SECONDS = 0.05
SETTLE_LIMIT_SECONDS = 3.0


class TerminalRequest(BaseRequest):
    """A python-telegram-bot request backend answered by a LocalBotApi, in-process."""

    def __init__(self, api: LocalBotApi) -> None:
        self.api = api

    @property
    def read_timeout(self) -> float | None:
        """No network, so no read timeout."""
        return None

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

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
        """Answer ``<base>/<token>/<method>`` as Telegram would, parameters as on the wire."""
        api_method = url.rstrip("/").rsplit("/", 1)[-1]
        params = request_data.json_parameters if request_data else {}
        files = _uploads(request_data.multipart_data) if request_data else {}
        result = await self.api.call(api_method, params, files)
        return result.status, result.to_json()


def _uploads(multipart: Mapping[str, Any]) -> dict[str, Upload]:
    uploads: dict[str, Upload] = {}
    for name, (filename, content, mime_type) in multipart.items():
        data = content if isinstance(content, bytes) else content.read()
        uploads[name] = Upload(filename, data, mime_type)
    return uploads


def terminal_language(explicit: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """``--lang``, else the locale (LC_ALL, LC_MESSAGES, LANG); French by default."""
    if explicit:
        return explicit
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").lower()
        if value.startswith(("fr", "en")):
            return value[:2]
    return "fr"


class TerminalChat:
    """Feeds typed lines to the Application as updates, one at a time."""

    def __init__(self, application: Application, user: LocalUser, transcript: Transcript) -> None:
        self.application = application
        self.user = user
        self.transcript = transcript
        self.offset = 0
        self._active = asyncio.Event()
        user.api.subscribe(lambda event: self._active.set())

    async def run(self, lines: AsyncIterator[str], *, echo: bool) -> None:
        """Start the Application, converse until /quit or end of input, then stop it."""
        await start_application(self.application)
        try:
            async for line in lines:
                self.transcript.input_received()
                text = line.strip()
                if not text:
                    continue
                if text.lower() in QUIT_COMMANDS:
                    break
                if echo:
                    self.transcript.user_line(text)
                self.act(text)
                await self.deliver()
        finally:
            await stop_application(self.application)

    def act(self, text: str) -> None:
        """Press the numbered button, or send the text."""
        button = self.transcript.choice(text)
        message = self.transcript.keyboard_message
        if button is None or message is None:
            self.user.send(text)
        elif "callback_data" in button:
            self.user.press(message, button["callback_data"])
        elif "url" in button:
            self.transcript.note(self.transcript.text("link", url=button["url"]))
        else:
            self.transcript.note(self.transcript.text("unsupported"))

    async def deliver(self) -> None:
        """Hand the queued updates to the Application and wait until it has answered."""
        bot = self.application.bot
        for update in await bot.get_updates(offset=self.offset, timeout=0):
            self.offset = update.update_id + 1
            await self.application.process_update(update)
        await self._settle()

    async def _settle(self) -> None:
        """Wait until the bot has been quiet for a moment (non-blocking handlers finish)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SETTLE_LIMIT_SECONDS
        while loop.time() < deadline:
            self._active.clear()
            try:
                await asyncio.wait_for(self._active.wait(), QUIET_SECONDS)
            except TimeoutError:
                return


async def read_lines(stream: TextIO, prompt: Callable[[], None] | None) -> AsyncIterator[str]:
    """Lines of ``stream`` without blocking the event loop (a daemon thread reads them)."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def pump() -> None:
        try:
            for line in stream:
                loop.call_soon_threadsafe(queue.put_nowait, line)
            loop.call_soon_threadsafe(queue.put_nowait, None)
        except RuntimeError:
            return

    threading.Thread(target=pump, name="terminal-input", daemon=True).start()
    while True:
        if prompt is not None:
            prompt()
        line = await queue.get()
        if line is None:
            return
        yield line.rstrip("\r\n")


async def run_chat(
    settings: Settings,
    *,
    lang: str,
    user_id: int = LOCAL_USER_ID,
    first_name: str = "Camille",
    stdin: TextIO,
    stdout: TextIO,
    files_dir: Path = FILES_DIR,
) -> None:
    """Talk to the bot in the terminal, with the services from ``settings``."""
    api = LocalBotApi(bot_id=TERMINAL_BOT_ID, username=TERMINAL_BOT_USERNAME, first_name="Qualibot")
    settings = dataclasses.replace(settings, token=TERMINAL_TOKEN, api_base_url=TERMINAL_BASE_URL)
    services = await create_services(settings)
    try:
        application = build_application(
            services, request=TerminalRequest(api), updates_request=TerminalRequest(api)
        )
        transcript = Transcript(
            stdout,
            lang,
            ansi=stdout.isatty(),
            files_dir=files_dir,
            bot_name=api.bot.first_name,
        )
        user = api.user(user_id, first_name, language_code=lang)
        transcript.chat_id = user.id
        api.subscribe(transcript)
        interactive = stdin.isatty()
        if interactive:
            transcript.hint()
        chat = TerminalChat(application, user, transcript)
        lines = read_lines(stdin, transcript.prompt if interactive else None)
        await chat.run(lines, echo=not interactive)
    finally:
        await services.close()
