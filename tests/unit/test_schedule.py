"""Daily and monthly recurrences in the user's time zone, across daylight saving changes."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.schedule import (
    LAST_DAY,
    Recurrence,
    day_in_month,
    local_instant,
    parse_time_of_day,
    zone,
)
from bot.telegram.handlers.reminder_inputs import parse_day_of_month

PARIS = ZoneInfo("Europe/Paris")


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_daily_nine_o_clock_stays_nine_o_clock_across_the_spring_change() -> None:
    daily = Recurrence("daily", time(9, 0), "Europe/Paris")

    found = daily.between(_utc(2027, 3, 26, 12), _utc(2027, 3, 30, 12))

    assert [day for day, _ in found] == [date(2027, 3, d) for d in (27, 28, 29, 30)]
    assert [instant.astimezone(PARIS).time() for _, instant in found] == [time(9, 0)] * 4
    assert [instant.hour for _, instant in found] == [8, 7, 7, 7]


def test_daily_nine_o_clock_stays_nine_o_clock_across_the_autumn_change() -> None:
    daily = Recurrence("daily", time(9, 0), "Europe/Paris")

    found = daily.between(_utc(2027, 10, 29, 12), _utc(2027, 11, 1, 12))

    assert [instant.astimezone(PARIS).time() for _, instant in found] == [time(9, 0)] * 3
    assert [instant.hour for _, instant in found] == [7, 8, 8]


def test_a_time_skipped_by_the_spring_change_moves_forward_by_the_gap() -> None:
    instant = local_instant(date(2027, 3, 28), time(2, 30), PARIS)

    assert instant == _utc(2027, 3, 28, 1, 30)
    assert instant.astimezone(PARIS).time() == time(3, 30)


def test_a_time_repeated_by_the_autumn_change_is_taken_the_first_time() -> None:
    assert local_instant(date(2027, 10, 31), time(2, 30), PARIS) == _utc(2027, 10, 31, 0, 30)


def test_the_next_occurrence_is_strictly_after_the_given_instant() -> None:
    daily = Recurrence("daily", time(9, 0), "Europe/Paris")

    assert daily.next_after(_utc(2027, 1, 10, 8, 0)) == (date(2027, 1, 11), _utc(2027, 1, 11, 8))
    assert daily.next_after(_utc(2027, 1, 10, 7, 59)) == (date(2027, 1, 10), _utc(2027, 1, 10, 8))


def test_a_reminder_on_the_31st_fires_on_the_last_day_of_shorter_months() -> None:
    monthly = Recurrence("monthly", time(9, 0), "Europe/Paris", day_of_month=31)

    days = [day for day, _ in monthly.between(_utc(2027, 1, 1), _utc(2027, 7, 1))]

    assert days == [
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 4, 30),
        date(2027, 5, 31),
        date(2027, 6, 30),
    ]


def test_last_day_of_the_month_includes_29_february() -> None:
    monthly = Recurrence("monthly", time(18, 30), "Europe/Paris", day_of_month=LAST_DAY)

    days = [day for day, _ in monthly.between(_utc(2028, 1, 1), _utc(2028, 4, 1))]

    assert days == [date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31)]


def test_monthly_on_the_first_in_another_time_zone() -> None:
    monthly = Recurrence("monthly", time(8, 0), "America/New_York", day_of_month=1)

    day, instant = monthly.next_after(_utc(2027, 3, 5))

    assert day == date(2027, 4, 1)
    assert instant == _utc(2027, 4, 1, 12)


@pytest.mark.parametrize("bad_day", [0, 32, -2, None])
def test_a_monthly_recurrence_needs_a_real_day(bad_day: int | None) -> None:
    with pytest.raises(ValueError, match="day of month"):
        Recurrence("monthly", time(9, 0), "Europe/Paris", day_of_month=bad_day)


def test_an_unknown_time_zone_falls_back_to_paris() -> None:
    assert zone("Mars/Olympus") == PARIS
    assert day_in_month(2027, 2, 30) == date(2027, 2, 28)


@given(
    start=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1)),
    hour=st.integers(min_value=4, max_value=23),
    minute=st.integers(min_value=0, max_value=59),
    tz=st.sampled_from(["Europe/Paris", "America/New_York", "Australia/Sydney", "UTC"]),
)
def test_daily_occurrences_are_one_per_local_day_at_the_chosen_time(
    start: datetime, hour: int, minute: int, tz: str
) -> None:
    daily = Recurrence("daily", time(hour, minute), tz)
    after = start.replace(tzinfo=UTC)

    found = daily.between(after, after + timedelta(days=10))

    assert len(found) in (9, 10, 11)
    assert all(b[0] - a[0] == timedelta(days=1) for a, b in itertools.pairwise(found))
    assert all(i.astimezone(ZoneInfo(tz)).time() == time(hour, minute) for _, i in found)
    assert all(instant > after for _, instant in found)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9", time(9, 0)),
        ("9h", time(9, 0)),
        ("9h30", time(9, 30)),
        ("09:30", time(9, 30)),
        ("18.45", time(18, 45)),
        (" 7 h 05 ", time(7, 5)),
        ("24:00", None),
        ("9:75", None),
        ("noon", None),
        ("", None),
    ],
)
def test_times_of_day_are_read_the_way_people_type_them(typed: str, expected: time | None) -> None:
    assert parse_time_of_day(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("1", 1), ("31", 31), ("le 15", 15), ("last", -1), ("Dernier", -1), ("0", None), ("32", None)],
)
def test_days_of_month_are_read_with_last_day_words(typed: str, expected: int | None) -> None:
    assert parse_day_of_month(typed) == expected
