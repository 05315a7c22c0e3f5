"""A dispatcher in its own process, for the kill -9 test.

``python -m tests.integration.dispatch_worker DATABASE_URL BOT_API_BASE_URL RATE`` sends
every due delivery through the Bot API double, then exits.
"""

from __future__ import annotations

import asyncio
import sys

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.services.delivery import DeliveryEngine, DeliveryPolicy
from bot.storage.uow import Database
from bot.telegram.sender import TelegramSender
from tests.botapi.server import TEST_TOKEN


async def main(database_url: str, base_url: str, rate: float) -> None:
    db = Database(database_url)
    bot = Bot(TEST_TOKEN, base_url=base_url, request=HTTPXRequest(connection_pool_size=64))
    try:
        async with bot:
            engine = DeliveryEngine(db, TelegramSender(bot), policy=DeliveryPolicy(rate=rate))
            print("dispatching", flush=True)
            await engine.dispatch()
    finally:
        await db.close()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], float(sys.argv[3])))
