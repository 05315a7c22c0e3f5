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


SQLITE_POOL_SIZE = 5
POSTGRESQL_POOL_SIZE = 20
"""Connections each engine keeps open, and never more (no overflow connections).

Overflow connections are closed as soon as they are returned, so under bursts the pool
kept opening new ones (a PostgreSQL connection and its prepared statements cost several
milliseconds of CPU): 200 of them in 8 s of ``bench/load.py``, with stalls of up to half a
second. With a fixed pool, a burst waits its turn instead. No task holds two connections at
once, so a full pool cannot deadlock. Two instances on one PostgreSQL use 40 connections.
"""


def create_engine(database_url: str, echo: bool = False) -> AsyncEngine:
    """An async engine; SQLite gets foreign keys, WAL and a busy timeout for several processes."""
    sqlite = database_url.startswith("sqlite")
    pool: dict[str, Any] = {"pool_size": POSTGRESQL_POOL_SIZE, "max_overflow": 0}
    if sqlite:
        _prepare_sqlite_file(database_url)
        in_memory = make_url(database_url).database in (None, "", ":memory:")
        pool = {} if in_memory else {"pool_size": SQLITE_POOL_SIZE, "max_overflow": 0}
    engine = create_async_engine(database_url, echo=echo, pool_reset_on_return=None, **pool)
    if sqlite:
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    event.listen(engine.sync_engine, "reset", _reset_unless_done)
    return engine


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)
