"""Language detection: French or English from the words, the user's language when unclear."""

from __future__ import annotations

import pytest

from bot.core.matching.language import LanguageGuesser

GUESSER = LanguageGuesser()


@pytest.mark.parametrize(
    "text",
    [
        "Faut-il un référent handicap ?",
        "faut il un referent handicap",
        "c'est quoi l'indic 22",
        "quand déposer le bilan",
        "je suis formatrice indépendante",
    ],
)
def test_french(text: str) -> None:
    assert GUESSER.guess(text, fallback="en") == "fr"


@pytest.mark.parametrize(
    "text",
    [
        "Do I need a disability referent?",
        "what does indicator 22 require",
        "How much does the audit cost?",
        "is it mandatory for a trainer",
    ],
)
def test_english(text: str) -> None:
    assert GUESSER.guess(text, fallback="fr") == "en"


@pytest.mark.parametrize("text", ["BPF", "Qualiopi", "", "😀", "i22"])
def test_unclear_text_takes_the_fallback(text: str) -> None:
    assert GUESSER.guess(text, fallback="en") == "en"
    assert GUESSER.guess(text, fallback="fr") == "fr"


def test_without_a_fallback_unclear_text_is_french() -> None:
    assert GUESSER.guess("BPF") == "fr"


def test_an_unknown_fallback_is_ignored() -> None:
    assert GUESSER.guess("BPF", fallback="de") == "fr"
