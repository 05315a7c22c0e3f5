"""Checklist runs and their answers, with optimistic concurrency on ``revision``.

Every change to a run (its cursor, status, or any answer) goes through :meth:`move`, which
only succeeds while the run still has the revision the caller saw. Two presses of the same
button, or two bot instances handling presses at once, therefore apply once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Row, select, update
from sqlalchemy.dialects import postgresql, sqlite
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


class ChecklistRepository:
    """Reads and writes :class:`ChecklistRun` and :class:`ChecklistAnswer` rows."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock_user(self, user_id: int) -> bool:
        """Serialise run creation for one user until the transaction ends.

        Writes the user row first thing, which takes its row lock on PostgreSQL and the
        database write lock on SQLite. False when the user does not exist.
        """
        result = await self.session.execute(
            update(User).where(User.id == user_id).values(last_seen_at=utcnow())
        )
        return result.rowcount > 0

    async def run(self, run_id: int, user_id: int) -> ChecklistRun | None:
        """The run if it belongs to ``user_id``, read fresh from the database."""
        return await self.session.scalar(
            select(ChecklistRun)
            .where(ChecklistRun.id == run_id, ChecklistRun.user_id == user_id)
            .execution_options(populate_existing=True)
        )

    async def run_with_user(self, run_id: int, user_id: int) -> tuple[ChecklistRun, User] | None:
        """The run if it belongs to ``user_id``, and that user, read fresh in one query."""
        row = (
            await self.session.execute(
                select(ChecklistRun, User)
                .join(User, User.id == ChecklistRun.user_id)
                .where(ChecklistRun.id == run_id, ChecklistRun.user_id == user_id)
                .execution_options(populate_existing=True)
            )
        ).first()
        return (row[0], row[1]) if row else None

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
        result = await self.session.execute(
            update(ChecklistRun)
            .where(ChecklistRun.id == run_id, ChecklistRun.revision == seen_revision)
            .values(
                revision=seen_revision + 1,
                cursor_item=cursor_item,
                status=status,
                updated_at=now,
                completed_at=now if status == COMPLETED else None,
            )
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    async def answers(self, run_id: int) -> list[Row]:
        """Every stored answer of the run: ``item_id``, ``value`` and ``note`` of each.

        Plain rows, not ORM objects: read on every checklist press, and loading up to 32
        objects into the session cost more than the rest of the press.
        """
        rows = await self.session.execute(
            select(ChecklistAnswer.item_id, ChecklistAnswer.value, ChecklistAnswer.note).where(
                ChecklistAnswer.run_id == run_id
            )
        )
        return list(rows)

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
        now = now or utcnow()
        statement = self._insert().values(
            run_id=run_id, item_id=item_id, value=value, note=None, answered_at=now
        )
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=["run_id", "item_id"],
                set_={"value": value, "answered_at": now},
            )
        )

    async def save_note(
        self, run_id: int, item_id: str, note: str, now: datetime | None = None
    ) -> None:
        """Insert or replace the note of one item; an item not answered yet counts as skipped
        until it is answered."""
        now = now or utcnow()
        statement = self._insert().values(
            run_id=run_id, item_id=item_id, value=NOTE_ONLY_VALUE, note=note, answered_at=now
        )
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=["run_id", "item_id"], set_={"note": note}
            )
        )

    def _insert(self) -> postgresql.Insert | sqlite.Insert:
        dialect = self.session.get_bind().dialect.name
        module = postgresql if dialect == "postgresql" else sqlite
        return module.insert(ChecklistAnswer)
