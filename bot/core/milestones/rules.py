"""Milestone rules as data: offsets from the certification date, and yearly obligations."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.localized import Localized

MILESTONE_KINDS: tuple[str, ...] = ("window", "deadline", "event")
CERTIFIED_ON = "certified_on"


@dataclass(frozen=True, slots=True)
class Offset:
    """A point in time: ``months`` and ``days`` after an anchor (``certified_on`` or a rule id)."""

    anchor: str
    months: int = 0
    days: int = 0


@dataclass(frozen=True, slots=True)
class CycleRule:
    """A milestone of the 3-year certification cycle. ``end`` is None for a single day."""

    id: str
    kind: str
    start: Offset
    end: Offset | None
    title: Localized
    source: str
    note: Localized | None = None


@dataclass(frozen=True, slots=True)
class YearlyRule:
    """An obligation that falls on the same day every year."""

    id: str
    kind: str
    month: int
    day: int
    title: Localized
    source: str
    note: Localized | None = None


@dataclass(frozen=True, slots=True)
class MilestoneRules:
    """All milestone rules of the knowledge base."""

    cycle: tuple[CycleRule, ...] = ()
    yearly: tuple[YearlyRule, ...] = ()
