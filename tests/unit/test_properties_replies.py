"""Property-based tests on what users type and what the bot answers.

Whatever text arrives (emoji, control characters, HTML, other scripts, very long), the
matcher returns a result without raising, and the reply built from it, exactly as the
``ask`` handler builds it, is valid for Telegram: its HTML parses the way Telegram parses
it, each message is at most 4096 characters once parsed, and every button has a label and
callback data of at most 64 bytes.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import InlineKeyboardMarkup

from bot.core.knowledge.base import KnowledgeBase
from bot.core.knowledge.loader import load_knowledge
from bot.core.matching.engine import Matcher
from bot.core.matching.result import AMBIGUOUS, ANSWER, GREETING, OUTCOMES, THANKS, MatchResult
from bot.services.answers import MAX_QUESTION_CHARS, STARTER_ENTRIES
from bot.telegram.i18n import t
from bot.telegram.localapi.errors import ApiError
from bot.telegram.localapi.text import parse_html, utf16_len
from bot.telegram.render import keyboards
from bot.telegram.render.entries import answer_card, details_card
from bot.telegram.render.split import MESSAGE_LIMIT, split_message
from bot.telegram.render.text import escape

REPO = Path(__file__).resolve().parents[2]
CALLBACK_DATA_LIMIT = 64
WORDS = ["indicateur", "22", "audit", "BPF", "handicap", "<b>", "&amp;", "qualiopi", "C7", "🙂"]

typed_text = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120),
    st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join),
    st.text(alphabet="<>&\"'/;=#x0123456789abc ", max_size=80),
    st.text(min_size=MAX_QUESTION_CHARS - 5, max_size=MAX_QUESTION_CHARS + 50),
)


@pytest.fixture(scope="module")
def base() -> KnowledgeBase:
    result = load_knowledge(REPO / "knowledge")
    assert result.base is not None
    return result.base


@pytest.fixture(scope="module")
def matcher(base: KnowledgeBase) -> Matcher:
    return Matcher(base)


def assert_valid_message(html: str) -> None:
    """Telegram accepts ``html``: it parses, is not empty, and fits in one message."""
    try:
        text, _entities = parse_html(html)
    except ApiError as error:
        raise AssertionError(f"Telegram would refuse ({error}): {html[:300]!r}") from error
    assert text.strip(), "an empty message"
    assert utf16_len(text) <= MESSAGE_LIMIT


def assert_valid_keyboard(keyboard: InlineKeyboardMarkup | None) -> None:
    if keyboard is None:
        return
    for row in keyboard.inline_keyboard:
        for button in row:
            assert button.text.strip()
            if button.callback_data is not None:
                assert len(str(button.callback_data).encode()) <= CALLBACK_DATA_LIMIT


def reply_for(
    result: MatchResult, base: KnowledgeBase, lang: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The reply the ``ask`` handler sends for ``result`` (question id as large as can be)."""
    question_id = 2**63 - 1
    if result.outcome == ANSWER and result.entry is not None:
        keyboard = keyboards.answer_keyboard(result.entry, base, lang, question_id)
        return answer_card(result.entry, base, lang), keyboard
    if result.outcome in (GREETING, THANKS):
        return escape(t(lang, f"answers.{result.outcome}")), None
    if result.outcome == AMBIGUOUS and result.suggestions:
        keyboard = keyboards.suggestions_keyboard(result.suggestions, lang, question_id)
        return escape(t(lang, "answers.did_you_mean")), keyboard
    starters = list(result.suggestions) or [
        _starter(base, entry_id) for entry_id in STARTER_ENTRIES if base.entry(entry_id)
    ]
    keyboard = keyboards.suggestions_keyboard(starters, lang, question_id, browse=True)
    return escape(t(lang, "answers.decline")), keyboard


def _starter(base: KnowledgeBase, entry_id: str):
    from bot.core.matching.result import Suggestion

    entry = base.entry(entry_id)
    return Suggestion(entry.id, entry.title, entry.topics, 0.0)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=typed_text, lang=st.sampled_from(["fr", "en", None]))
def test_any_text_gets_a_match_result_without_an_exception(
    matcher: Matcher, text: str, lang: str | None
) -> None:
    result = matcher.match(text[:MAX_QUESTION_CHARS], lang=lang)
    assert result.outcome in OUTCOMES
    assert result.lang in ("fr", "en")
    assert math.isfinite(float(result.score))
    if result.outcome == ANSWER:
        assert result.entry is not None
    suggestions = matcher.search(text[:MAX_QUESTION_CHARS], limit=10, lang=lang)
    assert len(suggestions) <= 10


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=typed_text, lang=st.sampled_from(["fr", "en"]))
def test_the_reply_to_any_text_is_valid_for_telegram(
    matcher: Matcher, base: KnowledgeBase, text: str, lang: str
) -> None:
    result = matcher.match(text[:MAX_QUESTION_CHARS], lang=lang)
    html, keyboard = reply_for(result, base, lang)
    for chunk in split_message(html):
        assert_valid_message(chunk)
    assert_valid_keyboard(keyboard)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_answer_card_and_details_card_is_valid_for_telegram(
    base: KnowledgeBase, lang: str
) -> None:
    for entry in base.entries:
        for html in (answer_card(entry, base, lang), details_card(entry, base, lang)):
            for chunk in split_message(html):
                assert_valid_message(chunk)
        assert_valid_keyboard(keyboards.answer_keyboard(entry, base, lang, 2**63 - 1))


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=9000))
def test_any_escaped_text_splits_into_valid_messages(text: str) -> None:
    html = escape(text) or "…"
    for chunk in split_message(html):
        if parse_html(chunk)[0].strip():
            assert_valid_message(chunk)
