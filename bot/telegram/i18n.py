"""User-facing strings: one catalogue per language in ``locales/<lang>/*.yaml``.

Each feature has its own file in each language folder; keys are namespaced by the file
name (``answers.yaml`` key ``decline`` is ``answers.decline``). A test checks that both
languages have exactly the same keys and placeholders.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from bot.core.localized import LANGUAGES

LOCALES_DIR = Path(__file__).resolve().parent / "locales"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every string of one language, keyed ``file.key``."""
    strings: dict[str, str] = {}
    for path in sorted((LOCALES_DIR / lang).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, value in data.items():
            strings[f"{path.stem}.{key}"] = str(value)
    return strings


def t(lang: str, key: str, **values: object) -> str:
    """The string ``key`` in ``lang`` (French if unknown), with ``{placeholders}`` filled."""
    strings = catalogue(lang if lang in LANGUAGES else "fr")
    template = strings.get(key)
    if template is None:
        template = catalogue("fr").get(key, key)
    return template.format(**values) if values else template
