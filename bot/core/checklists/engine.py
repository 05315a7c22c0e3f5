"""The checklist engine: the items that apply to a profile, and moving through them.

Pure functions over the checklist data, the knowledge entries and the stored answers; the
caller keeps the state (the run's cursor and answers) in the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from bot.core.checklists.applicability import Profile, condition_holds, indicator_applies
from bot.core.knowledge.checklist_model import NO_EVIDENCE, Checklist, ChecklistItem
from bot.core.knowledge.model import Entry, IndicatorInfo
from bot.core.localized import Localized, LocalizedList

ANSWER_VALUES: tuple[str, ...] = ("yes", "partly", "no", "na", "skip")
"""What can be stored for an item: the four answers, and ``skip`` (not assessed yet)."""
PROFILE_CATEGORIES = "categories"
PROFILE_SITUATIONS = "situations"
CATEGORY_ONLY_CASES = frozenset({"apprenticeship-only"})
"""Special cases decided by the categories alone, without asking about situations."""


class EntrySource(Protocol):
    """Where entries are looked up (the knowledge base)."""

    def entry(self, entry_id: str) -> Entry | None:
        """The entry with this id, or None."""


@dataclass(frozen=True, slots=True)
class PlannedItem:
    """An item that applies, with what it borrows from its knowledge entry."""

    item: ChecklistItem
    group_id: str
    group_title: Localized
    evidence: LocalizedList
    todo: Localized | None
    expected_level: Localized | None
    entry: Entry | None

    @property
    def id(self) -> str:
        """The item id."""
        return self.item.id

    @property
    def indicator(self) -> IndicatorInfo | None:
        """The indicator the item checks, if it is linked to one."""
        return self.entry.indicator if self.entry else None


@dataclass(frozen=True, slots=True)
class Plan:
    """The items of a checklist that apply to a profile, in order."""

    checklist: Checklist
    items: tuple[PlannedItem, ...]
    left_out: int

    @property
    def total(self) -> int:
        """How many items apply."""
        return len(self.items)

    def index(self, item_id: str | None) -> int | None:
        """The 0-based position of ``item_id``, or None when it does not apply."""
        return next((i for i, planned in enumerate(self.items) if planned.id == item_id), None)

    def get(self, item_id: str | None) -> PlannedItem | None:
        """The planned item, or None when it does not apply."""
        index = self.index(item_id)
        return None if index is None else self.items[index]


def build_plan(checklist: Checklist, entries: EntrySource, profile: Profile) -> Plan:
    """The items of ``checklist`` that apply to ``profile``; ``left_out`` counts the others."""
    planned = [_plan_item(checklist, item, entries) for item in checklist.items]
    applicable = tuple(p for p in planned if _applies(p, profile))
    return Plan(checklist, applicable, len(planned) - len(applicable))


def _applies(planned: PlannedItem, profile: Profile) -> bool:
    if planned.item.applies_if is not None:
        return condition_holds(planned.item.applies_if, profile)
    if planned.indicator is not None:
        return indicator_applies(planned.indicator, profile)
    return True


def _plan_item(checklist: Checklist, item: ChecklistItem, entries: EntrySource) -> PlannedItem:
    entry = entries.entry(item.entry) if item.entry else None
    indicator = entry.indicator if entry else None
    group_id, group_title = _group(checklist, item, indicator, entries)
    evidence = item.evidence
    if evidence == NO_EVIDENCE and indicator is not None:
        evidence = indicator.evidence
    expected_level = indicator.expected_level if indicator else None
    return PlannedItem(item, group_id, group_title, evidence, item.todo, expected_level, entry)


def _group(
    checklist: Checklist,
    item: ChecklistItem,
    indicator: IndicatorInfo | None,
    entries: EntrySource,
) -> tuple[str, Localized]:
    if item.group:
        group = next(g for g in checklist.groups if g.id == item.group)
        linked = entries.entry(group.entry) if group.entry else None
        return group.id, group.title or (linked.title if linked else checklist.title)
    if indicator is not None:
        criterion = entries.entry(f"criterion-{indicator.criterion}")
        title = (
            criterion.title
            if criterion
            else Localized(f"Critère {indicator.criterion}", f"Criterion {indicator.criterion}")
        )
        return f"criterion-{indicator.criterion}", title
    return "", checklist.title


def profile_questions(checklist: Checklist, entries: EntrySource) -> tuple[str, ...]:
    """Which parts of the profile decide what applies: ``categories`` and/or ``situations``."""
    needs: set[str] = set()
    for item in checklist.items:
        condition = item.applies_if
        entry = entries.entry(item.entry) if item.entry and condition is None else None
        if condition is not None:
            if condition.categories:
                needs.add(PROFILE_CATEGORIES)
            if condition.situations or condition.not_situations:
                needs.add(PROFILE_SITUATIONS)
        elif entry is not None and entry.indicator is not None:
            needs.add(PROFILE_CATEGORIES)
            if set(entry.indicator.special_cases) - CATEGORY_ONLY_CASES:
                needs.add(PROFILE_SITUATIONS)
    return tuple(q for q in (PROFILE_CATEGORIES, PROFILE_SITUATIONS) if q in needs)


def first_open_item(plan: Plan, answers: Mapping[str, str]) -> str | None:
    """The first applicable item without an answer, or None when all are answered."""
    return next((p.id for p in plan.items if p.id not in answers), None)


def next_item(plan: Plan, current: str | None, answers: Mapping[str, str]) -> str | None:
    """The item to show after ``current`` (None when the checklist is finished).

    Moves on in order; after the last item, goes back to any item still without an answer
    (items that started to apply after a profile change). A ``current`` that no longer
    applies resumes at the first unanswered item.
    """
    index = plan.index(current)
    if index is not None and index + 1 < plan.total:
        return plan.items[index + 1].id
    return first_open_item(plan, answers)


def previous_item(plan: Plan, current: str | None) -> str | None:
    """The item before ``current``, or None at the first item."""
    index = plan.index(current)
    if index is None or index == 0:
        return None
    return plan.items[index - 1].id


def resume_item(plan: Plan, cursor: str | None, answers: Mapping[str, str]) -> str | None:
    """Where a run resumes: its cursor if it still applies, else the first unanswered item."""
    if plan.index(cursor) is not None:
        return cursor
    return first_open_item(plan, answers)


def position(plan: Plan, item_id: str) -> int:
    """The 1-based position of ``item_id`` among the applicable items (0 if it does not apply)."""
    index = plan.index(item_id)
    return 0 if index is None else index + 1


def answered_count(plan: Plan, answers: Mapping[str, str]) -> int:
    """How many applicable items have an answer other than ``skip``."""
    return sum(1 for p in plan.items if answers.get(p.id, "skip") != "skip")
