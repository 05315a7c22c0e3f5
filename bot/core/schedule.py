"""Daily and monthly recurrences at a local time of day, correct across daylight saving.

Occurrences are computed on the local calendar, then turned into UTC instants: a daily
09:00 Europe/Paris reminder is at 08:00 UTC in winter and 07:00 UTC in summer. A local time
that does not exist (skipped by the spring change) is moved forward by the gap; a local time
that happens twice (autumn change) is taken the first time.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAILY = "daily"
MONTHLY = "monthly"
LAST_DAY = -1
DEFAULT_TIMEZONE = "Europe/Paris"


def zone(name: str | None) -> ZoneInfo:
    """The time zone ``name``, or Europe/Paris when it is unknown or empty."""
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def is_known_timezone(name: str) -> bool:
    """True when ``name`` is an IANA time zone such as ``Europe/Paris``."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def local_instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of ``at`` on local ``day`` in ``tz`` (see module notes on DST)."""
    naive = datetime.combine(day, at.replace(tzinfo=None))
    return naive.replace(tzinfo=tz, fold=0).astimezone(UTC)


def day_in_month(year: int, month: int, day_of_month: int) -> date:
    """Day ``day_of_month`` of the month; -1 is the last day, and 29-31 clamp to the last day."""
    last = calendar.monthrange(year, month)[1]
    wanted = last if day_of_month == LAST_DAY else min(max(day_of_month, 1), last)
    return date(year, month, wanted)


@dataclass(frozen=True, slots=True)
class Recurrence:
    """Every day, or one day each month, at ``at`` local time in ``timezone``."""

    kind: str
    at: time
    timezone: str = DEFAULT_TIMEZONE
    day_of_month: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in (DAILY, MONTHLY):
            raise ValueError(f"unknown recurrence {self.kind!r}")
        if self.kind == MONTHLY and not (
            self.day_of_month == LAST_DAY or 1 <= (self.day_of_month or 0) <= 31
        ):
            raise ValueError(f"day of month must be 1-31 or -1, got {self.day_of_month!r}")

    def _local_days_from(self, first: date) -> Iterator[date]:
        if self.kind == DAILY:
            day = first
            while True:
                yield day
                day += timedelta(days=1)
        year, month = first.year, first.month
        while True:
            day = day_in_month(year, month, self.day_of_month or 1)
            if day >= first:
                yield day
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)

    def occurrences(self, after: datetime) -> Iterator[tuple[date, datetime]]:
        """(local date, UTC instant) of every occurrence strictly after ``after``, in order."""
        tz = zone(self.timezone)
        start = after.astimezone(tz).date() - timedelta(days=1)
        for day in self._local_days_from(start):
            instant = local_instant(day, self.at, tz)
            if instant > after:
                yield day, instant

    def next_after(self, after: datetime) -> tuple[date, datetime]:
        """The first occurrence strictly after ``after``."""
        return next(self.occurrences(after))

    def between(self, after: datetime, until: datetime) -> list[tuple[date, datetime]]:
        """Occurrences strictly after ``after`` and at or before ``until``."""
        found = []
        for day, instant in self.occurrences(after):
            if instant > until:
                break
            found.append((day, instant))
        return found


_TIME = re.compile(r"^(\d{1,2})\s*(?:[:hH.]\s*(\d{2})?)?\s*$")


def parse_time_of_day(text: str) -> time | None:
    """``9``, ``9h``, ``9h30``, ``09:30``, ``18.45`` → a time; None when it is not one."""
    match = _TIME.match((text or "").strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)
