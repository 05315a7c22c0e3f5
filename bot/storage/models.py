"""Database tables: users, checklist runs and answers, reminders, deliveries, broadcasts,
question log with feedback."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.storage.types import UTCDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with stable constraint names for migrations."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class User(Base):
    """A Telegram user, their settings and their organisation profile."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    language: Mapped[str] = mapped_column(String(2), default="fr")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    org_name: Mapped[str | None] = mapped_column(String(200))
    action_categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    situations: Mapped[list[str]] = mapped_column(JSON, default=list)
    profile_done: Mapped[bool] = mapped_column(Boolean, default=False)
    certified_on: Mapped[date | None] = mapped_column(Date)
    surveillance_audit_on: Mapped[date | None] = mapped_column(Date)
    awaiting: Mapped[str | None] = mapped_column(String(120))
    awaiting_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChecklistRun(Base):
    """One pass of a user through a checklist."""

    __tablename__ = "checklist_runs"
    __table_args__ = (Index("ix_checklist_runs_user_status", "user_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    checklist_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="active")
    cursor_item: Mapped[str | None] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ChecklistAnswer(Base):
    """The answer to one checklist item; one row per (run, item), written when given."""

    __tablename__ = "checklist_answers"

    run_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_runs.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(8))
    note: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Reminder(Base):
    """A reminder subscription: audit milestones, or a daily or monthly message."""

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(16))
    time_of_day: Mapped[time] = mapped_column(Time, default=time(9, 0))
    day_of_month: Mapped[int | None] = mapped_column(SmallInteger)
    content: Mapped[str] = mapped_column(String(16), default="next")
    lead_days: Mapped[list[int]] = mapped_column(JSON, default=list)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Paris")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Broadcast(Base):
    """A message from an admin to all users or a segment."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_by: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text)
    segment: Mapped[str] = mapped_column(String(32), default="all")
    status: Mapped[str] = mapped_column(String(16), default="draft")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Delivery(Base):
    """The outbox and delivery log: one row per message to send, unique per occurrence."""

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(160), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    reminder_id: Mapped[int | None] = mapped_column(
        ForeignKey("reminders.id", ondelete="CASCADE"), index=True
    )
    broadcast_id: Mapped[int | None] = mapped_column(
        ForeignKey("broadcasts.id", ondelete="CASCADE"), index=True
    )
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(300))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Question(Base):
    """A question asked to the bot, how it was answered, and the user's feedback."""

    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    chat_type: Mapped[str] = mapped_column(String(16), default="private")
    text: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(2))
    outcome: Mapped[str] = mapped_column(String(16))
    entry_id: Mapped[str | None] = mapped_column(String(64))
    score: Mapped[float] = mapped_column(default=0.0)
    feedback: Mapped[int | None] = mapped_column(SmallInteger)
    feedback_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


USER_TABLES: tuple[type[Base], ...] = (
    User,
    ChecklistRun,
    ChecklistAnswer,
    Reminder,
    Delivery,
    Question,
)
"""Every table that holds rows about a user (checked after ``/forget``)."""
