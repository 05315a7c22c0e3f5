"""The outbox and delivery log: add occurrences once, claim them atomically, record results.

Claiming works on both engines: on PostgreSQL the rows are picked with
``SELECT … FOR UPDATE SKIP LOCKED`` and marked claimed in the same transaction, so concurrent
dispatchers never claim the same row (nor wait for each other); on SQLite a single
``UPDATE … WHERE id IN (…) AND status = 'pending'`` is atomic because SQLite serialises writers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Select, bindparam, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import Delivery, Reminder, User

PENDING = "pending"
CLAIMED = "claimed"
SENT = "sent"
FAILED = "failed"
BLOCKED = "blocked"
SKIPPED = "skipped"
SUMMARISED = "summarised"
ERROR_MAX = 300


@dataclass(frozen=True, slots=True)
class NewDelivery:
    """A message to send at ``due_at``; ``key`` makes the occurrence unique."""

    key: str
    user_id: int
    chat_id: int
    due_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)
    reminder_id: int | None = None
    broadcast_id: int | None = None


@dataclass(frozen=True, slots=True)
class Claimed:
    """A row this worker now owns until it records a result (or its lease expires)."""

    id: int
    key: str
    user_id: int
    chat_id: int
    reminder_id: int | None
    broadcast_id: int | None
    due_at: datetime
    attempts: int
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Finished:
    """The result of one send, to record. ``status`` is a final status or ``pending``
    (retry at ``retry_at``)."""

    id: int
    status: str
    at: datetime
    error: str | None = None
    retry_at: datetime | None = None


_COLUMNS = (
    Delivery.id,
    Delivery.key,
    Delivery.user_id,
    Delivery.chat_id,
    Delivery.reminder_id,
    Delivery.broadcast_id,
    Delivery.due_at,
    Delivery.attempts,
    Delivery.payload,
)


def _claimed(row: Row) -> Claimed:
    return Claimed(*row)


class DeliveryRepository:
    """Reads and writes :class:`Delivery` rows."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @property
    def _dialect(self) -> str:
        return self.session.bind.dialect.name

    async def add_many(self, deliveries: Iterable[NewDelivery]) -> int:
        """Insert the rows whose key is new; existing keys are left alone. Returns how many."""
        rows = [
            {
                "key": d.key,
                "user_id": d.user_id,
                "chat_id": d.chat_id,
                "reminder_id": d.reminder_id,
                "broadcast_id": d.broadcast_id,
                "due_at": d.due_at,
                "status": PENDING,
                "attempts": 0,
                "payload": d.payload,
            }
            for d in deliveries
        ]
        if not rows:
            return 0
        dialect_insert = postgresql.insert if self._dialect == "postgresql" else sqlite.insert
        statement = (
            dialect_insert(Delivery)
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(Delivery.id)
        )
        result = await self.session.execute(statement, rows)
        return len(result.all())

    async def requeue_expired(self, claimed_before: datetime) -> int:
        """Put back rows claimed before ``claimed_before`` by a worker that never finished
        (it crashed or was killed); they will be sent again. Returns how many."""
        result = await self.session.execute(
            update(Delivery)
            .where(Delivery.status == CLAIMED, Delivery.claimed_at < claimed_before)
            .values(status=PENDING, claimed_by=None, claimed_at=None)
        )
        return result.rowcount or 0

    async def claim_due(self, worker: str, now: datetime, limit: int) -> list[Claimed]:
        """Claim up to ``limit`` pending rows due at ``now``, oldest first."""
        candidates = (
            select(Delivery.id)
            .where(Delivery.status == PENDING, Delivery.due_at <= now)
            .order_by(Delivery.due_at, Delivery.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return await self._claim(candidates, worker, now)

    async def claim_stale(
        self, worker: str, now: datetime, due_before: datetime, limit: int
    ) -> list[Claimed]:
        """Claim pending reminder occurrences due before ``due_before`` (too late to send as
        they are; the caller summarises them). Broadcasts are never stale."""
        candidates = (
            select(Delivery.id)
            .where(
                Delivery.status == PENDING,
                Delivery.due_at < due_before,
                Delivery.reminder_id.is_not(None),
            )
            .order_by(Delivery.chat_id, Delivery.due_at, Delivery.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return await self._claim(candidates, worker, now)

    async def _claim(self, candidates: Select, worker: str, now: datetime) -> list[Claimed]:
        """Mark the candidate rows claimed. On PostgreSQL the candidates are locked first
        (``FOR UPDATE SKIP LOCKED``) and then updated in the same transaction; on SQLite one
        ``UPDATE … WHERE id IN (…)`` is atomic on its own."""
        if self._dialect == "postgresql":
            ids = list((await self.session.scalars(candidates)).all())
            if not ids:
                return []
            chosen = Delivery.id.in_(ids)
        else:
            chosen = Delivery.id.in_(candidates.scalar_subquery())
        statement = (
            update(Delivery)
            .where(chosen, Delivery.status == PENDING)
            .values(
                status=CLAIMED,
                claimed_by=worker,
                claimed_at=now,
                attempts=Delivery.attempts + 1,
            )
            .returning(*_COLUMNS)
        )
        result = await self.session.execute(statement)
        return sorted((_claimed(row) for row in result.all()), key=lambda c: (c.due_at, c.id))

    async def finish(self, worker: str, results: Sequence[Finished]) -> int:
        """Record results of rows still claimed by ``worker``; returns how many were recorded
        (a row whose lease expired and was taken by another worker is left to it)."""
        if not results:
            return 0
        table = Delivery.__table__
        statement = (
            update(table)
            .where(
                table.c.id == bindparam("b_id"),
                table.c.claimed_by == worker,
                table.c.status == CLAIMED,
            )
            .values(
                status=bindparam("b_status"),
                sent_at=bindparam("b_sent_at"),
                last_error=bindparam("b_error"),
                due_at=func.coalesce(
                    bindparam("b_retry_at", type_=table.c.due_at.type), table.c.due_at
                ),
                claimed_by=bindparam("b_claimed_by"),
                claimed_at=bindparam("b_claimed_at", type_=table.c.claimed_at.type),
            )
        )
        params = [
            {
                "b_id": r.id,
                "b_status": r.status,
                "b_sent_at": r.at if r.status == SENT else None,
                "b_error": r.error[:ERROR_MAX] if r.error else None,
                "b_retry_at": r.retry_at,
                "b_claimed_by": worker if r.status != PENDING else None,
                "b_claimed_at": r.at if r.status != PENDING else None,
            }
            for r in results
        ]
        result = await self.session.execute(statement, params)
        return (
            result.rowcount if result.rowcount is not None and result.rowcount >= 0 else len(params)
        )

    async def block_user(self, user_id: int, now: datetime) -> None:
        """The user blocked the bot: remember it, pause their reminders, and stop every
        message still waiting for them."""
        await self.session.execute(update(User).where(User.id == user_id).values(blocked_at=now))
        await self.session.execute(
            update(Reminder).where(Reminder.user_id == user_id).values(active=False, updated_at=now)
        )
        await self.session.execute(
            update(Delivery)
            .where(Delivery.user_id == user_id, Delivery.status == PENDING)
            .values(status=BLOCKED, last_error="bot blocked by the user")
        )

    async def delete_pending(self, reminder_id: int) -> int:
        """Drop the occurrences of a reminder that were not sent yet (paused or changed)."""
        result = await self.session.execute(
            delete(Delivery).where(Delivery.reminder_id == reminder_id, Delivery.status == PENDING)
        )
        return result.rowcount or 0

    async def counts(self) -> dict[str, int]:
        """How many rows per status."""
        rows = await self.session.execute(
            select(Delivery.status, func.count()).group_by(Delivery.status)
        )
        return {status: count for status, count in rows.all()}

    async def for_user(self, user_id: int) -> list[Delivery]:
        """Every row of a user, oldest due first."""
        rows = await self.session.scalars(
            select(Delivery)
            .where(Delivery.user_id == user_id)
            .order_by(Delivery.due_at, Delivery.id)
        )
        return list(rows.all())

    async def by_keys(self, keys: Sequence[str]) -> list[Delivery]:
        """The rows with these keys."""
        rows = await self.session.scalars(select(Delivery).where(Delivery.key.in_(keys)))
        return list(rows.all())
