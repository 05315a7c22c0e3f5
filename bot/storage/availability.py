"""Telling "the database is unreachable for now" apart from every other database error."""

from __future__ import annotations

import socket
import sys

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

_TRANSIENT = (
    ConnectionError,
    socket.gaierror,
    TimeoutError,
    OperationalError,
    InterfaceError,
)
"""Refused or lost connections, a host name not resolving yet, SQLite's "database is
locked" after the busy timeout."""
_ASYNCPG_TRANSIENT = (
    "PostgresConnectionError",
    "OperatorInterventionError",
    "InsufficientResourcesError",
    "InterfaceError",
)
"""asyncpg's: lost connections, a server starting up or shutting down, too many clients."""


def _transient() -> tuple[type[BaseException], ...]:
    """The transient error types, asyncpg's included once asyncpg is loaded (a bot on SQLite
    never imports it, and no asyncpg error can be raised before it is)."""
    pg_errors = sys.modules.get("asyncpg.exceptions")
    if pg_errors is None:
        return _TRANSIENT
    return _TRANSIENT + tuple(getattr(pg_errors, name) for name in _ASYNCPG_TRANSIENT)


def is_unavailable(error: BaseException | None) -> bool:
    """True when ``error`` (or what caused it) means the database cannot be reached now,
    so the same work should succeed once it is back."""
    transient = _transient()
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, transient):
            return True
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            return True
        error = error.__cause__ or error.__context__
    return False
