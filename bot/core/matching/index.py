"""Everything about the entries that can be computed once, when the knowledge is loaded.

Each entry contributes *choices* (its example questions and its title, in both languages), a
*bag* (every word of its choices and keywords) and a *text bag* (the words of its answer and
structured fields). Words become integer ids with an IDF weight; postings lists say which
choices and which entries hold each word, so a question only touches the entries that share a
word with it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np

from bot.core.knowledge.model import Entry, GlossaryTerm
from bot.core.matching.glossary import TERM_MARK, GlossaryFolder
from bot.core.matching.normalize import (
    fold,
    meaningful_words,
    split_folded,
    spoken_words,
    stem,
    synonym,
)
from bot.core.matching.numbers import find_references
from bot.core.matching.stopwords import GENERIC_WORDS
from bot.core.matching.synonyms import SYNONYMS

GLOSSARY_BOOST = 1.5
"""Glossary terms are the domain's own words: they weigh more than their IDF alone says."""
GENERIC_FACTOR = 0.2
"""Weight cap of everyday words (``GENERIC_WORDS``), relative to the rarest known word."""
GENERIC_STEMS = frozenset(stem(word) for word in GENERIC_WORDS)
IDF_POWER = 0.8
"""IDF is raised to this power: a rare word counts more than a common one, but one rare word
shared by accident with a single entry does not outweigh the rest of the question."""
CENTRAL_USES = 2.0
"""A word used in this many example questions of an entry (or among its keywords) is central
to it and counts fully in the entry's bag; a word used once counts half."""
MIN_TOKENS_BESIDE_NUMBER = 2
"""An example question naming an indicator ("indicateur 17 qualiopi") is a choice only when
something beside the number is left: its number is matched exactly, not fuzzily."""


