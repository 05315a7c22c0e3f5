"""``qualibot chat``: talk to the assistant in a terminal, through the Telegram handlers."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys

from bot.cli.common import add_lang_argument
from bot.config import Settings, load_settings
from bot.logs import setup_logging


def chat_logging(settings: Settings) -> None:
    """Warnings only in the chat (so logs do not interleave), unless LOG_LEVEL asks for more."""
    level = settings.log_level if os.environ.get("LOG_LEVEL") else "WARNING"
    setup_logging(level, secrets=(settings.token or "", settings.database_url))


def local_name() -> str:
    """The first name of the local user: the login name, capitalised."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = ""
    return name.capitalize() if name and name != "root" else "Camille"


def start_chat(settings: Settings, *, lang: str | None, user_id: int, name: str | None) -> int:
    """Run the terminal chat until /quit or end of input; the exit status."""
    from bot.services.knowledge import KnowledgeError
    from bot.telegram.terminal import run_chat, terminal_language

    chat_logging(settings)
    try:
        asyncio.run(
            run_chat(
                settings,
                lang=terminal_language(lang),
                user_id=user_id,
                first_name=name or local_name(),
                stdin=sys.stdin,
                stdout=sys.stdout,
            )
        )
    except KnowledgeError as error:
        print(f"qualibot: {error}; run `qualibot kb check` for details", file=sys.stderr)
        return 2
    return 0


def add_chat_arguments(parser: argparse.ArgumentParser) -> None:
    """Options shared by ``chat`` and ``run`` (which falls back to the chat)."""
    add_lang_argument(parser)
    parser.add_argument(
        "--user-id", type=int, default=1, help="Telegram user id of the local user (default 1)"
    )
    parser.add_argument("--name", default=None, help="first name of the local user")


def _run_chat(args: argparse.Namespace) -> int:
    return start_chat(load_settings(), lang=args.lang, user_id=args.user_id, name=args.name)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``chat`` command."""
    parser = subparsers.add_parser(
        "chat",
        help="terminal conversation without Telegram",
        description=(
            "Talk to Qualibot in the terminal, through the same handlers as on Telegram. "
            "Type a button's number to press it; /quit or end of input leaves. "
            "Files the bot sends are saved under data/chat-files/."
        ),
    )
    add_chat_arguments(parser)
    parser.set_defaults(handler=_run_chat)
