"""``qualibot misses``: the questions the bot could not answer well, grouped."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import datetime

from bot.cli.common import settings_with_logging
from bot.services.admin import AdminService, MissGroup, parse_since
from bot.storage.uow import Database


async def _collect(database_url: str, since: datetime, limit: int) -> list[MissGroup]:
    database = Database(database_url)
    try:
        await database.upgrade()
        return await AdminService(database).misses(since, limit)
    finally:
        await database.close()


def _run(args: argparse.Namespace) -> int:
    try:
        since = parse_since(args.since)
    except ValueError as exc:
        print(f"qualibot misses: --since: {exc}", file=sys.stderr)
        return 2
    settings = settings_with_logging()
    groups = asyncio.run(_collect(settings.database_url, since, args.limit))
    for group in groups:
        if args.json:
            record = {"count": group.count, "example": group.example, "variants": group.variants}
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(f"{group.count:4d}  {group.example}")
            for variant in group.variants:
                print(f"      ~ {variant}")
    if not groups and not args.json:
        print("no declined or disliked questions in this period")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``misses`` command."""
    parser = subparsers.add_parser("misses", help="declined or disliked questions, grouped")
    parser.add_argument("--since", default="30d", help="period: 30d, 2w, 3m (default 30d)")
    parser.add_argument("--limit", type=int, default=15, help="number of groups")
    parser.add_argument("--json", action="store_true", help="JSON lines")
    parser.set_defaults(handler=_run)
