"""The question log and answer feedback."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage import quick
from bot.storage.models import Question
from bot.storage.types import utcnow


class QuestionRepository:
    """Reads and writes :class:`Question` rows."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def log(self, **question: Any) -> int:
        """Record a question inside this transaction (see :func:`quick.log_question`); its id."""
        return await quick.log_question(await self.session.connection(), **question)

    async def set_feedback(self, question_id: int, user_id: int, value: int) -> bool:
        """Store 👍 (+1) or 👎 (-1) on the user's own question; False if it is not theirs."""
        result = await self.session.execute(
            update(Question)
            .where(Question.id == question_id, Question.user_id == user_id)
            .values(feedback=value, feedback_at=utcnow())
        )
        return result.rowcount > 0

    async def for_user(self, user_id: int) -> list[Question]:
        """Every question of a user, oldest first."""
        rows = await self.session.scalars(
            select(Question).where(Question.user_id == user_id).order_by(Question.id)
        )
        return list(rows.all())

    async def purge_before(self, cutoff: datetime) -> int:
        """Delete questions older than ``cutoff``; returns how many."""
        result = await self.session.execute(delete(Question).where(Question.created_at < cutoff))
        return result.rowcount or 0
