"""The certification cycle as a PNG timeline: one row per milestone, windows as bars.

Uses matplotlib's object API (no pyplot, no global backend), so it is safe in a server.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import matplotlib.dates as mdates
from matplotlib.figure import Figure

from bot.core.milestones.compute import Milestone

COLOURS = {"window": "#2f6db5", "deadline": "#c0392b", "event": "#27ae60"}
DONE_COLOUR = "#9e9e9e"
TODAY_COLOUR = "#f39c12"
LABEL_MAX = 48


def _label(milestone: Milestone, lang: str) -> str:
    title = milestone.title.get(lang)
    return title if len(title) <= LABEL_MAX else title[: LABEL_MAX - 1] + "…"


def timeline_png(milestones: tuple[Milestone, ...], lang: str, today: date) -> bytes:
    """A PNG image of the milestones against time, with a line for ``today``."""
    figure = Figure(figsize=(10, 0.45 * len(milestones) + 1.6), dpi=110)
    axes = figure.add_subplot()
    rows = list(reversed(milestones))
    for index, milestone in enumerate(rows):
        colour = DONE_COLOUR if milestone.is_past(today) else COLOURS.get(milestone.kind, "#555")
        start = mdates.date2num(milestone.start)
        if milestone.end > milestone.start:
            width = mdates.date2num(milestone.end + timedelta(days=1)) - start
            axes.barh(index, width, left=start, height=0.5, color=colour)
        else:
            axes.plot(start, index, marker="D", markersize=8, color=colour)
    axes.set_yticks(range(len(rows)), [_label(m, lang) for m in rows], fontsize=8)
    if milestones:
        first = min(m.start for m in milestones) - timedelta(days=30)
        last = max(m.end for m in milestones) + timedelta(days=30)
        axes.set_xlim(mdates.date2num(first), mdates.date2num(last))
        if first <= today <= last:
            axes.axvline(mdates.date2num(today), color=TODAY_COLOUR, linestyle="--", linewidth=1.5)
    axes.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%m/%Y"))
    axes.tick_params(axis="x", labelsize=8, rotation=45)
    axes.grid(axis="x", alpha=0.3)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
