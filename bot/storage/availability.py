"""Telling "the database is unreachable for now" apart from every other database error."""

from __future__ import annotations

import socket

import asyncpg.exceptions as pg_errors
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

_TRANSIENT = (
    ConnectionError,
    socket.gaierror,
    TimeoutError,
    OperationalError,
    InterfaceError,
    pg_errors.PostgresConnectionError,
    pg_errors.OperatorInterventionError,
    pg_errors.InsufficientResourcesError,
    pg_errors.InterfaceError,
)
"""Refused or lost connections, a host name not resolving yet, a server starting up or
shutting down, too many clients, SQLite's "database is locked" after the busy timeout."""


def is_unavailable(error: BaseException | None) -> bool:
    """True when ``error`` (or what caused it) means the database cannot be reached now,
    so the same work should succeed once it is back."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, _TRANSIENT):
            return True
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            return True
        error = error.__cause__ or error.__context__
    return False
