"""A question turned into weighted tokens of the index's vocabulary."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.matching.index import GENERIC_STEMS, MatchIndex
from bot.core.matching.normalize import clean, fold, split_folded, spoken_words, stem, synonym
from bot.core.matching.numbers import References, find_references
from bot.core.matching.spelling import Speller

UNKNOWN_NUMBER_FACTOR = 0.5
"""An unknown number ("2019", "80") says less about the topic than an unknown word."""


@dataclass(frozen=True, slots=True)
class Query:
    """What the matcher knows about one question."""

    text: str
    surface: str
    references: References
    tokens: tuple[str, ...]
    token_ids: tuple[int, ...]
    matched_weights: tuple[float, ...]
    total_weight: float
    known_weight: float = 0.0

    @property
    def empty(self) -> bool:
        """True when nothing meaningful is left (only stop words, symbols or nothing)."""
        return not self.tokens


def build_speller(index: MatchIndex) -> Speller:
    """A speller over the words of the index (glossary words included)."""
    return Speller(list(index.spelling_words), index.spelling_words)


def analyse(text: str, index: MatchIndex, speller: Speller) -> Query:
    """Clean, fold, find numbers, correct typos, fold glossary terms, weigh each token."""
    cleaned = clean(text).strip()
    references = find_references(fold(cleaned))
    typed = spoken_words(split_folded(references.remainder))
    surface = [synonym(word) for word in typed]
    corrected: list[str] = []
    confidence: dict[str, float] = {}
    for word, meant in zip(typed, surface, strict=True):
        stemmed = stem(meant)
        if _needs_no_correction(stemmed, index):
            fixes = [(meant, 1.0)]
        else:
            fixes = speller.correct(word) or [(meant, 0.0)]
        for fixed, similarity in fixes:
            token = stem(synonym(fixed))
            corrected.append(token)
            confidence[token] = max(confidence.get(token, 0.0), similarity)
    tokens = tuple(dict.fromkeys(index.glossary.fold(corrected)))
    token_ids: list[int] = []
    matched: list[float] = []
    total = known = 0.0
    for token in tokens:
        token_id = index.vocabulary.get(token, -1)
        if token_id < 0:
            if token in GENERIC_STEMS:
                total += index.generic_weight
            else:
                factor = UNKNOWN_NUMBER_FACTOR if token.isdigit() else 1.0
                total += index.unknown_weight * factor
            continue
        weight = float(index.weights[token_id])
        token_ids.append(token_id)
        matched.append(weight * confidence.get(token, 1.0))
        total += weight
        known += weight
    return Query(
        cleaned,
        " ".join(surface),
        references,
        tokens,
        tuple(token_ids),
        tuple(matched),
        total,
        known,
    )


def _needs_no_correction(stemmed: str, index: MatchIndex) -> bool:
    """True for a word the base knows, and for an everyday word: "prends" is not a typo of
    "trends", it just says little."""
    known = stemmed in index.vocabulary or stemmed in index.glossary.words
    return known or stemmed in GENERIC_STEMS
