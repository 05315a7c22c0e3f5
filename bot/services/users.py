"""Users: first contact, language, the organisation profile and the pending free-text input."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Row

from bot.core.knowledge.model import ACTION_CATEGORIES
from bot.core.localized import LANGUAGES, normalize_language
from bot.storage import quick
from bot.storage.models import User
from bot.storage.repositories.users import seen_lately
from bot.storage.types import utcnow
from bot.storage.uow import Database, UnitOfWork

SITUATIONS: tuple[str, ...] = (
    "certifying",
    "subcontracting",
    "work-situations",
    "new-entrant",
    "alternance",
)
ORG_NAME_MAX = 200
PENDING_INPUT_LIFETIME = timedelta(hours=2)


@dataclass(frozen=True, slots=True)
class UserView:
    """A read-only snapshot of a user, safe to use outside any transaction."""

    id: int
    language: str
    timezone: str
    org_name: str | None
    action_categories: tuple[str, ...]
    situations: tuple[str, ...]
    certified_on: date | None
    profile_done: bool
    awaiting: str | None
    awaiting_since: datetime | None

    @classmethod
    def of(cls, user: User | Row) -> UserView:
        """Snapshot of a user (an ORM object or a row of the users table)."""
        return cls(
            id=user.id,
            language=user.language,
            timezone=user.timezone,
            org_name=user.org_name,
            action_categories=tuple(user.action_categories or ()),
            situations=tuple(user.situations or ()),
            certified_on=user.certified_on,
            profile_done=user.profile_done,
            awaiting=user.awaiting,
            awaiting_since=user.awaiting_since,
        )

    def pending_input(self, now: datetime) -> str | None:
        """The free-text input the bot waits for, unless it was asked too long ago."""
        if not self.awaiting or self.awaiting_since is None:
            return None
        return self.awaiting if now - self.awaiting_since <= PENDING_INPUT_LIFETIME else None


@dataclass(frozen=True, slots=True)
class Contact:
    """A user as seen on this update, and whether it is their first contact."""

    user: UserView
    is_new: bool


class UserService:
    """Everything the bot remembers about a user's settings and profile."""

    def __init__(self, db: Database, default_timezone: str) -> None:
        self.db = db
        self.default_timezone = default_timezone

    async def contact(self, user_id: int, language_code: str | None) -> Contact:
        """The user, created at first contact with the language of their Telegram app.

        A known user seen lately costs one read; otherwise a transaction creates the user
        or moves ``last_seen_at`` on.
        """
        async with self.db.statement() as connection:
            row = await quick.user_row(connection, user_id)
        if row is not None and seen_lately(row.last_seen_at, utcnow()):
            return Contact(UserView.of(row), is_new=False)
        async with self.db.uow() as uow:
            existing = await uow.users.get(user_id)
            user = await uow.users.get_or_create(
                user_id, normalize_language(language_code), self.default_timezone
            )
            return Contact(UserView.of(user), is_new=existing is None)

    async def get(self, user_id: int) -> UserView | None:
        """The user, or None when they never talked to the bot (or asked to be forgotten)."""
        async with self.db.statement() as connection:
            row = await quick.user_row(connection, user_id)
        return UserView.of(row) if row else None

    async def language_of(self, user_id: int, language_code: str | None) -> str:
        """The user's chosen language, or their app's language when they are not known yet."""
        known = await self.get(user_id)
        return known.language if known else normalize_language(language_code)

    async def set_language(self, user_id: int, language: str) -> UserView:
        """Remember the user's language (``fr`` or ``en``)."""
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        return await self._update(user_id, language=language)

    async def set_awaiting(self, user_id: int, what: str | None) -> None:
        """Remember (or clear, with None) which free-text input the bot waits for."""
        async with self.db.uow() as uow:
            user = await uow.users.get(user_id)
            if user is not None:
                await uow.users.set_awaiting(user, what)

    async def clear_awaiting(self, user_id: int) -> bool:
        """Forget any pending input; True when there was one."""
        async with self.db.uow() as uow:
            user = await uow.users.get(user_id)
            if user is None or user.awaiting is None:
                return False
            await uow.users.set_awaiting(user, None)
            return True

    async def set_org_name(self, user_id: int, name: str) -> UserView:
        """Store the organisation name (trimmed, at most 200 characters)."""
        cleaned = " ".join(name.split())
        if not cleaned or len(cleaned) > ORG_NAME_MAX:
            raise ValueError("organisation name empty or too long")
        return await self._update(user_id, org_name=cleaned)

    async def toggle_category(self, user_id: int, category: str) -> UserView:
        """Add or remove one action category of the profile."""
        if category not in ACTION_CATEGORIES:
            raise ValueError(f"unknown action category {category!r}")
        return await self._toggle(user_id, "action_categories", category, ACTION_CATEGORIES)

    async def toggle_situation(self, user_id: int, situation: str) -> UserView:
        """Add or remove one situation of the profile."""
        if situation not in SITUATIONS:
            raise ValueError(f"unknown situation {situation!r}")
        return await self._toggle(user_id, "situations", situation, SITUATIONS)

    async def set_certified_on(self, user_id: int, value: date | None) -> UserView:
        """Store (or clear) the date of the certification decision."""
        return await self._update(user_id, certified_on=value)

    async def finish_profile(self, user_id: int) -> UserView:
        """Mark the profile as done and stop waiting for input."""
        return await self._update(user_id, profile_done=True, awaiting=None, awaiting_since=None)

    async def _toggle(
        self, user_id: int, field: str, value: str, order: tuple[str, ...]
    ) -> UserView:
        async with self.db.uow() as uow:
            user = await self._require(uow, user_id)
            chosen = set(getattr(user, field) or ()) ^ {value}
            setattr(user, field, [item for item in order if item in chosen])
            return UserView.of(user)

    async def _update(self, user_id: int, **values: object) -> UserView:
        async with self.db.uow() as uow:
            user = await self._require(uow, user_id)
            for name, value in values.items():
                setattr(user, name, value)
            user.last_seen_at = utcnow()
            return UserView.of(user)

    @staticmethod
    async def _require(uow: UnitOfWork, user_id: int) -> User:
        user = await uow.users.get(user_id)
        if user is None:
            raise LookupError(f"user {user_id} does not exist")
        return user
