"""Percentiles and the printed table of the load benchmark."""

from __future__ import annotations

from collections.abc import Sequence


def percentile(values: Sequence[float], rank: float) -> float:
    """The ``rank``-th percentile (nearest rank); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(rank / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def table(rows: list[dict[str, object]], columns: list[tuple[str, str]]) -> str:
    """A plain-text table: ``columns`` are (key, heading) pairs."""
    cells = [[heading for _, heading in columns]]
    cells += [[_text(row.get(key, "")) for key, _ in columns] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    lines = [
        "  ".join(cell.rjust(width) for cell, width in zip(line, widths, strict=True))
        for line in cells
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)
