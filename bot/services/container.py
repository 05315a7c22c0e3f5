"""The ready-to-use services, built once at start-up and shared by every handler."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings
from bot.services.admin import AdminService
from bot.services.answers import AnswerService
from bot.services.checklists import ChecklistService
from bot.services.knowledge import KnowledgeHolder
from bot.services.privacy import PrivacyService
from bot.services.reminders import ReminderService
from bot.services.users import UserService
from bot.storage.uow import Database


@dataclass
class Services:
    """Settings, database, knowledge and one service object per feature."""

    settings: Settings
    db: Database
    knowledge: KnowledgeHolder
    answers: AnswerService
    users: UserService
    privacy: PrivacyService
    reminders: ReminderService
    checklists: ChecklistService
    admin: AdminService

    async def close(self) -> None:
        """Release the database connections."""
        await self.db.close()


async def create_services(settings: Settings) -> Services:
    """Open and migrate the database, load the knowledge, and build every service.

    Raises :class:`bot.services.knowledge.KnowledgeError` when the knowledge is invalid.
    """
    db = Database(settings.database_url)
    try:
        await db.upgrade()
        knowledge = KnowledgeHolder(settings.knowledge_dir)
    except BaseException:
        await db.close()
        raise
    return Services(
        settings=settings,
        db=db,
        knowledge=knowledge,
        answers=AnswerService(db, knowledge),
        users=UserService(db, settings.timezone),
        privacy=PrivacyService(db),
        reminders=ReminderService(db, knowledge, settings.timezone),
        checklists=ChecklistService(db, knowledge),
        admin=AdminService(db, settings.question_retention_days),
    )
