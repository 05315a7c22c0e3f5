"""Flood control: a few messages per user get through, a flood gets one polite notice."""

from __future__ import annotations

from bot.telegram.flood import FloodControl


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_passes_then_one_notice_then_silence() -> None:
    clock = Clock()
    control = FloodControl(burst=3, rate=1.0, clock=clock)
    outcomes = [control.admit(1) for _ in range(6)]
    assert outcomes == [(True, False)] * 3 + [(False, True)] + [(False, False)] * 2


def test_the_bucket_refills_with_time_and_the_notice_comes_again_next_flood() -> None:
    clock = Clock()
    control = FloodControl(burst=2, rate=1.0, clock=clock)
    assert [control.admit(1)[0] for _ in range(3)] == [True, True, False]
    clock.now += 1.0
    assert control.admit(1) == (True, False)
    assert control.admit(1) == (False, True)


def test_users_are_counted_separately() -> None:
    control = FloodControl(burst=1, rate=1.0, clock=Clock())
    assert control.admit(1) == (True, False)
    assert control.admit(2) == (True, False)
    assert control.admit(1) == (False, True)


def test_a_steady_pace_is_never_limited() -> None:
    clock = Clock()
    control = FloodControl(burst=2, rate=1.0, clock=clock)
    for _ in range(50):
        assert control.admit(1) == (True, False)
        clock.now += 1.0
