"""Inline keyboards under answers and in the criteria browser."""

from __future__ import annotations

from collections.abc import Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.knowledge.base import KnowledgeBase
from bot.core.knowledge.model import Entry
from bot.core.matching.result import Suggestion
from bot.telegram.callbacks import decode, encode
from bot.telegram.i18n import t
from bot.telegram.render.text import label

SEE_ALSO_MAX = 4
SUGGESTIONS_MAX = 5
INDICATORS_PER_ROW = 4
FEEDBACK = "fb"
PICK = "pick"
SEE = "see"
MORE = "more"
CRITERIA = "crit"
INDICATOR = "ind"


def button(text: str, action: str, *args: object) -> InlineKeyboardButton:
    """A button whose press comes back as ``action`` with ``args``."""
    return InlineKeyboardButton(label(text), callback_data=encode(action, *args))


def _rows(buttons: Iterable[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    row_list: list[list[InlineKeyboardButton]] = []
    for item in buttons:
        if not row_list or len(row_list[-1]) == width:
            row_list.append([])
        row_list[-1].append(item)
    return row_list


def _see_also_rows(entry: Entry, base: KnowledgeBase, lang: str) -> list[list]:
    related = [base.entry(entry_id) for entry_id in entry.see_also[:SEE_ALSO_MAX]]
    return [[button(f"↪ {other.title.get(lang)}", SEE, other.id)] for other in related if other]


def feedback_row(question_id: int, lang: str) -> list[InlineKeyboardButton]:
    """👍 / 👎 buttons for one logged question."""
    return [
        InlineKeyboardButton(
            t(lang, "answers.useful"), callback_data=encode(FEEDBACK, question_id, 1)
        ),
        InlineKeyboardButton(
            t(lang, "answers.not_useful"), callback_data=encode(FEEDBACK, question_id, -1)
        ),
    ]


def answer_keyboard(
    entry: Entry, base: KnowledgeBase, lang: str, question_id: int | None
) -> InlineKeyboardMarkup:
    """See-also buttons, "more details" when there are some, and feedback for a question."""
    rows = _see_also_rows(entry, base, lang)
    if entry.details:
        rows.append([button(t(lang, "answers.more"), MORE, entry.id)])
    if question_id is not None:
        rows.append(feedback_row(question_id, lang))
    return InlineKeyboardMarkup(rows)


def suggestions_keyboard(
    suggestions: Iterable[Suggestion], lang: str, question_id: int | None, browse: bool = False
) -> InlineKeyboardMarkup:
    """One button per suggested entry ("did you mean"), plus the criteria browser if asked."""
    args = () if question_id is None else (question_id,)
    rows = [
        [button(suggestion.title.get(lang), PICK, suggestion.entry_id, *args)]
        for suggestion in list(suggestions)[:SUGGESTIONS_MAX]
    ]
    if browse:
        rows.append([button(t(lang, "criteria.browse"), CRITERIA)])
    return InlineKeyboardMarkup(rows)


def without_feedback(markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """The same keyboard with the feedback buttons removed (after a press)."""
    if markup is None:
        return None
    rows = [
        list(row)
        for row in markup.inline_keyboard
        if not any(_action(item) == FEEDBACK for item in row)
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def _action(item: InlineKeyboardButton) -> str | None:
    data = decode(item.callback_data if isinstance(item.callback_data, str) else None)
    return data.action if data else None


def criteria_keyboard(base: KnowledgeBase, lang: str) -> InlineKeyboardMarkup:
    """The 7 criteria, one per row."""
    rows = []
    for number in range(1, 8):
        entry = base.criterion(number)
        if entry is not None:
            rows.append([button(entry.title.get(lang), CRITERIA, number)])
    return InlineKeyboardMarkup(rows)


def criterion_keyboard(entry: Entry, lang: str) -> InlineKeyboardMarkup:
    """The indicators of a criterion, then a way back to the list."""
    numbers = entry.criterion.indicators if entry.criterion else ()
    buttons = [
        button(t(lang, "criteria.indicator_button", number=n), INDICATOR, n) for n in numbers
    ]
    rows = _rows(buttons, INDICATORS_PER_ROW)
    rows.append([button(t(lang, "criteria.back_to_list"), CRITERIA)])
    return InlineKeyboardMarkup(rows)


def indicator_keyboard(entry: Entry, base: KnowledgeBase, lang: str) -> InlineKeyboardMarkup:
    """Related entries, then back to the indicator's criterion and to the list."""
    rows = _see_also_rows(entry, base, lang)
    info = entry.indicator
    back = [button(t(lang, "criteria.back_to_list"), CRITERIA)]
    if info is not None:
        back.insert(
            0, button(t(lang, "criteria.back_to", number=info.criterion), CRITERIA, info.criterion)
        )
    rows.append(back)
    return InlineKeyboardMarkup(rows)


def indicator_grid(count: int) -> InlineKeyboardMarkup:
    """A grid of the indicator numbers, to pick one."""
    buttons = [button(str(n), INDICATOR, n) for n in range(1, count + 1)]
    return InlineKeyboardMarkup(_rows(buttons, 8))
