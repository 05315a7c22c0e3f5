"""``qualibot db``: database schema management."""

from __future__ import annotations

import argparse
import asyncio

from bot.cli.common import settings_with_logging
from bot.storage.migrate import current_revision
from bot.storage.uow import Database


async def _upgrade(database_url: str) -> str | None:
    database = Database(database_url)
    try:
        await database.upgrade()
        return await current_revision(database.engine)
    finally:
        await database.close()


def _run_upgrade(args: argparse.Namespace) -> int:
    settings = settings_with_logging()
    revision = asyncio.run(_upgrade(settings.database_url))
    print(f"database at revision {revision} ({settings.database_url.split(':', 1)[0]})")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``db upgrade`` command."""
    parser = subparsers.add_parser("db", help="database schema management")
    db_sub = parser.add_subparsers(dest="db_command", metavar="DB_COMMAND", required=True)
    upgrade = db_sub.add_parser("upgrade", help="apply pending migrations")
    upgrade.set_defaults(handler=_run_upgrade)
