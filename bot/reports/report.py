"""Both files of a checklist run: the readiness chart and the PDF report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bot.core.checklists.engine import Plan
from bot.core.checklists.scoring import Score
from bot.core.knowledge.checklist_model import Checklist
from bot.reports.chart import readiness_chart
from bot.reports.pdf import ReportContent, build_pdf


@dataclass(frozen=True, slots=True)
class ReportFiles:
    """The chart (PNG bytes), the report (PDF bytes) and a file name for the report."""

    chart_png: bytes
    pdf: bytes
    pdf_name: str


def build_report_files(
    *,
    checklist: Checklist,
    plan: Plan,
    answers: Mapping[str, str],
    notes: Mapping[str, str],
    score: Score,
    org_name: str | None,
    day: date,
    lang: str,
) -> ReportFiles:
    """Draw the chart, then the PDF that embeds it (CPU-bound: call it in a thread)."""
    chart = readiness_chart(score, checklist.title.get(lang), lang)
    content = ReportContent(checklist, plan, answers, notes, score, org_name, day, lang)
    pdf = build_pdf(content, chart)
    return ReportFiles(chart, pdf, f"qualibot-{checklist.id}-{day.isoformat()}.pdf")
