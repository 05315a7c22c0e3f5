"""Engine and session factory for SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import PoolResetState


def _prepare_sqlite_file(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _reset_unless_done(dbapi_connection: Any, _record: Any, reset_state: PoolResetState) -> None:
    """Roll back a connection returned to the pool, unless no transaction is open on it.

    SQLAlchemy's own reset rolls back a connection closed after its commit too: with
    aiosqlite one more thread hop per transaction, for nothing. SQLite tells whether a
    transaction is open; asyncpg's adapter already skips a rollback without one.
    """
    if reset_state.transaction_was_reset:
        return
    driver = getattr(dbapi_connection, "driver_connection", None)
    if getattr(driver, "in_transaction", True):
        dbapi_connection.rollback()


def create_engine(database_url: str, echo: bool = False) -> AsyncEngine:
    """An async engine; SQLite gets foreign keys, WAL and a busy timeout for several processes."""
    if database_url.startswith("sqlite"):
        _prepare_sqlite_file(database_url)
        engine = create_async_engine(database_url, echo=echo, pool_reset_on_return=None)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    else:
        engine = create_async_engine(
            database_url, echo=echo, pool_size=10, max_overflow=10, pool_reset_on_return=None
        )
    event.listen(engine.sync_engine, "reset", _reset_unless_done)
    return engine


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)
