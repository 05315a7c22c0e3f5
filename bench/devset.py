"""The development set (``bench/devset.tsv``) and how an outcome is scored against it.

Scoring rules (the same for the engine and the BM25 baseline):
- in scope (label = topic ids separated by "|"): the question is a *top-1 hit* when the
  engine answers (outcome ``answer``) with an entry whose ``topics`` contain ANY of the
  labelled topic ids; a *top-3 hit* when that holds for the answered entry or one of the
  suggestions (at most 3 candidates in all);
- out of scope (label ``none``): a hit when the engine declines;
- small talk (label ``smalltalk``): a hit when the engine replies with a greeting or thanks.

A question that copies a knowledge-base example question measures recall of the examples,
not generalisation: :func:`near_copies` finds them (whole-string ``fuzz.ratio`` >= 85 after
accent and case folding, or the same content words give or take one word: stems without stop
words, synonyms NOT merged, so the rule does not move with the engine), leaving out bare
number references ("C7", "indicateur 23"), which test number detection.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from bot.core.knowledge.model import Entry
from bot.core.matching.normalize import fold, split_folded, spoken_words, stem, words
from bot.core.matching.numbers import find_references

DEVSET = Path(__file__).with_name("devset.tsv")
HELDOUT = Path(__file__).with_name("heldout.tsv")
NEAR_RATIO = 85.0
"""Whole-string similarity (0-100) from which a question is a near copy."""
NUMBER_ONLY_WORDS = frozenset({"qualiopi"})
OUT_OF_SCOPE = "none"
SMALL_TALK = "smalltalk"


@dataclass(frozen=True, slots=True)
class Question:
    """One labelled question of the development set."""

    expected: tuple[str, ...]
    lang: str
    kind: str
    text: str

    @property
    def in_scope(self) -> bool:
        """True when the question has an answer in the knowledge base."""
        return self.expected not in ((OUT_OF_SCOPE,), (SMALL_TALK,))

    @property
    def out_of_scope(self) -> bool:
        """True when the question must be declined."""
        return self.expected == (OUT_OF_SCOPE,)

    @property
    def small_talk(self) -> bool:
        """True for a greeting or thanks."""
        return self.expected == (SMALL_TALK,)

    def hit(self, topics: tuple[str, ...] | list[str]) -> bool:
        """True when an entry with these topics is a right answer."""
        return any(topic in topics for topic in self.expected)


def load_devset(path: Path = DEVSET) -> list[Question]:
    """The questions of ``path``: tab-separated, ``#`` comments, one header line."""
    questions: list[Question] = []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != 4:
            raise ValueError(f"{path.name}: row {number} has {len(row)} fields, expected 4")
        expected, lang, kind, text = row
        questions.append(Question(tuple(expected.split("|")), lang, kind, text))
    return questions


@dataclass(frozen=True, slots=True)
class NearCopy:
    """A question and the knowledge-base example question it copies."""

    question: Question
    entry_id: str
    example: str
    ratio: float


def near_copies(questions: Iterable[Question], entries: Iterable[Entry]) -> list[NearCopy]:
    """The questions that copy an example question of ``entries`` (first example found)."""
    examples = [
        (entry.id, text, _folded(text), _content_words(text))
        for entry in entries
        for text in (*entry.questions.fr, *entry.questions.en)
    ]
    copies: list[NearCopy] = []
    for question in questions:
        if _number_only(question.text):
            continue
        folded, content = _folded(question.text), _content_words(question.text)
        for entry_id, text, other_folded, other_content in examples:
            ratio = fuzz.ratio(folded, other_folded)
            if ratio >= NEAR_RATIO or _same_words(content, other_content):
                copies.append(NearCopy(question, entry_id, text, ratio))
                break
    return copies


def _folded(text: str) -> str:
    return " ".join(split_folded(fold(text)))


def _content_words(text: str) -> frozenset[str]:
    """The stems of the words of ``text`` that are not stop words."""
    return frozenset(stem(word) for word in spoken_words(words(text)))


def _number_only(text: str) -> bool:
    """True for a bare indicator or criterion reference ("I9", "critère 5 qualiopi")."""
    references = find_references(fold(text))
    return references.any and _content_words(references.remainder) <= NUMBER_ONLY_WORDS


def _same_words(words: frozenset[str], other: frozenset[str]) -> bool:
    """Same content words, give or take one added, dropped or replaced word (two shared at
    least, unless both are the same single word)."""
    if not words or not other:
        return False
    if words == other:
        return True
    return len(words - other) <= 1 and len(other - words) <= 1 and len(words & other) >= 2
