"""Certification dates typed by users, in French or English."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.dates import DateError, parse_user_date

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    "text",
    [
        "15/01/2026",
        "15-01-2026",
        "15.01.2026",
        "15/1/26",
        "2026-01-15",
        "15 janvier 2026",
        "15 Janvier 2026",
        "15 janv. 2026",
        "  15   janvier   2026 ",
        "January 15, 2026",
        "january 15 2026",
        "15 Jan 2026",
        "Jan 15th, 2026",
    ],
)
def test_common_spellings_of_the_same_day(text: str) -> None:
    assert parse_user_date(text, TODAY) == date(2026, 1, 15)


def test_french_month_names_with_or_without_accents() -> None:
    assert parse_user_date("1er février 2025", TODAY) == date(2025, 2, 1)
    assert parse_user_date("3 fevrier 2025", TODAY) == date(2025, 2, 3)
    assert parse_user_date("14 août 2024", TODAY) == date(2024, 8, 14)
    assert parse_user_date("2 décembre 2023", TODAY) == date(2023, 12, 2)


def test_day_comes_first_in_numeric_dates() -> None:
    assert parse_user_date("03/04/2025", TODAY) == date(2025, 4, 3)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("next tuesday", "unrecognised"),
        ("15 brumaire 2026", "unrecognised"),
        ("2026", "unrecognised"),
        ("31/02/2026", "impossible"),
        ("29 février 2025", "impossible"),
        ("15/13/2026", "impossible"),
        ("31/12/2018", "too_early"),
        ("1 January 1999", "too_early"),
        ("29/11/2027", "too_far"),
        ("2030-01-01", "too_far"),
    ],
)
def test_refusals_say_why(text: str, reason: str) -> None:
    assert parse_user_date(text, TODAY) == DateError(reason)


def test_limits_are_inclusive() -> None:
    assert parse_user_date("01/01/2019", TODAY) == date(2019, 1, 1)
    assert parse_user_date("28/11/2027", TODAY) == date(2027, 11, 28)


def test_leap_day_is_accepted_when_it_exists() -> None:
    assert parse_user_date("29/02/2024", TODAY) == date(2024, 2, 29)
