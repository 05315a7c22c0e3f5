"""Dates typed by users: ``15/01/2026``, ``2026-01-15``, ``15 janvier 2026``, ``Jan 15, 2026``…

:func:`parse_user_date` never raises: it returns a :class:`datetime.date` or a
:class:`DateError` whose ``reason`` says why the text was refused.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

EARLIEST = date(2019, 1, 1)
"""No Qualiopi certification predates the framework (decree of 6 June 2019)."""

EMPTY = "empty"
UNRECOGNISED = "unrecognised"
IMPOSSIBLE = "impossible"
TOO_EARLY = "too_early"
TOO_FAR = "too_far"

_MONTHS: dict[str, int] = {
    "janvier": 1, "janv": 1, "january": 1, "jan": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3,
    "avril": 4, "avr": 4, "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "july": 7, "jul": 7,
    "aout": 8, "august": 8, "aug": 8,
    "septembre": 9, "sept": 9, "sep": 9, "september": 9,
    "octobre": 10, "oct": 10, "october": 10,
    "novembre": 11, "nov": 11, "november": 11,
    "decembre": 12, "dec": 12, "december": 12,
}  # fmt: skip

_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})$")
_NUMERIC_YMD = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:er|st|nd|rd|th)? ([a-z]+)\.? (\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$")


@dataclass(frozen=True, slots=True)
class DateError:
    """Why a typed date was refused: ``empty``, ``unrecognised``, ``impossible``,
    ``too_early`` or ``too_far``."""

    reason: str


def _normalise(text: str) -> str:
    without_accents = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(without_accents.lower().replace(",", ", ").split()).replace(" ,", ",")


def _year(raw: str) -> int:
    return 2000 + int(raw) if len(raw) == 2 else int(raw)


def _parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) read from the text, not yet checked for existence."""
    if match := _NUMERIC_DMY.match(text):
        day, month, year = match.groups()
        return _year(year), int(month), int(day)
    if match := _NUMERIC_YMD.match(text):
        year, month, day = match.groups()
        return int(year), int(month), int(day)
    if (match := _DAY_MONTH_YEAR.match(text)) and match.group(2) in _MONTHS:
        day, month, year = match.groups()
        return int(year), _MONTHS[month], int(day)
    if (match := _MONTH_DAY_YEAR.match(text)) and match.group(1) in _MONTHS:
        month, day, year = match.groups()
        return int(year), _MONTHS[month], int(day)
    return None


def parse_user_date(text: str, today: date) -> date | DateError:
    """Read a date typed in French or English; refuse impossible or far-fetched ones.

    Accepted dates lie between 2019-01-01 and one year after ``today``.
    """
    cleaned = _normalise(text or "")
    if not cleaned:
        return DateError(EMPTY)
    parts = _parts(cleaned)
    if parts is None:
        return DateError(UNRECOGNISED)
    try:
        value = date(*parts)
    except ValueError:
        return DateError(IMPOSSIBLE)
    if value < EARLIEST:
        return DateError(TOO_EARLY)
    if value > today + relativedelta(years=1):
        return DateError(TOO_FAR)
    return value
