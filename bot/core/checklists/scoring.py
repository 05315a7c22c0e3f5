"""Readiness per group and overall, and the gaps to work on, from the stored answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.core.checklists.engine import Plan, PlannedItem
from bot.core.localized import Localized

POINTS: dict[str, float] = {"yes": 1.0, "partly": 0.5, "no": 0.0, "skip": 0.0}
"""What each answer is worth; ``na`` is left out of the count, an unanswered item is worth 0."""
GAP_VALUES = ("no", "partly")


@dataclass(frozen=True, slots=True)
class Tally:
    """Counts of answers among applicable items."""

    yes: int = 0
    partly: int = 0
    no: int = 0
    na: int = 0
    skip: int = 0
    unanswered: int = 0

    @property
    def total(self) -> int:
        """Every applicable item counted here."""
        return self.yes + self.partly + self.no + self.na + self.skip + self.unanswered

    @property
    def assessed(self) -> int:
        """Items with a real answer (yes, partly, no or not applicable)."""
        return self.yes + self.partly + self.no + self.na

    @property
    def scored(self) -> int:
        """Items that count towards readiness (all but "not applicable")."""
        return self.total - self.na

    @property
    def readiness(self) -> int | None:
        """Readiness in percent (yes = 1, partly = ½), None when nothing counts."""
        if self.scored == 0:
            return None
        return round(100 * (self.yes + 0.5 * self.partly) / self.scored)

    def add(self, value: str | None) -> Tally:
        """This tally with one more item answered ``value`` (None: not answered)."""
        name = value if value in ("yes", "partly", "no", "na", "skip") else "unanswered"
        counts = {key: getattr(self, key) for key in _FIELDS}
        counts[name] += 1
        return Tally(**counts)


_FIELDS = ("yes", "partly", "no", "na", "skip", "unanswered")


@dataclass(frozen=True, slots=True)
class GroupScore:
    """The tally of one group (a criterion, a stage of the audit…)."""

    group_id: str
    title: Localized
    tally: Tally


@dataclass(frozen=True, slots=True)
class Finding:
    """An item that needs work, with the answer and note given."""

    planned: PlannedItem
    value: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Score:
    """The results of a run."""

    groups: tuple[GroupScore, ...]
    overall: Tally
    gaps: tuple[Finding, ...]
    not_assessed: tuple[Finding, ...]
    left_out: int
    notes: Mapping[str, str] = field(default_factory=dict)


def score(plan: Plan, answers: Mapping[str, str], notes: Mapping[str, str] | None = None) -> Score:
    """Tally the answers of the applicable items per group, and list gaps (no, partly) and
    items not assessed yet (skipped or unanswered), in checklist order."""
    notes = notes or {}
    tallies: dict[str, Tally] = {}
    titles: dict[str, Localized] = {}
    overall = Tally()
    gaps: list[Finding] = []
    open_items: list[Finding] = []
    for planned in plan.items:
        value = answers.get(planned.id)
        tallies[planned.group_id] = tallies.get(planned.group_id, Tally()).add(value)
        titles.setdefault(planned.group_id, planned.group_title)
        overall = overall.add(value)
        finding = Finding(planned, value, notes.get(planned.id))
        if value in GAP_VALUES:
            gaps.append(finding)
        elif value in (None, "skip"):
            open_items.append(finding)
    groups = tuple(GroupScore(key, titles[key], tally) for key, tally in tallies.items())
    return Score(groups, overall, tuple(gaps), tuple(open_items), plan.left_out, dict(notes))
