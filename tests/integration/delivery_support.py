"""Shared pieces of the delivery tests: users, rows, a PTB bot on the Bot API double, a clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.services.delivery import DeliveryEngine, DeliveryPolicy
from bot.storage.repositories.deliveries import NewDelivery
from bot.storage.uow import Database
from bot.telegram.sender import TelegramSender
from tests.botapi.server import TEST_TOKEN, BotApiDouble


class FakeClock:
    """A settable UTC clock for the engine and the reminder service."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move forward by ``timedelta(**delta)``."""
        self.now += timedelta(**delta)


def utc(*args: int) -> datetime:
    """A UTC datetime."""
    return datetime(*args, tzinfo=UTC)


async def add_users(db: Database, *user_ids: int, language: str = "fr") -> None:
    """Create users as at their first contact."""
    async with db.uow() as uow:
        for user_id in user_ids:
            await uow.users.get_or_create(user_id, language, "Europe/Paris")


def people(double: BotApiDouble, *user_ids: int) -> None:
    """Users of the double who have opened a private chat with the bot (as after /start)."""
    for user_id in user_ids:
        assert double.user(user_id, f"User {user_id}").local.private_chat is not None


def text_row(key: str, user_id: int, due_at: datetime, **extra: object) -> NewDelivery:
    """A plain text delivery whose text is its key (so the double shows which one arrived)."""
    return NewDelivery(
        key=key,
        user_id=user_id,
        chat_id=user_id,
        due_at=due_at,
        payload={"kind": "text", "text": f"msg {key}"},
        **extra,
    )


@asynccontextmanager
async def telegram_bot(double: BotApiDouble, read_timeout: float = 5.0) -> AsyncIterator[Bot]:
    """A python-telegram-bot ``Bot`` talking HTTP to the double."""
    request = HTTPXRequest(connection_pool_size=64, read_timeout=read_timeout)
    bot = Bot(TEST_TOKEN, base_url=double.base_url, request=request)
    async with bot:
        yield bot


def engine_for(db: Database, bot: Bot, **policy: object) -> DeliveryEngine:
    """An engine sending through the real Telegram sender, without the overall rate limit."""
    values: dict[str, object] = {"rate": None, "backoff_first": 0.2}
    values.update(policy)
    return DeliveryEngine(db, TelegramSender(bot), policy=DeliveryPolicy(**values))


def received(double: BotApiDouble, chat_id: int) -> list[str]:
    """Texts the bot delivered to a chat, in order."""
    return [m.text or "" for m in double.messages(chat_id)]


async def statuses(db: Database, *keys: str) -> dict[str, str]:
    """The status of each row, by key."""
    async with db.uow() as uow:
        return {row.key: row.status for row in await uow.deliveries.by_keys(list(keys))}
