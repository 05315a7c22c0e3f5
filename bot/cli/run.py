"""``qualibot run``: the bot on Telegram (polling by default, ``--webhook`` on request).

Without TELEGRAM_BOT_TOKEN it says how to connect Telegram and starts the terminal chat.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.cli.chat import add_chat_arguments, start_chat
from bot.cli.common import settings_with_logging
from bot.config import Settings
from bot.logs import redact, setup_logging

CONNECT_TELEGRAM_HINT = (
    "TELEGRAM_BOT_TOKEN is not set, so here is the terminal chat. To connect Telegram, "
    "create a bot with @BotFather (/newbot) and put its token in TELEGRAM_BOT_TOKEN (.env)."
)


async def _serve(settings: Settings, webhook: bool) -> None:
    from bot.health import HealthServer, bot_probe
    from bot.services.container import create_services
    from bot.telegram.app import build_application
    from bot.telegram.runner import serve, webhook_plan

    plan = webhook_plan(settings) if webhook else None
    if plan is not None:
        secrets = (settings.token or "", settings.database_url, plan.secret_token)
        setup_logging(settings.log_level, secrets=secrets)
    services = await create_services(settings)
    try:
        health = None
        if settings.health_port:
            probe = bot_probe(services.db, services.knowledge)
            health = HealthServer(probe, settings.webhook_listen, settings.health_port)
        await serve(build_application(services), plan=plan, health=health)
    finally:
        await services.close()


def _run(args: argparse.Namespace) -> int:
    settings = settings_with_logging()
    if not settings.token:
        print(CONNECT_TELEGRAM_HINT, file=sys.stderr)
        return start_chat(settings, lang=args.lang, user_id=args.user_id, name=args.name)
    from telegram.error import InvalidToken, NetworkError

    from bot.services.knowledge import KnowledgeError

    try:
        asyncio.run(_serve(settings, args.webhook))
    except InvalidToken:
        print(
            "qualibot: Telegram refused TELEGRAM_BOT_TOKEN (revoked or mistyped?); "
            "check it with @BotFather",
            file=sys.stderr,
        )
        return 2
    except NetworkError as error:
        reason = redact(str(error), (settings.token,))
        print(f"qualibot: cannot reach the Telegram Bot API: {reason}", file=sys.stderr)
        return 1
    except KnowledgeError as error:
        print(f"qualibot: {error}; run `qualibot kb check` for details", file=sys.stderr)
        return 2
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``run`` command."""
    parser = subparsers.add_parser("run", help="run the bot")
    parser.add_argument("--webhook", action="store_true", help="webhook mode instead of polling")
    add_chat_arguments(parser)
    parser.set_defaults(handler=_run)
