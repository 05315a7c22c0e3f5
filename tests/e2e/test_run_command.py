"""``qualibot run`` as a real process against the double: polling, webhook, bad token.

The token and the webhook secret never appear in the output, even at DEBUG level.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from telegram import Update

from tests.botapi import TEST_TOKEN, BotApiDouble
from tests.pgserver import free_port

pytestmark = pytest.mark.e2e
REPO_ROOT = Path(__file__).resolve().parents[2]
WRONG_TOKEN = "987654321:WRONGtokenWRONGtokenWRONGtoken"


class BotProcess:
    """A ``python -m bot run`` child process and its captured output."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.stdout = ""
        self.stderr = ""

    async def stop(self) -> int:
        """SIGTERM, then collect the output; the exit status."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
        return await self.finish()

    async def finish(self) -> int:
        """Wait for the process to end on its own; the exit status."""
        out, err = await asyncio.wait_for(self.process.communicate(), 60)
        self.stdout, self.stderr = out.decode(), err.decode()
        return self.process.returncode


@contextlib.asynccontextmanager
async def bot_process(
    tmp_path: Path, *args: str, **env_overrides: str
) -> AsyncIterator[BotProcess]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(
        PYTHONPATH=str(REPO_ROOT),
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}",
        LOG_LEVEL="DEBUG",
        **env_overrides,
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        *args,
        cwd=tmp_path,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    child = BotProcess(process)
    try:
        yield child
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_run_polls_without_dropping_pending_updates(
    double: BotApiDouble, tmp_path: Path
) -> None:
    camille = double.user(1001, "Camille", language_code="fr")
    await camille.send("/start")
    env = {"TELEGRAM_BOT_TOKEN": TEST_TOKEN, "TELEGRAM_API_BASE_URL": double.base_url}
    async with bot_process(tmp_path, **env) as child:
        [welcome] = await camille.wait_reply(timeout=60)
        assert "Camille" in welcome.text, "the update sent before start-up was kept"
        polls = double.calls_to("getUpdates")
        assert polls[-1].param("allowed_updates") == list(Update.ALL_TYPES)
        assert await child.stop() == 0
    output = child.stdout + child.stderr
    assert "polling Telegram as @QualibotTestBot" in child.stderr
    assert TEST_TOKEN not in output and TEST_TOKEN.split(":")[1] not in output


async def test_a_refused_token_is_reported_without_printing_it(
    double: BotApiDouble, tmp_path: Path
) -> None:
    env = {"TELEGRAM_BOT_TOKEN": WRONG_TOKEN, "TELEGRAM_API_BASE_URL": double.base_url}
    async with bot_process(tmp_path, **env) as child:
        assert await child.finish() == 2
    assert "Telegram refused TELEGRAM_BOT_TOKEN" in child.stderr
    assert WRONG_TOKEN.split(":")[1] not in child.stdout + child.stderr


async def post_update(url: str, update: dict, secret: str | None) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
    async with httpx.AsyncClient() as client:
        for _ in range(50):
            try:
                response = await client.post(url, json=update, headers=headers)
            except httpx.ConnectError:
                await asyncio.sleep(0.1)
                continue
            return response.status_code
    raise AssertionError(f"webhook server at {url} never answered")


async def test_webhook_mode_sets_a_secret_and_serves_updates(
    double: BotApiDouble, tmp_path: Path
) -> None:
    port = free_port()
    env = {
        "TELEGRAM_BOT_TOKEN": TEST_TOKEN,
        "TELEGRAM_API_BASE_URL": double.base_url,
        "WEBHOOK_URL": "https://bot.example.org",
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
    }
    async with bot_process(tmp_path, "--webhook", **env) as child:
        [registration] = await double.wait_for(lambda: double.calls_to("setWebhook"), timeout=60)
        assert registration.param("url") == "https://bot.example.org/telegram"
        secret = registration.params["secret_token"]
        assert len(secret) >= 32
        camille = double.user(1001, "Camille", language_code="fr")
        await camille.send("/start")
        update = double.api.updates.pending[-1]
        local_url = f"http://127.0.0.1:{port}/telegram"
        assert await post_update(local_url, update, secret=None) == 403
        assert await post_update(local_url, update, secret=secret) == 200
        [welcome] = await camille.wait_reply(timeout=30)
        assert "Camille" in welcome.text
        assert await child.stop() == 0
    assert "webhook secret token generated" in child.stderr
    assert secret not in child.stdout + child.stderr
    assert TEST_TOKEN.split(":")[1] not in child.stdout + child.stderr


async def test_an_unreachable_api_is_reported_without_the_token(tmp_path: Path) -> None:
    closed = f"http://127.0.0.1:{free_port()}/bot"
    env = {"TELEGRAM_BOT_TOKEN": TEST_TOKEN, "TELEGRAM_API_BASE_URL": closed}
    async with bot_process(tmp_path, **env) as child:
        assert await child.finish() == 1
    assert "cannot reach the Telegram Bot API" in child.stderr
    assert TEST_TOKEN.split(":")[1] not in child.stdout + child.stderr
