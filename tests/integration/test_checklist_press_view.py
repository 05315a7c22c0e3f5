"""What a checklist press shows is the run as stored: another bot instance reading the run
right after the press sees the same step, revision, answer and progress."""

from __future__ import annotations

from pathlib import Path

from bot.services.checklist_views import RunView
from bot.services.checklists import ChecklistService
from bot.services.knowledge import KnowledgeHolder
from bot.storage.uow import Database

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
TRAINER = 611


def shown(view: RunView) -> tuple:
    """What the user sees of a run, and what its buttons carry."""
    item = view.item.id if view.item else None
    return (view.revision, view.status, view.step, item, view.answer, view.note, view.answered)


async def test_each_press_shows_the_stored_run(database: Database, database_url: str) -> None:
    knowledge = KnowledgeHolder(KNOWLEDGE_DIR)
    async with database.uow() as uow:
        user = await uow.users.get_or_create(TRAINER, "fr", "Europe/Paris")
        user.action_categories = ["training"]
        user.profile_done = True
    service = ChecklistService(database, knowledge)
    other = ChecklistService(Database(database_url), knowledge)
    try:
        view = await service.start(TRAINER, "training-documents")
        assert shown(view) == shown(await other.view(TRAINER, view.run_id))
        press = await service.answer(TRAINER, view.run_id, view.item.id, view.revision, "yes")
        assert press.view.item.id != view.item.id
        assert shown(press.view) == shown(await other.view(TRAINER, view.run_id))
        press = await service.back(TRAINER, view.run_id, press.view.item.id, press.view.revision)
        assert press.view.answer == "yes"
        assert shown(press.view) == shown(await other.view(TRAINER, view.run_id))
        press = await service.pause(TRAINER, view.run_id, press.view.revision)
        assert press.view.step == "paused"
        assert shown(press.view) == shown(await other.view(TRAINER, view.run_id))
        resumed = await service.resume(TRAINER, view.run_id)
        assert resumed.step == "item"
        assert shown(resumed) == shown(await other.view(TRAINER, view.run_id))
    finally:
        await other.db.close()
