"""Small HTML building blocks: escaping, paragraphs and bullets, dates, button labels."""

from __future__ import annotations

import html
from datetime import date
from urllib.parse import urlsplit

from bot.telegram.i18n import t

BULLET = "•"
LABEL_MAX = 48


def escape(text: str) -> str:
    """Text made safe for Telegram HTML."""
    return html.escape(text, quote=False)


def bold(text: str) -> str:
    """Escaped text in bold."""
    return f"<b>{escape(text)}</b>"


def italic(text: str) -> str:
    """Escaped text in italics."""
    return f"<i>{escape(text)}</i>"


def blocks(plain: str) -> list[str]:
    """Plain knowledge text as HTML paragraphs; lines starting with ``- `` become bullets."""
    paragraphs: list[str] = []
    for raw in plain.strip().split("\n\n"):
        lines = [line.strip() for line in raw.strip().splitlines() if line.strip()]
        rendered = [
            f"{BULLET} {escape(line[2:].strip())}" if line.startswith("- ") else escape(line)
            for line in lines
        ]
        if rendered:
            paragraphs.append("\n".join(rendered))
    return paragraphs


def bullet_list(items: tuple[str, ...] | list[str]) -> str:
    """Escaped items, one bullet per line."""
    return "\n".join(f"{BULLET} {escape(item)}" for item in items)


def source_line(source: str) -> str:
    """A source: a link named after its site for URLs, escaped text otherwise."""
    if source.startswith(("http://", "https://")):
        host = urlsplit(source).netloc.removeprefix("www.") or source
        return f'<a href="{html.escape(source, quote=True)}">{escape(host)}</a>'
    return escape(source)


def format_date(value: date, lang: str) -> str:
    """A date in words: ``28 novembre 2026`` / ``28 November 2026``."""
    month = t(lang, f"format.month_{value.month}")
    return t(lang, "format.date", day=value.day, month=month, year=value.year)


def label(text: str, limit: int = LABEL_MAX) -> str:
    """A button label, shortened with an ellipsis when too long."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
