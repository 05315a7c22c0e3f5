"""The certification cycle computed from milestone rules: offsets, month ends, leap years."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.localized import Localized
from bot.core.milestones.compute import (
    BEFORE_CERTIFICATION,
    BEFORE_WINDOW,
    EXPIRED,
    IN_FUTURE,
    audit_date_problem,
    certificate_expiry,
    certification_date_problem,
    compute_schedule,
    next_milestone,
    shift,
    upcoming,
)
from bot.core.milestones.rules import CycleRule, MilestoneRules, Offset, YearlyRule


def _title(text: str) -> Localized:
    return Localized(fr=text, en=text)


RULES = MilestoneRules(
    cycle=(
        CycleRule(
            id="surveillance-window",
            kind="window",
            start=Offset("certified_on", months=14),
            end=Offset("certified_on", months=22),
            title=_title("Surveillance"),
            source="Arrêté du 6 juin 2019, art. 2",
        ),
        CycleRule(
            id="surveillance-booking",
            kind="event",
            start=Offset("surveillance-window", months=-2),
            end=None,
            title=_title("Book"),
            source="advice",
        ),
        CycleRule(
            id="certificate-expiry",
            kind="deadline",
            start=Offset("certified_on", months=36),
            end=None,
            title=_title("Expiry"),
            source="Décret n° 2019-564",
        ),
        CycleRule(
            id="renewal-contact",
            kind="event",
            start=Offset("certificate-expiry", months=-8),
            end=None,
            title=_title("Contact"),
            source="AFNOR",
        ),
        CycleRule(
            id="renewal-audit",
            kind="window",
            start=Offset("certificate-expiry", months=-6),
            end=Offset("certificate-expiry", months=-4),
            title=_title("Renewal audit"),
            source="Arrêté du 6 juin 2019, art. 5",
        ),
        CycleRule(
            id="day-after-expiry",
            kind="event",
            start=Offset("certificate-expiry", days=1),
            end=None,
            title=_title("New certificate starts"),
            source="ISQ",
        ),
    ),
    yearly=(
        YearlyRule(
            id="bpf-deadline",
            kind="deadline",
            month=5,
            day=31,
            title=_title("BPF"),
            source="DREETS",
        ),
    ),
)


def _by_id(certified_on: date, held_on: date | None = None) -> dict:
    return {m.id: m for m in compute_schedule(RULES, certified_on, held_on)}


def test_a_mid_month_certification_gives_the_documented_cycle() -> None:
    cycle = _by_id(date(2026, 1, 15))

    window = cycle["surveillance-window"]
    assert (window.kind, window.start, window.end) == (
        "window",
        date(2027, 3, 15),
        date(2027, 11, 15),
    )
    assert cycle["surveillance-booking"].start == date(2027, 1, 15)
    assert cycle["certificate-expiry"].start == cycle["certificate-expiry"].end == date(2029, 1, 15)
    assert cycle["renewal-contact"].start == date(2028, 5, 15)
    assert (cycle["renewal-audit"].start, cycle["renewal-audit"].end) == (
        date(2028, 7, 15),
        date(2028, 9, 15),
    )
    assert cycle["day-after-expiry"].start == date(2029, 1, 16)


def test_months_clamp_to_the_end_of_shorter_months() -> None:
    cycle = _by_id(date(2025, 12, 31))

    assert cycle["surveillance-window"].start == date(2027, 2, 28)
    assert cycle["surveillance-window"].end == date(2027, 10, 31)
    assert cycle["certificate-expiry"].start == date(2028, 12, 31)
    assert cycle["renewal-contact"].start == date(2028, 4, 30)
    assert cycle["renewal-audit"].end == date(2028, 8, 31)


def test_month_14_lands_on_29_february_in_a_leap_year() -> None:
    cycle = _by_id(date(2022, 12, 31))

    assert cycle["surveillance-window"].start == date(2024, 2, 29)


def test_a_certificate_of_29_february_expires_on_28_february() -> None:
    cycle = _by_id(date(2024, 2, 29))

    assert cycle["certificate-expiry"].start == date(2027, 2, 28)
    assert cycle["surveillance-window"].start == date(2025, 4, 29)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 5, 31), 1, date(2026, 6, 30)),
        (date(2026, 1, 15), 0, date(2026, 1, 15)),
    ],
)
def test_shift_clamps_whole_months(day: date, months: int, expected: date) -> None:
    assert shift(day, months) == expected


def test_yearly_obligations_repeat_between_certification_and_expiry() -> None:
    cycle = _by_id(date(2026, 1, 15))

    bpf = sorted(m.start for m in cycle.values() if m.rule_id == "bpf-deadline")
    assert bpf == [date(2026, 5, 31), date(2027, 5, 31), date(2028, 5, 31)]
    assert cycle["bpf-deadline-2027"].kind == "deadline"
    assert cycle["bpf-deadline-2027"].source == "DREETS"


def test_a_yearly_date_before_the_certification_is_left_out() -> None:
    cycle = _by_id(date(2026, 6, 1))

    assert "bpf-deadline-2026" not in cycle
    assert "bpf-deadline-2029" in cycle


def test_the_schedule_is_sorted_by_date() -> None:
    schedule = compute_schedule(RULES, date(2026, 1, 15))

    starts = [m.start for m in schedule]
    assert starts == sorted(starts)


def test_a_held_surveillance_audit_closes_the_window_and_its_booking() -> None:
    held = date(2027, 4, 2)
    cycle = _by_id(date(2026, 1, 15), held)

    assert cycle["surveillance-window"].done_on == held
    assert cycle["surveillance-booking"].done_on == held
    assert cycle["renewal-audit"].done_on is None
    after_audit = upcoming(tuple(cycle.values()), date(2027, 5, 1))
    assert after_audit[0].id == "bpf-deadline-2027"


def test_the_next_milestone_includes_a_window_in_progress() -> None:
    schedule = compute_schedule(RULES, date(2026, 1, 15))

    assert next_milestone(schedule, date(2027, 6, 1)).id == "surveillance-window"
    assert next_milestone(schedule, date(2030, 1, 1)) is None


def test_milestones_come_from_the_rules_not_from_code() -> None:
    rules = MilestoneRules(
        cycle=(
            CycleRule(
                id="certificate-expiry",
                kind="deadline",
                start=Offset("certified_on", months=48),
                end=None,
                title=_title("Expiry"),
                source="old rule",
            ),
        )
    )

    assert certificate_expiry(rules, date(2020, 6, 30)) == date(2024, 6, 30)
    assert [m.id for m in compute_schedule(rules, date(2020, 6, 30))] == ["certificate-expiry"]


def test_an_expired_certificate_is_refused() -> None:
    assert certification_date_problem(RULES, date(2023, 1, 10), date(2026, 11, 28)) == EXPIRED
    assert certification_date_problem(RULES, date(2024, 1, 10), date(2026, 11, 28)) is None


@pytest.mark.parametrize(
    ("held_on", "problem"),
    [
        (date(2025, 12, 1), BEFORE_CERTIFICATION),
        (date(2026, 6, 1), BEFORE_WINDOW),
        (date(2027, 12, 1), IN_FUTURE),
        (date(2027, 4, 1), None),
    ],
)
def test_surveillance_audit_dates_are_checked(held_on: date, problem: str | None) -> None:
    assert audit_date_problem(RULES, date(2026, 1, 15), held_on, date(2027, 6, 1)) == problem
