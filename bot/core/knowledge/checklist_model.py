"""Typed, immutable checklists loaded from ``knowledge/checklists/``."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.localized import Localized, LocalizedList

NO_EVIDENCE = LocalizedList((), ())
SITUATIONS: tuple[str, ...] = (
    "certifying",
    "subcontracting",
    "work-situations",
    "new-entrant",
    "alternance",
)
"""Profile situations an item can depend on (the users' ``situations`` column)."""


@dataclass(frozen=True, slots=True)
class Condition:
    """When an item applies, written in the checklist file (``applies_if``).

    Every non-empty part must hold: the organisation runs at least one of ``categories``,
    is in at least one of ``situations`` and in none of ``not_situations``.
    """

    categories: tuple[str, ...] = ()
    situations: tuple[str, ...] = ()
    not_situations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChecklistGroup:
    """A heading that items are grouped under; its title is its own or its entry's."""

    id: str
    title: Localized | None = None
    entry: str | None = None


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One question of a checklist.

    ``entry`` is the knowledge entry behind "Why this matters". When it is an indicator entry,
    the item's criterion group, expected evidence and applicability come from that entry unless
    the item states them.
    """

    id: str
    text: Localized
    group: str = ""
    entry: str | None = None
    todo: Localized | None = None
    evidence: LocalizedList = NO_EVIDENCE
    applies_if: Condition | None = None


@dataclass(frozen=True, slots=True)
class Checklist:
    """A guided checklist; ``indicators`` marks the one-item-per-indicator self-assessment."""

    id: str
    title: Localized
    description: Localized
    items: tuple[ChecklistItem, ...]
    groups: tuple[ChecklistGroup, ...] = ()
    order: int = 0
    indicators: bool = False
    source_file: str = ""

    def item(self, item_id: str) -> ChecklistItem | None:
        """The item with this id, or None."""
        return next((item for item in self.items if item.id == item_id), None)
