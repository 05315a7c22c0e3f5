"""Which occurrences a reminder needs: keys that make planning idempotent, catch-up limits."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from bot.core.localized import Localized
from bot.core.milestones.compute import Milestone
from bot.services.reminder_plan import (
    CATCH_UP_MAX,
    milestone_deliveries,
    recurring_deliveries,
)
from bot.storage.models import Reminder


def _reminder(kind: str = "daily", **values: object) -> Reminder:
    fields: dict[str, object] = {
        "id": 42,
        "user_id": 7,
        "chat_id": 7,
        "kind": kind,
        "time_of_day": time(9, 0),
        "day_of_month": None,
        "content": "next",
        "lead_days": [30, 7],
        "timezone": "Europe/Paris",
        "active": True,
    }
    fields.update(values)
    return Reminder(**fields)


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_a_new_daily_reminder_plans_only_the_next_occurrence() -> None:
    now = _utc(2027, 1, 10, 12)

    [row] = recurring_deliveries(_reminder(), None, now, now)

    assert row.key == "rem:42:2027-01-11"
    assert row.due_at == _utc(2027, 1, 11, 8)
    assert row.payload == {
        "kind": "reminder",
        "reminder": "daily",
        "content": "next",
        "local_date": "2027-01-11",
    }


def test_occurrences_missed_during_a_downtime_are_planned_then_the_next_one() -> None:
    rows = recurring_deliveries(
        _reminder(), _utc(2027, 1, 10, 8), _utc(2027, 1, 1), _utc(2027, 1, 13, 12)
    )

    assert [row.key for row in rows] == [
        "rem:42:2027-01-11",
        "rem:42:2027-01-12",
        "rem:42:2027-01-13",
        "rem:42:2027-01-14",
    ]


def test_a_long_downtime_keeps_only_the_latest_missed_occurrences() -> None:
    rows = recurring_deliveries(
        _reminder(), _utc(2026, 1, 1, 8), _utc(2026, 1, 1), _utc(2027, 1, 1, 12)
    )

    assert len(rows) == CATCH_UP_MAX + 1
    assert rows[-1].key == "rem:42:2027-01-02"


def test_one_occurrence_per_local_day_even_after_the_time_changed() -> None:
    later = _reminder(time_of_day=time(18, 0))

    rows = recurring_deliveries(later, _utc(2027, 1, 10, 8), _utc(2027, 1, 1), _utc(2027, 1, 10, 9))

    assert [row.key for row in rows] == ["rem:42:2027-01-11"]


def test_milestones_get_one_row_per_lead_time_and_edge_still_ahead() -> None:
    window = Milestone(
        id="surveillance-window",
        rule_id="surveillance-window",
        kind="window",
        start=date(2027, 3, 15),
        end=date(2027, 11, 15),
        title=Localized("Fenêtre", "Window"),
        source="arrêté",
    )

    rows = milestone_deliveries(
        _reminder("milestones"), (window,), date(2026, 1, 15), _utc(2027, 2, 20)
    )

    assert sorted(row.key for row in rows) == [
        "ms:42:surveillance-window:end:2027-11-15:30",
        "ms:42:surveillance-window:end:2027-11-15:7",
        "ms:42:surveillance-window:start:2027-03-15:7",
    ]
