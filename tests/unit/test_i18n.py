"""Every user-facing string exists in French and English, with the same placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from bot.core import dates
from bot.core.knowledge.model import ACTION_CATEGORIES, INDICATOR_SCOPES, NC_GRADINGS
from bot.core.localized import LANGUAGES
from bot.services.users import SITUATIONS
from bot.telegram.app import PUBLIC_COMMANDS
from bot.telegram.i18n import LOCALES_DIR, catalogue, t

TELEGRAM_DIR = Path(__file__).resolve().parents[2] / "bot" / "telegram"
NAMESPACES = sorted(path.stem for path in (LOCALES_DIR / "fr").glob("*.yaml"))
LITERAL_KEY = re.compile(rf"""["']((?:{"|".join(NAMESPACES)})\.[a-z0-9_]+)["']""")
DATE_REASONS = (dates.EMPTY, dates.UNRECOGNISED, dates.IMPOSSIBLE, dates.TOO_EARLY, dates.TOO_FAR)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_language_has_the_same_files() -> None:
    files = {
        lang: sorted(p.name for p in (LOCALES_DIR / lang).glob("*.yaml")) for lang in LANGUAGES
    }
    assert files["fr"] == files["en"]


def test_every_key_exists_in_both_languages() -> None:
    french, english = set(catalogue("fr")), set(catalogue("en"))
    assert sorted(french - english) == [], "missing in English"
    assert sorted(english - french) == [], "missing in French"


def test_every_key_has_the_same_placeholders_in_both_languages() -> None:
    french, english = catalogue("fr"), catalogue("en")
    different = {
        key: (placeholders(french[key]), placeholders(english[key]))
        for key in french.keys() & english.keys()
        if placeholders(french[key]) != placeholders(english[key])
    }
    assert different == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_string_is_non_empty_and_formats(lang: str) -> None:
    for key, template in catalogue(lang).items():
        assert template.strip(), key
        template.format(**{name: "x" for name in placeholders(template)})


def _keys_used_in_code() -> set[str]:
    """Every string literal of the Telegram code that looks like ``<file>.<key>``."""
    return {
        key
        for path in TELEGRAM_DIR.rglob("*.py")
        for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))
    }


def test_every_key_used_in_the_code_exists() -> None:
    used = _keys_used_in_code()
    assert len(used) > 50, "the scan should find the keys handlers use"
    assert sorted(used - set(catalogue("fr"))) == []


def _built_keys() -> list[str]:
    """Keys the code builds from data rather than writes literally."""
    return [
        *(f"commands.{name}" for name in PUBLIC_COMMANDS),
        *(f"profile.date_{reason}" for reason in DATE_REASONS),
        *(f"profile.category_{c.replace('-', '_')}" for c in ACTION_CATEGORIES),
        *(f"profile.situation_{s.replace('-', '_')}" for s in SITUATIONS),
        *(f"indicator.scope_{scope}" for scope in INDICATOR_SCOPES),
        *(f"indicator.nc_{grading.replace('-', '_')}" for grading in NC_GRADINGS),
        *(f"format.month_{month}" for month in range(1, 13)),
        *(f"language.name_{code}" for code in LANGUAGES),
        "answers.greeting",
        "answers.thanks",
    ]


@pytest.mark.parametrize("key", _built_keys())
def test_keys_built_from_data_exist(key: str) -> None:
    assert key in catalogue("fr")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_command_descriptions_fit_telegram_limits(lang: str) -> None:
    for name in PUBLIC_COMMANDS:
        assert 3 <= len(t(lang, f"commands.{name}")) <= 256


def test_unknown_language_falls_back_to_french() -> None:
    assert t("de", "common.error") == t("fr", "common.error")
