"""Parse topics.yaml, framework.yaml, glossary.yaml and milestones.yaml."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.core.knowledge.fields import Reader, describe
from bot.core.knowledge.model import FrameworkVersion, GlossaryTerm
from bot.core.milestones.rules import (
    CERTIFIED_ON,
    MILESTONE_KINDS,
    CycleRule,
    MilestoneRules,
    Offset,
    YearlyRule,
)
from bot.core.yamlsource import LineDict, LineList

FRAMEWORK_STATUSES: tuple[str, ...] = ("in-force", "reported-unconfirmed", "superseded")
VERSION_REQUIRED = ("id", "status", "indicators", "label")
VERSION_OPTIONAL = ("effective_from", "effective_until", "sources")
TERM_REQUIRED = ("term", "expansion", "definition")
TERM_OPTIONAL = ("synonyms", "entry")
CYCLE_REQUIRED = ("id", "kind", "start", "title", "source")
YEARLY_REQUIRED = ("id", "kind", "month", "day", "title", "source")
REQUIRED_MILESTONES: tuple[str, ...] = (
    "surveillance-window",
    "renewal-audit",
    "certificate-expiry",
)
COMMON_YEAR = 2001  # month lengths of a year without 29 February


@dataclass(frozen=True, slots=True)
class Topics:
    """The fixed topic vocabulary, with the line where each id is defined."""

    file: str
    lines: Mapping[str, int]

    @property
    def ids(self) -> frozenset[str]:
        """Every valid topic id."""
        return frozenset(self.lines)


@dataclass(frozen=True, slots=True)
class Framework:
    """The framework versions and the one the indicator entries describe."""

    versions: tuple[FrameworkVersion, ...]
    current: FrameworkVersion | None


def parse_topics(data: Any, reader: Reader) -> Topics | None:
    """Topic ids: the keys of each group, or the items of a group's ``ids:`` list."""
    top = reader.document(data, "a mapping of topic groups")
    if top is None:
        return None
    lines: dict[str, int] = {}
    for group, value in top.items():
        if isinstance(value, LineDict) and isinstance(value.get("ids"), LineList):
            ids = value["ids"]
            found = [(topic, ids.line_of(i)) for i, topic in enumerate(ids)]
        elif isinstance(value, LineDict):
            found = [(topic, value.line_of(topic)) for topic in value]
        else:
            reader.problem(
                top.line_of(group),
                f"{group}: expected a mapping of topic ids, got {describe(value)}",
            )
            continue
        for topic, line in found:
            if not isinstance(topic, str):
                reader.problem(line, f"{group}: topic id {topic!r} is not text")
            elif topic in lines:
                reader.problem(line, f"duplicate topic id '{topic}' (first at line {lines[topic]})")
            else:
                lines[topic] = line
    return Topics(reader.file, lines)


def parse_framework(data: Any, reader: Reader) -> Framework | None:
    """The ``versions:`` list and the ``current:`` version id."""
    top = reader.document(data, "a mapping with 'versions:' and 'current:'")
    if top is None:
        return None
    reader.check_keys(top, "", ("versions", "current"))
    versions: dict[str, FrameworkVersion] = {}
    lines: dict[str, int] = {}
    for node in reader.mappings(top, "versions", "a version (a mapping)"):
        version = _version(node, reader)
        if version is None:
            continue
        if version.id in versions:
            reader.problem(
                node.line_of("id"),
                f"duplicate version id '{version.id}' (first at line {lines[version.id]})",
            )
            continue
        versions[version.id] = version
        lines[version.id] = node.line_of("id")
    current_id = reader.text(top, "current")
    current = versions.get(current_id) if current_id else None
    if current_id and current is None:
        reader.problem(
            top.line_of("current"),
            f"current: '{current_id}' is not a listed version ({', '.join(versions) or 'none'})",
        )
    return Framework(tuple(versions.values()), current)


