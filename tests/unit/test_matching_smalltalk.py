"""Greetings and thanks are recognised only when the message is nothing more than that."""

from __future__ import annotations

import pytest

from bot.core.matching.smalltalk import GREETING, THANKS, small_talk


@pytest.mark.parametrize(
    "text", ["bonjour", "Bonjour !", "salut", "coucou", "bonsoir", "hello", "hi",
             "good morning", "ça va ?", "how are you?", "👋"],
)  # fmt: skip
def test_greetings(text: str) -> None:
    assert small_talk(text) == GREETING


@pytest.mark.parametrize(
    "text",
    ["merci", "Merci beaucoup !", "super merci c'est top", "thanks a lot", "thank you",
     "merci pour la réponse", "merci pour l'aide", "ok", "bonne journée", "👍", "🙏"],
)  # fmt: skip
def test_thanks(text: str) -> None:
    assert small_talk(text) == THANKS


def test_thanks_win_over_a_greeting_in_the_same_message() -> None:
    assert small_talk("bonjour et merci") == THANKS


@pytest.mark.parametrize(
    "text",
    ["bonjour, c'est quoi le BPF ?", "merci, et pour l'indicateur 22 ?", "hello what is qualiopi",
     "", "   ", "😡", "aide"],
)  # fmt: skip
def test_questions_and_other_messages_are_not_small_talk(text: str) -> None:
    assert small_talk(text) is None
