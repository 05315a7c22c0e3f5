"""The PDF report of a checklist run, written with fpdf2 and the DejaVu Sans font.

DejaVu Sans ships with matplotlib, so French accents render without any system font.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from bot.core.checklists.engine import Plan, PlannedItem
from bot.core.checklists.scoring import Finding, Score
from bot.core.knowledge.checklist_model import Checklist
from bot.core.localized import long_date
from bot.reports.chart import percent
from bot.reports.labels import label, value_label

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
LINE = 5.0
GREY = (90, 90, 90)
BLACK = (0, 0, 0)


@dataclass(frozen=True, slots=True)
class ReportContent:
    """What the report shows."""

    checklist: Checklist
    plan: Plan
    answers: Mapping[str, str]
    notes: Mapping[str, str]
    score: Score
    org_name: str | None
    day: date
    lang: str


class _Writer:
    """Small helpers over FPDF for headings, paragraphs and bullets."""

    def __init__(self) -> None:
        self.pdf = FPDF(format="A4")
        self.pdf.set_auto_page_break(auto=True, margin=15)
        for style, file in FONT_FILES.items():
            self.pdf.add_font(FAMILY, style, str(FONT_DIR / file))
        self.pdf.add_page()
        self.pdf.set_font(FAMILY, "", 10)
        self.glyphs = frozenset(self.pdf.current_font.cmap)

    def clean(self, text: str) -> str:
        """``text`` without the characters the font lacks (emoji in notes are dropped)."""
        return "".join(c for c in text if c in "\n\t" or ord(c) in self.glyphs)

    def text(self, text: str, *, size: float = 10, style: str = "", colour=BLACK) -> None:
        self.pdf.set_font(FAMILY, style, size)
        self.pdf.set_text_color(*colour)
        self.pdf.multi_cell(
            0, LINE, self.clean(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def heading(self, text: str, size: float = 13) -> None:
        self.pdf.ln(3)
        self.text(text, size=size, style="B")
        self.pdf.ln(1)

    def bullets(self, items: tuple[str, ...], prefix: str = "") -> None:
        for item in items:
            self.text(f"   • {prefix}{item}", size=9)

    def space(self, height: float = 2) -> None:
        self.pdf.ln(height)


def _readiness(value: int | None, lang: str) -> str:
    return percent(value, lang) if value is not None else label("not_applicable_short", lang)


def _summary_table(writer: _Writer, content: ReportContent) -> None:
    lang = content.lang
    names = [value_label(v, lang) for v in ("yes", "partly", "no", "na")] + [label("open", lang)]
    writer.pdf.set_font(FAMILY, "", 8)
    writer.pdf.set_text_color(*BLACK)
    with writer.pdf.table(col_widths=(62, 18, 12, 12, 12, 14, 12), text_align="CENTER") as table:
        header = table.row()
        for name in (label("part", lang), label("readiness", lang), *names):
            header.cell(name)
        for group in content.score.groups:
            tally = group.tally
            row = table.row()
            row.cell(writer.clean(group.title.get(lang)), align="LEFT")
            row.cell(_readiness(tally.readiness, lang))
            open_items = tally.skip + tally.unanswered
            for count in (tally.yes, tally.partly, tally.no, tally.na, open_items):
                row.cell(str(count))


def _finding(writer: _Writer, finding: Finding, lang: str) -> None:
    planned = finding.planned
    writer.text(planned.item.text.get(lang), size=9, style="B")
    writer.text(
        label("answer_value", lang, value=value_label(finding.value, lang)), size=9, colour=GREY
    )
    if finding.note:
        writer.text(f"{label('note', lang)} — {finding.note}", size=9, style="I")
    if planned.todo:
        writer.text(f"{label('todo', lang)} — {planned.todo.get(lang)}", size=9)
    elif planned.expected_level:
        writer.text(f"{label('expected_level', lang)} — {planned.expected_level.get(lang)}", size=9)
    evidence = planned.evidence.get(lang)
    if evidence:
        writer.text(label("evidence", lang), size=9)
        writer.bullets(evidence)
    writer.space()


def _answer_line(writer: _Writer, planned: PlannedItem, content: ReportContent) -> None:
    lang = content.lang
    value = value_label(content.answers.get(planned.id), lang)
    writer.text(f"[{value}]  {planned.item.text.get(lang)}", size=9)
    note = content.notes.get(planned.id)
    if note:
        writer.text(f"      {label('note', lang)} — {note}", size=9, style="I", colour=GREY)


def build_pdf(content: ReportContent, chart_png: bytes) -> bytes:
    """The report: organisation, date, summary table, chart, gaps, then every answer."""
    lang = content.lang
    score = content.score
    writer = _Writer()
    writer.pdf.set_title(writer.clean(content.checklist.title.get(lang)))
    writer.text(label("report", lang), size=10, colour=GREY)
    writer.text(content.checklist.title.get(lang), size=18, style="B")
    writer.space()
    organisation = content.org_name or label("no_organisation", lang)
    writer.text(f"{label('organisation', lang)} — {organisation}")
    writer.text(f"{label('date', lang)} — {long_date(content.day, lang)}")
    writer.text(label("answered", lang, answered=score.overall.assessed, total=score.overall.total))
    if score.left_out:
        writer.text(label("left_out", lang, count=score.left_out), colour=GREY)
    if score.overall.readiness is not None:
        writer.heading(label("overall", lang, value=percent(score.overall.readiness, lang)))
    writer.heading(label("summary", lang))
    _summary_table(writer, content)
    writer.space(4)
    writer.pdf.image(BytesIO(chart_png), w=writer.pdf.epw)
    writer.heading(label("gaps", lang))
    if not score.gaps:
        writer.text(label("no_gaps", lang))
    for finding in score.gaps:
        _finding(writer, finding, lang)
    if score.not_assessed:
        writer.heading(label("not_assessed", lang))
        for finding in score.not_assessed:
            _finding(writer, finding, lang)
    writer.heading(label("answers", lang))
    group = None
    for planned in content.plan.items:
        if planned.group_id != group:
            group = planned.group_id
            writer.text(planned.group_title.get(lang), size=10, style="B")
        _answer_line(writer, planned, content)
    writer.space(4)
    writer.text(label("disclaimer", lang), size=8, style="I", colour=GREY)
    return bytes(writer.pdf.output())
