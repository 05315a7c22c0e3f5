"""``qualibot stats``: usage figures for operators."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json

from bot.cli.common import settings_with_logging
from bot.services.admin import AdminService, Stats
from bot.storage.uow import Database


async def _collect(database_url: str) -> Stats:
    database = Database(database_url)
    try:
        await database.upgrade()
        return await AdminService(database).stats()
    finally:
        await database.close()


def format_stats(stats: Stats) -> str:
    """A plain-text report for a terminal."""
    reminders = ", ".join(f"{k} {v}" for k, v in sorted(stats.reminders.items())) or "none"
    lines = [
        f"users: {stats.users} (active 7 days: {stats.active_7d}, 30 days: {stats.active_30d})",
        f"questions (30 days): {stats.questions} — answered {stats.share('answer'):.0f} %, "
        f"ambiguous {stats.share('ambiguous'):.0f} %, declined {stats.share('decline'):.0f} %",
        f"feedback: 👍 {stats.thumbs_up} / 👎 {stats.thumbs_down}",
        f"checklists (30 days): {stats.checklists_started} started, "
        f"{stats.checklists_completed} completed",
        f"reminders (30 days): {reminders}",
        "questions per day (14 days): "
        + (", ".join(f"{day} {count}" for day, count in stats.questions_per_day) or "none"),
    ]
    return "\n".join(lines)


def _run(args: argparse.Namespace) -> int:
    settings = settings_with_logging()
    stats = asyncio.run(_collect(settings.database_url))
    if args.json:
        print(json.dumps(dataclasses.asdict(stats), ensure_ascii=False))
    else:
        print(format_stats(stats))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``stats`` command."""
    parser = subparsers.add_parser("stats", help="usage statistics")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    parser.set_defaults(handler=_run)
