"""What the checklist service hands to the interfaces: read-only views of runs and results."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from bot.core.checklists.applicability import Profile
from bot.core.checklists.engine import Plan, PlannedItem, answered_count, resume_item
from bot.core.checklists.scoring import Score
from bot.core.knowledge.checklist_model import Checklist
from bot.storage.run_state import ABANDONED, COMPLETED, PAUSED, RunState

ASK_CATEGORIES = "@categories"
ASK_SITUATIONS = "@situations"
"""Cursor values of a run that is asking a profile question before its first item."""
STEP_CATEGORIES = "categories"
STEP_SITUATIONS = "situations"
STEP_ITEM = "item"
STEP_PAUSED = "paused"
STEP_DONE = "done"


@dataclass(frozen=True, slots=True)
class RunView:
    """Where a run stands, everything needed to show it."""

    run_id: int
    revision: int
    status: str
    step: str
    checklist: Checklist
    plan: Plan
    profile: Profile
    item: PlannedItem | None
    answer: str | None
    note: str | None
    answered: int

    @property
    def position(self) -> int:
        """The 1-based position of the current item (0 when there is none)."""
        index = self.plan.index(self.item.id) if self.item else None
        return 0 if index is None else index + 1


@dataclass(frozen=True, slots=True)
class Press:
    """The outcome of a button press: the run as it now stands, and what happened.

    ``applied`` is False when the press was out of date (a double press, an old message) or
    refused (``problem`` says why); the view is then the current state, unchanged.
    """

    view: RunView
    applied: bool
    finished: bool = False
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class ChecklistStatus:
    """One line of ``/checklist``: a checklist and the user's latest run of it."""

    checklist: Checklist
    run_id: int | None
    status: str | None
    answered: int
    total: int


@dataclass(frozen=True, slots=True)
class Results:
    """Everything the results summary and the report show."""

    run_id: int
    checklist: Checklist
    plan: Plan
    answers: Mapping[str, str]
    notes: Mapping[str, str]
    score: Score
    org_name: str | None
    status: str
    day: date


def build_view(
    run: RunState,
    plan: Plan,
    answers: Mapping[str, str],
    notes: Mapping[str, str],
    profile: Profile,
) -> RunView:
    """The view of ``run``: which step it is at and the item to show, if any."""
    item = None
    if run.status in (COMPLETED, ABANDONED):
        step = STEP_DONE
    elif run.cursor_item == ASK_CATEGORIES:
        step = STEP_CATEGORIES
    elif run.cursor_item == ASK_SITUATIONS:
        step = STEP_SITUATIONS
    else:
        item = plan.get(resume_item(plan, run.cursor_item, answers))
        step = STEP_PAUSED if run.status == PAUSED else STEP_ITEM if item else STEP_DONE
    return RunView(
        run_id=run.id,
        revision=run.revision,
        status=run.status,
        step=step,
        checklist=plan.checklist,
        plan=plan,
        profile=profile,
        item=item,
        answer=answers.get(item.id) if item else None,
        note=notes.get(item.id) if item else None,
        answered=answered_count(plan, answers),
    )


def moved_view(
    run: RunState,
    view: RunView,
    cursor_item: str | None,
    status: str,
    answers: Mapping[str, str],
    notes: Mapping[str, str],
) -> RunView:
    """The view of ``run`` (shown as ``view``) just moved to ``cursor_item`` and ``status``
    in the current transaction. Its revision check holds the run until the commit, so this
    is the state stored, without reading it again."""
    moved = replace(run, revision=run.revision + 1, status=status, cursor_item=cursor_item)
    return build_view(moved, view.plan, answers, notes, view.profile)
