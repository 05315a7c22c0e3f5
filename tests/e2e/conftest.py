"""End-to-end fixtures: the Bot API double and the real Application polling it over HTTP.

- ``double``: a started :class:`tests.botapi.BotApiDouble` (stopped after the test).
- ``e2e_settings``: Settings pointing at the double, on a fresh database (SQLite and
  PostgreSQL, through the ``database_url`` fixture), admin id 9000.
- ``bot_factory``: starts Applications (``await bot_factory.start()``), stops them, and
  restarts one on the same database (``await bot_factory.restart(bot)``) for resume tests.
- ``running_bot``: the Qualibot Application already polling the double.

An exception escaping a handler fails the test at teardown unless the test sets
``running_bot.allow_errors = True``: bad input must get an answer, never an exception.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pytest
from telegram.ext import Application, ContextTypes

from bot.config import Settings
from bot.telegram.runner import start_polling, stop_application
from tests.botapi import TEST_TOKEN, BotApiDouble

REPO_ROOT = Path(__file__).resolve().parents[2]
ADMIN_ID = 9000
POLL_SECONDS = 1


class Closable(Protocol):
    """Something to release when the bot stops (the Services container)."""

    async def close(self) -> None:
        """Release resources."""


AppMaker = Callable[[Settings], Awaitable[tuple[Application, Closable | None]]]


@dataclass
class RunningBot:
    """An Application polling the double, with its services and the errors it raised."""

    application: Application
    services: Any
    settings: Settings
    errors: list[BaseException] = field(default_factory=list)
    allow_errors: bool = False


async def make_qualibot(settings: Settings) -> tuple[Application, Closable]:
    """Services and Application exactly as production builds them."""
    from bot.services.container import create_services
    from bot.telegram.app import build_application

    services = await create_services(settings)
    try:
        return build_application(services), services
    except BaseException:
        await services.close()
        raise


class BotFactory:
    """Starts, stops and restarts Applications against the double, on one database."""

    def __init__(self, settings: Settings, make: AppMaker = make_qualibot) -> None:
        self.settings = settings
        self.make = make
        self.running: list[RunningBot] = []
        self.stopped: list[RunningBot] = []

    async def start(self, **overrides: Any) -> RunningBot:
        """Build an Application (settings ``overrides`` allowed) and start polling."""
        settings = dataclasses.replace(self.settings, **overrides)
        application, services = await self.make(settings)
        bot = RunningBot(application, services, settings)

        async def record_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
            if context.error is not None:
                bot.errors.append(context.error)

        application.add_error_handler(record_error)
        try:
            await start_polling(application, long_poll_seconds=POLL_SECONDS)
        except BaseException:
            await stop_application(application)
            if services is not None:
                await services.close()
            raise
        self.running.append(bot)
        return bot

    async def stop(self, bot: RunningBot) -> None:
        """Stop polling (confirming processed updates) and release the services."""
        if bot not in self.running:
            return
        self.running.remove(bot)
        try:
            await stop_application(bot.application)
        finally:
            if bot.services is not None:
                await bot.services.close()
        self.stopped.append(bot)

    async def restart(self, bot: RunningBot) -> RunningBot:
        """Stop ``bot`` and start a new Application on the same database."""
        await self.stop(bot)
        return await self.start()

    async def stop_all(self) -> None:
        """Stop whatever still runs."""
        for bot in list(self.running):
            await self.stop(bot)

    def unexpected_errors(self) -> list[BaseException]:
        """Handler exceptions of bots that did not allow errors."""
        bots = self.running + self.stopped
        return [error for bot in bots if not bot.allow_errors for error in bot.errors]


@pytest.fixture
async def double() -> AsyncIterator[BotApiDouble]:
    """The Bot API double, listening on 127.0.0.1 for the test."""
    async with BotApiDouble(TEST_TOKEN) as api_double:
        yield api_double


@pytest.fixture
def e2e_settings(double: BotApiDouble, database_url: str) -> Settings:
    """Settings for a bot talking to the double, on a fresh database."""
    return Settings(
        token=TEST_TOKEN,
        api_base_url=double.base_url,
        database_url=database_url,
        knowledge_dir=REPO_ROOT / "knowledge",
        admin_ids=frozenset({ADMIN_ID}),
    )


@pytest.fixture
async def bot_factory(e2e_settings: Settings) -> AsyncIterator[BotFactory]:
    """Starts Qualibot Applications; everything is stopped after the test."""
    factory = BotFactory(e2e_settings)
    yield factory
    await factory.stop_all()
    errors = factory.unexpected_errors()
    if errors:
        pytest.fail(f"handlers raised {len(errors)} exception(s): {errors!r}")


@pytest.fixture
async def running_bot(bot_factory: BotFactory) -> RunningBot:
    """The Qualibot Application, polling the double."""
    return await bot_factory.start()
