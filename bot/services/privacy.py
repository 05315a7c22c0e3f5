"""The user's rights: see everything stored about them, and have it all deleted."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, Table, select, update

from bot.storage.models import USER_TABLES, Base, Broadcast, User
from bot.storage.types import utcnow
from bot.storage.uow import Database

EXPORT_FORMAT = 1


def _json_ready(value: Any) -> Any:
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    return value


def _owned_rows(table: Table, user_id: int) -> ColumnElement[bool]:
    """The condition selecting the rows of ``table`` that are about the user."""
    if table is User.__table__:
        return table.c.id == user_id
    if "user_id" in table.c:
        return table.c.user_id == user_id
    for foreign_key in table.foreign_keys:
        parent = foreign_key.column.table
        if "user_id" in parent.c:
            owned_ids = select(foreign_key.column).where(parent.c.user_id == user_id)
            return foreign_key.parent.in_(owned_ids)
    raise TypeError(f"cannot tell which rows of {table.name} belong to a user")


class PrivacyService:
    """Export and erasure across every table listed in ``USER_TABLES``."""

    def __init__(self, db: Database, tables: tuple[type[Base], ...] = USER_TABLES) -> None:
        self.db = db
        self.tables = tables

    async def export(self, user_id: int) -> dict[str, Any] | None:
        """Every row about the user, table by table, JSON-ready; None for an unknown user."""
        data: dict[str, Any] = {"format": EXPORT_FORMAT, "exported_at": utcnow().isoformat()}
        async with self.db.uow() as uow:
            if await uow.users.get(user_id) is None:
                return None
            for model in self.tables:
                table: Table = model.__table__  # type: ignore[assignment]
                query = select(table).where(_owned_rows(table, user_id))
                rows = (await uow.session.execute(query.order_by(*table.primary_key))).all()
                data[table.name] = [
                    {key: _json_ready(value) for key, value in row._mapping.items()} for row in rows
                ]
            written = select(Broadcast.__table__).where(Broadcast.created_by == user_id)
            rows = (await uow.session.execute(written.order_by(Broadcast.id))).all()
            data["broadcasts_written"] = [
                {key: _json_ready(value) for key, value in row._mapping.items()} for row in rows
            ]
        return data

    async def forget(self, user_id: int) -> bool:
        """Delete the user; every other row about them goes by cascade (reminders included),
        and broadcasts they wrote as an admin lose their author.

        Returns False when nothing was stored about the user.
        """
        async with self.db.uow() as uow:
            if await uow.users.get(user_id) is None:
                return False
            await uow.users.delete(user_id)
            # An admin's broadcasts went to everyone; keep the text, drop the link to the author.
            await uow.session.execute(
                update(Broadcast).where(Broadcast.created_by == user_id).values(created_by=0)
            )
            return True
