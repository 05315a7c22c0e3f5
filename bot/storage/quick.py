"""Single-statement reads and writes for the per-update hot path.

Every update reads its user and many log a question. Through an ORM session each of these
is a transaction of its own (checkout, BEGIN, statement, COMMIT, identity map, flush), and
together they cost more CPU than anything else the bot does per update (``bench/load.py``).
One statement is atomic by itself, so these run as one Core statement on
:meth:`bot.storage.uow.Database.statement`, without BEGIN/COMMIT round trips on PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import Row, bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.storage.models import Question, User
from bot.storage.types import utcnow

MAX_LOGGED_CHARS = 1000
"""Questions are logged up to this length."""
_USERS = User.__table__
_USER_BY_ID = select(_USERS).where(_USERS.c.id == bindparam("user_id"))
_LOG_QUESTION = insert(Question.__table__).returning(Question.__table__.c.id)


async def user_row(connection: AsyncConnection, user_id: int) -> Row | None:
    """The user's row (its columns as attributes, like a :class:`User`), or None."""
    result = await connection.execute(_USER_BY_ID, {"user_id": user_id})
    return result.first()


async def log_question(
    connection: AsyncConnection,
    *,
    user_id: int,
    chat_type: str,
    text: str,
    lang: str,
    outcome: str,
    entry_id: str | None,
    score: float,
) -> int:
    """Record a question and how it was answered (long texts are cut); its id."""
    result = await connection.execute(
        _LOG_QUESTION,
        {
            "user_id": user_id,
            "chat_type": chat_type,
            "text": text[:MAX_LOGGED_CHARS],
            "lang": lang,
            "outcome": outcome,
            "entry_id": entry_id,
            "score": score,
            "created_at": utcnow(),
        },
    )
    return result.scalar_one()
