"""Users: settings, profile, conversation input state, and erasure."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import User
from bot.storage.types import utcnow

LAST_SEEN_GRANULARITY = timedelta(minutes=5)
"""``users.last_seen_at`` moves on at most this often: activity figures count days, and
writing the row on every update would make each read a write transaction."""


def seen_lately(last_seen_at: datetime | None, now: datetime) -> bool:
    """True when ``last_seen_at`` need not move on yet (see :data:`LAST_SEEN_GRANULARITY`)."""
    return last_seen_at is not None and now - last_seen_at < LAST_SEEN_GRANULARITY


class UserRepository:
    """Reads and writes :class:`User` rows."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int) -> User | None:
        """The user, or None if they never talked to the bot."""
        return await self.session.get(User, user_id)

    async def get_or_create(
        self, user_id: int, language: str, timezone: str, now: datetime | None = None
    ) -> User:
        """The user, created with ``language`` and ``timezone`` at first contact.

        Safe when two bot instances see the same first contact at once: the insert is
        ``ON CONFLICT DO NOTHING``, so one creates the row and both read it. An existing
        user's ``last_seen_at`` is only written when older than :data:`LAST_SEEN_GRANULARITY`.
        """
        user = await self.session.get(User, user_id)
        now = now or utcnow()
        if user is not None:
            if not seen_lately(user.last_seen_at, now):
                user.last_seen_at = now
            return user
        dialect = postgresql if self.session.get_bind().dialect.name == "postgresql" else sqlite
        await self.session.execute(
            dialect.insert(User)
            .values(
                id=user_id,
                language=language,
                timezone=timezone,
                action_categories=[],
                situations=[],
                profile_done=False,
                created_at=now,
                last_seen_at=now,
            )
            .on_conflict_do_nothing(index_elements=["id"])
        )
        user = await self.session.get(User, user_id, populate_existing=True)
        assert user is not None, "inserted or inserted concurrently"
        return user

    async def set_awaiting(self, user: User, what: str | None) -> None:
        """Remember (or clear) which free-text input the bot waits for from this user."""
        user.awaiting = what
        user.awaiting_since = utcnow() if what else None

    async def update(self, user_id: int, **values: Any) -> None:
        """Write columns of the user row without loading it."""
        await self.session.execute(update(User).where(User.id == user_id).values(**values))

    async def all_ids(self) -> list[int]:
        """Every user id, for broadcasts."""
        return list((await self.session.scalars(select(User.id).order_by(User.id))).all())

    async def delete(self, user_id: int) -> None:
        """Delete the user; every row about them goes with it (ON DELETE CASCADE)."""
        await self.session.execute(delete(User).where(User.id == user_id))

    @staticmethod
    def as_dict(user: User) -> dict[str, Any]:
        """Everything stored on the user row, JSON-ready."""
        return {
            "id": user.id,
            "language": user.language,
            "timezone": user.timezone,
            "org_name": user.org_name,
            "action_categories": list(user.action_categories or []),
            "situations": list(user.situations or []),
            "profile_done": user.profile_done,
            "certified_on": user.certified_on.isoformat() if user.certified_on else None,
            "surveillance_audit_on": (
                user.surveillance_audit_on.isoformat() if user.surveillance_audit_on else None
            ),
            "created_at": user.created_at.isoformat(),
            "last_seen_at": user.last_seen_at.isoformat(),
        }