def _version(node: LineDict, reader: Reader) -> FrameworkVersion | None:
    reader.check_keys(node, "", VERSION_REQUIRED, VERSION_OPTIONAL)
    version_id = reader.text(node, "id")
    status = reader.choice(node, "status", "", FRAMEWORK_STATUSES)
    indicators = reader.integer(node, "indicators")
    if indicators is not None and indicators < 1:
        reader.problem(node.line_of("indicators"), f"indicators: {indicators} is not positive")
        indicators = None
    label = reader.localized(node, "label")
    start = reader.day(node, "effective_from", required=False)
    until = reader.day(node, "effective_until", required=False)
    if start and until and until < start:
        reader.problem(node.line_of("effective_until"), "effective_until: before effective_from")
    sources = reader.texts(node, "sources", noun="sources", required=False)
    if None in (version_id, status, indicators, label, sources):
        return None
    return FrameworkVersion(version_id, status, indicators, label, start, until, sources)


def parse_glossary(data: Any, reader: Reader) -> tuple[GlossaryTerm, ...]:
    """The ``terms:`` list; a term or synonym may belong to one term only (case-insensitive)."""
    top = reader.document(data, "a mapping with a 'terms:' list")
    if top is None:
        return ()
    reader.check_keys(top, "", ("terms",))
    owners: dict[str, tuple[str, int]] = {}
    terms: list[GlossaryTerm] = []
    for node in reader.mappings(top, "terms", "a term (a mapping)"):
        reader.check_keys(node, "", TERM_REQUIRED, TERM_OPTIONAL)
        term = reader.text(node, "term")
        synonyms = reader.texts(node, "synonyms", noun="synonyms", required=False)
        entry = reader.text(node, "entry", required=False)
        if entry is not None:
            reader.ref("entry", entry, node.line_of("entry"), "entry")
        if term is not None:
            _claim(reader, owners, term, term, node.line_of("term"))
            for i, synonym in enumerate(synonyms or ()):
                if synonym.casefold() != term.casefold():
                    _claim(reader, owners, term, synonym, node["synonyms"].line_of(i))
        expansion = reader.localized(node, "expansion")
        definition = reader.localized(node, "definition")
        if None not in (term, synonyms, expansion, definition):
            terms.append(GlossaryTerm(term, expansion, definition, synonyms, entry))
    return tuple(terms)


def _claim(
    reader: Reader, owners: dict[str, tuple[str, int]], term: str, word: str, line: int
) -> None:
    """Record that ``word`` stands for ``term``, reporting a word already taken."""
    owner = owners.setdefault(word.casefold(), (term, line))
    if owner == (term, line):
        return
    what = "glossary term" if word == term else "synonym"
    reader.problem(
        line, f"duplicate {what} '{word}' (already used by term '{owner[0]}' at line {owner[1]})"
    )


def parse_milestones(data: Any, reader: Reader) -> MilestoneRules | None:
    """The ``cycle:`` rules (offsets from the certification date) and ``yearly:`` rules."""
    top = reader.document(data, "a mapping with 'cycle:' and 'yearly:' lists")
    if top is None:
        return None
    reader.check_keys(top, "", ("cycle",), ("yearly",))
    cycle_nodes = reader.mappings(top, "cycle", "a milestone (a mapping)")
    yearly_nodes = reader.mappings(top, "yearly", "a milestone (a mapping)", required=False)
    cycle_ids = {node["id"] for node in cycle_nodes if isinstance(node.get("id"), str)}
    seen: dict[str, int] = {}
    cycle: list[CycleRule | None] = []
    for node in cycle_nodes:
        cycle.append(_cycle_rule(node, reader, cycle_ids, frozenset(seen)))
        _check_unique(node, reader, seen)
    yearly: list[YearlyRule | None] = []
    for node in yearly_nodes:
        yearly.append(_yearly_rule(node, reader))
        _check_unique(node, reader, seen)
    for milestone in REQUIRED_MILESTONES:
        if milestone not in cycle_ids:
            reader.problem(
                top.line_of("cycle"), f"cycle: missing milestone '{milestone}' (reminders use it)"
            )
    if None in cycle or None in yearly:
        return None
    return MilestoneRules(cycle=tuple(cycle), yearly=tuple(yearly))


