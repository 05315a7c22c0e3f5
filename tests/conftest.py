"""Shared fixtures: databases on SQLite and on a real PostgreSQL server started here."""

from __future__ import annotations

import itertools
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.storage.uow import Database
from tests.pgserver import PostgresServer, find_pg_bin

REPO_ROOT = Path(__file__).resolve().parent.parent
_database_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole session; skipped only when not required."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        if os.environ.get("QUALIBOT_REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL binaries not found but QUALIBOT_REQUIRE_POSTGRES=1")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    server = PostgresServer(bin_dir)
    server.init()
    server.start()
    yield server
    server.destroy()


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> str:
    """A fresh, empty PostgreSQL database for one test."""
    return pg_server.create_database(f"qualibot_test_{os.getpid()}_{next(_database_numbers)}")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite database file for one test."""
    return f"sqlite+aiosqlite:///{tmp_path / 'qualibot.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """A fresh empty database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_url")


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    """A migrated database (SQLite and PostgreSQL), closed after the test."""
    db = Database(database_url)
    await db.upgrade()
    yield db
    await db.close()
