"""Whatever a user sends, the matcher returns a well-formed result and never raises."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.knowledge.loader import load_knowledge
from bot.core.matching.engine import Matcher
from bot.core.matching.result import DECLINE, DECLINE_REASONS, OUTCOMES, MatchResult
from bot.core.matching.thresholds import MAX_SUGGESTIONS

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    loaded = load_knowledge(KNOWLEDGE)
    assert loaded.base is not None, loaded.problems
    return Matcher(loaded.base)


def assert_well_formed(result: MatchResult) -> None:
    assert result.outcome in OUTCOMES
    assert result.lang in ("fr", "en")
    assert 0.0 <= result.score <= 100.0
    assert len(result.suggestions) <= MAX_SUGGESTIONS
    assert all(0.0 <= s.score <= 100.0 for s in result.suggestions)
    assert (result.entry is not None) == result.answered
    if result.outcome == DECLINE:
        assert result.reason in DECLINE_REASONS
        assert result.suggestions == ()


BAD_INPUTS = [
    "",
    "   \t\n  ",
    "x" * 10_000,
    "indicateur 22 " * 1_000,
    "😀😀😀",
    "🤷‍♀️",
    "\x00\x01\x07\x1b[31m\x7f",
    "\u202e\u200b\ufeff",
    "'; DROP TABLE questions; --",
    "SELECT * FROM users WHERE 1=1",
    "<script>alert(1)</script>",
    "%s %d {0} ${HOME}",
    "Привет, как дела?",
    "你好",
    "0" * 500,
    "i99999999999999999999",
    "\ud800",
]


@pytest.mark.parametrize("text", BAD_INPUTS, ids=range(len(BAD_INPUTS)))
def test_bad_input_gets_a_well_formed_result(matcher: Matcher, text: str) -> None:
    assert_well_formed(matcher.match(text))
    assert_well_formed(matcher.match(text, lang="en"))
    assert all(s.entry_id for s in matcher.search(text))


@pytest.mark.parametrize("text", ["", "   ", "😀😀😀", "\x00\x07", "'; DROP TABLE questions; --"])
def test_junk_is_declined(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).outcome == DECLINE


def test_none_is_treated_as_an_empty_question(matcher: Matcher) -> None:
    result = matcher.match(None)  # type: ignore[arg-type]
    assert result.outcome == DECLINE


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_gets_a_well_formed_result(matcher: Matcher, text: str) -> None:
    assert_well_formed(matcher.match(text))
