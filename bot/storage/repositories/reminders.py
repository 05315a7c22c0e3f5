"""Reminder subscriptions: audit milestones, daily and monthly messages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import ChecklistAnswer, ChecklistRun, Delivery, Reminder, User

MILESTONES = "milestones"
DAILY = "daily"
MONTHLY = "monthly"
RECURRING_KINDS: tuple[str, ...] = (DAILY, MONTHLY)
OPEN_RUN_STATUSES: tuple[str, ...] = ("active", "paused")


@dataclass(frozen=True, slots=True)
class RunProgress:
    """A checklist run not finished yet, with the value of each answered item."""

    user_id: int
    checklist_id: str
    answers: dict[str, str]


class ReminderRepository:
    """Reads and writes :class:`Reminder` rows."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, reminder_id: int) -> Reminder | None:
        """The reminder, or None."""
        return await self.session.get(Reminder, reminder_id)

    async def for_user(self, user_id: int) -> list[Reminder]:
        """Every reminder of a user, in creation order."""
        rows = await self.session.scalars(
            select(Reminder).where(Reminder.user_id == user_id).order_by(Reminder.id)
        )
        return list(rows.all())

    async def of_kind(self, user_id: int, kind: str) -> Reminder | None:
        """The user's reminder of this kind (a user has at most one of each kind)."""
        return await self.session.scalar(
            select(Reminder)
            .where(Reminder.user_id == user_id, Reminder.kind == kind)
            .order_by(Reminder.id)
            .limit(1)
        )

    async def add(self, reminder: Reminder) -> Reminder:
        """Insert a reminder and give it its id."""
        self.session.add(reminder)
        await self.session.flush()
        return reminder

    async def delete(self, reminder: Reminder) -> None:
        """Delete the reminder and its delivery rows (ON DELETE CASCADE)."""
        await self.session.delete(reminder)
        await self.session.flush()

    async def recurring_without_future(
        self, now: datetime
    ) -> list[tuple[Reminder, datetime | None]]:
        """Active daily/monthly reminders of reachable users with no occurrence due after
        ``now``, each with the due time of its latest occurrence (None if it has none)."""
        latest = (
            select(func.max(Delivery.due_at))
            .where(Delivery.reminder_id == Reminder.id)
            .correlate(Reminder)
            .scalar_subquery()
        )
        future = exists().where(Delivery.reminder_id == Reminder.id, Delivery.due_at > now)
        rows = await self.session.execute(
            select(Reminder, latest)
            .join(User, User.id == Reminder.user_id)
            .where(
                Reminder.active.is_(True),
                Reminder.kind.in_(RECURRING_KINDS),
                User.blocked_at.is_(None),
                ~future,
            )
            .order_by(Reminder.id)
        )
        return [(reminder, last) for reminder, last in rows.all()]

    async def users(self, user_ids: list[int]) -> dict[int, User]:
        """The users with these ids, by id."""
        rows = await self.session.scalars(select(User).where(User.id.in_(user_ids)))
        return {user.id: user for user in rows.all()}

    async def by_ids(self, reminder_ids: list[int]) -> dict[int, Reminder]:
        """The reminders with these ids, by id."""
        rows = await self.session.scalars(select(Reminder).where(Reminder.id.in_(reminder_ids)))
        return {reminder.id: reminder for reminder in rows.all()}

    async def open_runs(self, user_ids: list[int]) -> dict[int, list[RunProgress]]:
        """Checklist runs in progress (active or paused) of these users, with their answers."""
        runs = (
            await self.session.execute(
                select(ChecklistRun.id, ChecklistRun.user_id, ChecklistRun.checklist_id)
                .where(
                    ChecklistRun.user_id.in_(user_ids),
                    ChecklistRun.status.in_(OPEN_RUN_STATUSES),
                )
                .order_by(ChecklistRun.updated_at.desc())
            )
        ).all()
        answers: dict[int, dict[str, str]] = defaultdict(dict)
        if runs:
            rows = await self.session.execute(
                select(
                    ChecklistAnswer.run_id, ChecklistAnswer.item_id, ChecklistAnswer.value
                ).where(ChecklistAnswer.run_id.in_([run_id for run_id, _, _ in runs]))
            )
            for run_id, item_id, value in rows.all():
                answers[run_id][item_id] = value
        progress: dict[int, list[RunProgress]] = defaultdict(list)
        for run_id, user_id, checklist_id in runs:
            progress[user_id].append(RunProgress(user_id, checklist_id, answers[run_id]))
        return progress
