"""Small checklists and entries built in code, and the real knowledge base, for checklist tests."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from bot.core.knowledge.base import KnowledgeBase
from bot.core.knowledge.checklist_model import Checklist, ChecklistGroup, ChecklistItem, Condition
from bot.core.knowledge.loader import load_knowledge
from bot.core.knowledge.model import Entry, IndicatorInfo, NewEntrantRule
from bot.core.localized import Localized, LocalizedList

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"


def text(value: str) -> Localized:
    """The same text in both languages, marked with the language."""
    return Localized(f"{value} (fr)", f"{value} (en)")


def indicator(number: int, criterion: int, applies_to: tuple[str, ...], *cases: str) -> Entry:
    """An indicator entry with the applicability given."""
    info = IndicatorInfo(
        number=number,
        criterion=criterion,
        scope="common",
        wording_fr=f"indicateur {number}",
        applies_to=applies_to,
        special_cases=cases,
        nc_grading="major-only",
        new_entrant=NewEntrantRule(False, text("no adaptation")),
        expected_level=text(f"expected level {number}"),
        evidence=LocalizedList((f"preuve {number}",), (f"evidence {number}",)),
        mistakes=LocalizedList(("erreur",), ("mistake",)),
    )
    return Entry(
        id=f"indicator-{number}",
        topics=(f"indicator-{number}",),
        title=text(f"Indicator {number}"),
        questions=LocalizedList((), ()),
        answer=text(f"why indicator {number} matters"),
        sources=("source",),
        reviewed=date(2026, 11, 28),
        indicator=info,
    )


def plain_entry(entry_id: str) -> Entry:
    """An entry without indicator block."""
    return Entry(
        id=entry_id,
        topics=(entry_id,),
        title=text(entry_id),
        questions=LocalizedList((), ()),
        answer=text(f"why {entry_id} matters"),
        sources=("source",),
        reviewed=date(2026, 11, 28),
    )


class Entries:
    """An :class:`EntrySource` over a few entries."""

    def __init__(self, *entries: Entry) -> None:
        self.by_id = {entry.id: entry for entry in entries}

    def entry(self, entry_id: str) -> Entry | None:
        return self.by_id.get(entry_id)


ENTRIES = Entries(
    indicator(1, 1, ("training", "skills-assessment")),
    indicator(3, 1, ("training", "vae"), "certifying-only"),
    indicator(14, 3, ("apprenticeship",), "apprenticeship-only"),
    plain_entry("criterion-1"),
    plain_entry("bpf"),
)

AUDIT = Checklist(
    id="audit",
    title=text("Audit"),
    description=text("Prepare"),
    groups=(ChecklistGroup("send", text("To send")), ChecklistGroup("day", entry="bpf")),
    items=(
        ChecklistItem("one", text("one"), group="send", entry="bpf", todo=text("do one")),
        ChecklistItem(
            "two", text("two"), group="send", applies_if=Condition(situations=("new-entrant",))
        ),
        ChecklistItem("three", text("three"), group="day", entry="indicator-1"),
        ChecklistItem(
            "four", text("four"), group="day", applies_if=Condition(not_situations=("new-entrant",))
        ),
        ChecklistItem("five", text("five"), entry="indicator-14"),
    ),
)


@cache
def real_base() -> KnowledgeBase:
    """The knowledge base of the repository (checklists included)."""
    result = load_knowledge(KNOWLEDGE_DIR)
    assert result.base is not None, [str(problem) for problem in result.problems]
    return result.base
