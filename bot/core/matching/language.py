"""Is a question French or English? Counted from words only one of the two languages uses."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.core.knowledge.model import Entry
from bot.core.localized import DEFAULT_LANGUAGE
from bot.core.matching.normalize import words
from bot.core.matching.stopwords import ENGLISH_STOP_WORDS, FRENCH_STOP_WORDS

_FRENCH_LETTERS = re.compile(r"[àâçéèêëîïôûùüÿœ]", re.IGNORECASE)
_ACCENT_WEIGHT = 1.5
_FRENCH_MARKER_WORDS = """
indicateur critere formation formateur stagiaire organisme obligatoire faut il quoi quand
combien est ce les des une
"""
_ENGLISH_MARKER_WORDS = """
indicator criterion training trainer learner provider mandatory required does what when how
much many the an is are after before best cheap good new
"""
_FRENCH_MARKERS = frozenset(_FRENCH_MARKER_WORDS.split())
_ENGLISH_MARKERS = frozenset(_ENGLISH_MARKER_WORDS.split())


class LanguageGuesser:
    """Guesses fr/en from stop words, accents and the words of each language in the base."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        french = set(FRENCH_STOP_WORDS | _FRENCH_MARKERS)
        english = set(ENGLISH_STOP_WORDS | _ENGLISH_MARKERS)
        for entry in entries:
            french.update(_entry_words(entry, "fr"))
            english.update(_entry_words(entry, "en"))
        self._french_only = frozenset(french - english)
        self._english_only = frozenset(english - french)

    def guess(self, text: str, fallback: str | None = None) -> str:
        """``fr`` or ``en``; ``fallback`` (or French) when the text does not tell."""
        french = _ACCENT_WEIGHT * bool(_FRENCH_LETTERS.search(text))
        english = 0.0
        for word in words(text):
            french += word in self._french_only
            english += word in self._english_only
        if french > english:
            return "fr"
        if english > french:
            return "en"
        return fallback if fallback in ("fr", "en") else DEFAULT_LANGUAGE


def _entry_words(entry: Entry, lang: str) -> set[str]:
    """Every folded word the entry uses in ``lang`` (title, questions, keywords, answer)."""
    texts = [entry.title.get(lang), entry.answer.get(lang)]
    texts += entry.questions.get(lang)
    texts += entry.keywords.get(lang)
    return {word for text in texts for word in words(text) if not word.isdigit()}
