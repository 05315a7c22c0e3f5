"""Checklist runs in the database, on SQLite and PostgreSQL: every answer is kept, a press
applies once, two bot instances on one database neither lose nor cross answers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.services.checklists import ChecklistService
from bot.services.knowledge import KnowledgeHolder
from bot.storage.models import ChecklistAnswer, ChecklistRun
from bot.storage.uow import Database

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
TRAINER = 501


@cache
def knowledge() -> KnowledgeHolder:
    return KnowledgeHolder(KNOWLEDGE_DIR)


async def add_user(
    db: Database,
    user_id: int,
    categories: list[str] | None = None,
    situations: list[str] | None = None,
    profile_done: bool = True,
) -> None:
    async with db.uow() as uow:
        user = await uow.users.get_or_create(user_id, "fr", "Europe/Paris")
        user.action_categories = categories if categories is not None else ["training"]
        user.situations = situations or []
        user.profile_done = profile_done


@pytest.fixture
async def service(database: Database) -> ChecklistService:
    await add_user(database, TRAINER)
    return ChecklistService(database, knowledge())


@pytest.fixture
async def second_instance(database_url: str, database: Database) -> AsyncIterator[ChecklistService]:
    """Another bot instance: its own engine and connections on the same database."""
    other = Database(database_url)
    yield ChecklistService(other, knowledge())
    await other.close()


async def stored_answers(db: Database, run_id: int, user_id: int = TRAINER) -> dict[str, str]:
    async with db.uow() as uow:
        record = await uow.checklists.read(run_id, user_id)
    return record.answers


async def test_each_answer_is_stored_and_the_run_moves_on(service: ChecklistService) -> None:
    view = await service.start(TRAINER, "training-documents")
    assert (view.step, view.item.id, view.position) == ("item", "programme", 1)
    press = await service.answer(TRAINER, view.run_id, "programme", view.revision, "yes")
    assert press.applied and not press.finished
    assert press.view.item.id == "pre-information"
    assert press.view.answered == 1
    assert await stored_answers(service.db, view.run_id) == {"programme": "yes"}


async def test_a_new_instance_resumes_at_the_exact_next_item(
    service: ChecklistService, second_instance: ChecklistService
) -> None:
    view = await service.start(TRAINER, "training-documents")
    for value in ("yes", "no", "partly"):
        view = (await service.answer(TRAINER, view.run_id, view.item.id, view.revision, value)).view
    assert view.item.id == "needs"
    [status] = [s for s in await second_instance.overview(TRAINER) if s.run_id]
    assert (status.checklist.id, status.answered, status.status) == (
        "training-documents",
        3,
        "active",
    )
    resumed = await second_instance.resume(TRAINER, view.run_id)
    assert (resumed.item.id, resumed.position, resumed.answered) == ("needs", 4, 3)


async def test_a_double_press_is_applied_once(service: ChecklistService) -> None:
    view = await service.start(TRAINER, "training-documents")
    first = await service.answer(TRAINER, view.run_id, "programme", view.revision, "no")
    again = await service.answer(TRAINER, view.run_id, "programme", view.revision, "no")
    assert first.applied and not again.applied
    assert again.view.item.id == "pre-information", "the second press shows where the run is"
    assert again.view.revision == first.view.revision


async def test_a_button_of_an_old_message_changes_nothing(service: ChecklistService) -> None:
    view = await service.start(TRAINER, "training-documents")
    moved = (await service.answer(TRAINER, view.run_id, "programme", view.revision, "yes")).view
    moved = (await service.answer(TRAINER, view.run_id, moved.item.id, moved.revision, "yes")).view
    old = await service.answer(TRAINER, view.run_id, "programme", view.revision, "no")
    assert not old.applied
    assert await stored_answers(service.db, view.run_id) == {
        "programme": "yes",
        "pre-information": "yes",
    }


async def test_another_users_run_cannot_be_touched(service: ChecklistService) -> None:
    await add_user(service.db, 502)
    view = await service.start(TRAINER, "training-documents")
    assert await service.answer(502, view.run_id, "programme", view.revision, "no") is None
    assert await service.resume(502, view.run_id) is None
    assert await stored_answers(service.db, view.run_id) == {}


async def test_concurrent_presses_on_two_instances_apply_exactly_once(
    service: ChecklistService, second_instance: ChecklistService
) -> None:
    view = await service.start(TRAINER, "training-documents")
    presses = [
        instance.answer(TRAINER, view.run_id, "programme", view.revision, value)
        for instance, value in [(service, "yes"), (second_instance, "no")] * 4
    ]
    results = await asyncio.gather(*presses)
    winners = [press for press in results if press.applied]
    assert len(winners) == 1
    stored = await stored_answers(service.db, view.run_id)
    assert list(stored) == ["programme"]
    assert stored["programme"] in ("yes", "no")
    async with service.db.uow() as uow:
        run = await uow.checklists.run(view.run_id, TRAINER)
    assert (run.revision, run.cursor_item) == (view.revision + 1, "pre-information")


async def test_two_instances_never_cross_the_answers_of_two_users(
    service: ChecklistService, second_instance: ChecklistService
) -> None:
    await add_user(service.db, 502, ["skills-assessment"])

    async def run_through(instance: ChecklistService, user_id: int, value: str) -> int:
        view = await instance.start(user_id, "accessibility")
        run_id = view.run_id
        while view.step == "item":
            press = await instance.answer(user_id, run_id, view.item.id, view.revision, value)
            view = press.view
        return run_id

    first, second = await asyncio.gather(
        run_through(service, TRAINER, "yes"), run_through(second_instance, 502, "no")
    )
    assert set((await stored_answers(service.db, first)).values()) == {"yes"}
    assert set((await stored_answers(service.db, second, 502)).values()) == {"no"}


async def test_back_keeps_the_answer_and_a_new_answer_replaces_it(
    service: ChecklistService,
) -> None:
    view = await service.start(TRAINER, "training-documents")
    view = (await service.answer(TRAINER, view.run_id, "programme", view.revision, "no")).view
    back = await service.back(TRAINER, view.run_id, view.item.id, view.revision)
    assert back.applied and back.view.item.id == "programme" and back.view.answer == "no"
    again = await service.answer(TRAINER, view.run_id, "programme", back.view.revision, "yes")
    assert again.view.item.id == "pre-information"
    assert await stored_answers(service.db, view.run_id) == {"programme": "yes"}


async def test_a_note_is_kept_with_the_answer(service: ChecklistService) -> None:
    view = await service.start(TRAINER, "training-documents")
    assert (await service.note_target(TRAINER, view.run_id, "programme")).id == "programme"
    noted = await service.save_note(TRAINER, view.run_id, "programme", "  En cours de refonte ")
    assert noted.note == "En cours de refonte" and noted.answer == "skip"
    assert noted.revision == view.revision, "a note does not move the run"
    await service.answer(TRAINER, view.run_id, "programme", view.revision, "partly")
    results = await service.results(TRAINER, view.run_id)
    assert results.answers["programme"] == "partly"
    assert results.notes == {"programme": "En cours de refonte"}
    with pytest.raises(ValueError):
        await service.save_note(TRAINER, view.run_id, "programme", "x" * 1001)


async def test_pause_then_resume(service: ChecklistService) -> None:
    view = await service.start(TRAINER, "training-documents")
    paused = await service.pause(TRAINER, view.run_id, view.revision)
    assert paused.applied and paused.view.step == "paused"
    stale = await service.answer(TRAINER, view.run_id, "programme", view.revision, "yes")
    assert not stale.applied
    resumed = await service.start(TRAINER, "training-documents")
    assert (resumed.run_id, resumed.step, resumed.item.id) == (view.run_id, "item", "programme")


async def test_restart_archives_the_run_once(service: ChecklistService) -> None:
    view = await service.start(TRAINER, "training-documents")
    await service.answer(TRAINER, view.run_id, "programme", view.revision, "yes")
    fresh = await service.restart(TRAINER, view.run_id)
    again = await service.restart(TRAINER, view.run_id)
    assert fresh.run_id != view.run_id and again.run_id == fresh.run_id
    assert (fresh.item.id, fresh.answered) == ("programme", 0)
    async with service.db.uow() as uow:
        statuses = await uow.session.scalars(
            select(ChecklistRun.status).where(ChecklistRun.user_id == TRAINER)
        )
        assert sorted(statuses) == ["abandoned", "active"]


async def test_missing_profile_is_asked_first(service: ChecklistService) -> None:
    await add_user(service.db, 503, categories=[], profile_done=False)
    view = await service.start(503, "self-assessment")
    assert view.step == "categories"
    refused = await service.confirm_profile(503, view.run_id, view.revision)
    assert not refused.applied and refused.problem == "no_category"
    ticked = await service.set_profile(503, view.run_id, view.revision, "c", "training", True)
    assert ticked.view.profile.categories == {"training"}
    asked = await service.confirm_profile(503, view.run_id, ticked.view.revision)
    assert asked.view.step == "situations"
    certifying = await service.set_profile(
        503, view.run_id, asked.view.revision, "s", "certifying", True
    )
    first = await service.confirm_profile(503, view.run_id, certifying.view.revision)
    assert (first.view.step, first.view.item.id) == ("item", "i1")
    assert (first.view.plan.total, first.view.plan.left_out) == (25, 7)
    async with service.db.uow() as uow:
        user = await uow.users.get(503)
        assert (user.action_categories, user.situations) == (["training"], ["certifying"])


async def test_finishing_gives_results_and_report_files(service: ChecklistService) -> None:
    view = await service.start(TRAINER, "accessibility")
    values = iter(["yes", "no", "partly", "na", "skip"] * 5)
    while view.step == "item":
        press = await service.answer(
            TRAINER, view.run_id, view.item.id, view.revision, next(values)
        )
        view = press.view
    assert press.finished and view.step == "done"
    results = await service.results(TRAINER, view.run_id)
    assert results.status == "completed"
    assert results.score.overall.total == results.plan.total
    assert {g.value for g in results.score.gaps} == {"no", "partly"}
    reopened = await service.start(TRAINER, "accessibility")
    assert (reopened.run_id, reopened.step) == (view.run_id, "done"), "finished stays finished"
    files = await service.report(results, "fr")
    assert files.pdf.startswith(b"%PDF") and files.chart_png.startswith(b"\x89PNG")
    async with service.db.uow() as uow:
        count = await uow.session.scalar(
            select(func.count())
            .select_from(ChecklistAnswer)
            .where(ChecklistAnswer.run_id == view.run_id)
        )
    assert count == results.plan.total


@pytest.mark.parametrize(
    "checklist_id",
    ["self-assessment", "initial-audit", "surveillance-audit", "training-documents",
     "accessibility"],
)  # fmt: skip
async def test_every_checklist_runs_to_the_end(database: Database, checklist_id: str) -> None:
    await add_user(database, 504, ["training", "apprenticeship"], ["new-entrant", "certifying"])
    service = ChecklistService(database, knowledge())
    view = await service.start(504, checklist_id)
    answered = 0
    while view.step == "item":
        press = await service.answer(504, view.run_id, view.item.id, view.revision, "yes")
        view, answered = press.view, answered + 1
    results = await service.results(504, view.run_id)
    assert view.step == "done" and results.status == "completed"
    assert answered == results.plan.total > 5
    assert results.score.overall.readiness == 100
