"""Typed, immutable objects of the knowledge base."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.core.localized import Localized, LocalizedList

ACTION_CATEGORIES: tuple[str, ...] = ("training", "skills-assessment", "vae", "apprenticeship")
SPECIAL_CASES: tuple[str, ...] = (
    "certifying-only",
    "apprenticeship-only",
    "alternance",
    "subcontracting",
    "work-situations",
)
NO_KEYWORDS = LocalizedList((), ())
NC_GRADINGS: tuple[str, ...] = ("major-only", "minor-or-major")
INDICATOR_SCOPES: tuple[str, ...] = ("common", "specific")


@dataclass(frozen=True, slots=True)
class NewEntrantRule:
    """How an organisation new to the market is assessed on an indicator."""

    deferred: bool
    text: Localized


@dataclass(frozen=True, slots=True)
class IndicatorInfo:
    """Structured data of one of the 32 indicators."""

    number: int
    criterion: int
    scope: str
    wording_fr: str
    applies_to: tuple[str, ...]
    special_cases: tuple[str, ...]
    nc_grading: str
    new_entrant: NewEntrantRule
    expected_level: Localized
    evidence: LocalizedList
    mistakes: LocalizedList


@dataclass(frozen=True, slots=True)
class CriterionInfo:
    """Structured data of one of the 7 criteria."""

    number: int
    title_fr: str
    indicators: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Entry:
    """One answerable piece of knowledge."""

    id: str
    topics: tuple[str, ...]
    title: Localized
    questions: LocalizedList
    answer: Localized
    sources: tuple[str, ...]
    reviewed: date
    keywords: LocalizedList = NO_KEYWORDS
    details: Localized | None = None
    see_also: tuple[str, ...] = ()
    framework: str | None = None
    indicator: IndicatorInfo | None = None
    criterion: CriterionInfo | None = None
    source_file: str = ""
    source_line: int = 0


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    """An acronym or term trainers use, and the words it stands for."""

    term: str
    expansion: Localized
    definition: Localized
    synonyms: tuple[str, ...] = ()
    entry: str | None = None


@dataclass(frozen=True, slots=True)
class FrameworkVersion:
    """A version of the national quality framework (RNQ)."""

    id: str
    status: str
    indicators: int
    label: Localized
    effective_from: date | None
    effective_until: date | None
    sources: tuple[str, ...] = field(default_factory=tuple)
