"""Updates of one chat are handled in arrival order; different chats do not wait for each other."""

from __future__ import annotations

import asyncio

from telegram import Chat, Message, Update, User

from bot.telegram.concurrency import ChatOrderedProcessor


def update_in(chat_id: int, update_id: int) -> Update:
    chat = Chat(chat_id, "private")
    user = User(chat_id, "Someone", is_bot=False)
    message = Message(update_id, None, chat, from_user=user, text="hi")  # type: ignore[arg-type]
    return Update(update_id, message=message)


async def test_one_chat_in_order_other_chats_meanwhile() -> None:
    processor = ChatOrderedProcessor(limit=8)
    log: list[str] = []
    slow_started = asyncio.Event()

    async def handle(name: str, delay: float) -> None:
        log.append(f"start {name}")
        if name == "a1":
            slow_started.set()
        await asyncio.sleep(delay)
        log.append(f"end {name}")

    tasks = [
        asyncio.create_task(processor.process_update(update_in(1, 1), handle("a1", 0.2))),
        asyncio.create_task(processor.process_update(update_in(1, 2), handle("a2", 0.0))),
        asyncio.create_task(processor.process_update(update_in(2, 3), handle("b1", 0.0))),
    ]
    await asyncio.gather(*tasks)

    assert log.index("end a1") < log.index("start a2"), "same chat: one after the other"
    assert log.index("end b1") < log.index("end a1"), "another chat does not wait"


async def test_the_limit_caps_updates_handled_at_once() -> None:
    processor = ChatOrderedProcessor(limit=2)
    running = 0
    peak = 0

    async def handle() -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1

    await asyncio.gather(
        *(processor.process_update(update_in(chat, chat), handle()) for chat in range(1, 7))
    )
    assert peak == 2
    assert processor._queues == {}, "no lock kept for idle chats"
