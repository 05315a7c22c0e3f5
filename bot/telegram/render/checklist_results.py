"""The results of a checklist run as messages: summary per part, then the gaps."""

from __future__ import annotations

from bot.core.checklists.scoring import Finding, Tally
from bot.services.checklist_views import Results
from bot.telegram.i18n import t
from bot.telegram.render.checklist import value_name
from bot.telegram.render.split import split_message
from bot.telegram.render.text import BULLET, bold, bullet_list, escape, italic

PARAGRAPH = "\n\n"


def percent(value: int | None, lang: str) -> str:
    """``75 %`` in French, ``75%`` in English; "not applicable" when nothing counts."""
    if value is None:
        return t(lang, "checklist.results_no_score")
    return f"{value}\u202f%" if lang == "fr" else f"{value}%"


def _counts(tally: Tally, lang: str) -> str:
    return t(
        lang,
        "checklist.results_counts",
        yes=tally.yes,
        partly=tally.partly,
        no=tally.no,
        na=tally.na,
        open=tally.skip + tally.unanswered,
    )


def summary(results: Results, lang: str) -> str:
    """Overall readiness, counts, and one line per part (criterion, stage…)."""
    score = results.score
    overall = score.overall
    parts = [bold(t(lang, "checklist.results_title", title=results.checklist.title.get(lang)))]
    if results.status != "completed":
        provisional = t(
            lang, "checklist.results_provisional", answered=overall.assessed, total=overall.total
        )
        parts.append(italic(provisional))
    readiness = t(lang, "checklist.results_overall", percent=percent(overall.readiness, lang))
    parts.append(f"{bold(readiness)}\n{escape(_counts(overall, lang))}")
    if score.left_out:
        parts.append(italic(t(lang, "checklist.left_out", count=score.left_out)))
    lines = [
        f"{BULLET} "
        + escape(
            t(
                lang,
                "checklist.results_part",
                title=group.title.get(lang),
                percent=percent(group.tally.readiness, lang),
                yes=group.tally.yes,
                partly=group.tally.partly,
                no=group.tally.no,
            )
        )
        for group in score.groups
    ]
    if len(lines) > 1:
        parts.append(f"{bold(t(lang, 'checklist.results_by_part'))}\n" + "\n".join(lines))
    return PARAGRAPH.join(parts)


def _gap(number: int, finding: Finding, lang: str) -> str:
    planned = finding.planned
    lines = [
        f"<b>{number}. {escape(planned.item.text.get(lang))}</b>",
        italic(t(lang, "checklist.your_answer", answer=value_name(finding.value, lang))),
    ]
    if finding.note:
        lines.append(escape(t(lang, "checklist.your_note", note=finding.note)))
    if planned.todo:
        lines.append("➡ " + escape(t(lang, "checklist.todo", text=planned.todo.get(lang))))
    elif planned.expected_level:
        level = planned.expected_level.get(lang)
        lines.append("➡ " + escape(t(lang, "checklist.expected_level", text=level)))
    evidence = planned.evidence.get(lang)
    if evidence:
        lines.append(f"{italic(t(lang, 'checklist.evidence'))}\n{bullet_list(evidence)}")
    return "\n".join(lines)


def gaps(results: Results, lang: str) -> list[str]:
    """The gaps with what to do and the evidence expected, then the items not assessed,
    split into messages that fit Telegram."""
    score = results.score
    title = bold(t(lang, "checklist.gaps_title", count=len(score.gaps)))
    body = [_gap(n, finding, lang) for n, finding in enumerate(score.gaps, start=1)]
    parts = [title, *(body or [escape(t(lang, "checklist.no_gaps"))])]
    if score.not_assessed:
        names = [finding.planned.item.text.get(lang) for finding in score.not_assessed]
        heading = bold(t(lang, "checklist.open_title", count=len(names)))
        parts.append(f"{heading}\n{bullet_list(names)}")
    return split_message(PARAGRAPH.join(parts))
