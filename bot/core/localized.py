"""Bilingual text: every user-facing string exists in French and English."""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES: tuple[str, ...] = ("fr", "en")
DEFAULT_LANGUAGE = "fr"


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
