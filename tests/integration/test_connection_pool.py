"""The connection pool under bursts, on SQLite and PostgreSQL: a burst of users waits for the
pool's connections instead of opening new ones, and a burst larger than the pool completes."""

from __future__ import annotations

import asyncio

from sqlalchemy import event

from bot.services.checklists import ChecklistService
from bot.services.users import UserService
from bot.storage.uow import Database
from tests.integration.test_checklist_repository import add_user, knowledge

BURST = 120


def count_connections(db: Database) -> list[int]:
    """A one-item list counting the connections the engine opens from now on."""
    opened = [0]

    @event.listens_for(db.engine.sync_engine, "connect")
    def _opened(*_: object) -> None:
        opened[0] += 1

    return opened


async def test_bursts_reuse_the_pool_instead_of_opening_connections(database: Database) -> None:
    users = UserService(database, "Europe/Paris")
    ids = range(7000, 7000 + BURST)
    await asyncio.gather(*(users.contact(user_id, "fr") for user_id in ids))
    opened = count_connections(database)

    for _ in range(3):
        contacts = await asyncio.gather(*(users.contact(user_id, "fr") for user_id in ids))
        assert [contact.user.id for contact in contacts] == list(ids)

    assert opened[0] == 0


async def test_a_burst_of_presses_larger_than_the_pool_completes(database: Database) -> None:
    service = ChecklistService(database, knowledge())
    ids = range(8000, 8000 + BURST)
    for user_id in ids:
        await add_user(database, user_id)
    views = await asyncio.gather(*(service.start(user_id, "accessibility") for user_id in ids))

    presses = await asyncio.wait_for(
        asyncio.gather(
            *(
                service.answer(user_id, view.run_id, view.item.id, view.revision, "yes")
                for user_id, view in zip(ids, views, strict=True)
            )
        ),
        timeout=60,
    )

    assert all(press.applied for press in presses)
    assert {press.view.position for press in presses} == {2}
