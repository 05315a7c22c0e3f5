"""The certification cycle of one organisation, computed from the milestone rules.

Everything here is pure: dates in, dates out. Month arithmetic clamps to the end of shorter
months (certified on 31 December, month 14 is the end of February), as
:class:`dateutil.relativedelta.relativedelta` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from bot.core.localized import Localized
from bot.core.milestones.rules import CERTIFIED_ON, CycleRule, MilestoneRules, Offset, YearlyRule

SURVEILLANCE_WINDOW = "surveillance-window"
RENEWAL_AUDIT = "renewal-audit"
CERTIFICATE_EXPIRY = "certificate-expiry"
CERTIFICATE_YEARS = 3

EXPIRED = "expired"
BEFORE_CERTIFICATION = "before_certification"
BEFORE_WINDOW = "before_window"
IN_FUTURE = "in_future"


@dataclass(frozen=True, slots=True)
class Milestone:
    """One dated milestone of a schedule.

    ``id`` is unique within a schedule: the rule id for cycle milestones, ``<rule>-<year>`` for
    yearly ones. ``end`` equals ``start`` for a single day. ``done_on`` is set when the user
    told us the matching audit was already held.
    """

    id: str
    rule_id: str
    kind: str
    start: date
    end: date
    title: Localized
    source: str
    note: Localized | None = None
    done_on: date | None = None

    def is_past(self, today: date) -> bool:
        """True when the milestone is over (its last day is before ``today``) or done."""
        return self.done_on is not None or self.end < today


def shift(day: date, months: int = 0, days: int = 0) -> date:
    """``day`` plus whole months (clamped to the month's end), then plus days."""
    return day + relativedelta(months=months) + timedelta(days=days)


def certificate_expiry(rules: MilestoneRules, certified_on: date) -> date | None:
    """The expiry date given by the ``certificate-expiry`` rule, or None without that rule."""
    starts = _cycle_starts(rules.cycle, certified_on)
    return starts.get(CERTIFICATE_EXPIRY)


def certification_date_problem(
    rules: MilestoneRules, certified_on: date, today: date
) -> str | None:
    """``expired`` when a certificate granted on ``certified_on`` is already over, else None."""
    expiry = certificate_expiry(rules, certified_on) or shift(certified_on, CERTIFICATE_YEARS * 12)
    return EXPIRED if expiry < today else None


def audit_date_problem(
    rules: MilestoneRules, certified_on: date, held_on: date, today: date
) -> str | None:
    """Why a surveillance audit date cannot be right: ``before_certification``, ``in_future``,
    or ``before_window`` (earlier than the surveillance window opens: the initial audit?)."""
    if held_on < certified_on:
        return BEFORE_CERTIFICATION
    if held_on > today:
        return IN_FUTURE
    window_opens = _cycle_starts(rules.cycle, certified_on).get(SURVEILLANCE_WINDOW)
    if window_opens is not None and held_on < window_opens:
        return BEFORE_WINDOW
    return None


def compute_schedule(
    rules: MilestoneRules, certified_on: date, surveillance_audit_on: date | None = None
) -> tuple[Milestone, ...]:
    """Every milestone of the cycle that starts on ``certified_on``, sorted by date.

    Yearly obligations are listed for each year between the certification date and the
    certificate's expiry (both included). When ``surveillance_audit_on`` is given, the
    surveillance window and every milestone anchored on it are marked done on that date.
    """
    starts = _cycle_starts(rules.cycle, certified_on)
    surveillance_related = _anchored_on(rules.cycle, SURVEILLANCE_WINDOW)
    milestones = [
        _cycle_milestone(rule, starts, certified_on, surveillance_audit_on, surveillance_related)
        for rule in rules.cycle
    ]
    last_day = starts.get(CERTIFICATE_EXPIRY) or shift(certified_on, CERTIFICATE_YEARS * 12)
    for rule in rules.yearly:
        milestones.extend(_yearly_milestones(rule, certified_on, last_day))
    return tuple(sorted(milestones, key=lambda m: (m.start, m.end, m.id)))


def upcoming(milestones: tuple[Milestone, ...], today: date) -> tuple[Milestone, ...]:
    """The milestones not over yet on ``today`` (windows in progress included)."""
    return tuple(m for m in milestones if not m.is_past(today))


def next_milestone(milestones: tuple[Milestone, ...], today: date) -> Milestone | None:
    """The first milestone not over yet, or None when the whole cycle is behind us."""
    pending = upcoming(milestones, today)
    return pending[0] if pending else None


def _cycle_starts(rules: tuple[CycleRule, ...], certified_on: date) -> dict[str, date]:
    starts: dict[str, date] = {}
    for rule in rules:
        starts[rule.id] = _resolve(rule.start, starts, certified_on)
    return starts


def _resolve(offset: Offset, starts: dict[str, date], certified_on: date) -> date:
    anchor = certified_on if offset.anchor == CERTIFIED_ON else starts[offset.anchor]
    return shift(anchor, offset.months, offset.days)


def _anchored_on(rules: tuple[CycleRule, ...], root: str) -> frozenset[str]:
    """``root`` and every rule whose start or end depends on it, directly or not."""
    related = {root}
    for rule in rules:
        anchors = {rule.start.anchor} | ({rule.end.anchor} if rule.end else set())
        if anchors & related:
            related.add(rule.id)
    return frozenset(related)


def _cycle_milestone(
    rule: CycleRule,
    starts: dict[str, date],
    certified_on: date,
    surveillance_audit_on: date | None,
    surveillance_related: frozenset[str],
) -> Milestone:
    start = starts[rule.id]
    end = _resolve(rule.end, starts, certified_on) if rule.end else start
    done_on = surveillance_audit_on if rule.id in surveillance_related else None
    return Milestone(
        id=rule.id,
        rule_id=rule.id,
        kind=rule.kind,
        start=start,
        end=max(start, end),
        title=rule.title,
        source=rule.source,
        note=rule.note,
        done_on=done_on,
    )


def _yearly_milestones(rule: YearlyRule, first_day: date, last_day: date) -> list[Milestone]:
    found = []
    for year in range(first_day.year, last_day.year + 1):
        day = date(year, rule.month, 1) + relativedelta(day=rule.day)
        if first_day <= day <= last_day:
            found.append(
                Milestone(
                    id=f"{rule.id}-{year}",
                    rule_id=rule.id,
                    kind=rule.kind,
                    start=day,
                    end=day,
                    title=rule.title,
                    source=rule.source,
                    note=rule.note,
                )
            )
    return found