def _check_unique(node: LineDict, reader: Reader, seen: dict[str, int]) -> None:
    rule_id = node.get("id")
    if not isinstance(rule_id, str):
        return
    if rule_id in seen:
        reader.problem(
            node.line_of("id"),
            f"duplicate milestone id '{rule_id}' (first at line {seen[rule_id]})",
        )
    else:
        seen[rule_id] = node.line_of("id")


def _cycle_rule(
    node: LineDict, reader: Reader, cycle_ids: set[str], earlier: frozenset[str]
) -> CycleRule | None:
    reader.check_keys(node, "", CYCLE_REQUIRED, ("end", "note"))
    kind = reader.choice(node, "kind", "", MILESTONE_KINDS)
    start = _offset(node, "start", reader, cycle_ids, earlier)
    end = _offset(node, "end", reader, cycle_ids, earlier) if "end" in node else None
    if kind == "window" and "end" not in node:
        reader.problem(node.line, "missing required field 'end' (a window has a start and an end)")
    rule_id = reader.text(node, "id")
    title = reader.localized(node, "title")
    source = reader.text(node, "source")
    note = reader.localized(node, "note", required=False)
    if None in (rule_id, kind, start, title, source) or ("end" in node and end is None):
        return None
    return CycleRule(rule_id, kind, start, end, title, source, note)


def _offset(
    node: LineDict, key: str, reader: Reader, cycle_ids: set[str], earlier: frozenset[str]
) -> Offset | None:
    if key not in node:
        return None
    offset = reader.mapping(node[key], node.line_of(key), key, "{from: ..., months: ...}")
    if offset is None:
        return None
    reader.check_keys(offset, key, ("from",), ("months", "days"))
    anchor = reader.text(offset, "from", key)
    line = offset.line_of("from")
    if anchor is not None and anchor != CERTIFIED_ON and anchor not in earlier:
        if anchor in cycle_ids:
            reader.problem(
                line,
                f"{key}.from: '{anchor}' is not defined before this milestone "
                "(anchors must be earlier milestones)",
            )
        else:
            reader.problem(
                line,
                f"{key}.from: unknown anchor '{anchor}' (expected {CERTIFIED_ON} "
                "or the id of an earlier cycle milestone)",
            )
        anchor = None
    months = reader.integer(offset, "months", key, required=False)
    days = reader.integer(offset, "days", key, required=False)
    if (
        anchor is None
        or (months is None and "months" in offset)
        or (days is None and "days" in offset)
    ):
        return None
    return Offset(anchor, months or 0, days or 0)


def _yearly_rule(node: LineDict, reader: Reader) -> YearlyRule | None:
    reader.check_keys(node, "", YEARLY_REQUIRED, ("note",))
    rule_id = reader.text(node, "id")
    kind = reader.choice(node, "kind", "", MILESTONE_KINDS)
    month = reader.integer(node, "month")
    if month is not None and not 1 <= month <= 12:
        reader.problem(node.line_of("month"), f"month: {month} is not a month (1-12)")
        month = None
    day = reader.integer(node, "day")
    if month is not None and day is not None:
        last = calendar.monthrange(COMMON_YEAR, month)[1]
        if not 1 <= day <= last:
            reader.problem(
                node.line_of("day"), f"day: {day} is not a day of month {month} (1-{last})"
            )
            day = None
    title = reader.localized(node, "title")
    source = reader.text(node, "source")
    note = reader.localized(node, "note", required=False)
    if None in (rule_id, kind, month, day, title, source):
        return None
    return YearlyRule(rule_id, kind, month, day, title, source, note)
