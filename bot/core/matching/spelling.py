"""Typo correction of a question's words against the words the knowledge base uses."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.matching.stopwords import STOP_WORDS

MIN_CORRECTABLE = 4
"""Shorter words are too ambiguous to correct ("vin" is one edit from "vae")."""
SUBSTITUTION_MIN = 5
"""A shorter word is only corrected for a missing, extra or swapped letter: one changed letter
makes another word too often ("mail" -> "main")."""
LONG_WORD = 11
"""From this length a second edit is tolerated; shorter words would turn into other real
words ("habitation" -> "habilitation", "permis" -> "premise")."""
_CANDIDATES = 8
MIN_PART = 4
"""A known word split off a glued word has at least this many letters ("template" stays
whole); a stop word split off has at least MIN_STOP_PART ("dropout" -> "drop" + "out")."""
MIN_STOP_PART = 3


def allowed_edits(word: str) -> int:
    """Edits (insert, delete, substitute, swap) tolerated for a word of this length."""
    if len(word) < MIN_CORRECTABLE:
        return 0
    return 1 if len(word) < LONG_WORD else 2


def edit_similarity(word: str, edits: int) -> float:
    """Confidence in a correction: 1.0 for none, falling quickly with edits per letter."""
    return max(0.0, 1.0 - edits / len(word)) ** 2


class Speller:
    """Finds the closest known word (rapidfuzz OSA distance over a prepared word list)."""

    def __init__(self, known: Sequence[str], frequency: dict[str, int]) -> None:
        self._known_set = frozenset(known)
        by_length: dict[int, list[str]] = defaultdict(list)
        for word in sorted(self._known_set):
            by_length[len(word)].append(word)
        self._by_length = {length: tuple(group) for length, group in by_length.items()}
        self._frequency = frequency

    def correct(self, word: str) -> list[tuple[str, float]]:
        """The known word(s) ``word`` stands for, each with a confidence; ``[]`` if none.

        A glued pair of known words is split ("soustraitance" -> "sous", "traitance"), and a
        repeated action stands for the action ("recertification" -> "certification").
        """
        if word in self._known_set:
            return [(word, 1.0)]
        limit = allowed_edits(word)
        if limit == 0:
            return []
        split = self._split(word)
        if split:
            return split
        if word.startswith("re") and word[2:] in self._known_set:
            return [(word[2:], edit_similarity(word, 2))]
        matches = [
            match
            for length in range(len(word) - limit, len(word) + limit + 1)
            for match in process.extract(
                word,
                self._by_length.get(length, ()),
                scorer=OSA.distance,
                processor=None,
                score_cutoff=limit,
                limit=_CANDIDATES,
            )
        ]
        if not matches:
            return []
        if len(word) < SUBSTITUTION_MIN:
            matches = [m for m in matches if len(m[0]) != len(word) or sorted(m[0]) == sorted(word)]
        if not matches:
            return []
        best, edits, _ = min(
            matches,
            key=lambda m: (m[1], m[0][0] != word[0], -self._frequency.get(m[0], 0), m[0]),
        )
        return [(best, edit_similarity(word, int(edits)))]

    def _split(self, word: str) -> list[tuple[str, float]]:
        """The known words a glued word is made of ("dropout" -> "drop", stop word "out")."""
        for cut in range(MIN_STOP_PART, len(word) - MIN_STOP_PART + 1):
            parts = (word[:cut], word[cut:])
            if all(self._part(part) for part in parts) and max(map(len, parts)) >= MIN_PART:
                return [(part, 1.0) for part in parts if part not in STOP_WORDS]
        return []

    def _part(self, part: str) -> bool:
        if part in STOP_WORDS:
            return len(part) >= MIN_STOP_PART
        return len(part) >= MIN_PART and part in self._known_set
