"""Sending slots: the overall rate, one message per second per private chat, 429 holds."""

from __future__ import annotations

import pytest

from bot.services.ratelimit import SendRateLimiter


class FakeTime:
    """A monotonic clock that ``asyncio.sleep`` moves forward instantly."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


async def _send_times(limiter: SendRateLimiter, clock: FakeTime, chats: list[int]) -> list[float]:
    times = []
    for chat in chats:
        await limiter.acquire(chat)
        times.append(round(clock.now, 6))
    return times


async def test_the_overall_rate_spaces_messages_evenly(fake_time: FakeTime) -> None:
    limiter = SendRateLimiter(10.0, clock=fake_time, sleep=fake_time.sleep)

    times = await _send_times(limiter, fake_time, list(range(1, 31)))

    assert times == [round(n / 10, 6) for n in range(30)]


async def test_one_private_chat_gets_at_most_one_message_per_second(fake_time: FakeTime) -> None:
    limiter = SendRateLimiter(None, clock=fake_time, sleep=fake_time.sleep)

    times = await _send_times(limiter, fake_time, [7, 7, 8, 7])

    assert times == [0.0, 1.0, 1.0, 2.0]


async def test_a_group_gets_at_most_twenty_messages_a_minute(fake_time: FakeTime) -> None:
    limiter = SendRateLimiter(None, clock=fake_time, sleep=fake_time.sleep)

    assert await _send_times(limiter, fake_time, [-100, -100]) == [0.0, 3.0]


async def test_a_retry_after_holds_only_that_chat(fake_time: FakeTime) -> None:
    limiter = SendRateLimiter(None, clock=fake_time, sleep=fake_time.sleep)
    limiter.hold_chat(7, 5.0)

    assert await _send_times(limiter, fake_time, [8, 7]) == [0.0, 5.0]


def test_a_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        SendRateLimiter(0)
