"""Which delivery rows a reminder needs: its occurrences, each with a unique key.

Keys make materialisation idempotent: computing the plan again after a restart, or from two
processes, inserts nothing twice.

- milestone lead reminders: ``ms:<reminder>:<milestone>:<start|end>:<milestone date>:<lead>``
- daily and monthly reminders: ``rem:<reminder>:<local date>``
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bot.core.milestones.compute import Milestone
from bot.core.schedule import Recurrence, local_instant, zone
from bot.storage.models import Reminder
from bot.storage.repositories.deliveries import NewDelivery

MILESTONE_KIND = "milestone"
RECURRING_KIND = "reminder"
CATCH_UP_MAX = 31
"""At most this many missed daily/monthly occurrences are recorded after a long downtime."""
DEFAULT_LEAD_DAYS: tuple[int, ...] = (90, 30, 7, 1)
LEAD_CHOICES: tuple[int, ...] = (180, 90, 60, 30, 14, 7, 3, 1, 0)


def milestone_key(reminder_id: int, milestone_id: str, edge: str, day: date, lead: int) -> str:
    """The unique key of one lead reminder of one milestone."""
    return f"ms:{reminder_id}:{milestone_id}:{edge}:{day.isoformat()}:{lead}"


def recurring_key(reminder_id: int, local_day: date) -> str:
    """The unique key of one daily or monthly occurrence."""
    return f"rem:{reminder_id}:{local_day.isoformat()}"


def _edges(milestone: Milestone) -> list[tuple[str, date]]:
    edges = [("start", milestone.start)]
    if milestone.kind == "window" and milestone.end != milestone.start:
        edges.append(("end", milestone.end))
    return edges


def milestone_deliveries(
    reminder: Reminder,
    schedule: tuple[Milestone, ...],
    certified_on: date,
    now: datetime,
) -> list[NewDelivery]:
    """A row per milestone, edge and lead time still ahead of ``now``.

    Windows are announced before they open and before they close (not before they open
    when the closing reminder would come first). Milestones already done get none.
    """
    tz = zone(reminder.timezone)
    rows: list[NewDelivery] = []
    for milestone in schedule:
        if milestone.done_on is not None:
            continue
        for edge, day in _edges(milestone):
            for lead in sorted(set(reminder.lead_days or ())):
                send_on = day - timedelta(days=lead)
                if edge == "end" and send_on < milestone.start:
                    continue
                due_at = local_instant(send_on, reminder.time_of_day, tz)
                if due_at <= now:
                    continue
                rows.append(
                    NewDelivery(
                        key=milestone_key(reminder.id, milestone.id, edge, day, lead),
                        user_id=reminder.user_id,
                        chat_id=reminder.chat_id,
                        reminder_id=reminder.id,
                        due_at=due_at,
                        payload={
                            "kind": MILESTONE_KIND,
                            "milestone": milestone.id,
                            "edge": edge,
                            "date": day.isoformat(),
                            "lead": lead,
                            "certified_on": certified_on.isoformat(),
                        },
                    )
                )
    return rows


def recurrence_of(reminder: Reminder) -> Recurrence:
    """The daily or monthly recurrence of a reminder row."""
    return Recurrence(
        kind=reminder.kind,
        at=reminder.time_of_day or time(9, 0),
        timezone=reminder.timezone,
        day_of_month=reminder.day_of_month,
    )


def recurring_deliveries(
    reminder: Reminder, last_due: datetime | None, since: datetime, now: datetime
) -> list[NewDelivery]:
    """The occurrences missed since the last one (at most :data:`CATCH_UP_MAX`), then the
    next one ahead of ``now``.

    ``last_due`` is the latest occurrence already recorded; without one, occurrences are
    counted from ``since`` (when the reminder was set). One occurrence per local day at most,
    even when the time of day was changed after today's was sent.
    """
    recurrence = recurrence_of(reminder)
    tz = zone(reminder.timezone)
    start = last_due or since
    last_day = last_due.astimezone(tz).date() if last_due else None
    missed: list[tuple[date, datetime]] = []
    upcoming: tuple[date, datetime] | None = None
    for day, instant in recurrence.occurrences(start):
        if last_day is not None and day <= last_day:
            continue
        if instant > now:
            upcoming = (day, instant)
            break
        missed.append((day, instant))
        missed = missed[-CATCH_UP_MAX:]
    chosen = [*missed, *([upcoming] if upcoming else [])]
    return [
        NewDelivery(
            key=recurring_key(reminder.id, day),
            user_id=reminder.user_id,
            chat_id=reminder.chat_id,
            reminder_id=reminder.id,
            due_at=instant,
            payload={
                "kind": RECURRING_KIND,
                "reminder": reminder.kind,
                "content": reminder.content,
                "local_date": day.isoformat(),
            },
        )
        for day, instant in chosen
    ]
