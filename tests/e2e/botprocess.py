"""Real ``python -m bot run`` processes and Telegram's side of webhooks, for process tests.

- :class:`BotProcess` starts ``qualibot run`` (webhook or polling) against the Bot API
  double, waits until its health endpoint answers, stops it with SIGTERM and keeps its output.
- :class:`WebhookRelay` plays Telegram: it takes the updates users send through the double
  and posts them, in order and with the secret token header, to the instances' webhook
  ports in turn (as a load balancer would), retrying until one accepts with 200.

Everything listens on 127.0.0.1 and every wait is bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.botapi import TEST_TOKEN, BotApiDouble
from tests.pgserver import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]
PUBLIC_URL = "https://bot.example.org"
SECRET = "shared-webhook-secret_0123456789abcdef"
START_SECONDS = 60.0
STOP_SECONDS = 60.0
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass
class BotProcess:
    """One ``qualibot run`` child process, its ports and its captured output."""

    name: str
    process: asyncio.subprocess.Process
    webhook_port: int
    health_port: int
    stdout: str = ""
    stderr: str = ""

    @property
    def webhook_url(self) -> str:
        """Where this instance accepts updates (on loopback)."""
        return f"http://127.0.0.1:{self.webhook_port}/telegram"

    @property
    def health_url(self) -> str:
        """The health endpoint."""
        return f"http://127.0.0.1:{self.health_port}/health"

    async def health(self) -> httpx.Response:
        """GET /health."""
        async with httpx.AsyncClient(timeout=10) as client:
            return await client.get(self.health_url)

    async def wait_ready(self, timeout: float = START_SECONDS) -> None:  # noqa: ASYNC109
        """Wait until the health endpoint answers (the bot is serving by then)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        async with httpx.AsyncClient(timeout=2) as client:
            while loop.time() < deadline:
                if self.process.returncode is not None:
                    await self.finish()
                    raise AssertionError(f"{self.name} exited early:\n{self.stderr[-3000:]}")
                with contextlib.suppress(httpx.TransportError):
                    await client.get(self.health_url)
                    return
                await asyncio.sleep(0.1)
        raise AssertionError(f"{self.name} did not start within {timeout}s")

    def terminate(self) -> None:
        """Send SIGTERM (what Docker and systemd send to stop a service)."""
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)

    async def stop(self) -> int:
        """SIGTERM, then wait for the exit; the exit status."""
        self.terminate()
        return await self.finish()

    async def finish(self, timeout: float = STOP_SECONDS) -> int:  # noqa: ASYNC109
        """Wait for the process to end; collect its output; the exit status."""
        out, err = await asyncio.wait_for(self.process.communicate(), timeout)
        self.stdout += out.decode(errors="replace")
        self.stderr += err.decode(errors="replace")
        return self.process.returncode

    def kill(self) -> None:
        """SIGKILL, if still running."""
        if self.process.returncode is None:
            self.process.kill()


def bot_environment(double: BotApiDouble, database_url: str, **overrides: str) -> dict[str, str]:
    """The environment of a bot process talking to ``double`` (secrets and ports included)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "WEBHOOK_", "HEALTH_", "DATABASE_", "ADMIN_"))
    }
    env.update(
        PYTHONPATH=str(REPO_ROOT),
        TELEGRAM_BOT_TOKEN=TEST_TOKEN,
        TELEGRAM_API_BASE_URL=double.base_url,
        DATABASE_URL=database_url,
        WEBHOOK_URL=PUBLIC_URL,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_SECRET_TOKEN=SECRET,
        LOG_LEVEL="INFO",
    )
    env.update(overrides)
    return env


@contextlib.asynccontextmanager
async def bot_processes(
    double: BotApiDouble,
    database_url: str,
    workdir: Path,
    count: int = 1,
    *,
    webhook: bool = True,
    **overrides: str,
):
    """Start ``count`` instances on one database and wait until all serve; killed at exit."""
    children: list[BotProcess] = []
    try:
        for number in range(1, count + 1):
            webhook_port, health_port = free_port(), free_port()
            env = bot_environment(
                double,
                database_url,
                WEBHOOK_PORT=str(webhook_port),
                HEALTH_PORT=str(health_port),
                **overrides,
            )
            args = ["run", "--webhook"] if webhook else ["run"]
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                *args,
                cwd=workdir,
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            children.append(BotProcess(f"instance {number}", process, webhook_port, health_port))
        await asyncio.gather(*(child.wait_ready() for child in children))
        yield children
    finally:
        for child in children:
            child.kill()
        for child in children:
            with contextlib.suppress(Exception):
                await child.finish(timeout=10)


@dataclass
class Relayed:
    """One update posted to an instance, and its answer."""

    update_id: int
    target: str
    status: int


@dataclass
class WebhookRelay:
    """Telegram's webhook delivery: pending updates go to the targets in turn."""

    double: BotApiDouble
    targets: list[str]
    secret: str | None = SECRET
    retry_for: float = 30.0
    log: list[Relayed] = field(default_factory=list)
    _task: asyncio.Task | None = None
    _turn: int = 0

    @property
    def accepted(self) -> list[Relayed]:
        """The deliveries an instance acknowledged with 200."""
        return [entry for entry in self.log if entry.status == 200]

    async def __aenter__(self) -> WebhookRelay:
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        offset = 0
        async with httpx.AsyncClient(timeout=10) as client:
            while True:
                batch = await self.double.api.updates.get(offset, 100, 1.0)
                for update in batch:
                    await self._deliver(client, update)
                    offset = update["update_id"] + 1

    async def _deliver(self, client: httpx.AsyncClient, update: dict[str, Any]) -> None:
        """Post until an instance accepts; Telegram retries refused or failed deliveries."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.retry_for
        headers = {SECRET_HEADER: self.secret} if self.secret else {}
        while loop.time() < deadline:
            target = self.targets[self._turn % len(self.targets)]
            self._turn += 1
            try:
                response = await client.post(target, json=update, headers=headers)
                status = response.status_code
            except httpx.TransportError:
                status = 0
            self.log.append(Relayed(update["update_id"], target, status))
            if status == 200:
                return
            await asyncio.sleep(0.1)
