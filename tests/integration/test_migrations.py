"""The schema comes from Alembic migrations, and they agree with the models."""

from __future__ import annotations

import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from bot.cli import main
from bot.storage.migrate import current_revision
from bot.storage.models import Base
from bot.storage.uow import Database


async def test_upgrade_creates_every_table(database: Database) -> None:
    async with database.engine.connect() as connection:
        tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert set(Base.metadata.tables) <= tables
    assert await current_revision(database.engine) is not None


async def test_models_and_migrations_agree(database: Database) -> None:
    def diff(connection):
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)

    async with database.engine.connect() as connection:
        assert await connection.run_sync(diff) == []


async def test_upgrade_twice_is_harmless(database: Database) -> None:
    before = await current_revision(database.engine)
    await database.upgrade()
    assert await current_revision(database.engine) == before


def test_cli_db_upgrade(database_url: str, monkeypatch, capsys) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["db", "upgrade"]) == 0
    assert "database at revision" in capsys.readouterr().out


def test_head_revision_constant_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from bot.storage.migrate import HEAD_REVISION, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def test_a_restart_on_a_database_at_head_does_not_load_alembic(database: Database) -> None:
    """Alembic (about 11 MB) is only imported when there is something to migrate."""
    script = (
        "import asyncio, sys\n"
        "from bot.storage.uow import Database\n"
        "db = Database(sys.argv[1])\n"
        "asyncio.run(db.upgrade())\n"
        "print('alembic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, database.url], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
