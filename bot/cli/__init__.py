"""Command line: ``qualibot <command>`` (same as ``python -m bot <command>``).

Every capability is reachable from here, so it can be tested, benchmarked and
demonstrated without Telegram. Each command lives in its own module with a
``register(subparsers)`` function that adds its parser and sets ``handler``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from bot import __version__
from bot.cli import ask, chat, db, kb, milestones, misses, run, stats
from bot.config import ConfigError

COMMAND_MODULES = (run, chat, ask, kb, milestones, db, stats, misses)


def build_parser() -> argparse.ArgumentParser:
    """The ``qualibot`` argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="qualibot",
        description="Qualibot, the Qualiopi assistant for training organisations.",
    )
    parser.add_argument("--version", action="version", version=f"qualibot {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except ConfigError as exc:
        print(f"qualibot: configuration error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``qualibot kb dump | head``): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
