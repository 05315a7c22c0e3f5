"""Guided checklists: runs, answers, profile questions, results and reports.

Nothing about a run lives in memory: every call reads the run from the database and every
change is a conditional write on the run's revision (see :mod:`bot.storage.run_state`), so a
double press, an old button, a restart or a second bot instance never applies a press twice
nor loses one. The buttons pressed most (answer, back, pause) therefore read the run in one
statement outside any transaction, then write one statement (two in a short transaction on
SQLite, when an answer is stored): the revision check says whether what was read still holds.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.core.checklists.applicability import Profile
from bot.core.checklists.engine import (
    ANSWER_VALUES,
    PROFILE_CATEGORIES,
    PROFILE_SITUATIONS,
    PlannedItem,
    answered_count,
    build_plan,
    next_item,
    previous_item,
    profile_questions,
    resume_item,
)
from bot.core.checklists.scoring import score
from bot.core.knowledge.checklist_model import SITUATIONS, Checklist
from bot.core.knowledge.model import ACTION_CATEGORIES, Entry
from bot.core.schedule import zone
from bot.services.checklist_views import (
    ASK_CATEGORIES,
    ASK_SITUATIONS,
    STEP_CATEGORIES,
    STEP_ITEM,
    STEP_SITUATIONS,
    ChecklistStatus,
    Press,
    Results,
    RunView,
    build_view,
    moved_view,
)
from bot.services.knowledge import KnowledgeHolder
from bot.storage.models import ChecklistRun, User
from bot.storage.run_state import (
    ABANDONED,
    ACTIVE,
    COMPLETED,
    OPEN_STATUSES,
    PAUSED,
    RunOwner,
    RunRecord,
    RunState,
    answer_run,
    move_run,
    read_run,
)
from bot.storage.uow import Database, UnitOfWork

if TYPE_CHECKING:
    from bot.reports.report import ReportFiles

NOTE_MAX = 1000
PROFILE_FIELDS = {"c": ("action_categories", ACTION_CATEGORIES), "s": ("situations", SITUATIONS)}


@dataclass(frozen=True, slots=True)
class _Loaded:
    run: RunState
    user: RunOwner
    checklist: Checklist
    answers: dict[str, str]
    notes: dict[str, str]
    view: RunView


class ChecklistService:
    """Runs checklists for users; every method is safe to call from several instances."""

    def __init__(self, db: Database, knowledge: KnowledgeHolder) -> None:
        self.db = db
        self.knowledge = knowledge

    def checklists(self) -> tuple[Checklist, ...]:
        """Every checklist, in display order."""
        return self.knowledge.base.checklists

    async def overview(self, user_id: int) -> list[ChecklistStatus]:
        """Each checklist with the progress of the user's latest run (for ``/checklist``)."""
        async with self.db.uow() as uow:
            user = await uow.users.get(user_id)
            runs = await uow.checklists.latest_runs(user_id)
            values = await uow.checklists.answer_values(run.id for run in runs.values())
        profile = _profile(user)
        statuses = []
        for checklist in self.checklists():
            plan = build_plan(checklist, self.knowledge.base, profile)
            run = runs.get(checklist.id)
            answers = values.get(run.id, {}) if run else {}
            statuses.append(
                ChecklistStatus(
                    checklist,
                    run.id if run else None,
                    run.status if run else None,
                    answered_count(plan, answers),
                    plan.total,
                )
            )
        return statuses

    async def start(self, user_id: int, checklist_id: str) -> RunView | None:
        """The user's latest run of the checklist (resumed if open), or a new one; None if
        the checklist is unknown. A finished run stays finished: restarting is explicit."""
        checklist = self.knowledge.base.checklist(checklist_id)
        if checklist is None:
            return None
        async with self.db.uow() as uow:
            if not await uow.checklists.lock_user(user_id):
                return None
            run = (await uow.checklists.latest_runs(user_id)).get(checklist_id)
            if run is None:
                run = await self._create(uow, user_id, checklist)
            run_id = run.id
        return await self.resume(user_id, run_id)

    async def restart(self, user_id: int, run_id: int) -> RunView | None:
        """Archive the run and start the checklist again; a repeated press resumes the new
        run instead of starting a third one."""
        async with self.db.uow() as uow:
            if not await uow.checklists.lock_user(user_id):
                return None
            run = await uow.checklists.run(run_id, user_id)
            if run is None or self.knowledge.base.checklist(run.checklist_id) is None:
                return None
            checklist_id = run.checklist_id
            if run.status != ABANDONED:
                await uow.checklists.move(
                    run.id, run.revision, cursor_item=run.cursor_item, status=ABANDONED
                )
                await self._create(uow, user_id, self.knowledge.base.checklist(checklist_id))
        return await self.start(user_id, checklist_id)

    async def resume(self, user_id: int, run_id: int) -> RunView | None:
        """Show the run where it stands; a paused run becomes active again.

        The revision moves on, so buttons of older messages of this run stop working.
        """
        loaded = await self._read(user_id, run_id)
        if loaded is None or loaded.run.status == ABANDONED:
            return None
        if loaded.run.status == COMPLETED:
            return loaded.view
        run, view = loaded.run, loaded.view
        if await self._move(run_id, run.revision, run.cursor_item, ACTIVE):
            return moved_view(run, view, run.cursor_item, ACTIVE, loaded.answers, loaded.notes)
        return await self.view(user_id, run_id)

    async def view(self, user_id: int, run_id: int) -> RunView | None:
        """The run as it stands, or None when it is not the user's."""
        loaded = await self._read(user_id, run_id)
        return loaded.view if loaded else None

    async def answer(
        self, user_id: int, run_id: int, item_id: str, revision: int, value: str
    ) -> Press | None:
        """Store the answer to the current item and move to the next one.

        ``value`` is yes, partly, no, na or skip. The last answer completes the run.
        """
        loaded = await self._read(user_id, run_id)
        if loaded is None:
            return None
        view = loaded.view
        if not _is_current(view, revision, item_id) or value not in ANSWER_VALUES:
            return Press(view, applied=False)
        following = next_item(view.plan, item_id, {**loaded.answers, item_id: value})
        status = ACTIVE if following else COMPLETED
        async with self.db.statement() as connection:
            moved = await answer_run(
                connection, run_id, revision, item_id, value, cursor_item=following, status=status
            )
        if not moved:
            return await self._outdated(user_id, run_id)
        answers = {**loaded.answers, item_id: value}
        moved = moved_view(loaded.run, loaded.view, following, status, answers, loaded.notes)
        return Press(moved, applied=True, finished=status == COMPLETED)

    async def back(self, user_id: int, run_id: int, item_id: str, revision: int) -> Press | None:
        """Go back to the item before the current one (its answer is kept and shown)."""
        loaded = await self._read(user_id, run_id)
        if loaded is None:
            return None
        view = loaded.view
        previous = previous_item(view.plan, item_id)
        if not _is_current(view, revision, item_id) or previous is None:
            return Press(view, applied=False)
        if not await self._move(run_id, revision, previous, ACTIVE):
            return await self._outdated(user_id, run_id)
        moved = moved_view(loaded.run, view, previous, ACTIVE, loaded.answers, loaded.notes)
        return Press(moved, applied=True)

    async def pause(self, user_id: int, run_id: int, revision: int) -> Press | None:
        """Pause the run at its current item."""
        loaded = await self._read(user_id, run_id)
        if loaded is None:
            return None
        if loaded.view.revision != revision or loaded.run.status != ACTIVE:
            return Press(loaded.view, applied=False)
        cursor = loaded.view.item.id if loaded.view.item else loaded.run.cursor_item
        if not await self._move(run_id, revision, cursor, PAUSED):
            return await self._outdated(user_id, run_id)
        moved = moved_view(loaded.run, loaded.view, cursor, PAUSED, loaded.answers, loaded.notes)
        return Press(moved, applied=True)

    async def set_profile(
        self, user_id: int, run_id: int, revision: int, field: str, key: str, chosen: bool
    ) -> Press | None:
        """Tick (``chosen``) or untick a category (field ``c``) or situation (``s``) of the
        profile while the run asks for it."""
        column, allowed = PROFILE_FIELDS.get(field, ("", ()))
        async with self.db.uow() as uow:
            await uow.checklists.lock_user(user_id)
            loaded = await self._load(uow, user_id, run_id)
            if loaded is None:
                return None
            expected = STEP_CATEGORIES if field == "c" else STEP_SITUATIONS
            view = loaded.view
            if view.revision != revision or view.step != expected or key not in allowed:
                return Press(view, applied=False)
            moved = await uow.checklists.move(run_id, revision, cursor_item=loaded.run.cursor_item)
            if moved:
                current = set(getattr(loaded.user, column)) - {key} | ({key} if chosen else set())
                chosen_values = [value for value in allowed if value in current]
                await uow.users.update(user_id, **{column: chosen_values})
        if not moved:
            return await self._outdated(user_id, run_id)
        return await self._applied(user_id, run_id)

    async def confirm_profile(self, user_id: int, run_id: int, revision: int) -> Press | None:
        """Leave the profile question for the next one, or the first item.

        Refused (``problem="no_category"``) while no action category is ticked.
        """
        loaded = await self._read(user_id, run_id)
        if loaded is None:
            return None
        view = loaded.view
        if view.revision != revision or view.step not in (STEP_CATEGORIES, STEP_SITUATIONS):
            return Press(view, applied=False)
        if view.step == STEP_CATEGORIES and not view.profile.categories:
            return Press(view, applied=False, problem="no_category")
        asks_situations = PROFILE_SITUATIONS in profile_questions(
            loaded.checklist, self.knowledge.base
        )
        if view.step == STEP_CATEGORIES and asks_situations:
            cursor = ASK_SITUATIONS
        else:
            cursor = resume_item(view.plan, None, loaded.answers)
        status = ACTIVE if cursor else COMPLETED
        if not await self._move(run_id, revision, cursor, status):
            return await self._outdated(user_id, run_id)
        return await self._applied(user_id, run_id, finished=status == COMPLETED)

    async def note_target(self, user_id: int, run_id: int, item_id: str) -> PlannedItem | None:
        """The item a note is about, if it applies in the user's open run."""
        view = await self.view(user_id, run_id)
        if view is None or view.status not in OPEN_STATUSES:
            return None
        return view.plan.get(item_id)

    async def save_note(self, user_id: int, run_id: int, item_id: str, text: str) -> RunView | None:
        """Store a note with the item's answer and stop waiting for it; None when the run or
        the item is gone. Raises ValueError for an empty note or one over 1,000 characters."""
        note = text.strip()
        if not note or len(note) > NOTE_MAX:
            raise ValueError("note empty or too long")
        async with self.db.uow() as uow:
            await uow.checklists.lock_user(user_id)
            user = await uow.users.get(user_id)
            if user is not None:
                await uow.users.set_awaiting(user, None)
            loaded = await self._load(uow, user_id, run_id)
            if loaded is None or loaded.view.plan.get(item_id) is None:
                return None
            await uow.checklists.save_note(run_id, item_id, note)
        return await self.view(user_id, run_id)

    async def why(self, user_id: int, run_id: int, item_id: str) -> Entry | None:
        """The knowledge entry that explains an item, for "Why this matters"."""
        view = await self.view(user_id, run_id)
        planned = view.plan.get(item_id) if view else None
        return planned.entry if planned else None

    async def results(self, user_id: int, run_id: int) -> Results | None:
        """The scores, gaps, answers and notes of a run (finished or not)."""
        loaded = await self._read(user_id, run_id)
        if loaded is None:
            return None
        plan = loaded.view.plan
        today = datetime.now(zone(loaded.user.timezone)).date()
        return Results(
            run_id=run_id,
            checklist=loaded.checklist,
            plan=plan,
            answers=loaded.answers,
            notes=loaded.notes,
            score=score(plan, loaded.answers, loaded.notes),
            org_name=loaded.user.org_name,
            status=loaded.run.status,
            day=today,
        )

    async def report(self, results: Results, lang: str) -> ReportFiles:
        """The chart (PNG) and the report (PDF) of a run, drawn off the event loop."""
        return await asyncio.to_thread(
            _build_report_files,
            checklist=results.checklist,
            plan=results.plan,
            answers=results.answers,
            notes=results.notes,
            score=results.score,
            org_name=results.org_name,
            day=results.day,
            lang=lang,
        )

    async def _create(self, uow: UnitOfWork, user_id: int, checklist: Checklist) -> ChecklistRun:
        user = await uow.users.get(user_id)
        plan = build_plan(checklist, self.knowledge.base, _profile(user))
        cursor = resume_item(plan, None, {})
        if user is not None and not user.profile_done:
            questions = profile_questions(checklist, self.knowledge.base)
            if PROFILE_CATEGORIES in questions and not user.action_categories:
                cursor = ASK_CATEGORIES
            elif PROFILE_SITUATIONS in questions:
                cursor = ASK_SITUATIONS
        run = await uow.checklists.create_run(user_id, checklist.id, cursor)
        if cursor is None:
            await uow.checklists.move(run.id, run.revision, cursor_item=None, status=COMPLETED)
        return run

    async def _read(self, user_id: int, run_id: int) -> _Loaded | None:
        """The run, read in one statement outside any transaction."""
        async with self.db.statement() as connection:
            return self._loaded(await read_run(connection, run_id, user_id))

    async def _load(self, uow: UnitOfWork, user_id: int, run_id: int) -> _Loaded | None:
        """The run, read in the unit of work's transaction."""
        return self._loaded(await uow.checklists.read(run_id, user_id))

    def _loaded(self, record: RunRecord | None) -> _Loaded | None:
        if record is None:
            return None
        checklist = self.knowledge.base.checklist(record.run.checklist_id)
        if checklist is None:
            return None
        profile = _profile(record.owner)
        plan = build_plan(checklist, self.knowledge.base, profile)
        view = build_view(record.run, plan, record.answers, record.notes, profile)
        return _Loaded(record.run, record.owner, checklist, record.answers, record.notes, view)

    async def _move(self, run_id: int, revision: int, cursor: str | None, status: str) -> bool:
        """Move the run in one statement (its own transaction)."""
        async with self.db.statement() as connection:
            return await move_run(connection, run_id, revision, cursor_item=cursor, status=status)

    async def _outdated(self, user_id: int, run_id: int) -> Press | None:
        view = await self.view(user_id, run_id)
        return Press(view, applied=False) if view else None

    async def _applied(self, user_id: int, run_id: int, finished: bool = False) -> Press | None:
        view = await self.view(user_id, run_id)
        return Press(view, applied=True, finished=finished) if view else None


def _is_current(view: RunView, revision: int, item_id: str) -> bool:
    return (
        view.revision == revision
        and view.step == STEP_ITEM
        and view.item is not None
        and view.item.id == item_id
    )


def _profile(user: User | RunOwner | None) -> Profile:
    if user is None:
        return Profile()
    return Profile.of(user.action_categories, user.situations)


def _build_report_files(**content: Any) -> ReportFiles:
    """Import the report builder on first use (matplotlib and fpdf2 weigh ~45 MB of memory
    that a bot serving only questions never needs), in the worker thread."""
    from bot.reports.report import build_report_files

    return build_report_files(**content)
