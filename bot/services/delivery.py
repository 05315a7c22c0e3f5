"""The generic delivery engine over the ``deliveries`` table: claim, send, record.

The database is the source of truth. Whoever wants a message sent inserts a row (see
:meth:`DeliveryEngine.enqueue`) with a unique key; :meth:`DeliveryEngine.dispatch` then

1. puts back rows whose claimer died (claimed longer ago than the lease),
2. summarises reminder occurrences that are too late (due before now − grace) into one
   message per chat,
3. claims due rows atomically in batches, lets a preparer fill their content, sends them
   through a :class:`Sender` within the rate limits, and records each result.

Guarantee: a row is sent at most once, except rows in flight when a process dies (sent to
Telegram but not yet recorded): after the lease they are sent again. That is the trade-off
for never losing a message; the window is one flush interval plus the sends in progress.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from bot.services.ratelimit import SendRateLimiter
from bot.storage.repositories.deliveries import (
    BLOCKED,
    FAILED,
    PENDING,
    SENT,
    SKIPPED,
    SUMMARISED,
    Claimed,
    Finished,
    NewDelivery,
)
from bot.storage.types import utcnow
from bot.storage.uow import Database

log = logging.getLogger(__name__)

SUMMARY_KIND = "summary"


class Outcome(StrEnum):
    """What happened to one send."""

    SENT = "sent"
    RETRY = "retry"
    """Temporary failure (429, 5xx, network, timeout): try again later."""
    BLOCKED = "blocked"
    """The user blocked the bot (403): stop sending to them."""
    FAILED = "failed"
    """Permanent failure (bad request, chat not found): do not try again."""
    SKIPPED = "skipped"
    """Not sent on purpose: the content is obsolete."""


@dataclass(frozen=True, slots=True)
class SendResult:
    """The outcome of one send; ``retry_after`` is Telegram's 429 delay in seconds."""

    outcome: Outcome
    retry_after: float | None = None
    error: str | None = None


@dataclass(slots=True)
class Outgoing:
    """One claimed message on its way. ``payload`` is the stored row's JSON (its ``kind``
    picks the preparer and the renderer); ``content`` is what the preparer added."""

    id: int
    key: str
    user_id: int
    chat_id: int
    reminder_id: int | None
    broadcast_id: int | None
    due_at: datetime
    attempts: int
    payload: dict[str, Any]
    content: dict[str, Any] = field(default_factory=dict)
    skip: str | None = None

    @property
    def kind(self) -> str:
        """The payload's ``kind`` (``text`` when absent)."""
        return str(self.payload.get("kind", "text"))

    @classmethod
    def of(cls, row: Claimed) -> Outgoing:
        """From a claimed row."""
        return cls(
            id=row.id,
            key=row.key,
            user_id=row.user_id,
            chat_id=row.chat_id,
            reminder_id=row.reminder_id,
            broadcast_id=row.broadcast_id,
            due_at=row.due_at,
            attempts=row.attempts,
            payload=dict(row.payload or {}),
        )


class Sender(Protocol):
    """Sends one message (the Telegram implementation is ``bot.telegram.sender``)."""

    async def send(self, message: Outgoing) -> SendResult:
        """Send and say what happened; must not raise for Telegram errors."""
        ...


class Preparer(Protocol):
    """Fills ``content`` (or sets ``skip``) for a batch of messages of one kind, just before
    they are sent, so their content is current."""

    async def prepare(self, messages: Sequence[Outgoing], now: datetime) -> None:
        """Complete the messages in place."""
        ...


@dataclass(frozen=True, slots=True)
class DeliveryPolicy:
    """Limits and delays of the engine."""

    rate: float | None = 30.0
    """Messages per second overall (``settings.send_rate``); None lifts the limit."""
    batch_size: int = 100
    concurrency: int = 16
    """Messages being sent at the same time."""
    lease: timedelta = timedelta(minutes=5)
    """A claimed row not recorded after this long is sent again (its claimer died)."""
    grace: timedelta = timedelta(hours=6)
    """A reminder occurrence later than this is summarised instead of sent."""
    max_attempts: int = 8
    backoff_first: float = 2.0
    backoff_max: float = 300.0
    flush_interval: float = 0.2
    summary_items: int = 20

    def backoff(self, attempts: int) -> float:
        """Seconds to wait before attempt ``attempts + 1`` after a temporary failure."""
        return min(self.backoff_max, self.backoff_first * 2 ** max(0, attempts - 1))


