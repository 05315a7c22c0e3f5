"""Reminders: the certification date, milestone lead times, daily and monthly messages.

Every change is written to the database and turned into delivery rows at once (see
:mod:`bot.services.reminder_plan`); :meth:`ReminderService.materialise` fills in the next
daily/monthly occurrences later on, and the delivery engine sends whatever is due.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from bot.core.milestones.compute import (
    Milestone,
    audit_date_problem,
    certification_date_problem,
    compute_schedule,
)
from bot.core.milestones.rules import MilestoneRules
from bot.core.schedule import LAST_DAY, is_known_timezone, zone
from bot.services.knowledge import KnowledgeHolder
from bot.services.reminder_content import ReminderContent
from bot.services.reminder_plan import (
    DEFAULT_LEAD_DAYS,
    LEAD_CHOICES,
    milestone_deliveries,
    recurring_deliveries,
)
from bot.services.reminder_views import ReminderError, ReminderSettings, ReminderView
from bot.storage.models import Reminder, User
from bot.storage.repositories.reminders import MILESTONES, MONTHLY, RECURRING_KINDS
from bot.storage.types import utcnow
from bot.storage.uow import Database, UnitOfWork

DEFAULT_TIME = time(9, 0)
CONTENTS: tuple[str, ...] = ("next", "tip")
SWEEP_EVERY = timedelta(seconds=30)


class ReminderService:
    """Reminder settings of each user, and the delivery rows that follow from them."""

    def __init__(
        self,
        db: Database,
        knowledge: KnowledgeHolder,
        default_timezone: str = "Europe/Paris",
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.knowledge = knowledge
        self.default_timezone = default_timezone
        self.clock = clock
        self.content = ReminderContent(db, knowledge)
        self._last_sweep: datetime | None = None

    @property
    def rules(self) -> MilestoneRules:
        """The milestone rules of the knowledge in use."""
        return self.knowledge.base.milestones

    # --- reading -------------------------------------------------------------------------

    async def settings(self, user_id: int) -> ReminderSettings | None:
        """The user's reminder settings, or None when the user is unknown."""
        async with self.db.uow() as uow:
            user = await uow.users.get(user_id)
            if user is None:
                return None
            return self._view(user, await uow.reminders.for_user(user_id))

    def schedule(self, settings: ReminderSettings) -> tuple[Milestone, ...]:
        """The user's milestones (empty without a certification date)."""
        if settings.certified_on is None:
            return ()
        return compute_schedule(self.rules, settings.certified_on, settings.surveillance_audit_on)

    def today(self, settings: ReminderSettings) -> date:
        """Today in the user's time zone."""
        return self.clock().astimezone(zone(settings.timezone)).date()

    async def calendar(self, user_id: int, name: str) -> bytes | None:
        """The user's milestones as an ``.ics`` file, or None without a certification date."""
        from bot.core.ics import milestones_calendar  # icalendar loads on first use (~3 MB)

        settings = await self.settings(user_id)
        if settings is None or settings.certified_on is None:
            return None
        return milestones_calendar(
            self.schedule(settings),
            lang=settings.language,
            certified_on=settings.certified_on,
            now=self.clock(),
            name=name,
        )

    # --- changing ------------------------------------------------------------------------

    async def set_certification(
        self, user_id: int, chat_id: int, certified_on: date
    ) -> ReminderSettings:
        """Store the certification date (clearing a surveillance audit date that no longer
        fits) and plan milestone reminders, with the default lead times the first time.

        Raises :class:`ReminderError` ``expired`` for a certificate already over.
        """
        today = self.clock().astimezone(zone(self.default_timezone)).date()
        if problem := certification_date_problem(self.rules, certified_on, today):
            raise ReminderError(problem)
        async with self.db.uow() as uow:
            user = await self._user(uow, user_id)
            user.certified_on = certified_on
            held = user.surveillance_audit_on
            if held and audit_date_problem(self.rules, certified_on, held, self._today(user)):
                user.surveillance_audit_on = None
            reminder = await uow.reminders.of_kind(user_id, MILESTONES)
            if reminder is None:
                reminder = await uow.reminders.add(
                    self._new(user, chat_id, MILESTONES, lead_days=list(DEFAULT_LEAD_DAYS))
                )
            await self._replan(uow, user, reminder)
            return self._view(user, await uow.reminders.for_user(user_id))

    async def set_surveillance_audit(self, user_id: int, held_on: date | None) -> ReminderSettings:
        """Store (or clear) the date the surveillance audit was held.

        Raises :class:`ReminderError` (``no_date``, ``before_certification``, ``in_future``,
        ``before_window``).
        """
        async with self.db.uow() as uow:
            user = await self._user(uow, user_id)
            if user.certified_on is None:
                raise ReminderError("no_date")
            if held_on is not None and (
                problem := audit_date_problem(
                    self.rules, user.certified_on, held_on, self._today(user)
                )
            ):
                raise ReminderError(problem)
            user.surveillance_audit_on = held_on
            await self._replan_milestones(uow, user)
            return self._view(user, await uow.reminders.for_user(user_id))

    async def refresh_milestones(self, user_id: int) -> None:
        """Plan the milestone reminders again (call after changing ``users.certified_on``
        elsewhere, e.g. in ``/profile``)."""
        async with self.db.uow() as uow:
            user = await uow.users.get(user_id)
            if user is not None:
                await self._replan_milestones(uow, user)

    async def toggle_lead(self, user_id: int, chat_id: int, lead: int) -> ReminderSettings:
        """Add or remove one lead time (days before a milestone)."""
        if lead not in LEAD_CHOICES:
            raise ReminderError("bad_lead")
        async with self.db.uow() as uow:
            user = await self._user(uow, user_id)
            reminder = await uow.reminders.of_kind(user_id, MILESTONES)
            if reminder is None:
                reminder = await uow.reminders.add(self._new(user, chat_id, MILESTONES))
            reminder.lead_days = sorted(set(reminder.lead_days or ()) ^ {lead}, reverse=True)
            reminder.updated_at = self.clock()
            await self._replan(uow, user, reminder)
            return self._view(user, await uow.reminders.for_user(user_id))

    async def subscribe(
        self,
        user_id: int,
        chat_id: int,
        kind: str,
        *,
        at: time | None = None,
        day_of_month: int | None = None,
        content: str | None = None,
    ) -> ReminderSettings:
        """Create or change the daily or monthly reminder (only the given fields change)."""
        if kind not in RECURRING_KINDS:
            raise ReminderError("bad_kind")
        if content is not None and content not in CONTENTS:
            raise ReminderError("bad_content")
        if day_of_month is not None and not (day_of_month == LAST_DAY or 1 <= day_of_month <= 31):
            raise ReminderError("bad_day")
        async with self.db.uow() as uow:
            user = await self._user(uow, user_id)
            reminder = await uow.reminders.of_kind(user_id, kind)
            if reminder is None:
                reminder = await uow.reminders.add(
                    self._new(user, chat_id, kind, day_of_month=1 if kind == MONTHLY else None)
                )
            if at is not None:
                reminder.time_of_day = at
            if day_of_month is not None and kind == MONTHLY:
                reminder.day_of_month = day_of_month
            if content is not None:
                reminder.content = content
            reminder.active = True
            reminder.updated_at = self.clock()
            await self._replan(uow, user, reminder)
            return self._view(user, await uow.reminders.for_user(user_id))

    async def turn_off(self, user_id: int, kind: str) -> ReminderSettings:
        """Stop one kind of reminder, keeping its settings for when it is turned on again."""
        async with self.db.uow() as uow:
            user = await self._user(uow, user_id)
            reminder = await uow.reminders.of_kind(user_id, kind)
            if reminder is not None:
                reminder.active = False
                reminder.updated_at = self.clock()
                await self._replan(uow, user, reminder)
            return self._view(user, await uow.reminders.for_user(user_id))

    async def set_milestone_time(self, user_id: int, chat_id: int, at: time) -> ReminderSettings:
        """The time of day milestone reminders are sent at."""
        async with self.db.uow() as uow:
            user = await self._user(uow, user_id)
            reminder = await uow.reminders.of_kind(user_id, MILESTONES)
            if reminder is None:
                reminder = await uow.reminders.add(
                    self._new(user, chat_id, MILESTONES, lead_days=list(DEFAULT_LEAD_DAYS))
                )
            reminder.time_of_day = at
            reminder.updated_at = self.clock()
            await self._replan(uow, user, reminder)
            return self._view(user, await uow.reminders.for_user(user_id))

    async def set_timezone(self, user_id: int, timezone: str) -> ReminderSettings:
        """The user's time zone, for every reminder. Raises ``bad_timezone``."""
        if not is_known_timezone(timezone):
            raise ReminderError("bad_timezone")
        async with self.db.uow() as uow:
            user = await self._user(uow, user_id)
            user.timezone = timezone
            for reminder in await uow.reminders.for_user(user_id):
                reminder.timezone = timezone
                await self._replan(uow, user, reminder)
            return self._view(user, await uow.reminders.for_user(user_id))

    async def set_active(self, user_id: int, active: bool) -> ReminderSettings:
        """Pause (drop pending occurrences) or resume every reminder of the user (like every
        change, this clears a "bot blocked" mark: the user is talking to us again)."""
        async with self.db.uow() as uow:
            user = await self._user(uow, user_id)
            for reminder in await uow.reminders.for_user(user_id):
                reminder.active = active
                reminder.updated_at = self.clock()
                await self._replan(uow, user, reminder)
            return self._view(user, await uow.reminders.for_user(user_id))

    async def delete(self, user_id: int, kind: str | None = None) -> ReminderSettings:
        """Delete one kind of reminder, or all of them (and their occurrences)."""
        async with self.db.uow() as uow:
            user = await self._user(uow, user_id)
            kept = []
            for reminder in await uow.reminders.for_user(user_id):
                if kind is None or reminder.kind == kind:
                    await uow.reminders.delete(reminder)
                else:
                    kept.append(reminder)
            return self._view(user, kept)

    # --- planning ------------------------------------------------------------------------

    async def materialise(self, *, force: bool = False) -> int:
        """Add the next occurrence of every daily/monthly reminder that has none ahead
        (and those missed during a downtime). Runs at most every 30 s unless ``force``."""
        now = self.clock()
        if not force and self._last_sweep and now - self._last_sweep < SWEEP_EVERY:
            return 0
        self._last_sweep = now
        async with self.db.uow() as uow:
            found = await uow.reminders.recurring_without_future(now)
            rows = []
            for reminder, last_due in found:
                rows += recurring_deliveries(reminder, last_due, reminder.updated_at, now)
            return await uow.deliveries.add_many(rows)

    async def _replan_milestones(self, uow: UnitOfWork, user: User) -> None:
        reminder = await uow.reminders.of_kind(user.id, MILESTONES)
        if reminder is not None:
            await self._replan(uow, user, reminder)

    async def _replan(self, uow: UnitOfWork, user: User, reminder: Reminder) -> None:
        """Drop the reminder's pending occurrences and plan them again from its settings."""
        await uow.session.flush()
        await uow.deliveries.delete_pending(reminder.id)
        if not reminder.active or user.blocked_at is not None:
            return
        now = self.clock()
        if reminder.kind == MILESTONES:
            if user.certified_on is None:
                return
            schedule = compute_schedule(self.rules, user.certified_on, user.surveillance_audit_on)
            rows = milestone_deliveries(reminder, schedule, user.certified_on, now)
        else:
            rows = recurring_deliveries(reminder, None, now, now)
        await uow.deliveries.add_many(rows)

    # --- helpers -------------------------------------------------------------------------

    def _today(self, user: User) -> date:
        return self.clock().astimezone(zone(user.timezone)).date()

    def _new(self, user: User, chat_id: int, kind: str, **values: object) -> Reminder:
        now = self.clock()
        fields: dict[str, object] = {
            "user_id": user.id,
            "chat_id": chat_id,
            "kind": kind,
            "time_of_day": DEFAULT_TIME,
            "content": "next",
            "lead_days": [],
            "timezone": user.timezone or self.default_timezone,
            "active": True,
            "created_at": now,
            "updated_at": now,
        }
        fields.update(values)
        return Reminder(**fields)

    @staticmethod
    async def _user(uow: UnitOfWork, user_id: int) -> User:
        """The user making a change; they are talking to us, so no longer "blocked"."""
        user = await uow.users.get(user_id)
        if user is None:
            raise LookupError(f"user {user_id} does not exist")
        user.blocked_at = None
        return user

    @staticmethod
    def _view(user: User, reminders: list[Reminder]) -> ReminderSettings:
        return ReminderSettings(
            user_id=user.id,
            language=user.language,
            timezone=user.timezone,
            certified_on=user.certified_on,
            surveillance_audit_on=user.surveillance_audit_on,
            blocked=user.blocked_at is not None,
            reminders=tuple(ReminderView.of(r) for r in reminders),
        )