class MatchIndex:
    """Prepared arrays over the entries of a knowledge base."""

    def __init__(self, entries: Sequence[Entry], glossary: Iterable[GlossaryTerm] = ()) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.glossary = GlossaryFolder(glossary)
        self._asked_words: dict[str, set[int]] = defaultdict(set)
        self.indicators: dict[int, int] = {}
        self.criteria: dict[int, int] = {}
        choice_tokens: list[tuple[str, ...]] = []
        surfaces: list[str] = []
        choice_entry: list[int] = []
        bags: list[dict[str, float]] = []
        text_bags: list[set[str]] = []
        for position, entry in enumerate(self.entries):
            if entry.indicator is not None:
                self.indicators.setdefault(entry.indicator.number, position)
            if entry.criterion is not None:
                self.criteria.setdefault(entry.criterion.number, position)
            bag: dict[str, float] = defaultdict(float)
            for text in _choice_texts(entry):
                named, found = self._tokens_and_references(text, position, asked=True)
                tokens = tuple(dict.fromkeys(found))
                for token in tokens:
                    bag[token] += 1.0 / CENTRAL_USES
                if len(tokens) >= (MIN_TOKENS_BESIDE_NUMBER if named else 1):
                    choice_tokens.append(tokens)
                    surfaces.append(surface_text(text))
                    choice_entry.append(position)
            for keyword in (*entry.keywords.fr, *entry.keywords.en):
                for token in self._tokens_and_references(keyword, position, asked=True)[1]:
                    bag[token] = 1.0
            bags.append({token: min(1.0, share) for token, share in bag.items()})
            text_bags.append(
                {
                    token
                    for text in _answer_texts(entry)
                    for token in self._tokens_and_references(text)[1]
                }
            )
        self.criterion_overviews = np.array(
            [p for p, entry in enumerate(self.entries) if entry.criterion is not None],
            dtype=np.int64,
        )
        self._build_vocabulary(bags, text_bags)
        self._build_choices(choice_tokens, choice_entry)
        self.choice_surfaces: tuple[str, ...] = tuple(surfaces)
        self.token_entries, self.token_centrality = self._postings(bags)
        self.token_text_entries, _ = self._postings([dict.fromkeys(b, 1.0) for b in text_bags])

    def _tokens_and_references(
        self, text: str, owner: int = -1, *, asked: bool = False
    ) -> tuple[bool, list[str]]:
        """Whether ``text`` names an indicator/criterion, and its tokens (numbers left out).

        The words of what users may ask (``asked``: questions, titles, keywords) are recorded
        with the entry (``owner``) using them: typos are corrected towards them only.
        """
        references = find_references(fold(text))
        typed = spoken_words(split_folded(references.remainder))
        if asked:
            for word in typed:
                self._asked_words[word].add(owner)
        return references.any, self.glossary.fold([stem(synonym(word)) for word in typed])

    def _build_vocabulary(self, bags: list[dict[str, float]], text_bags: list[set[str]]) -> None:
        """Token ids and IDF weights.

        A word's IDF counts the entries whose questions, titles or keywords use it; a word
        only found in answers counts the entries whose answers use it. Glossary terms weigh
        more, everyday words less (:data:`GLOSSARY_BOOST`, :data:`GENERIC_FACTOR`). A word the
        base never uses weighs as much as the rarest known word (:attr:`unknown_weight`).
        Typos are corrected towards the words the base uses as typed, and towards every word
        of a synonym group that the base uses (``spelling_words``).
        """
        asked: dict[str, int] = defaultdict(int)
        explained: dict[str, int] = defaultdict(int)
        for bag, text_bag in zip(bags, text_bags, strict=True):
            for token in bag:
                asked[token] += 1
            for token in text_bag | bag.keys():
                explained[token] += 1
        self.vocabulary: dict[str, int] = {token: i for i, token in enumerate(sorted(explained))}
        count = max(len(bags), 1)
        self.weights = np.array(
            [
                _idf(count, asked.get(token) or explained[token])
                * (GLOSSARY_BOOST if token.startswith(TERM_MARK) else 1.0)
                for token in self.vocabulary
            ],
            dtype=np.float64,
        )
        self.unknown_weight = _idf(count, 1)
        self.generic_weight = GENERIC_FACTOR * _idf(count, 1)
        for token in GENERIC_STEMS & self.vocabulary.keys():
            token_id = self.vocabulary[token]
            self.weights[token_id] = min(self.weights[token_id], self.generic_weight)
        known_surface = {
            *self._asked_words,
            *self.glossary.surface_words,
            *(word for word, group in SYNONYMS.items() if stem(group) in self.vocabulary),
        }
        self.spelling_words: dict[str, int] = {
            word: len(self._asked_words.get(word, ())) for word in sorted(known_surface)
        }

    def _build_choices(self, choice_tokens: list[tuple[str, ...]], choice_entry: list[int]) -> None:
        self.choice_entry = np.array(choice_entry, dtype=np.int64)
        self.choice_weight = np.array(
            [sum(self.weights[self.vocabulary[t]] for t in tokens) for tokens in choice_tokens],
            dtype=np.float64,
        )
        postings: list[list[int]] = [[] for _ in self.vocabulary]
        for choice, tokens in enumerate(choice_tokens):
            for token in tokens:
                postings[self.vocabulary[token]].append(choice)
        self.token_choices = [np.array(ids, dtype=np.int64) for ids in postings]
        starts = np.flatnonzero(np.diff(self.choice_entry, prepend=-1))
        self.choice_starts = starts
        self.choice_owners = self.choice_entry[starts]
        self.entry_choices: list[range] = [range(0)] * len(self.entries)
        bounds = [*starts.tolist(), len(choice_tokens)]
        for owner, start, end in zip(self.choice_owners.tolist(), bounds, bounds[1:], strict=False):
            self.entry_choices[owner] = range(start, end)

    def _postings(self, bags: list[dict[str, float]]) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """For each token id, the positions of the entries whose bag holds it, and how central
        the token is to each of them (0-1)."""
        postings: list[list[int]] = [[] for _ in self.vocabulary]
        shares: list[list[float]] = [[] for _ in self.vocabulary]
        for position, bag in enumerate(bags):
            for token, share in bag.items():
                postings[self.vocabulary[token]].append(position)
                shares[self.vocabulary[token]].append(share)
        return (
            [np.array(ids, dtype=np.int64) for ids in postings],
            [np.array(values, dtype=np.float64) for values in shares],
        )


def _idf(count: int, used_by: int) -> float:
    """Inverse document frequency of a word used by ``used_by`` of ``count`` entries."""
    return math.log(1.0 + count / used_by) ** IDF_POWER


def surface_text(text: str) -> str:
    """``text`` folded, without stop words or indicator numbers, unstemmed (for rapidfuzz)."""
    return " ".join(meaningful_words(split_folded(find_references(fold(text)).remainder)))


def _choice_texts(entry: Entry) -> list[str]:
    """The example questions and titles of ``entry`` in both languages."""
    return [*entry.questions.fr, *entry.questions.en, entry.title.fr, entry.title.en]


def _answer_texts(entry: Entry) -> list[str]:
    """The explanatory texts of ``entry``: answer, details, indicator and criterion fields."""
    texts = [entry.answer.fr, entry.answer.en]
    if entry.details is not None:
        texts += [entry.details.fr, entry.details.en]
    if entry.indicator is not None:
        info = entry.indicator
        texts += [info.wording_fr, info.expected_level.fr, info.expected_level.en]
        texts += [*info.evidence.fr, *info.evidence.en, *info.mistakes.fr, *info.mistakes.en]
    if entry.criterion is not None:
        texts.append(entry.criterion.title_fr)
    return texts
