"""What a reminder says, worked out just before it is sent so that it is current.

The preparer fills ``Outgoing.content`` with plain data (titles in the user's language, dates
as ISO strings, counts); the Telegram renderer turns it into a message. A milestone reminder
whose milestone moved or was done since it was planned is skipped, not sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.core.knowledge.base import KnowledgeBase
from bot.core.milestones.compute import Milestone, compute_schedule, next_milestone
from bot.core.schedule import zone
from bot.services.delivery import SUMMARY_KIND, Outgoing
from bot.services.knowledge import KnowledgeHolder
from bot.services.reminder_plan import MILESTONE_KIND, RECURRING_KIND
from bot.storage.models import Reminder, User
from bot.storage.repositories.reminders import RunProgress
from bot.storage.uow import Database

TIP = "tip"
OPEN_ITEMS_SHOWN = 3
TIP_MAX_CHARS = 700
OBSOLETE = "obsolete: the milestone moved, was done, or reminders were turned off"


def milestone_content(milestone: Milestone, lang: str, today: date) -> dict[str, Any]:
    """A milestone as plain data in ``lang``, with the days left from ``today``."""
    return {
        "id": milestone.id,
        "title": milestone.title.get(lang),
        "kind": milestone.kind,
        "start": milestone.start.isoformat(),
        "end": milestone.end.isoformat(),
        "days": (milestone.start - today).days,
        "note": milestone.note.get(lang) if milestone.note else None,
        "source": milestone.source,
    }


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    paragraph = cut.rfind("\n\n")
    return (cut[:paragraph] if paragraph > limit // 2 else cut.rsplit(" ", 1)[0]) + " …"


def tip_of_the_day(base: KnowledgeBase, user_id: int, day: date, lang: str) -> dict[str, Any]:
    """A knowledge entry that changes every day and differs between users."""
    entries = sorted(base.entries, key=lambda entry: entry.id)
    if not entries:
        return {}
    entry = entries[(day.toordinal() + user_id) % len(entries)]
    return {
        "id": entry.id,
        "title": entry.title.get(lang),
        "answer": _shorten(entry.answer.get(lang), TIP_MAX_CHARS),
    }


def checklist_content(
    base: KnowledgeBase, runs: list[RunProgress], lang: str
) -> list[dict[str, Any]]:
    """Open items of each checklist in progress: how many are left, and the first few."""
    found = []
    for run in runs:
        checklist = base.checklist(run.checklist_id)
        if checklist is None:
            continue
        unanswered = [item for item in checklist.items if item.id not in run.answers]
        to_fix = [i for i in checklist.items if run.answers.get(i.id) in ("no", "partly")]
        found.append(
            {
                "id": checklist.id,
                "title": checklist.title.get(lang),
                "total": len(checklist.items),
                "unanswered": len(unanswered),
                "to_fix": len(to_fix),
                "items": [i.text.get(lang) for i in (to_fix + unanswered)[:OPEN_ITEMS_SHOWN]],
            }
        )
    return found


@dataclass(slots=True)
class _Context:
    base: KnowledgeBase
    users: dict[int, User]
    reminders: dict[int, Reminder]
    runs: dict[int, list[RunProgress]]
    now: datetime

    def today(self, user: User) -> date:
        return self.now.astimezone(zone(user.timezone)).date()

    def schedule(self, user: User) -> tuple[Milestone, ...]:
        if user.certified_on is None:
            return ()
        return compute_schedule(self.base.milestones, user.certified_on, user.surveillance_audit_on)


class ReminderContent:
    """The preparer of ``milestone``, ``reminder`` and ``summary`` messages."""

    kinds: tuple[str, ...] = (MILESTONE_KIND, RECURRING_KIND, SUMMARY_KIND)

    def __init__(self, db: Database, knowledge: KnowledgeHolder) -> None:
        self.db = db
        self.knowledge = knowledge

    async def prepare(self, messages: Sequence[Outgoing], now: datetime) -> None:
        """Fill each message's content, or mark it skipped when it no longer applies."""
        user_ids = sorted({m.user_id for m in messages})
        reminder_ids = sorted({m.reminder_id for m in messages if m.reminder_id is not None})
        wants_checklists = sorted({m.user_id for m in messages if m.kind == RECURRING_KIND})
        async with self.db.uow() as uow:
            context = _Context(
                base=self.knowledge.base,
                users=await uow.reminders.users(user_ids),
                reminders=await uow.reminders.by_ids(reminder_ids) if reminder_ids else {},
                runs=await uow.reminders.open_runs(wants_checklists) if wants_checklists else {},
                now=now,
            )
        for message in messages:
            user = context.users.get(message.user_id)
            if user is None:
                message.skip = "the user is gone"
                continue
            lang = user.language
            message.content = {"lang": lang, "today": context.today(user).isoformat()}
            if message.kind == MILESTONE_KIND:
                self._milestone(message, user, context)
            elif message.kind == RECURRING_KIND:
                self._recurring(message, user, context)
            else:
                self._summary(message, user, context)

    def _milestone(self, message: Outgoing, user: User, context: _Context) -> None:
        payload = message.payload
        reminder = context.reminders.get(message.reminder_id or 0)
        by_id = {m.id: m for m in context.schedule(user)}
        milestone = by_id.get(str(payload.get("milestone")))
        edge_day = None
        if milestone is not None:
            edge_day = milestone.end if payload.get("edge") == "end" else milestone.start
        if (
            reminder is None
            or not reminder.active
            or milestone is None
            or milestone.done_on is not None
            or edge_day is None
            or edge_day.isoformat() != payload.get("date")
        ):
            message.skip = OBSOLETE
            return
        today = context.today(user)
        message.content |= {
            "milestone": milestone_content(milestone, user.language, today),
            "edge": payload.get("edge", "start"),
            "days_left": (edge_day - today).days,
        }

    def _recurring(self, message: Outgoing, user: User, context: _Context) -> None:
        reminder = context.reminders.get(message.reminder_id or 0)
        if reminder is None or not reminder.active:
            message.skip = OBSOLETE
            return
        message.content |= self._body(reminder.content, reminder.kind, user, context)

    def _body(self, content: str, kind: str, user: User, context: _Context) -> dict[str, Any]:
        lang, today = user.language, context.today(user)
        if content == TIP:
            return {
                "reminder": kind,
                "content": TIP,
                "tip": tip_of_the_day(context.base, user.id, today, lang),
            }
        upcoming = next_milestone(context.schedule(user), today)
        return {
            "reminder": kind,
            "content": "next",
            "has_date": user.certified_on is not None,
            "next": milestone_content(upcoming, lang, today) if upcoming else None,
            "checklists": checklist_content(context.base, context.runs.get(user.id, []), lang),
        }

    def _summary(self, message: Outgoing, user: User, context: _Context) -> None:
        lang = user.language
        schedule = {m.id: m for m in context.schedule(user)}
        items = []
        for item in message.payload.get("items", []):
            entry: dict[str, Any] = {"kind": item.get("kind"), "due_at": item.get("due_at")}
            if item.get("kind") == MILESTONE_KIND:
                milestone = schedule.get(str(item.get("milestone")))
                entry |= {
                    "title": milestone.title.get(lang) if milestone else None,
                    "date": item.get("date"),
                    "edge": item.get("edge"),
                    "lead": item.get("lead"),
                }
            else:
                entry |= {"reminder": item.get("reminder"), "local_date": item.get("local_date")}
            items.append(entry)
        upcoming = next_milestone(tuple(schedule.values()), context.today(user))
        message.content |= {
            "items": items,
            "count": int(message.payload.get("count", len(items))),
            "next": milestone_content(upcoming, lang, context.today(user)) if upcoming else None,
        }
