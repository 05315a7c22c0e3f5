"""Aggregate queries for operators: usage, answer quality, checklists, deliveries."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import ChecklistRun, Delivery, Question, User


class StatsRepository:
    """Read-only aggregates over every table."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def user_counts(self, since_7d: datetime, since_30d: datetime) -> tuple[int, int, int]:
        """Users in total, active in the last 7 days and in the last 30 days."""
        total = await self.session.scalar(select(func.count()).select_from(User))
        active_7 = await self.session.scalar(
            select(func.count()).select_from(User).where(User.last_seen_at >= since_7d)
        )
        active_30 = await self.session.scalar(
            select(func.count()).select_from(User).where(User.last_seen_at >= since_30d)
        )
        return total or 0, active_7 or 0, active_30 or 0

    async def outcomes(self, since: datetime) -> dict[str, int]:
        """How many questions ended in each outcome since ``since``."""
        rows = await self.session.execute(
            select(Question.outcome, func.count())
            .where(Question.created_at >= since)
            .group_by(Question.outcome)
        )
        return {outcome: count for outcome, count in rows.all()}

    async def questions_per_day(self, since: datetime) -> list[tuple[str, int]]:
        """(ISO day in UTC, count) for each day with questions since ``since``, oldest first."""
        stamps = await self.session.scalars(
            select(Question.created_at).where(Question.created_at >= since)
        )
        days = Counter(stamp.date().isoformat() for stamp in stamps)
        return sorted(days.items())

    async def feedback(self, since: datetime) -> tuple[int, int]:
        """(👍, 👎) counts since ``since``."""
        rows = await self.session.execute(
            select(Question.feedback, func.count())
            .where(Question.created_at >= since, Question.feedback.is_not(None))
            .group_by(Question.feedback)
        )
        counts = dict(rows.all())
        return counts.get(1, 0), counts.get(-1, 0)

    async def checklist_counts(self, since: datetime) -> tuple[int, int]:
        """Checklist runs started and completed since ``since``."""
        started = await self.session.scalar(
            select(func.count()).select_from(ChecklistRun).where(ChecklistRun.started_at >= since)
        )
        completed = await self.session.scalar(
            select(func.count()).select_from(ChecklistRun).where(ChecklistRun.completed_at >= since)
        )
        return started or 0, completed or 0

    async def reminder_deliveries(self, since: datetime) -> dict[str, int]:
        """Reminder deliveries by status since ``since``."""
        rows = await self.session.execute(
            select(Delivery.status, func.count())
            .where(Delivery.reminder_id.is_not(None), Delivery.due_at >= since)
            .group_by(Delivery.status)
        )
        return {status: count for status, count in rows.all()}

    async def missed_questions(self, since: datetime, limit: int = 2000) -> list[str]:
        """Texts of questions declined or disliked since ``since``, newest first."""
        rows = await self.session.scalars(
            select(Question.text)
            .where(
                Question.created_at >= since,
                or_(Question.outcome == "decline", Question.feedback == -1),
            )
            .order_by(Question.created_at.desc())
            .limit(limit)
        )
        return list(rows.all())
