"""Parse the entry files (criteria, indicators, general entries) into :class:`Entry` objects."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.core.knowledge.fields import Reader
from bot.core.knowledge.model import (
    ACTION_CATEGORIES,
    INDICATOR_SCOPES,
    NC_GRADINGS,
    SPECIAL_CASES,
    CriterionInfo,
    Entry,
    IndicatorInfo,
    NewEntrantRule,
)
from bot.core.knowledge.rnq import (
    CRITERION_OF_INDICATOR,
    INDICATORS_OF_CRITERION,
    criterion_entry_id,
    indicator_entry_id,
)
from bot.core.localized import LocalizedList
from bot.core.yamlsource import LineDict

ENTRY_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MIN_QUESTIONS = 6
MAX_ANSWER_CHARS = 1500
MAX_TOPICS = 3
MIN_EVIDENCE, MAX_EVIDENCE = 3, 5

ENTRY_REQUIRED = ("id", "topics", "title", "questions", "answer", "sources", "reviewed")
ENTRY_OPTIONAL = ("keywords", "details", "see_also", "framework")
BLOCK_HOMES = {"indicator": "indicators/*.yaml", "criterion": "criteria.yaml"}
INDICATOR_REQUIRED = (
    "number",
    "criterion",
    "scope",
    "wording_fr",
    "applies_to",
    "nc_grading",
    "new_entrant",
    "expected_level",
    "evidence",
    "mistakes",
)
CRITERION_REQUIRED = ("number", "title_fr", "indicators")


@dataclass(frozen=True, slots=True)
class Declaration:
    """Where an entry id is defined, and the topics it covers (even when the entry is broken)."""

    id: str
    file: str
    line: int
    topics: tuple[str, ...]


@dataclass(slots=True)
class ParsedEntries:
    """The entries of every entry file, and where each id was declared."""

    entries: list[Entry] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)


def parse_entry_file(data: Any, reader: Reader, block: str | None, out: ParsedEntries) -> None:
    """Parse one file holding an ``entries:`` list into ``out``.

    ``block`` is the structured block every entry of the file must carry: ``"indicator"``,
    ``"criterion"`` or None for general entries.
    """
    top = reader.document(data, "a mapping with an 'entries:' list")
    if top is None:
        return
    reader.check_keys(top, "", ("entries",))
    for node in reader.mappings(top, "entries", "an entry (a mapping)"):
        entry_id = reader.text(node, "id")
        topics = reader.texts(
            node, "topics", minimum=1, maximum=MAX_TOPICS, noun="topics", ref="topic"
        )
        if entry_id is not None:
            out.declarations.append(
                Declaration(entry_id, reader.file, node.line_of("id"), topics or ())
            )
        entry = _entry(node, reader, block, entry_id, topics)
        if entry is not None:
            out.entries.append(entry)


def _entry(
    node: LineDict,
    reader: Reader,
    block: str | None,
    entry_id: str | None,
    topics: tuple[str, ...] | None,
) -> Entry | None:
    misplaced = [key for key in BLOCK_HOMES if key != block and key in node]
    reader.check_keys(
        node, "", ENTRY_REQUIRED + ((block,) if block else ()), ENTRY_OPTIONAL + tuple(misplaced)
    )
    for key in misplaced:
        reader.problem(
            node.line_of(key), f"the '{key}' block is only allowed in {BLOCK_HOMES[key]}"
        )
    if entry_id is not None and not ENTRY_ID.fullmatch(entry_id):
        reader.problem(
            node.line_of("id"), f"id: '{entry_id}' must be lowercase words joined by dashes"
        )
    title = reader.localized(node, "title")
    questions = reader.localized_list(node, "questions", minimum=MIN_QUESTIONS, noun="questions")
    keywords = reader.localized_list(node, "keywords", noun="keywords", required=False)
    answer = reader.localized(node, "answer", max_chars=MAX_ANSWER_CHARS)
    details = reader.localized(node, "details", required=False)
    sources = reader.texts(node, "sources", minimum=1, noun="sources")
    reviewed = reader.day(node, "reviewed")
    see_also = reader.texts(node, "see_also", noun="ids", required=False, ref="entry")
    framework = reader.text(node, "framework", required=False)
    if framework is not None:
        reader.ref("framework", framework, node.line_of("framework"), "framework")
    indicator = _indicator(node, reader, entry_id) if block == "indicator" else None
    criterion = _criterion(node, reader, entry_id) if block == "criterion" else None
    required = (entry_id, topics, title, questions, answer, sources, reviewed)
    if any(value is None for value in required) or (block and not (indicator or criterion)):
        return None
    return Entry(
        id=entry_id,
        topics=topics,
        title=title,
        questions=questions,
        answer=answer,
        sources=sources,
        reviewed=reviewed,
        keywords=keywords or LocalizedList((), ()),
        details=details,
        see_also=see_also or (),
        framework=framework,
        indicator=indicator,
        criterion=criterion,
        source_file=reader.file,
        source_line=node.line,
    )


def _block(node: LineDict, reader: Reader, key: str, required: tuple[str, ...]) -> LineDict | None:
    if key not in node:
        return None
    block = reader.mapping(node[key], node.line_of(key), key, "a mapping")
    if block is not None:
        optional = ("special_cases",) if key == "indicator" else ()
        reader.check_keys(block, key, required, optional)
    return block


def _check_id(
    node: LineDict, reader: Reader, entry_id: str | None, block: str, number: int
) -> None:
    expected = indicator_entry_id(number) if block == "indicator" else criterion_entry_id(number)
    if entry_id is not None and entry_id != expected:
        reader.problem(
            node.line_of("id"),
            f"id: '{entry_id}' does not match {block}.number {number} (expected '{expected}')",
        )


def _indicator(node: LineDict, reader: Reader, entry_id: str | None) -> IndicatorInfo | None:
    block = _block(node, reader, "indicator", INDICATOR_REQUIRED)
    if block is None:
        return None
    path = "indicator"
    number = reader.integer(block, "number", path)
    if number is not None and number not in CRITERION_OF_INDICATOR:
        reader.problem(
            block.line_of("number"),
            f"indicator.number: {number} is outside 1-{len(CRITERION_OF_INDICATOR)}",
        )
        number = None
    if number is not None:
        _check_id(node, reader, entry_id, "indicator", number)
    criterion = reader.integer(block, "criterion", path)
    if number is not None and criterion is not None:
        expected = CRITERION_OF_INDICATOR[number]
        if criterion != expected:
            reader.problem(
                block.line_of("criterion"),
                f"indicator.criterion: indicator {number} belongs to criterion {expected}, "
                f"not {criterion}",
            )
    values = (
        number,
        criterion,
        reader.choice(block, "scope", path, INDICATOR_SCOPES),
        reader.text(block, "wording_fr", path),
        reader.choices(block, "applies_to", path, ACTION_CATEGORIES, minimum=1),
        reader.choices(block, "special_cases", path, SPECIAL_CASES, required=False),
        reader.choice(block, "nc_grading", path, NC_GRADINGS),
        _new_entrant(block, reader),
        reader.localized(block, "expected_level", path),
        reader.localized_list(block, "evidence", path, minimum=MIN_EVIDENCE, maximum=MAX_EVIDENCE),
        reader.localized_list(block, "mistakes", path, minimum=1, noun="mistakes"),
    )
    if any(value is None for value in values):
        return None
    return IndicatorInfo(*values)


def _new_entrant(block: LineDict, reader: Reader) -> NewEntrantRule | None:
    path = "indicator.new_entrant"
    text = reader.localized(block, "new_entrant", "indicator", extra_keys=("deferred",))
    nested = block.get("new_entrant")
    if not isinstance(nested, LineDict) or "deferred" not in nested:
        return None
    deferred = reader.boolean(nested, "deferred", path)
    if text is None or deferred is None:
        return None
    return NewEntrantRule(deferred=deferred, text=text)


def _criterion(node: LineDict, reader: Reader, entry_id: str | None) -> CriterionInfo | None:
    block = _block(node, reader, "criterion", CRITERION_REQUIRED)
    if block is None:
        return None
    number = reader.integer(block, "number", "criterion")
    if number is not None and number not in INDICATORS_OF_CRITERION:
        reader.problem(
            block.line_of("number"),
            f"criterion.number: {number} is outside 1-{len(INDICATORS_OF_CRITERION)}",
        )
        number = None
    if number is not None:
        _check_id(node, reader, entry_id, "criterion", number)
    title_fr = reader.text(block, "title_fr", "criterion")
    indicators = reader.integers(block, "indicators", "criterion")
    if number is not None and indicators is not None:
        official = INDICATORS_OF_CRITERION[number]
        if indicators != official:
            reader.problem(
                block.line_of("indicators"),
                f"criterion.indicators: criterion {number} has indicators "
                f"{official[0]}-{official[-1]}, got {list(indicators)}",
            )
    if number is None or title_fr is None or indicators is None:
        return None
    return CriterionInfo(number=number, title_fr=title_fr, indicators=indicators)
