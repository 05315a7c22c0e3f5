"""Admin broadcasts: drafts, their recipients by segment, and the progress of their deliveries.

A broadcast moves ``draft`` → ``sending`` → ``done``, or ``draft`` → ``cancelled``. Each step
is a conditional update, so a double press or two bot instances apply it once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, func, select, true, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import Broadcast, ChecklistRun, Delivery, User
from bot.storage.run_state import OPEN_STATUSES

DRAFT = "draft"
SENDING = "sending"
DONE = "done"
CANCELLED = "cancelled"

SEGMENTS: tuple[str, ...] = ("all", "fr", "en", "certified", "checklist")
"""Who a broadcast can go to: everyone, French or English speakers, users who gave their
certification date, users with a checklist in progress."""


def segment_condition(segment: str) -> ColumnElement[bool]:
    """The condition on ``users`` selecting the members of ``segment``."""
    if segment == "all":
        return true()
    if segment in ("fr", "en"):
        return User.language == segment
    if segment == "certified":
        return User.certified_on.is_not(None)
    if segment == "checklist":
        open_runs = select(ChecklistRun.user_id).where(ChecklistRun.status.in_(OPEN_STATUSES))
        return User.id.in_(open_runs)
    raise ValueError(f"unknown segment {segment!r}")


class BroadcastRepository:
    """Reads and writes :class:`Broadcast` rows and counts their deliveries."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, created_by: int, text: str, now: datetime) -> Broadcast:
        """A new draft to everyone."""
        broadcast = Broadcast(
            created_by=created_by, text=text, segment="all", status=DRAFT, created_at=now
        )
        self.session.add(broadcast)
        await self.session.flush()
        return broadcast

    async def get(self, broadcast_id: int) -> Broadcast | None:
        """The broadcast, read fresh from the database."""
        return await self.session.scalar(
            select(Broadcast)
            .where(Broadcast.id == broadcast_id)
            .execution_options(populate_existing=True)
        )

    async def set_segment(self, broadcast_id: int, segment: str) -> bool:
        """Change the recipients of a draft (one of :data:`SEGMENTS`); False when it is no
        longer a draft."""
        return await self._move(broadcast_id, DRAFT, segment=segment)

    async def start(self, broadcast_id: int) -> bool:
        """Draft → sending; False when it was not a draft (already started or cancelled)."""
        return await self._move(broadcast_id, DRAFT, status=SENDING)

    async def cancel(self, broadcast_id: int) -> bool:
        """Draft → cancelled; False when it was not a draft."""
        return await self._move(broadcast_id, DRAFT, status=CANCELLED)

    async def finish(self, broadcast_id: int, now: datetime) -> bool:
        """Sending → done; False when it was not sending (someone finished it already)."""
        return await self._move(broadcast_id, SENDING, status=DONE, finished_at=now)

    async def _move(self, broadcast_id: int, expected: str, **values: object) -> bool:
        result = await self.session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id, Broadcast.status == expected)
            .values(**values)
        )
        return result.rowcount > 0

    async def sending(self) -> list[Broadcast]:
        """Broadcasts being sent, oldest first."""
        rows = await self.session.scalars(
            select(Broadcast).where(Broadcast.status == SENDING).order_by(Broadcast.id)
        )
        return list(rows.all())

    async def recipients(self, segment: str) -> list[int]:
        """The ids of the users in ``segment``."""
        rows = await self.session.scalars(
            select(User.id).where(segment_condition(segment)).order_by(User.id)
        )
        return list(rows.all())

    async def segment_sizes(self) -> dict[str, int]:
        """How many users each segment has."""
        sizes = {}
        for segment in SEGMENTS:
            sizes[segment] = (
                await self.session.scalar(
                    select(func.count()).select_from(User).where(segment_condition(segment))
                )
                or 0
            )
        return sizes

    async def delivery_counts(self, broadcast_id: int) -> dict[str, int]:
        """The broadcast's deliveries by status."""
        rows = await self.session.execute(
            select(Delivery.status, func.count())
            .where(Delivery.broadcast_id == broadcast_id)
            .group_by(Delivery.status)
        )
        return {status: count for status, count in rows.all()}
