"""Run Alembic migrations programmatically (at start-up and from ``qualibot db``).

A database already at :data:`HEAD_REVISION` (every restart after the first) is recognised
with one query, without importing Alembic: it would stay in the bot's memory for nothing
(about 11 MB). A test checks that :data:`HEAD_REVISION` is Alembic's head.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(
    os.environ.get("QUALIBOT_MIGRATIONS_DIR")
    or Path(__file__).resolve().parent.parent.parent / "migrations"
)
HEAD_REVISION = "0001"
"""The newest migration in ``migrations/versions`` (update it with each new migration)."""
_PG_MIGRATION_LOCK = 7_314_159_265  # advisory lock key: one instance migrates at a time


def alembic_config(database_url: str | None = None) -> Config:
    """An Alembic configuration pointing at ``migrations/`` (no ``alembic.ini`` needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if database_url:
        config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def _upgrade(connection: Connection, revision: str) -> None:
    from alembic import command

    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def upgrade_database(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the schema to ``revision``; safe when several instances start together."""
    if revision in ("head", HEAD_REVISION) and await _stored_revision(engine) == HEAD_REVISION:
        return
    async with engine.begin() as connection:
        await connection.run_sync(_upgrade, revision)


async def _stored_revision(engine: AsyncEngine) -> str | None:
    """The revision recorded by Alembic, read directly (None before the first migration)."""
    try:
        async with engine.connect() as connection:
            result = await connection.execute(text("SELECT version_num FROM alembic_version"))
            return result.scalar_one_or_none()
    except DBAPIError:
        return None


def _current(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


async def current_revision(engine: AsyncEngine) -> str | None:
    """The revision the database is at, or None when it was never migrated."""
    async with engine.connect() as connection:
        return await connection.run_sync(_current)
