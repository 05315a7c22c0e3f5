"""The unit of work: one transaction, with the repositories that work inside it."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from bot.storage.database import create_engine, create_session_factory
from bot.storage.migrate import upgrade_database
from bot.storage.repositories.broadcasts import BroadcastRepository
from bot.storage.repositories.checklists import ChecklistRepository
from bot.storage.repositories.deliveries import DeliveryRepository
from bot.storage.repositories.questions import QuestionRepository
from bot.storage.repositories.reminders import ReminderRepository
from bot.storage.repositories.stats import StatsRepository
from bot.storage.repositories.users import UserRepository


class UnitOfWork:
    """``async with db.uow() as uow:`` commits on success and rolls back on error."""

    session: AsyncSession
    users: UserRepository
    questions: QuestionRepository
    stats: StatsRepository
    reminders: ReminderRepository
    deliveries: DeliveryRepository
    checklists: ChecklistRepository
    broadcasts: BroadcastRepository

    def __init__(self, session_factory: async_sessionmaker) -> None:
        self._session_factory = session_factory

    async def __aenter__(self) -> UnitOfWork:
        self.session = self._session_factory()
        self.users = UserRepository(self.session)
        self.questions = QuestionRepository(self.session)
        self.stats = StatsRepository(self.session)
        self.reminders = ReminderRepository(self.session)
        self.deliveries = DeliveryRepository(self.session)
        self.checklists = ChecklistRepository(self.session)
        self.broadcasts = BroadcastRepository(self.session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                await self.session.commit()
            else:
                await self.session.rollback()
        finally:
            await self.session.close()

    async def commit(self) -> None:
        """Commit now (the unit of work stays usable)."""
        await self.session.commit()


class Database:
    """The engine and a factory of units of work."""

    def __init__(self, database_url: str) -> None:
        self.url = database_url
        self.engine: AsyncEngine = create_engine(database_url)
        self.session_factory = create_session_factory(self.engine)
        self._autocommit = self.engine.execution_options(isolation_level="AUTOCOMMIT")

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def uow(self) -> UnitOfWork:
        """A new unit of work."""
        return UnitOfWork(self.session_factory)

    def statement(self) -> AbstractAsyncContextManager[AsyncConnection]:
        """A connection for one self-contained statement (see :mod:`bot.storage.quick`).

        On PostgreSQL the statement runs in autocommit: no BEGIN and COMMIT round trips.
        On SQLite a short transaction is cheaper (autocommit there costs a thread hop); what
        is one statement on PostgreSQL but two on SQLite (:func:`~bot.storage.run_state.
        answer_run`) relies on it.
        """
        if self.dialect == "postgresql":
            return self._autocommit.connect()
        return self.engine.begin()

    async def upgrade(self) -> None:
        """Apply pending migrations."""
        await upgrade_database(self.engine)

    async def ping(self) -> bool:
        """True when the database answers."""
        from sqlalchemy import text

        try:
            async with self.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:  # noqa: BLE001 - any failure means "not reachable"
            return False
        return True

    async def close(self) -> None:
        """Release every connection."""
        await self.engine.dispose()
