"""A checklist run as a press reads and moves it, on prebuilt Core statements.

A press reads its run, its user's profile and its answers, then moves the run (and stores an
answer). Built through the ORM on each press, these statements cost more CPU than the rest
of the press (``bench/load.py``), so they are built once here and run on a plain connection:
inside a unit of work (:class:`bot.storage.repositories.checklists.ChecklistRepository`) or
on their own (:meth:`bot.storage.uow.Database.statement`). The read needs no transaction:
every change to a run goes through :func:`move_run`, which only applies while the run still
has the revision that was read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Executable, String, bindparam, null, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.storage.models import ChecklistAnswer, ChecklistRun, User
from bot.storage.types import UTCDateTime, utcnow

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


@dataclass(frozen=True, slots=True)
class RunRecord:
    """A run, its owner, and its stored answers and notes by item id."""

    run: RunState
    owner: RunOwner
    answers: dict[str, str]
    notes: dict[str, str]


_RUNS = ChecklistRun.__table__
_USERS = User.__table__
_ANSWERS = ChecklistAnswer.__table__
_READ = (
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
        _ANSWERS.c.item_id,
        _ANSWERS.c.value,
        _ANSWERS.c.note,
    )
    .select_from(
        _RUNS.join(_USERS, _USERS.c.id == _RUNS.c.user_id).outerjoin(
            _ANSWERS, _ANSWERS.c.run_id == _RUNS.c.id
        )
    )
    .where(_RUNS.c.id == bindparam("run_id"), _RUNS.c.user_id == bindparam("user_id"))
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
_UPSERTS: dict[tuple[str, bool], Executable] = {}
_MOVED = _MOVE.returning(_RUNS.c.id).cte("moved")
_MOVE_AND_ANSWER = (
    postgresql.insert(_ANSWERS)
    .from_select(
        ["run_id", "item_id", "value", "note", "answered_at"],
        select(
            _MOVED.c.id,
            bindparam("item_id", type_=String),
            bindparam("value", type_=String),
            null(),
            bindparam("now", type_=UTCDateTime),
        ),
    )
    .on_conflict_do_update(
        index_elements=["run_id", "item_id"],
        set_={"value": bindparam("value"), "answered_at": bindparam("now")},
    )
    .returning(_ANSWERS.c.run_id)
)
"""PostgreSQL: the move and the answer as one statement, atomic without a transaction."""


async def read_run(connection: AsyncConnection, run_id: int, user_id: int) -> RunRecord | None:
    """The run if it belongs to ``user_id``, with its owner and answers, in one query."""
    rows = (await connection.execute(_READ, {"run_id": run_id, "user_id": user_id})).all()
    if not rows:
        return None
    first = rows[0]
    owner = RunOwner(
        tuple(first.action_categories or ()),
        tuple(first.situations or ()),
        first.timezone,
        first.org_name,
    )
    answered = [row for row in rows if row.item_id is not None]
    return RunRecord(
        RunState(*first[:6]),
        owner,
        {row.item_id: row.value for row in answered},
        {row.item_id: row.note for row in answered if row.note},
    )


async def move_run(
    connection: AsyncConnection,
    run_id: int,
    seen_revision: int,
    *,
    cursor_item: str | None,
    status: str = ACTIVE,
    now: datetime | None = None,
) -> bool:
    """Set the cursor and status and bump the revision, only if it is still
    ``seen_revision``; False when someone else changed the run first."""
    parameters = _move_parameters(run_id, seen_revision, cursor_item, status, now or utcnow())
    result = await connection.execute(_MOVE, parameters)
    return result.rowcount == 1


def _move_parameters(
    run_id: int, seen_revision: int, cursor_item: str | None, status: str, now: datetime
) -> dict[str, object]:
    return {
        "run_id": run_id,
        "seen_revision": seen_revision,
        "next_revision": seen_revision + 1,
        "new_cursor": cursor_item,
        "new_status": status,
        "now": now,
        "completed": now if status == COMPLETED else None,
    }


async def answer_run(
    connection: AsyncConnection,
    run_id: int,
    seen_revision: int,
    item_id: str,
    value: str,
    *,
    cursor_item: str | None,
    status: str = ACTIVE,
) -> bool:
    """Move the run (as :func:`move_run`) and store the answer to ``item_id``, both or
    neither; False when someone else changed the run first.

    On PostgreSQL this is one statement; on SQLite two, so ``connection`` must then be in
    a transaction (:meth:`bot.storage.uow.Database.statement` is).
    """
    now = utcnow()
    if connection.dialect.name != "postgresql":
        moved = await move_run(
            connection, run_id, seen_revision, cursor_item=cursor_item, status=status, now=now
        )
        if moved:
            await store_answer(connection, run_id, item_id, value=value, now=now)
        return moved
    parameters = {
        **_move_parameters(run_id, seen_revision, cursor_item, status, now),
        "item_id": item_id,
        "value": value,
    }
    result = await connection.execute(_MOVE_AND_ANSWER, parameters)
    return result.first() is not None


async def store_answer(
    connection: AsyncConnection,
    run_id: int,
    item_id: str,
    *,
    value: str | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> None:
    """Insert or replace the answer ``value`` to one item (a note already written is kept),
    or its ``note`` (an item not answered yet then counts as skipped until it is)."""
    statement = _upsert(connection.dialect.name, keeps_note=value is not None)
    parameters = {
        "run_id": run_id,
        "item_id": item_id,
        "value": value if value is not None else NOTE_ONLY_VALUE,
        "note": note,
        "now": now or utcnow(),
    }
    await connection.execute(statement, parameters)


def _upsert(dialect: str, keeps_note: bool) -> Executable:
    """``INSERT … ON CONFLICT (run_id, item_id) DO UPDATE`` of the value and time
    (``keeps_note``) or of the note alone, built once per dialect."""
    key = (dialect, keeps_note)
    if key not in _UPSERTS:
        module = postgresql if dialect == "postgresql" else sqlite
        statement = module.insert(_ANSWERS).values(
            run_id=bindparam("run_id"),
            item_id=bindparam("item_id"),
            value=bindparam("value"),
            note=bindparam("note"),
            answered_at=bindparam("now"),
        )
        new = statement.excluded
        changed = (
            {"value": new.value, "answered_at": new.answered_at}
            if keeps_note
            else {"note": new.note}
        )
        _UPSERTS[key] = statement.on_conflict_do_update(
            index_elements=["run_id", "item_id"], set_=changed
        )
    return _UPSERTS[key]
