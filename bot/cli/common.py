"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import sys

from bot.config import Settings, load_settings
from bot.logs import setup_logging


def settings_with_logging() -> Settings:
    """Load settings and configure logging with the token and database URL redacted."""
    settings = load_settings()
    setup_logging(settings.log_level, secrets=(settings.token or "", settings.database_url))
    return settings


def not_available_yet(name: str) -> int:
    """Reply for a command whose feature is not built yet."""
    print(f"qualibot {name}: not available yet", file=sys.stderr)
    return 3


def add_lang_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--lang fr|en``."""
    parser.add_argument("--lang", choices=("fr", "en"), default=None, help="answer language")
