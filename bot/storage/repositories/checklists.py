"""Checklist runs and their answers, with optimistic concurrency on ``revision``.

Every change to a run (its cursor, status, or any answer) goes through :meth:`move`, which
only succeeds while the run still has the revision the caller saw. Two presses of the same
button, or two bot instances handling presses at once, therefore apply once. What a press
runs is in :mod:`bot.storage.run_state`; this repository runs it in a unit of work.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.storage.models import ChecklistAnswer, ChecklistRun, User
from bot.storage.run_state import (
    ABANDONED,
    ACTIVE,
    RunRecord,
    move_run,
    read_run,
    store_answer,
)
from bot.storage.types import utcnow

_USERS = User.__table__
_TOUCH_USER = (
    update(_USERS).where(_USERS.c.id == bindparam("user_id")).values(last_seen_at=bindparam("now"))
)


class ChecklistRepository:
    """Reads and writes :class:`ChecklistRun` and :class:`ChecklistAnswer` rows."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock_user(self, user_id: int) -> bool:
        """Serialise run creation for one user until the transaction ends.

        Writes the user row first thing, which takes its row lock on PostgreSQL and the
        database write lock on SQLite. False when the user does not exist.
        """
        connection = await self._connection()
        result = await connection.execute(_TOUCH_USER, {"user_id": user_id, "now": utcnow()})
        return result.rowcount > 0

    async def run(self, run_id: int, user_id: int) -> ChecklistRun | None:
        """The run if it belongs to ``user_id``, read fresh from the database."""
        return await self.session.scalar(
            select(ChecklistRun)
            .where(ChecklistRun.id == run_id, ChecklistRun.user_id == user_id)
            .execution_options(populate_existing=True)
        )

    async def read(self, run_id: int, user_id: int) -> RunRecord | None:
        """The run if it belongs to ``user_id``, with its owner and answers, in one query."""
        return await read_run(await self._connection(), run_id, user_id)

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
        """:func:`~bot.storage.run_state.move_run` in the unit of work's transaction."""
        connection = await self._connection()
        return await move_run(
            connection, run_id, seen_revision, cursor_item=cursor_item, status=status, now=now
        )

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

    async def save_note(
        self, run_id: int, item_id: str, note: str, now: datetime | None = None
    ) -> None:
        """Insert or replace the note of one item; an item not answered yet counts as skipped
        until it is answered."""
        await store_answer(await self._connection(), run_id, item_id, note=note, now=now)

    async def _connection(self) -> AsyncConnection:
        """The unit of work's connection, for Core statements in its transaction."""
        return await self.session.connection()
