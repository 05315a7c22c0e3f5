"""Checklists as messages: the list, each step of a run, and the buttons that drive them.

Every button of a run carries the run id, the item and the revision it was drawn for, so a
press on an outdated message is recognised (see :mod:`bot.services.checklists`).
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.checklists.engine import PlannedItem
from bot.core.knowledge.model import ACTION_CATEGORIES
from bot.services.checklist_views import (
    STEP_CATEGORIES,
    STEP_ITEM,
    STEP_PAUSED,
    STEP_SITUATIONS,
    ChecklistStatus,
    RunView,
)
from bot.services.users import SITUATIONS
from bot.telegram.callbacks import encode
from bot.telegram.i18n import t
from bot.telegram.render.text import bold, bullet_list, escape, italic, label

CHECKLIST = "ck"
VALUE_CODES = {"y": "yes", "p": "partly", "n": "no", "na": "na", "s": "skip"}
CODE_OF_VALUE = {value: code for code, value in VALUE_CODES.items()}
BAR_CELLS = 10
CHECKED = "✅"
UNCHECKED = "▫️"
CURRENT = "• "
PARAGRAPH = "\n\n"


def button(text: str, *args: object) -> InlineKeyboardButton:
    """A checklist button whose press comes back as ``ck`` with ``args``."""
    return InlineKeyboardButton(label(text), callback_data=encode(CHECKLIST, *args))


def progress_bar(position: int, total: int) -> str:
    """``▓▓▓░░░░░░░ 3/10``."""
    filled = round(BAR_CELLS * position / total) if total else 0
    return f"{'▓' * filled}{'░' * (BAR_CELLS - filled)} {position}/{total}"


def _status(status: ChecklistStatus, lang: str) -> str:
    if status.status is None:
        return t(lang, "checklist.status_new")
    return t(
        lang, f"checklist.status_{status.status}", answered=status.answered, total=status.total
    )


def overview(statuses: Sequence[ChecklistStatus], lang: str) -> str:
    """``/checklist``: every checklist with the state of the user's latest run."""
    lines = [
        t(
            lang,
            "checklist.line",
            number=number,
            title=bold(status.checklist.title.get(lang)),
            status=escape(_status(status, lang)),
        )
        for number, status in enumerate(statuses, start=1)
    ]
    intro = escape(t(lang, "checklist.list_intro"))
    return PARAGRAPH.join([bold(t(lang, "checklist.list_title")), intro, "\n".join(lines)])


def overview_keyboard(statuses: Sequence[ChecklistStatus], lang: str) -> InlineKeyboardMarkup:
    """Open each checklist; restart it or see its results once it has a run."""
    rows: list[list[InlineKeyboardButton]] = []
    for number, status in enumerate(statuses, start=1):
        title = status.checklist.title.get(lang)
        opening = t(lang, "checklist.open_button", number=number, title=title)
        if status.run_id is None:
            rows.append([button(opening, "go", status.checklist.id)])
            continue
        results = button(t(lang, "checklist.results_button", number=number), "res", status.run_id)
        restart = button(t(lang, "checklist.restart_button", number=number), "rx", status.run_id)
        if status.status != "completed":
            rows.append([button(opening, "rs", status.run_id)])
        rows.append([results, restart])
    return InlineKeyboardMarkup(rows)


def list_keyboard(lang: str) -> InlineKeyboardMarkup:
    """One button back to the list of checklists."""
    return InlineKeyboardMarkup([[button(t(lang, "checklist.list_button"), "ls")]])


def restart_confirmation(view: RunView, lang: str) -> tuple[str, InlineKeyboardMarkup]:
    """The question "restart from the beginning?", with yes and cancel."""
    text = escape(t(lang, "checklist.restart_confirm", title=view.checklist.title.get(lang)))
    keyboard = InlineKeyboardMarkup(
        [
            [
                button(t(lang, "checklist.restart_yes"), "ry", view.run_id),
                button(t(lang, "checklist.cancel"), "ls"),
            ]
        ]
    )
    return text, keyboard


def _header(view: RunView, lang: str, group: str | None = None) -> str:
    title = f"📋 {bold(view.checklist.title.get(lang))}"
    return f"{title} · {escape(group)}" if group else title


def _profile_step(view: RunView, lang: str) -> tuple[str, InlineKeyboardMarkup]:
    categories = view.step == STEP_CATEGORIES
    field, prefix = ("c", "category") if categories else ("s", "situation")
    keys = ACTION_CATEGORIES if categories else SITUATIONS
    chosen = view.profile.categories if categories else view.profile.situations
    rows = []
    for key in keys:
        ticked = key in chosen
        name = t(lang, f"profile.{prefix}_{key.replace('-', '_')}")
        toggle = (view.run_id, view.revision, field, key, 0 if ticked else 1)
        rows.append([button(f"{CHECKED if ticked else UNCHECKED} {name}", "pf", *toggle)])
    rows.append([button(t(lang, "checklist.continue"), "pok", view.run_id, view.revision)])
    question = "checklist.ask_categories" if categories else "checklist.ask_situations"
    text = PARAGRAPH.join([_header(view, lang), escape(t(lang, question))])
    return text, InlineKeyboardMarkup(rows)


