"""How long question logs are kept: older questions are purged every day."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.storage.types import utcnow
from bot.storage.uow import Database

log = logging.getLogger(__name__)


class RetentionService:
    """Deletes logged questions (with their feedback) older than ``days`` days."""

    def __init__(self, db: Database, days: int, clock: Callable[[], datetime] = utcnow) -> None:
        if days < 1:
            raise ValueError("questions must be kept at least one day")
        self.db = db
        self.days = days
        self.clock = clock

    def cutoff(self) -> datetime:
        """Questions asked before this moment are purged."""
        return self.clock() - timedelta(days=self.days)

    async def purge(self) -> int:
        """Delete the questions older than the retention period; returns how many."""
        async with self.db.uow() as uow:
            removed = await uow.questions.purge_before(self.cutoff())
        if removed:
            log.info("purged %d question(s) older than %d days", removed, self.days)
        return removed
