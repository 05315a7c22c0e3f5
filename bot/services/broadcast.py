"""Admin broadcasts: a draft previewed with its recipients, then one delivery per recipient.

Confirming a draft queues one ``deliveries`` row per recipient, keyed
``bc:<broadcast_id>:<user_id>``, in the same transaction that marks the broadcast as sending.
The delivery engine then sends them like reminders (same dispatcher, same rate limits,
resumed after a restart); a double confirmation or a second bot instance never adds a row
twice, and each row is sent at most once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.storage.models import Broadcast
from bot.storage.repositories.broadcasts import DRAFT, SEGMENTS
from bot.storage.repositories.deliveries import (
    BLOCKED,
    CLAIMED,
    FAILED,
    PENDING,
    SENT,
    SKIPPED,
    NewDelivery,
)
from bot.storage.types import utcnow
from bot.storage.uow import Database

BROADCAST_MAX_CHARS = 3500
"""Longest message an admin may broadcast (the preview adds a header and must fit 4,096)."""


def delivery_key(broadcast_id: int, user_id: int) -> str:
    """The unique key of one recipient's delivery."""
    return f"bc:{broadcast_id}:{user_id}"


@dataclass(frozen=True, slots=True)
class Draft:
    """A broadcast and the size of every segment it could go to."""

    id: int
    text: str
    segment: str
    status: str
    sizes: dict[str, int]

    @property
    def recipients(self) -> int:
        """How many users the chosen segment has now."""
        return self.sizes.get(self.segment, 0)


@dataclass(frozen=True, slots=True)
class Progress:
    """Where the deliveries of a broadcast stand."""

    id: int
    created_by: int
    segment: str
    delivered: int
    blocked: int
    failed: int
    waiting: int

    @property
    def total(self) -> int:
        """Recipients of the broadcast."""
        return self.delivered + self.blocked + self.failed + self.waiting

    @property
    def done(self) -> int:
        """Deliveries with a final result."""
        return self.total - self.waiting

    @property
    def finished(self) -> bool:
        """True when every delivery has a final result."""
        return self.waiting == 0

    @classmethod
    def of(cls, broadcast: Broadcast, counts: dict[str, int]) -> Progress:
        """From a broadcast and its deliveries by status."""
        return cls(
            id=broadcast.id,
            created_by=broadcast.created_by,
            segment=broadcast.segment,
            delivered=counts.get(SENT, 0),
            blocked=counts.get(BLOCKED, 0),
            failed=counts.get(FAILED, 0) + counts.get(SKIPPED, 0),
            waiting=counts.get(PENDING, 0) + counts.get(CLAIMED, 0),
        )


class StartOutcome(StrEnum):
    """What confirming a draft did."""

    STARTED = "started"
    NOT_A_DRAFT = "not_a_draft"
    """Already started, cancelled, or unknown: nothing was queued."""
    NOBODY = "nobody"
    """The segment is empty: the draft stays a draft."""


@dataclass(frozen=True, slots=True)
class Started:
    """The outcome of a confirmation and how many deliveries it queued."""

    outcome: StartOutcome
    queued: int = 0


class BroadcastService:
    """Drafts, segments, confirmation and progress of admin broadcasts."""

    def __init__(self, db: Database, clock: Callable[[], datetime] = utcnow) -> None:
        self.db = db
        self.clock = clock

    async def create(self, admin_id: int, html: str) -> Draft:
        """A new draft of ``html`` (ready-made Telegram HTML), to everyone."""
        async with self.db.uow() as uow:
            broadcast = await uow.broadcasts.create(admin_id, html, self.clock())
            return Draft(
                broadcast.id, html, broadcast.segment, DRAFT, await uow.broadcasts.segment_sizes()
            )

    async def draft(self, broadcast_id: int) -> Draft | None:
        """The broadcast with the current segment sizes, or None when unknown."""
        async with self.db.uow() as uow:
            broadcast = await uow.broadcasts.get(broadcast_id)
            if broadcast is None:
                return None
            sizes = await uow.broadcasts.segment_sizes()
            return Draft(broadcast.id, broadcast.text, broadcast.segment, broadcast.status, sizes)

    async def choose_segment(self, broadcast_id: int, segment: str) -> Draft | None:
        """Send the draft to ``segment``; None when it is no longer a draft or the segment is
        unknown."""
        if segment not in SEGMENTS:
            return None
        async with self.db.uow() as uow:
            if not await uow.broadcasts.set_segment(broadcast_id, segment):
                return None
        return await self.draft(broadcast_id)

    async def cancel(self, broadcast_id: int) -> bool:
        """Drop a draft; False when it was already confirmed or cancelled."""
        async with self.db.uow() as uow:
            return await uow.broadcasts.cancel(broadcast_id)

    async def start(self, broadcast_id: int) -> Started:
        """Confirm a draft: queue one delivery per member of its segment, once."""
        now = self.clock()
        async with self.db.uow() as uow:
            broadcast = await uow.broadcasts.get(broadcast_id)
            if broadcast is None or broadcast.status != DRAFT:
                return Started(StartOutcome.NOT_A_DRAFT)
            recipients = await uow.broadcasts.recipients(broadcast.segment)
            if not recipients:
                return Started(StartOutcome.NOBODY)
            if not await uow.broadcasts.start(broadcast_id):
                return Started(StartOutcome.NOT_A_DRAFT)
            queued = await uow.deliveries.add_many(
                NewDelivery(
                    key=delivery_key(broadcast_id, user_id),
                    user_id=user_id,
                    chat_id=user_id,
                    due_at=now,
                    payload={"kind": "text", "text": broadcast.text},
                    broadcast_id=broadcast_id,
                )
                for user_id in recipients
            )
            return Started(StartOutcome.STARTED, queued)

    async def progress(self, broadcast_id: int) -> Progress | None:
        """Where the broadcast's deliveries stand, or None when unknown."""
        async with self.db.uow() as uow:
            broadcast = await uow.broadcasts.get(broadcast_id)
            if broadcast is None:
                return None
            return Progress.of(broadcast, await uow.broadcasts.delivery_counts(broadcast_id))

    async def sending(self) -> list[Progress]:
        """The progress of every broadcast being sent."""
        async with self.db.uow() as uow:
            return [
                Progress.of(broadcast, await uow.broadcasts.delivery_counts(broadcast.id))
                for broadcast in await uow.broadcasts.sending()
            ]

    async def finish(self, broadcast_id: int) -> bool:
        """Mark a broadcast whose deliveries all have a result as done; True for the caller
        that did it (so only one reports the end)."""
        async with self.db.uow() as uow:
            return await uow.broadcasts.finish(broadcast_id, self.clock())
