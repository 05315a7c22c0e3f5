"""Bilingual text: every user-facing string exists in French and English."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

LANGUAGES: tuple[str, ...] = ("fr", "en")
DEFAULT_LANGUAGE = "fr"


_MONTHS = {
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def long_date(day: date, lang: str) -> str:
    """A date in words: ``1er janvier 2026`` / ``28 novembre 2026`` / ``28 November 2026``."""
    if lang == "en":
        return f"{day.day} {_MONTHS['en'][day.month - 1]} {day.year}"
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {_MONTHS['fr'][day.month - 1]} {day.year}"


def normalize_language(code: str | None) -> str:
    """Map a Telegram ``language_code`` (``fr-FR``, ``en``, ``None``…) to ``fr`` or ``en``."""
    if code and code.lower().startswith("fr"):
        return "fr"
    return "en"


@dataclass(frozen=True, slots=True)
class Localized:
    """A text in French and English."""

    fr: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang``, French when the language is unknown."""
        return self.en if lang == "en" else self.fr


@dataclass(frozen=True, slots=True)
class LocalizedList:
    """A list of texts in French and English (questions, evidence, mistakes…)."""

    fr: tuple[str, ...]
    en: tuple[str, ...]

    def get(self, lang: str) -> tuple[str, ...]:
        """The items in ``lang``, French when the language is unknown."""
        return self.en if lang == "en" else self.fr