def value_name(value: str | None, lang: str) -> str:
    """How a stored answer reads in a sentence (``oui``, ``en partie``…)."""
    return t(lang, f"checklist.value_{value or 'none'}")


def _item_body(view: RunView, planned: PlannedItem, lang: str, new_entrant: bool) -> list[str]:
    parts = [bold(planned.item.text.get(lang))]
    evidence = planned.evidence.get(lang)
    if evidence:
        parts.append(f"{italic(t(lang, 'checklist.evidence'))}\n{bullet_list(evidence)}")
    indicator = planned.indicator
    if new_entrant and indicator is not None and indicator.new_entrant.deferred:
        text = indicator.new_entrant.text.get(lang)
        parts.append(italic(t(lang, "checklist.new_entrant", text=text)))
    if view.answer:
        parts.append(escape(t(lang, "checklist.your_answer", answer=value_name(view.answer, lang))))
    if view.note:
        parts.append(escape(t(lang, "checklist.your_note", note=view.note)))
    return parts


def _item_keyboard(view: RunView, planned: PlannedItem, lang: str) -> InlineKeyboardMarkup:
    run, item, revision = view.run_id, planned.id, view.revision

    def answer(value: str) -> InlineKeyboardButton:
        text = t(lang, f"checklist.answer_{value}")
        marked = f"{CURRENT}{text}" if view.answer == value else text
        return button(marked, "a", run, item, revision, CODE_OF_VALUE[value])

    rows = [
        [answer("yes"), answer("partly"), answer("no")],
        [answer("na"), button(t(lang, "checklist.skip"), "a", run, item, revision, "s")],
    ]
    extra = [button(t(lang, "checklist.note"), "nt", run, item)]
    if planned.entry is not None:
        extra.insert(0, button(t(lang, "checklist.why"), "why", run, item))
    rows.append(extra)
    moves = [button(t(lang, "checklist.pause"), "pz", run, revision)]
    if view.position > 1:
        moves.insert(0, button(t(lang, "checklist.back"), "bk", run, item, revision))
    rows.append(moves)
    return InlineKeyboardMarkup(rows)


def _item_step(view: RunView, lang: str) -> tuple[str, InlineKeyboardMarkup]:
    planned = view.item
    assert planned is not None, "an item step has an item"
    head = [
        _header(view, lang, planned.group_title.get(lang) if planned.group_id else None),
        f"<code>{progress_bar(view.position, view.plan.total)}</code>",
    ]
    if view.position == 1 and view.answered == 0 and view.plan.left_out:
        head.append(italic(t(lang, "checklist.left_out", count=view.plan.left_out)))
    new_entrant = "new-entrant" in view.profile.situations
    text = PARAGRAPH.join(["\n".join(head), *_item_body(view, planned, lang, new_entrant)])
    return text, _item_keyboard(view, planned, lang)


def _paused_step(view: RunView, lang: str) -> tuple[str, InlineKeyboardMarkup]:
    text = t(lang, "checklist.paused", position=view.position, total=view.plan.total)
    keyboard = InlineKeyboardMarkup(
        [
            [button(t(lang, "checklist.resume"), "rs", view.run_id)],
            [button(t(lang, "checklist.list_button"), "ls")],
        ]
    )
    return PARAGRAPH.join([_header(view, lang), escape(text)]), keyboard


def step(view: RunView, lang: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """The message of a run at its current step (a finished run says so; results follow)."""
    if view.step in (STEP_CATEGORIES, STEP_SITUATIONS):
        return _profile_step(view, lang)
    if view.step == STEP_ITEM:
        return _item_step(view, lang)
    if view.step == STEP_PAUSED:
        return _paused_step(view, lang)
    key = "checklist.finished" if view.plan.total else "checklist.nothing_applies"
    return PARAGRAPH.join([_header(view, lang), escape(t(lang, key))]), None


def note_prompt(
    view: RunView, planned: PlannedItem, lang: str, limit: int
) -> tuple[str, InlineKeyboardMarkup]:
    """Ask for a note about ``planned``, with a button to cancel."""
    text = PARAGRAPH.join(
        [escape(t(lang, "checklist.note_prompt", limit=limit)), italic(planned.item.text.get(lang))]
    )
    keyboard = InlineKeyboardMarkup([[button(t(lang, "checklist.cancel"), "nc", view.run_id)]])
    return text, keyboard
