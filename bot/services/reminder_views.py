"""Read-only snapshots of a user's reminder settings, and the error of a refused change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from bot.storage.models import Reminder


@dataclass(frozen=True, slots=True)
class ReminderView:
    """A read-only snapshot of one reminder."""

    id: int
    kind: str
    time_of_day: time
    day_of_month: int | None
    content: str
    lead_days: tuple[int, ...]
    timezone: str
    active: bool

    @classmethod
    def of(cls, reminder: Reminder) -> ReminderView:
        """Snapshot of a database row."""
        return cls(
            id=reminder.id,
            kind=reminder.kind,
            time_of_day=reminder.time_of_day,
            day_of_month=reminder.day_of_month,
            content=reminder.content,
            lead_days=tuple(sorted(set(reminder.lead_days or ()), reverse=True)),
            timezone=reminder.timezone,
            active=reminder.active,
        )


@dataclass(frozen=True, slots=True)
class ReminderSettings:
    """Everything ``/reminders`` shows for one user."""

    user_id: int
    language: str
    timezone: str
    certified_on: date | None
    surveillance_audit_on: date | None
    blocked: bool
    reminders: tuple[ReminderView, ...]

    def of_kind(self, kind: str) -> ReminderView | None:
        """The reminder of this kind, or None."""
        return next((r for r in self.reminders if r.kind == kind), None)

    @property
    def paused(self) -> bool:
        """True when there are reminders and none is active."""
        return bool(self.reminders) and not any(r.active for r in self.reminders)


class ReminderError(ValueError):
    """A refused change; ``reason`` is a short code the interface explains."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
