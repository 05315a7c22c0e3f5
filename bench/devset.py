"""The development set (``bench/devset.tsv``) and how an outcome is scored against it.

Scoring rules (the same for the engine and the BM25 baseline):
- in scope (label = topic ids separated by "|"): the question is a *top-1 hit* when the
  engine answers (outcome ``answer``) with an entry whose ``topics`` contain ANY of the
  labelled topic ids; a *top-3 hit* when that holds for the answered entry or one of the
  suggestions (at most 3 candidates in all);
- out of scope (label ``none``): a hit when the engine declines;
- small talk (label ``smalltalk``): a hit when the engine replies with a greeting or thanks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEVSET = Path(__file__).with_name("devset.tsv")
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
