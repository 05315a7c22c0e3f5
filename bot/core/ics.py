"""Milestones as an iCalendar (``.ics``) file that any calendar app can import."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from bot.core.milestones.compute import Milestone

PRODUCT_ID = "-//Qualibot//Qualiopi milestones//FR"
ALARM_BEFORE = timedelta(days=7)
UID_DOMAIN = "qualibot"


def _description(milestone: Milestone, lang: str) -> str:
    parts = []
    if milestone.note is not None:
        parts.append(milestone.note.get(lang))
    parts.append(f"Source : {milestone.source}" if lang == "fr" else f"Source: {milestone.source}")
    return "\n\n".join(parts)


def _event(milestone: Milestone, lang: str, certified_on: date, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"{milestone.id}-{certified_on.isoformat()}@{UID_DOMAIN}")
    event.add("dtstamp", now)
    event.add("summary", milestone.title.get(lang))
    event.add("dtstart", milestone.start)
    event.add("dtend", milestone.end + timedelta(days=1))
    event.add("description", _description(milestone, lang))
    event.add("categories", [milestone.kind])
    event.add("transp", "TRANSPARENT")
    if milestone.done_on is None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", milestone.title.get(lang))
        alarm.add("trigger", -ALARM_BEFORE)
        event.add_component(alarm)
    return event


def milestones_calendar(
    milestones: tuple[Milestone, ...],
    *,
    lang: str,
    certified_on: date,
    now: datetime,
    name: str,
) -> bytes:
    """An ``.ics`` file with one all-day event per milestone (windows span their days).

    Event UIDs depend on the milestone and the certification date, so importing the file
    again updates the same events instead of duplicating them.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for milestone in milestones:
        calendar.add_component(_event(milestone, lang, certified_on, now))
    return calendar.to_ical()
