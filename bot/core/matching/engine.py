"""The answer engine: a question in, an answer, a "did you mean", a decline or small talk out.

``Matcher(base)`` prepares everything at load time; ``match`` and ``search`` only read that
prepared state, so they are pure and safe to call from several threads at once.
"""

from __future__ import annotations

from dataclasses import replace

from bot.core.knowledge.base import KnowledgeBase
from bot.core.knowledge.model import Entry
from bot.core.matching import thresholds
from bot.core.matching.index import MatchIndex
from bot.core.matching.language import LanguageGuesser
from bot.core.matching.normalize import clean
from bot.core.matching.query import Query, analyse, build_speller
from bot.core.matching.result import (
    AMBIGUOUS,
    ANSWER,
    DECLINE,
    NO_SUCH_NUMBER,
    OFF_TOPIC,
    TOO_VAGUE,
    MatchResult,
    Suggestion,
)
from bot.core.matching.scoring import score_entries
from bot.core.matching.smalltalk import small_talk

Ranked = list[tuple[int, float]]


class Matcher:
    """Matches trainers' questions to the entries of a knowledge base."""

    def __init__(self, base: KnowledgeBase) -> None:
        self.index = MatchIndex(base.entries, base.glossary)
        self._speller = build_speller(self.index)
        self._languages = LanguageGuesser(base.entries)

    def detect_language(self, text: str, fallback: str | None = None) -> str:
        """``fr`` or ``en`` for ``text``; ``fallback`` (else French) when it cannot tell."""
        return self._languages.guess(clean(_as_text(text)), fallback)

    def match(self, text: str, lang: str | None = None) -> MatchResult:
        """The outcome for one question; ``lang`` is the fallback when detection fails."""
        text = clean(_as_text(text)).strip()
        language = self._languages.guess(text, lang)
        talk = small_talk(text)
        if talk is not None:
            return MatchResult(talk, language)
        query = analyse(text, self.index, self._speller)
        ranked = self._rank(query)
        result = self._decide(ranked, language)
        if result.outcome != DECLINE:
            return result
        if query.references.any and not self._named(query):
            return replace(result, reason=NO_SUCH_NUMBER)
        if query.empty:
            return replace(result, reason=TOO_VAGUE)
        return result

    def search(self, text: str, limit: int = 10, lang: str | None = None) -> list[Suggestion]:
        """Up to ``limit`` entries for inline mode, best first; nothing for off-topic text.

        ``lang`` is accepted for symmetry with :meth:`match`; titles carry both languages.
        """
        del lang
        text = clean(_as_text(text)).strip()
        if limit <= 0 or not text:
            return []
        ranked = self._rank(analyse(text, self.index, self._speller), limit)
        return [
            self._suggestion(position, score)
            for position, score in ranked[:limit]
            if score >= thresholds.SEARCH_MIN
        ]

    def candidates(self, text: str, limit: int = 5) -> list[Suggestion]:
        """The best ``limit`` entries and their scores, whatever the scores (diagnostics and
        threshold calibration); small talk is not recognised here."""
        text = clean(_as_text(text)).strip()
        ranked = self._rank(analyse(text, self.index, self._speller), limit)
        return [self._suggestion(position, score) for position, score in ranked[: max(limit, 0)]]

    def _rank(self, query: Query, limit: int = thresholds.MAX_SUGGESTIONS + 1) -> Ranked:
        """The best entries with their 0-100 score, best first; named indicators/criteria lead."""
        scored = score_entries(self.index, query, limit)
        ranked = [(position, 100.0 * score) for position, score in scored]
        named = self._named(query)
        if not named:
            return ranked
        text_scores = dict(ranked)
        named.sort(key=lambda position: -text_scores.get(position, 0.0))
        leading = [
            (position, thresholds.REFERENCE_SCORE - rank) for rank, position in enumerate(named)
        ]
        return leading + [(position, score) for position, score in ranked if position not in named]

    def _named(self, query: Query) -> list[int]:
        """Positions of the entries named by number (indicators first), in text order."""
        refs = query.references
        found = [self.index.indicators.get(n) for n in refs.indicators]
        found += [self.index.criteria.get(n) for n in refs.criteria]
        return list(dict.fromkeys(position for position in found if position is not None))

    def _decide(self, ranked: Ranked, language: str) -> MatchResult:
        """Answer, ambiguous or decline, from the ranked scores and the thresholds."""
        if not ranked or ranked[0][1] < thresholds.SUGGEST_MIN:
            score = round(ranked[0][1], 1) if ranked else 0.0
            return MatchResult(DECLINE, language, score, reason=OFF_TOPIC)
        best_position, best = ranked[0]
        best_entry = self.index.entries[best_position]
        rival = next(
            (
                score
                for position, score in ranked[1:]
                if score >= thresholds.SUGGEST_MIN and not _related(best_entry, position, self)
            ),
            0.0,
        )
        confident = best >= thresholds.SURE_MIN or (
            best >= thresholds.ANSWER_MIN and best - rival >= thresholds.MARGIN_MIN
        )
        close = [
            self._suggestion(position, score)
            for position, score in ranked
            if score >= thresholds.SUGGEST_MIN and best - score <= thresholds.SUGGESTION_SPREAD
        ]
        if confident:
            others = tuple(close[1 : thresholds.MAX_SUGGESTIONS])
            return MatchResult(ANSWER, language, round(best, 1), best_entry, others)
        return MatchResult(
            AMBIGUOUS, language, round(best, 1), None, tuple(close[: thresholds.MAX_SUGGESTIONS])
        )

    def _suggestion(self, position: int, score: float) -> Suggestion:
        entry = self.index.entries[position]
        return Suggestion(entry.id, entry.title, entry.topics, round(min(score, 100.0), 1))


def _related(entry: Entry, position: int, matcher: Matcher) -> bool:
    """True when the other entry covers the same main topic: no real alternative, so the best
    one is the answer and the other a suggestion."""
    other = matcher.index.entries[position]
    return entry.topics[0] in other.topics or other.topics[0] in entry.topics


def _as_text(text: object) -> str:
    """Any input as a string: None and non-strings become empty or their ``str``."""
    if text is None:
        return ""
    return text if isinstance(text, str) else str(text)
