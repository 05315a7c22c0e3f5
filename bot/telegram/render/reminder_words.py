"""Small phrases shared by the reminder screens and messages: days, lead times, times."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from bot.core.schedule import LAST_DAY
from bot.telegram.i18n import t
from bot.telegram.render.text import escape, format_date


def relative_day(days: int, lang: str) -> str:
    """``today``, ``tomorrow``, ``in 12 days``, ``yesterday``, ``3 days ago``."""
    if days == 0:
        return t(lang, "reminders.today")
    if days == 1:
        return t(lang, "reminders.tomorrow")
    if days == -1:
        return t(lang, "reminders.yesterday")
    if days > 1:
        return t(lang, "reminders.in_days", days=days)
    return t(lang, "reminders.days_ago", days=-days)


def lead_phrase(lead: int, lang: str) -> str:
    """``30 days before``, ``1 day before``, ``on the day``."""
    if lead == 0:
        return t(lang, "reminders.lead_zero")
    if lead == 1:
        return t(lang, "reminders.lead_one")
    return t(lang, "reminders.lead_days", days=lead)


def joined(items: Sequence[str], lang: str) -> str:
    """``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return t(lang, "reminders.list_and", first=", ".join(items[:-1]), last=items[-1])


def clock(value: time) -> str:
    """``09:00``."""
    return value.strftime("%H:%M")


def day_phrase(day_of_month: int | None, lang: str) -> str:
    """``the last day of the month`` or ``day 15``."""
    if day_of_month == LAST_DAY:
        return t(lang, "reminders.day_last")
    return t(lang, "reminders.day_number", day=day_of_month or 1)


def content_phrase(content: str, lang: str) -> str:
    """What a daily or monthly reminder contains."""
    return t(lang, "reminders.content_tip" if content == "tip" else "reminders.content_next")


def span(start: date, end: date, lang: str) -> str:
    """One date, or ``start → end`` (escaped HTML)."""
    if start == end:
        return escape(format_date(start, lang))
    return t(
        lang,
        "reminders.span",
        start=escape(format_date(start, lang)),
        end=escape(format_date(end, lang)),
    )
