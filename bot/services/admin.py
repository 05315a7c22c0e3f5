"""Operators' views: usage statistics and the questions the bot failed on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rapidfuzz import fuzz, utils

from bot.config import Settings
from bot.services.broadcast import BroadcastService
from bot.services.retention import RetentionService
from bot.storage.types import utcnow
from bot.storage.uow import Database

SIMILAR_QUESTIONS = 75.0
"""token_set_ratio above which two missed questions are counted as the same need."""


@dataclass(frozen=True)
class Stats:
    """A snapshot of usage over the last 30 days."""

    users: int
    active_7d: int
    active_30d: int
    questions_per_day: list[tuple[str, int]]
    outcomes: dict[str, int]
    thumbs_up: int
    thumbs_down: int
    checklists_started: int
    checklists_completed: int
    reminders: dict[str, int]

    @property
    def questions(self) -> int:
        """Questions asked over the period."""
        return sum(self.outcomes.values())

    def share(self, outcome: str) -> float:
        """Share (0-100) of questions with ``outcome``."""
        return 100.0 * self.outcomes.get(outcome, 0) / self.questions if self.questions else 0.0


@dataclass
class MissGroup:
    """Similar questions the bot declined or that users disliked."""

    example: str
    count: int = 1
    variants: list[str] = field(default_factory=list)


_DURATION = re.compile(r"^\s*(\d{1,4})\s*([dwm]?)\s*$")


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """``30d``, ``2w``, ``3m`` or a bare number of days → the UTC datetime that far back."""
    match = _DURATION.match(text or "")
    if not match:
        raise ValueError("period must look like 30d, 2w or 3m")
    amount, unit = int(match.group(1)), match.group(2) or "d"
    days = amount * {"d": 1, "w": 7, "m": 30}[unit]
    return (now or utcnow()) - timedelta(days=days)


def group_misses(texts: list[str], limit: int = 15) -> list[MissGroup]:
    """Group similar questions (greedy clustering); the most frequent groups first."""
    groups: list[tuple[str, MissGroup]] = []
    for text in texts:
        key = utils.default_process(text)
        if not key:
            continue
        for group_key, group in groups:
            if fuzz.token_set_ratio(key, group_key) >= SIMILAR_QUESTIONS:
                group.count += 1
                if len(group.variants) < 3 and text != group.example:
                    group.variants.append(text)
                break
        else:
            groups.append((key, MissGroup(example=text)))
    ranked = sorted((group for _, group in groups), key=lambda g: -g.count)
    return ranked[:limit]


class AdminService:
    """Statistics and misses, read from the database; broadcasts and the question log's
    retention."""

    def __init__(
        self, db: Database, retention_days: int = Settings.question_retention_days
    ) -> None:
        self.db = db
        self.broadcasts = BroadcastService(db)
        self.retention = RetentionService(db, retention_days)

    async def stats(self, now: datetime | None = None) -> Stats:
        """Usage over the last 30 days (active users over 7 and 30 days)."""
        now = now or utcnow()
        since_7, since_30 = now - timedelta(days=7), now - timedelta(days=30)
        async with self.db.uow() as uow:
            users, active_7, active_30 = await uow.stats.user_counts(since_7, since_30)
            up, down = await uow.stats.feedback(since_30)
            started, completed = await uow.stats.checklist_counts(since_30)
            return Stats(
                users=users,
                active_7d=active_7,
                active_30d=active_30,
                questions_per_day=await uow.stats.questions_per_day(now - timedelta(days=14)),
                outcomes=await uow.stats.outcomes(since_30),
                thumbs_up=up,
                thumbs_down=down,
                checklists_started=started,
                checklists_completed=completed,
                reminders=await uow.stats.reminder_deliveries(since_30),
            )

    async def misses(self, since: datetime, limit: int = 15) -> list[MissGroup]:
        """The most frequent declined or disliked questions since ``since``, grouped."""
        async with self.db.uow() as uow:
            texts = await uow.stats.missed_questions(since)
        return group_misses(texts, limit)
