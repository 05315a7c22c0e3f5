"""Logging set-up: one line per event, and no secret ever reaches a log."""

from __future__ import annotations

import logging
import re
from typing import TextIO

_TOKEN_PATTERN = re.compile(r"\b\d{3,}:[A-Za-z0-9_-]{20,}\b")
_BOT_URL_PATTERN = re.compile(r"(/bot)[^/\s]+(/)")
_DB_PASSWORD_PATTERN = re.compile(r"(://[^:/@\s]+:)[^@\s]+(@)")


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Remove bot tokens, database passwords and the given secrets from ``text``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[REDACTED]")
    text = _BOT_URL_PATTERN.sub(r"\1[REDACTED]\2", text)
    text = _TOKEN_PATTERN.sub("[REDACTED]", text)
    return _DB_PASSWORD_PATTERN.sub(r"\1[REDACTED]\2", text)


class RedactingFilter(logging.Filter):
    """Rewrites every record so that secrets never reach a handler."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        parts = [s for s in secrets if s]
        # A bot token's secret half is as sensitive as the whole token.
        parts += [s.split(":", 1)[1] for s in parts if _TOKEN_PATTERN.fullmatch(s)]
        self.secrets = tuple(sorted(set(parts), key=len, reverse=True))

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message, self.secrets)
        if record.exc_info and record.exc_info[1] is not None:
            exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact(exc_text, self.secrets)
            record.exc_info = None
        if cleaned != message or record.args:
            record.msg = cleaned
            record.args = None
        return True


def setup_logging(
    level: str = "INFO", secrets: tuple[str, ...] = (), stream: TextIO | None = None
) -> None:
    """Configure the root logger: one line per event, secrets redacted, chatty libraries quiet."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%dT%H:%M:%S")
    )
    handler.addFilter(RedactingFilter(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every request URL, and Telegram URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