@dataclass(slots=True)
class DispatchReport:
    """What one :meth:`DeliveryEngine.dispatch` did."""

    requeued: int = 0
    summarised: int = 0
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    blocked: int = 0
    skipped: int = 0
    released: int = 0
    """Claimed but put back unsent because the bot was stopping."""


def default_worker_id() -> str:
    """``host:pid:random``, unique per engine, at most 64 characters."""
    return f"{socket.gethostname()[:32]}:{os.getpid()}:{secrets.token_hex(4)}"


class DeliveryEngine:
    """Claims due rows, sends them within the limits, records the results."""

    def __init__(
        self,
        db: Database,
        sender: Sender,
        *,
        policy: DeliveryPolicy | None = None,
        worker_id: str | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.sender = sender
        self.policy = policy or DeliveryPolicy()
        self.worker_id = worker_id or default_worker_id()
        self.clock = clock
        self.limiter = SendRateLimiter(self.policy.rate)
        self._preparers: dict[str, Preparer] = {}
        self._pending_results: list[Finished] = []
        self._blocked_users: set[int] = set()
        self._lock = asyncio.Lock()

    def register_preparer(self, kind: str, preparer: Preparer) -> None:
        """Use ``preparer`` for messages whose payload ``kind`` is ``kind``."""
        self._preparers[kind] = preparer

    async def enqueue(self, deliveries: Sequence[NewDelivery]) -> int:
        """Add messages to send; rows whose key exists already are ignored. Returns how many
        were added."""
        async with self.db.uow() as uow:
            return await uow.deliveries.add_many(deliveries)

    async def dispatch(
        self, *, until_idle: bool = True, keep_going: Callable[[], bool] = lambda: True
    ) -> DispatchReport:
        """One pass: recover, summarise, then send every due row (or one batch when
        ``until_idle`` is False). Returns at once if a pass is already running here.

        When ``keep_going()`` turns False (the bot is stopping), no more rows are claimed and
        the claimed rows not sent yet are put back, so stopping never waits for a backlog.
        """
        report = DispatchReport()
        if self._lock.locked():
            return report
        async with self._lock:
            now = self.clock()
            async with self.db.uow() as uow:
                report.requeued = await uow.deliveries.requeue_expired(now - self.policy.lease)
            if report.requeued:
                log.warning("re-queued %d deliveries whose claimer stopped", report.requeued)
            report.summarised = await self._summarise_stale(now)
            await self._drain(report, until_idle, keep_going)
        return report

    async def _drain(
        self, report: DispatchReport, until_idle: bool, keep_going: Callable[[], bool]
    ) -> None:
        """Claim and prepare batches while a pool of workers sends them; the next batch is
        claimed as soon as the queue has room, so sending never waits for the database."""
        queue: asyncio.Queue[tuple[Outgoing, bool] | None] = asyncio.Queue(
            maxsize=self.policy.batch_size
        )
        done = asyncio.Event()
        flusher = asyncio.create_task(self._flush_until(done))
        workers = [
            asyncio.create_task(self._work(queue, report, keep_going))
            for _ in range(self.policy.concurrency)
        ]
        try:
            while keep_going():
                batch = await self._claim()
                if not batch:
                    break
                report.claimed += len(batch)
                unprepared = await self._prepare(batch)
                for message in batch:
                    await queue.put((message, message.id in unprepared))
                if not until_idle:
                    break
        finally:
            for _ in workers:
                await queue.put(None)
            await asyncio.gather(*workers)
            done.set()
            await flusher

    async def _work(
        self,
        queue: asyncio.Queue[tuple[Outgoing, bool] | None],
        report: DispatchReport,
        keep_going: Callable[[], bool],
    ) -> None:
        while (item := await queue.get()) is not None:
            message, unprepared = item
            if not keep_going():
                self._pending_results.append(Finished(message.id, PENDING, self.clock()))
                report.released += 1
                continue
            try:
                await self._send_one(message, report, unprepared)
            except Exception:
                log.exception("delivery %d could not be processed", message.id)

    async def _claim(self) -> list[Outgoing]:
        async with self.db.uow() as uow:
            rows = await uow.deliveries.claim_due(
                self.worker_id, self.clock(), self.policy.batch_size
            )
        return [Outgoing.of(row) for row in rows]

    async def _summarise_stale(self, now: datetime) -> int:
        """Claim reminder rows due before now − grace and replace them, per chat, by one
        summary row, in one transaction."""
        total = 0
        while True:
            async with self.db.uow() as uow:
                stale = await uow.deliveries.claim_stale(
                    self.worker_id, now, now - self.policy.grace, limit=500
                )
                if not stale:
                    return total
                by_chat: dict[int, list[Claimed]] = defaultdict(list)
                for row in stale:
                    by_chat[row.chat_id].append(row)
                await uow.deliveries.add_many(
                    [self._summary_row(rows, now) for rows in by_chat.values()]
                )
                await uow.deliveries.finish(
                    self.worker_id, [Finished(row.id, SUMMARISED, now) for row in stale]
                )
            total += len(stale)
            log.info("summarised %d late reminder(s) for %d chat(s)", len(stale), len(by_chat))

    def _summary_row(self, rows: list[Claimed], now: datetime) -> NewDelivery:
        first = rows[0]
        items = [
            {**row.payload, "due_at": row.due_at.isoformat()}
            for row in rows[: self.policy.summary_items]
        ]
        return NewDelivery(
            key=f"summary:{first.chat_id}:{first.id}",
            user_id=first.user_id,
            chat_id=first.chat_id,
            due_at=now,
            payload={"kind": SUMMARY_KIND, "items": items, "count": len(rows)},
        )

    async def _prepare(self, batch: list[Outgoing]) -> set[int]:
        """Run the preparers; returns the ids of messages whose preparation failed."""
        by_kind: dict[str, list[Outgoing]] = defaultdict(list)
        for message in batch:
            by_kind[message.kind].append(message)
        failed: set[int] = set()
        for kind, messages in by_kind.items():
            preparer = self._preparers.get(kind)
            if preparer is None:
                continue
            try:
                await preparer.prepare(messages, self.clock())
            except Exception:
                log.exception("preparing %d %r message(s) failed", len(messages), kind)
                failed.update(message.id for message in messages)
        return failed

    async def _send_one(self, message: Outgoing, report: DispatchReport, unprepared: bool) -> None:
        if unprepared:
            self._record(message, SendResult(Outcome.RETRY, error="preparation failed"), report)
            return
        if message.skip is not None:
            self._record(message, SendResult(Outcome.SKIPPED, error=message.skip), report)
            return
        await self.limiter.acquire(message.chat_id)
        try:
            result = await self.sender.send(message)
        except Exception as exc:
            log.exception("sender failed on delivery %d", message.id)
            result = SendResult(Outcome.RETRY, error=f"{type(exc).__name__}: {exc}")
        if result.outcome is Outcome.RETRY and result.retry_after:
            self.limiter.hold_chat(message.chat_id, result.retry_after)
        self._record(message, result, report)

    def _record(self, message: Outgoing, result: SendResult, report: DispatchReport) -> None:
        now = self.clock()
        outcome = result.outcome
        if outcome is Outcome.RETRY and message.attempts >= self.policy.max_attempts:
            outcome = Outcome.FAILED
        if outcome is Outcome.RETRY:
            delay = result.retry_after or self.policy.backoff(message.attempts)
            retry_at = now + timedelta(seconds=delay)
            finished = Finished(message.id, PENDING, now, result.error, retry_at=retry_at)
            report.retried += 1
        else:
            status = {
                Outcome.SENT: SENT,
                Outcome.BLOCKED: BLOCKED,
                Outcome.FAILED: FAILED,
                Outcome.SKIPPED: SKIPPED,
            }[outcome]
            finished = Finished(message.id, status, now, result.error)
            setattr(report, status, getattr(report, status) + 1)
            if outcome is Outcome.BLOCKED:
                self._blocked_users.add(message.user_id)
        self._pending_results.append(finished)

    async def _flush_until(self, done: asyncio.Event) -> None:
        """Record results every flush interval, and a last time once ``done`` is set (never
        cancelled in the middle of a write)."""
        while not done.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), self.policy.flush_interval)
            await self._flush()
        await self._flush()

    async def _flush(self) -> None:
        """Write the results gathered so far in one transaction (kept for later on error)."""
        results, self._pending_results = self._pending_results, []
        blocked, self._blocked_users = self._blocked_users, set()
        if not results and not blocked:
            return
        try:
            async with self.db.uow() as uow:
                await uow.deliveries.finish(self.worker_id, results)
                for user_id in blocked:
                    await uow.deliveries.block_user(user_id, self.clock())
        except Exception:
            log.exception("recording %d delivery result(s) failed; will retry", len(results))
            self._pending_results = results + self._pending_results
            self._blocked_users |= blocked
