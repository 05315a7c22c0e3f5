"""What answers look like: escaped HTML, sources and review date, buttons, clean splitting."""

from __future__ import annotations

import dataclasses
import html
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram import InlineKeyboardMarkup

from bot.core.knowledge.base import KnowledgeBase
from bot.core.knowledge.loader import load_knowledge
from bot.core.knowledge.model import Entry
from bot.core.localized import LANGUAGES, Localized
from bot.core.matching.result import Suggestion
from bot.telegram.callbacks import MAX_BYTES, decode
from bot.telegram.handlers.common import one_message
from bot.telegram.render import keyboards
from bot.telegram.render.entries import (
    answer_card,
    criteria_overview,
    criterion_card,
    indicator_card,
)
from bot.telegram.render.split import MESSAGE_LIMIT, split_message, telegram_length

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
ALLOWED_TAGS = {"b", "i", "a", "blockquote"}


@pytest.fixture(scope="module")
def base() -> KnowledgeBase:
    result = load_knowledge(KNOWLEDGE_DIR)
    assert result.base is not None, result.problems[:3]
    return result.base


class _TagChecker(HTMLParser):
    """Records tags, and fails on unbalanced or unexpected ones."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        assert tag in ALLOWED_TAGS, tag
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def visible_text(markup: str) -> str:
    """The text a user sees; fails when the HTML is not well formed for Telegram."""
    checker = _TagChecker()
    checker.feed(markup)
    checker.close()
    assert checker.stack == [], f"unclosed {checker.stack}"
    assert "<" not in "".join(checker.text) or "&lt;" in markup
    return "".join(checker.text)


def tricky(entry: Entry) -> Entry:
    return dataclasses.replace(
        entry,
        title=Localized("Tarifs <b>& délais</b>", "Prices <b>& times</b>"),
        answer=Localized(
            "Le prix <100 € & plus.\n\n- premier point\n- second <i>point</i>",
            "Price <100 € & more.\n\n- first point\n- second <i>point</i>",
        ),
    )


def test_user_visible_text_is_escaped_not_interpreted(base: KnowledgeBase) -> None:
    card = answer_card(tricky(base.entry("bpf")), base, "en")
    seen = visible_text(card)
    assert "Prices <b>& times</b>" in seen
    assert "Price <100 € & more." in seen
    assert "• second <i>point</i>" in seen


def test_sources_and_review_date_close_every_answer(base: KnowledgeBase) -> None:
    entry = base.entry("bpf")
    seen = visible_text(answer_card(entry, base, "fr"))
    assert seen.rstrip().endswith(f"Vérifié le {entry.reviewed.day} novembre 2026")
    assert seen.index(entry.answer.fr.split()[0]) < seen.index("Sources")
    english = visible_text(answer_card(entry, base, "en"))
    assert english.rstrip().endswith(f"Checked on {entry.reviewed.day} November 2026")


def test_url_sources_become_links(base: KnowledgeBase) -> None:
    entry = dataclasses.replace(base.entry("bpf"), sources=("https://www.example.org/a?b=1&c=2",))
    card = answer_card(entry, base, "fr")
    assert '<a href="https://www.example.org/a?b=1&amp;c=2">example.org</a>' in card


def test_indicator_and_criterion_answers_name_the_framework_version(base: KnowledgeBase) -> None:
    label = base.framework_label("fr")
    assert f"Référentiel : {label}" in visible_text(answer_card(base.indicator(22), base, "fr"))
    assert f"Référentiel : {label}" in visible_text(criterion_card(base.criterion(5), base, "fr"))
    general = dataclasses.replace(base.entry("bpf"), framework=None)
    assert "Référentiel" not in visible_text(answer_card(general, base, "fr"))


def test_indicator_card_shows_official_wording_evidence_and_mistakes(base: KnowledgeBase) -> None:
    entry = base.indicator(22)
    seen = visible_text(indicator_card(entry, base, "en"))
    assert entry.indicator.wording_fr in seen
    for heading in ("Official wording (French)", "Possible evidence", "Frequent mistakes"):
        assert heading in seen
    assert "Criterion 5" in seen


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_card_of_the_base_is_valid_html_and_fits_once_split(
    base: KnowledgeBase, lang: str
) -> None:
    for entry in base.entries:
        for card in (answer_card, indicator_card, criterion_card):
            for chunk in split_message(card(entry, base, lang)):
                assert telegram_length(chunk) <= MESSAGE_LIMIT
                visible_text(chunk)


def test_criteria_overview_lists_the_seven_criteria(base: KnowledgeBase) -> None:
    seen = visible_text(criteria_overview(base, "fr"))
    assert all(base.criterion(n).title.fr in seen for n in range(1, 8))


def _paragraphs(count: int, size: int) -> str:
    return "\n\n".join(f"<b>Part {n}</b> " + ("mot & " * (size // 6)).strip() for n in range(count))


def test_long_text_is_split_on_paragraph_boundaries() -> None:
    text = _paragraphs(12, 700)
    chunks = split_message(text)
    assert len(chunks) > 1
    assert all(telegram_length(chunk) <= MESSAGE_LIMIT for chunk in chunks)
    assert all(chunk.startswith("<b>Part ") for chunk in chunks), "each message starts a paragraph"
    assert "\n\n".join(chunks) == text


def test_a_single_huge_paragraph_is_cut_between_words_with_tags_reopened() -> None:
    text = "<i>" + " ".join(f"w{n}&amp;x" for n in range(2000)) + "</i>"
    chunks = split_message(text)
    assert len(chunks) >= 3
    for chunk in chunks:
        assert telegram_length(chunk) <= MESSAGE_LIMIT
        assert chunk.startswith("<i>") and chunk.endswith("</i>")
        visible_text(chunk)
    words = " ".join(visible_text(chunk) for chunk in chunks).split()
    assert words == [f"w{n}&x" for n in range(2000)]


def test_emoji_count_double_towards_the_limit() -> None:
    chunks = split_message("😀" * 3000)
    assert len(chunks) == 2
    assert all(telegram_length(chunk) <= MESSAGE_LIMIT for chunk in chunks)


def test_short_text_is_left_alone() -> None:
    assert split_message("  <b>Bonjour</b>\n\nça va ?  ") == ["<b>Bonjour</b>\n\nça va ?"]


@given(st.lists(st.text(min_size=1, max_size=300), min_size=1, max_size=60))
def test_splitting_keeps_every_word_and_valid_html(paragraphs: list[str]) -> None:
    text = "\n\n".join(
        f"<b>{html.escape(p[:20], quote=False)}</b> {html.escape(p, quote=False)}"
        for p in paragraphs
    )
    chunks = split_message(text, limit=500)
    assert all(telegram_length(chunk) <= 500 for chunk in chunks)
    assert " ".join(visible_text(c) for c in chunks).split() == visible_text(text).split()


def test_one_message_points_to_the_full_card_when_cut(base: KnowledgeBase) -> None:
    long_card = _paragraphs(12, 700)
    fitted = one_message(long_card, "fr", "/indicator 22")
    assert telegram_length(fitted) <= MESSAGE_LIMIT
    assert visible_text(fitted).endswith("Suite : /indicator 22")


def _callback_data(markup: InlineKeyboardMarkup) -> list[str]:
    return [b.callback_data for row in markup.inline_keyboard for b in row if b.callback_data]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_button_of_every_entry_is_valid_and_small(base: KnowledgeBase, lang: str) -> None:
    big_question_id = 2**31 - 1
    for entry in base.entries:
        markups = [
            keyboards.answer_keyboard(entry, base, lang, big_question_id),
            keyboards.indicator_keyboard(entry, base, lang),
            keyboards.criterion_keyboard(entry, lang),
            keyboards.suggestions_keyboard(
                [Suggestion(entry.id, entry.title, entry.topics, 80.0)], lang, big_question_id, True
            ),
        ]
        for data in (d for markup in markups for d in _callback_data(markup)):
            assert len(data.encode()) <= MAX_BYTES
            assert decode(data) is not None


def test_answer_buttons_see_also_then_feedback(base: KnowledgeBase) -> None:
    entry = base.entry("bpf")
    markup = keyboards.answer_keyboard(entry, base, "fr", 7)
    actions = [decode(d) for d in _callback_data(markup)]
    see_also = [a.arg(0) for a in actions if a.action == "see"]
    assert see_also == [i for i in entry.see_also if base.entry(i)][: keyboards.SEE_ALSO_MAX]
    assert [(a.action, a.args) for a in actions[-2:]] == [("fb", ("7", "1")), ("fb", ("7", "-1"))]
    remaining = keyboards.without_feedback(markup)
    assert all(decode(d).action != "fb" for d in _callback_data(remaining))
    assert len(_callback_data(remaining)) == len(actions) - 2


def test_no_feedback_buttons_without_a_logged_question(base: KnowledgeBase) -> None:
    markup = keyboards.answer_keyboard(base.entry("bpf"), base, "fr", None)
    assert all(decode(d).action != "fb" for d in _callback_data(markup))


def test_button_labels_are_shortened(base: KnowledgeBase) -> None:
    suggestion = Suggestion("bpf", Localized("x" * 100, "y" * 100), ("bpf",), 70.0)
    [[button]] = keyboards.suggestions_keyboard([suggestion], "fr", None).inline_keyboard
    assert len(button.text) == 48 and button.text.endswith("…")
