"""The engine on the real knowledge base: numbers, typical questions and declines."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.knowledge.loader import load_knowledge
from bot.core.matching.engine import Matcher
from bot.core.matching.result import ANSWER, DECLINE, GREETING

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    loaded = load_knowledge(KNOWLEDGE)
    assert loaded.base is not None, loaded.problems
    return Matcher(loaded.base)


@pytest.mark.parametrize("number", range(1, 33))
@pytest.mark.parametrize(
    "form", ["indicateur {}", "c'est quoi l'indic {} ?", "i{}", "indicator {}"]
)
def test_every_indicator_is_reached_by_its_number(matcher: Matcher, number: int, form: str) -> None:
    result = matcher.match(form.format(number))
    assert result.outcome == ANSWER
    assert result.entry is not None and result.entry.id == f"indicator-{number}"


@pytest.mark.parametrize("number", range(1, 8))
@pytest.mark.parametrize("form", ["critère {}", "criterion {}", "C{}"])
def test_every_criterion_is_reached_by_its_number(matcher: Matcher, number: int, form: str) -> None:
    result = matcher.match(form.format(number))
    assert result.outcome == ANSWER
    assert result.entry is not None and result.entry.id == f"criterion-{number}"


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("faut il un referent handicap", "disability-referent"),
        ("bpf date limite", "bpf"),
        ("When is the surveillance audit due?", "audit-surveillance"),
        ("c'est quoi une nc mineure", "non-conformity-minor"),
    ],
)
def test_typical_questions_are_answered_with_the_right_topic(
    matcher: Matcher, question: str, topic: str
) -> None:
    result = matcher.match(question)
    assert result.outcome == ANSWER
    assert result.entry is not None and topic in result.entry.topics


@pytest.mark.parametrize(
    "question",
    ["recette de la blanquette de veau", "How do I fix a leaking tap?", "quel temps demain"],
)
def test_off_topic_questions_are_declined(matcher: Matcher, question: str) -> None:
    assert matcher.match(question).outcome == DECLINE


def test_a_greeting_is_not_declined(matcher: Matcher) -> None:
    assert matcher.match("Bonjour !").outcome == GREETING
