"""A horizontal bar chart of readiness per group, drawn with matplotlib's Agg backend."""

from __future__ import annotations

import textwrap
from io import BytesIO

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.core.checklists.scoring import Score
from bot.reports.labels import label

LABEL_WIDTH = 34
DPI = 150
READY = "#2e7d32"
HALFWAY = "#f9a825"
NOT_READY = "#c62828"
NOTHING = "#9e9e9e"


def percent(value: int, lang: str) -> str:
    """``75 %`` in French, ``75%`` in English."""
    return f"{value}\u202f%" if lang == "fr" else f"{value}%"


def _colour(readiness: int | None) -> str:
    if readiness is None:
        return NOTHING
    if readiness >= 80:
        return READY
    return HALFWAY if readiness >= 50 else NOT_READY


def readiness_chart(score: Score, title: str, lang: str) -> bytes:
    """A PNG with one bar per group (readiness in %), the overall readiness in the title."""
    groups = score.groups
    figure = Figure(figsize=(8, 1.6 + 0.6 * max(len(groups), 1)), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(groups)))
    values = [group.tally.readiness or 0 for group in groups]
    axes.barh(positions, values, color=[_colour(g.tally.readiness) for g in groups])
    axes.set_yticks(
        positions, [textwrap.fill(g.title.get(lang), LABEL_WIDTH) for g in groups], fontsize=8
    )
    axes.invert_yaxis()
    axes.set_xlim(0, 110)
    axes.set_xticks([0, 25, 50, 75, 100])
    axes.set_xlabel(label("chart_axis", lang))
    for position, group in zip(positions, groups, strict=True):
        readiness = group.tally.readiness
        text = (
            percent(readiness, lang)
            if readiness is not None
            else label("not_applicable_short", lang)
        )
        axes.text((readiness or 0) + 1.5, position, text, va="center", fontsize=8)
    overall = score.overall.readiness
    heading = textwrap.fill(title, 60)
    if overall is not None:
        heading += "\n" + label("overall", lang, value=percent(overall, lang))
    axes.set_title(heading, fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
