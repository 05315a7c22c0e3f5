"""Helpers for checklist conversations in end-to-end tests."""

from __future__ import annotations

from bot.telegram.localapi import StoredMessage
from tests.botapi import BotApiDouble, FakeUser


def data_of(message: StoredMessage, label: str) -> str:
    """The callback data of the button labelled ``label`` (to press it again later)."""
    return next(b["callback_data"] for b in message.buttons if b["text"].endswith(label))


async def press(user: FakeUser, message: StoredMessage, label: str) -> str | None:
    """Press a button (its label may carry a mark in front) and return the toast shown."""
    full = next(text for text in message.button_texts if text.endswith(label))
    query = await user.press(message, full)
    answer = await user.wait_answer(query)
    return answer.text


async def press_and_see(
    double: BotApiDouble, user: FakeUser, message: StoredMessage, label: str, expected: str
) -> str | None:
    """Press a button and wait until the message (edited in place) shows ``expected``."""
    toast = await press(user, message, label)
    await double.wait_for(lambda: expected in message.text, description=repr(expected))
    return toast


async def open_from_list(double: BotApiDouble, user: FakeUser, label: str) -> StoredMessage:
    """``/checklist``, then the button starting with ``label``; the message it becomes."""
    await user.send("/checklist")
    [listing] = await user.wait_reply()
    full = next(text for text in listing.button_texts if text.startswith(label))
    query = await user.press(listing, full)
    await user.wait_answer(query)
    titles = ("📋 Vos checklists", "📋 Your checklists")
    await double.wait_for(lambda: not listing.text.startswith(titles), description="first step")
    return listing
