"""Milestones as plain text and JSON: dates written the French or English way."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.core.localized import long_date
from bot.core.milestones.compute import Milestone

KIND_LABELS = {
    "fr": {"window": "période", "deadline": "échéance", "event": "étape"},
    "en": {"window": "window", "deadline": "deadline", "event": "step"},
}


def format_span(milestone: Milestone, lang: str) -> str:
    """One date, or ``from … to …`` for a window."""
    if milestone.start == milestone.end:
        return long_date(milestone.start, lang)
    start, end = long_date(milestone.start, lang), long_date(milestone.end, lang)
    return f"du {start} au {end}" if lang == "fr" else f"{start} to {end}"


def kind_label(kind: str, lang: str) -> str:
    """The kind of milestone in words."""
    labels = KIND_LABELS["en" if lang == "en" else "fr"]
    return labels.get(kind, kind)


def as_json(milestone: Milestone, lang: str) -> dict[str, Any]:
    """The JSON object of the ``qualibot milestones --json`` contract (plus rule, note, done_on)."""
    return {
        "id": milestone.id,
        "kind": milestone.kind,
        "start": milestone.start.isoformat(),
        "end": milestone.end.isoformat(),
        "title": milestone.title.get(lang),
        "source": milestone.source,
        "rule": milestone.rule_id,
        "note": milestone.note.get(lang) if milestone.note else None,
        "done_on": milestone.done_on.isoformat() if milestone.done_on else None,
    }


def as_text(milestones: tuple[Milestone, ...], lang: str, certified_on: date) -> str:
    """A readable schedule: one block per milestone with its dates, kind, note and source."""
    heading = (
        f"Cycle de certification Qualiopi — certificat obtenu le {long_date(certified_on, lang)}"
        if lang == "fr"
        else f"Qualiopi certification cycle — certificate obtained on "
        f"{long_date(certified_on, lang)}"
    )
    source_label = "Source :" if lang == "fr" else "Source:"
    done_label = "fait le" if lang == "fr" else "done on"
    lines = [heading, ""]
    for milestone in milestones:
        line = f"- {format_span(milestone, lang)} — {milestone.title.get(lang)}"
        line += f" ({kind_label(milestone.kind, lang)})"
        if milestone.done_on:
            line += f" ✓ {done_label} {long_date(milestone.done_on, lang)}"
        lines.append(line)
        if milestone.note is not None:
            lines.append(f"  {milestone.note.get(lang)}")
        lines.append(f"  {source_label} {milestone.source}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
