"""The readiness chart (PNG) and the PDF report, with French accents intact."""

from __future__ import annotations

import logging
import re
import warnings
from datetime import date

import pytest

from bot.core.checklists.applicability import Profile
from bot.core.checklists.engine import build_plan
from bot.core.checklists.scoring import score
from bot.reports.report import build_report_files
from tests.unit.checklist_fixtures import real_base

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def report(lang: str, notes: dict[str, str] | None = None):
    base = real_base()
    checklist = base.checklist("self-assessment")
    plan = build_plan(checklist, base, Profile.of(["training"], ["certifying"]))
    values = ("yes", "partly", "no", "na", "skip")
    answers = {p.id: values[i % len(values)] for i, p in enumerate(plan.items)}
    notes = notes or {plan.items[2].id: "Reçu « à jour » l’an dernier, révision en décembre"}
    return build_report_files(
        checklist=checklist,
        plan=plan,
        answers=answers,
        notes=notes,
        score=score(plan, answers, notes),
        org_name="Formations Éléonore & Cœur",
        day=date(2026, 11, 28),
        lang=lang,
    )


def unicode_map(pdf: bytes) -> set[str]:
    """Every character the PDF's fonts map glyphs to (their ToUnicode tables)."""
    codes = re.findall(rb"<[0-9A-F]{4}> <([0-9A-F]{4})>", pdf)
    return {chr(int(code, 16)) for code in codes}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_chart_is_a_png_drawn_without_missing_glyphs(lang: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns about every glyph it cannot draw
        files = report(lang)
    assert files.chart_png.startswith(PNG_SIGNATURE)
    assert len(files.chart_png) > 10_000


def test_the_pdf_embeds_a_font_that_has_the_french_accents(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        files = report("fr")
    assert files.pdf.startswith(b"%PDF-")
    assert b"/FontFile2" in files.pdf, "the TrueType font is embedded"
    assert set("éèàçœÉ«»’") <= unicode_map(files.pdf)
    assert not [r for r in caplog.records if "missing" in r.getMessage()]
    assert files.pdf_name == "qualibot-self-assessment-2026-11-28.pdf"


def test_the_pdf_has_several_pages_and_embeds_the_chart() -> None:
    files = report("en")
    assert files.pdf.count(b"/Type /Page\n") >= 2
    assert b"/Subtype /Image" in files.pdf


def test_an_emoji_in_a_note_does_not_break_the_report(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        files = report("fr", notes={"i1": "Fait 👍 漢字"})
    assert files.pdf.startswith(b"%PDF-")
    assert not [r for r in caplog.records if "missing" in r.getMessage()]
