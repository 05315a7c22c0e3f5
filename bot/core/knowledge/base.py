"""The loaded knowledge base: immutable, validated, with lookups by id and number."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from bot.core.knowledge.checklist_model import Checklist
from bot.core.knowledge.model import Entry, FrameworkVersion, GlossaryTerm
from bot.core.milestones.rules import MilestoneRules


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """Everything under ``knowledge/``; ``version`` is a short hash of the files' content."""

    entries: tuple[Entry, ...]
    glossary: tuple[GlossaryTerm, ...]
    versions: tuple[FrameworkVersion, ...]
    current_version: FrameworkVersion
    milestones: MilestoneRules
    checklists: tuple[Checklist, ...]
    topics: frozenset[str]
    version: str
    _by_id: Mapping[str, Entry] = field(init=False, repr=False, compare=False)
    _indicators: Mapping[int, Entry] = field(init=False, repr=False, compare=False)
    _criteria: Mapping[int, Entry] = field(init=False, repr=False, compare=False)
    _checklists: Mapping[str, Checklist] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        indexes = {
            "_by_id": {entry.id: entry for entry in self.entries},
            "_indicators": {e.indicator.number: e for e in self.entries if e.indicator},
            "_criteria": {e.criterion.number: e for e in self.entries if e.criterion},
            "_checklists": {checklist.id: checklist for checklist in self.checklists},
        }
        for name, index in indexes.items():
            object.__setattr__(self, name, MappingProxyType(index))

    def entry(self, entry_id: str) -> Entry | None:
        """The entry with this id, or None."""
        return self._by_id.get(entry_id)

    def indicator(self, number: int) -> Entry | None:
        """The entry of indicator ``number`` (1-32), or None."""
        return self._indicators.get(number)

    def criterion(self, number: int) -> Entry | None:
        """The entry of criterion ``number`` (1-7), or None."""
        return self._criteria.get(number)

    def checklist(self, checklist_id: str) -> Checklist | None:
        """The checklist with this id, or None."""
        return self._checklists.get(checklist_id)

    def framework_label(self, lang: str) -> str:
        """The label of the framework version in force, e.g. "RNQ 32 indicateurs / guide V9"."""
        return self.current_version.label.get(lang)
