"""Typo correction towards the words the knowledge base uses, and nothing else."""

from __future__ import annotations

import pytest

from bot.core.matching.spelling import Speller

KNOWN = [
    "audit",
    "surveillance",
    "reclamation",
    "main",
    "drop",
    "sous",
    "traitance",
    "certificateur",
    "certificate",
    "cost",
    "referent",
    "certification",
]
SPELLER = Speller(KNOWN, {word: 1 for word in KNOWN})


@pytest.mark.parametrize(
    ("typed", "known"),
    [
        ("audti", "audit"),
        ("audi", "audit"),
        ("survaillance", "surveillance"),
        ("reclamtion", "reclamation"),
        ("certificatuer", "certificateur"),
        ("cots", "cost"),
        ("referant", "referent"),
    ],
)
def test_one_slip_is_corrected(typed: str, known: str) -> None:
    [(word, confidence)] = SPELLER.correct(typed)
    assert word == known
    assert 0 < confidence < 1


def test_a_known_word_is_kept_with_full_confidence() -> None:
    assert SPELLER.correct("audit") == [("audit", 1.0)]


@pytest.mark.parametrize(
    ("glued", "parts"), [("soustraitance", ["sous", "traitance"]), ("dropout", ["drop"])]
)
def test_glued_words_are_split(glued: str, parts: list[str]) -> None:
    assert [word for word, _ in SPELLER.correct(glued)] == parts


def test_a_repeated_action_stands_for_the_action() -> None:
    assert [word for word, _ in SPELLER.correct("recertification")] == ["certification"]


@pytest.mark.parametrize("typed", ["mail", "vin", "blanquette", "qsdfgh"])
def test_short_or_far_words_are_left_alone(typed: str) -> None:
    assert SPELLER.correct(typed) == []
