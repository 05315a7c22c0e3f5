"""Checklist runs and their answers, with optimistic concurrency on ``revision``.

Every change to a run (its cursor, status, or any answer) goes through :meth:`move`, which
only succeeds while the run still has the revision the caller saw. Two presses of the same
button, or two bot instances handling presses at once, therefore apply once.

A checklist press reads its run and answers and writes twice, so those statements are built
once, as Core statements on the tables, and run on the unit of work's connection: through
the ORM, building and executing them cost more CPU than the rest of the press
(``bench/load.py``). They return plain values (:class:`RunState`, rows), not ORM objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Executable, Row, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Result
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import ChecklistAnswer, ChecklistRun, User
from bot.storage.types import utcnow

ACTIVE = "active"
PAUSED = "paused"
COMPLETED = "completed"
ABANDONED = "abandoned"
OPEN_STATUSES = (ACTIVE, PAUSED)
NOTE_ONLY_VALUE = "skip"
"""The value stored with a note written before the item was answered."""


@dataclass(frozen=True, slots=True)
class RunState:
    """Where a run stands: what a press reads and moves on."""

    id: int
    user_id: int
    checklist_id: str
    status: str
    cursor_item: str | None
    revision: int


@dataclass(frozen=True, slots=True)
class RunOwner:
    """What a run needs of its user: the profile that shapes the plan, and the report's
    organisation name and time zone."""

    action_categories: tuple[str, ...]
    situations: tuple[str, ...]
    timezone: str
    org_name: str | None


_RUNS = ChecklistRun.__table__
_USERS = User.__table__
_ANSWERS = ChecklistAnswer.__table__
_RUN_WITH_OWNER = (
    select(
        _RUNS.c.id,
        _RUNS.c.user_id,
        _RUNS.c.checklist_id,
        _RUNS.c.status,
        _RUNS.c.cursor_item,
        _RUNS.c.revision,
        _USERS.c.action_categories,
        _USERS.c.situations,
        _USERS.c.timezone,
        _USERS.c.org_name,
    )
    .join_from(_RUNS, _USERS, _USERS.c.id == _RUNS.c.user_id)
    .where(_RUNS.c.id == bindparam("run_id"), _RUNS.c.user_id == bindparam("user_id"))
)
_ANSWERS_OF_RUN = select(_ANSWERS.c.item_id, _ANSWERS.c.value, _ANSWERS.c.note).where(
    _ANSWERS.c.run_id == bindparam("run_id")
)
_MOVE = (
    update(_RUNS)
    .where(_RUNS.c.id == bindparam("run_id"), _RUNS.c.revision == bindparam("seen_revision"))
    .values(
        revision=bindparam("next_revision"),
        cursor_item=bindparam("new_cursor"),
        status=bindparam("new_status"),
        updated_at=bindparam("now"),
        completed_at=bindparam("completed"),
    )
)
_TOUCH_USER = (
    update(_USERS).where(_USERS.c.id == bindparam("user_id")).values(last_seen_at=bindparam("now"))
)
_UPSERTS: dict[tuple[str, str], Executable] = {}


def _upsert(dialect: str, kept: str) -> Executable:
    """``INSERT … ON CONFLICT (run_id, item_id) DO UPDATE``, setting the columns named by
    ``kept`` (``answer``: value and time; ``note``: the note), built once per dialect."""
    key = (dialect, kept)
    if key not in _UPSERTS:
        module = postgresql if dialect == "postgresql" else sqlite
        statement = module.insert(_ANSWERS).values(
            run_id=bindparam("run_id"),
            item_id=bindparam("item_id"),
            value=bindparam("value"),
            note=bindparam("note"),
            answered_at=bindparam("now"),
        )
        excluded = statement.excluded
        changed = (
            {"value": excluded.value, "answered_at": excluded.answered_at}
            if kept == "answer"
            else {"note": excluded.note}
        )
        _UPSERTS[key] = statement.on_conflict_do_update(
            index_elements=["run_id", "item_id"], set_=changed
        )
    return _UPSERTS[key]


class ChecklistRepository:
    """Reads and writes :class:`ChecklistRun` and :class:`ChecklistAnswer` rows."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock_user(self, user_id: int) -> bool:
        """Serialise run creation for one user until the transaction ends.

        Writes the user row first thing, which takes its row lock on PostgreSQL and the
        database write lock on SQLite. False when the user does not exist.
        """
        result = await self._run(_TOUCH_USER, {"user_id": user_id, "now": utcnow()})
        return result.rowcount > 0

    async def run(self, run_id: int, user_id: int) -> ChecklistRun | None:
        """The run if it belongs to ``user_id``, read fresh from the database."""
        return await self.session.scalar(
            select(ChecklistRun)
            .where(ChecklistRun.id == run_id, ChecklistRun.user_id == user_id)
            .execution_options(populate_existing=True)
        )

    async def run_with_user(self, run_id: int, user_id: int) -> tuple[RunState, RunOwner] | None:
        """The run if it belongs to ``user_id``, and what it needs of that user, in one query."""
        result = await self._run(_RUN_WITH_OWNER, {"run_id": run_id, "user_id": user_id})
        row = result.first()
        if row is None:
            return None
        categories, situations = tuple(row.action_categories or ()), tuple(row.situations or ())
        owner = RunOwner(categories, situations, row.timezone, row.org_name)
        return RunState(*row[:6]), owner

    async def latest_runs(self, user_id: int) -> dict[str, ChecklistRun]:
        """The newest run that is not abandoned, per checklist id."""
        rows = await self.session.scalars(
            select(ChecklistRun)
            .where(ChecklistRun.user_id == user_id, ChecklistRun.status != ABANDONED)
            .order_by(ChecklistRun.id)
            .execution_options(populate_existing=True)
        )
        return {run.checklist_id: run for run in rows}

    async def create_run(
        self, user_id: int, checklist_id: str, cursor_item: str | None, now: datetime | None = None
    ) -> ChecklistRun:
        """A new active run at revision 0."""
        now = now or utcnow()
        run = ChecklistRun(
            user_id=user_id,
            checklist_id=checklist_id,
            status=ACTIVE,
            cursor_item=cursor_item,
            revision=0,
            started_at=now,
            updated_at=now,
        )
        self.session.add(run)
        await self.session.flush()
        return run

    async def move(
        self,
        run_id: int,
        seen_revision: int,
        *,
        cursor_item: str | None,
        status: str = ACTIVE,
        now: datetime | None = None,
    ) -> bool:
        """Set the cursor and status and bump the revision, only if it is still
        ``seen_revision``; False when someone else changed the run first."""
        now = now or utcnow()
        parameters = {
            "run_id": run_id,
            "seen_revision": seen_revision,
            "next_revision": seen_revision + 1,
            "new_cursor": cursor_item,
            "new_status": status,
            "now": now,
            "completed": now if status == COMPLETED else None,
        }
        result = await self._run(_MOVE, parameters)
        return result.rowcount == 1

    async def answers(self, run_id: int) -> list[Row]:
        """Every stored answer of the run: ``item_id``, ``value`` and ``note`` of each.

        Plain rows, not ORM objects: read on every checklist press, and loading up to 32
        objects into the session cost more than the rest of the press.
        """
        return list(await self._run(_ANSWERS_OF_RUN, {"run_id": run_id}))

    async def answer_values(self, run_ids: Iterable[int]) -> dict[int, dict[str, str]]:
        """The answer values of several runs: ``{run_id: {item_id: value}}``."""
        ids = list(run_ids)
        result: dict[int, dict[str, str]] = {run_id: {} for run_id in ids}
        if not ids:
            return result
        rows = await self.session.execute(
            select(ChecklistAnswer.run_id, ChecklistAnswer.item_id, ChecklistAnswer.value).where(
                ChecklistAnswer.run_id.in_(ids)
            )
        )
        for run_id, item_id, value in rows:
            result[run_id][item_id] = value
        return result

    async def save_answer(
        self, run_id: int, item_id: str, value: str, now: datetime | None = None
    ) -> None:
        """Insert or replace the answer to one item; a note already written is kept."""
        parameters = {"item_id": item_id, "value": value, "note": None}
        await self._upsert("answer", run_id, parameters, now)

    async def save_note(
        self, run_id: int, item_id: str, note: str, now: datetime | None = None
    ) -> None:
        """Insert or replace the note of one item; an item not answered yet counts as skipped
        until it is answered."""
        parameters = {"item_id": item_id, "value": NOTE_ONLY_VALUE, "note": note}
        await self._upsert("note", run_id, parameters, now)

    async def _upsert(
        self, kept: str, run_id: int, parameters: dict[str, Any], now: datetime | None
    ) -> None:
        dialect = self.session.get_bind().dialect.name
        values = {**parameters, "run_id": run_id, "now": now or utcnow()}
        await self._run(_upsert(dialect, kept), values)

    async def _run(self, statement: Executable, parameters: Mapping[str, Any]) -> Result:
        """Execute a Core statement in the unit of work's transaction."""
        connection = await self.session.connection()
        return await connection.execute(statement, parameters)
