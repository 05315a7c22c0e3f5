"""Load and validate ``knowledge/checklists/*.yaml`` (one checklist per file)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.core.knowledge.checklist_model import (
    NO_EVIDENCE,
    SITUATIONS,
    Checklist,
    ChecklistGroup,
    ChecklistItem,
    Condition,
)
from bot.core.knowledge.fields import Reader, Sink
from bot.core.knowledge.model import ACTION_CATEGORIES
from bot.core.yamlsource import LineDict, Problem, YamlError, load_yaml

CHECKLIST_REQUIRED = ("id", "title", "description", "items")
CHECKLIST_OPTIONAL = ("order", "indicators", "groups")
GROUP_OPTIONAL = ("title", "entry")
ITEM_REQUIRED = ("id", "text")
ITEM_OPTIONAL = ("group", "entry", "todo", "evidence", "applies_if")
CONDITION_KEYS = ("categories", "situations", "not_situations")
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
INDICATOR_ENTRY = re.compile(r"^indicator-(\d+)$")
MAX_CHECKLIST_ID = 32
MAX_ITEM_ID = 24  # item ids travel in 64-byte callback data
MAX_TITLE = 80
MAX_DESCRIPTION = 600
MAX_TEXT = 700
MAX_EVIDENCE = 8


def load_checklists(
    directory: Path, root: Path, entry_ids: frozenset[str]
) -> tuple[tuple[Checklist, ...], list[Problem]]:
    """Parse every checklist file under ``directory``; file names are shown relative to ``root``.

    ``entry_ids`` are the knowledge entries items may link to. Checklists come back sorted by
    their ``order``; a file with any problem contributes no checklist.
    """
    sink = Sink()
    checklists: list[Checklist] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.yaml")) if directory.is_dir() else []:
        display = path.relative_to(root).as_posix()
        reader = Reader(display, sink)
        try:
            data = load_yaml(path, display)
        except YamlError as exc:
            sink.problems.append(exc.problem)
            continue
        before = len(sink.problems)
        checklist = _parse_checklist(data, reader, entry_ids)
        if checklist is None or len(sink.problems) > before:
            continue
        if checklist.id in seen:
            reader.problem(
                data.line_of("id"),
                f"duplicate checklist id '{checklist.id}' (first in {seen[checklist.id]})",
            )
            continue
        seen[checklist.id] = display
        checklists.append(checklist)
    checklists.sort(key=lambda checklist: (checklist.order, checklist.id))
    return tuple(checklists), sink.problems


def _parse_checklist(data: Any, reader: Reader, entry_ids: frozenset[str]) -> Checklist | None:
    top = reader.document(data, "a checklist (id, title, description, items)")
    if top is None:
        return None
    reader.check_keys(top, "", CHECKLIST_REQUIRED, CHECKLIST_OPTIONAL)
    checklist_id = _identifier(top, "id", "", reader, MAX_CHECKLIST_ID)
    title = reader.localized(top, "title", max_chars=MAX_TITLE)
    description = reader.localized(top, "description", max_chars=MAX_DESCRIPTION)
    order = reader.integer(top, "order") if "order" in top else 0
    indicators = reader.boolean(top, "indicators") if "indicators" in top else False
    groups = [
        _parse_group(node, i, reader, entry_ids)
        for i, node in enumerate(reader.mappings(top, "groups", "a group", required=False))
    ]
    group_ids = {group.id for group in groups if group is not None}
    nodes = reader.mappings(top, "items", "an item")
    if "items" in top and not nodes:
        reader.problem(top.line_of("items"), "items: a checklist needs at least one item")
    items = [
        _parse_item(node, i, reader, entry_ids, group_ids, bool(indicators))
        for i, node in enumerate(nodes)
    ]
    _check_unique_items(nodes, items, reader)
    if indicators:
        _check_indicator_coverage(top, nodes, items, reader, entry_ids)
    if None in (checklist_id, title, description, order, indicators) or None in items:
        return None
    if None in groups:
        return None
    return Checklist(
        id=checklist_id,
        title=title,
        description=description,
        items=tuple(items),
        groups=tuple(groups),
        order=order,
        indicators=indicators,
        source_file=reader.file,
    )


def _identifier(node: LineDict, key: str, path: str, reader: Reader, limit: int) -> str | None:
    value = reader.text(node, key, path)
    if value is None:
        return None
    if not ID_PATTERN.match(value) or len(value) > limit:
        reader.problem(
            node.line_of(key),
            f"{path + '.' if path else ''}{key}: '{value}' must be lowercase letters, digits and "
            f"dashes, at most {limit} characters",
        )
        return None
    return value


def _entry(node: LineDict, path: str, reader: Reader, entry_ids: frozenset[str]) -> str | None:
    entry = reader.text(node, "entry", path, required=False)
    if entry is not None and entry not in entry_ids:
        reader.problem(node.line_of("entry"), f"{path}.entry: unknown entry '{entry}'")
    return entry


def _parse_group(
    node: LineDict, index: int, reader: Reader, entry_ids: frozenset[str]
) -> ChecklistGroup | None:
    path = f"groups[{index + 1}]"
    reader.check_keys(node, path, ("id",), GROUP_OPTIONAL)
    group_id = _identifier(node, "id", path, reader, MAX_ITEM_ID)
    title = reader.localized(node, "title", path, required=False, max_chars=MAX_TITLE)
    entry = _entry(node, path, reader, entry_ids)
    if "title" not in node and "entry" not in node:
        reader.problem(node.line, f"{path}: give a title or an entry to take the title from")
    if group_id is None:
        return None
    return ChecklistGroup(group_id, title, entry)


def _parse_item(
    node: LineDict,
    index: int,
    reader: Reader,
    entry_ids: frozenset[str],
    group_ids: set[str],
    indicators: bool,
) -> ChecklistItem | None:
    path = f"items[{index + 1}]"
    before = len(reader.sink.problems)
    reader.check_keys(node, path, ITEM_REQUIRED, ITEM_OPTIONAL)
    item_id = _identifier(node, "id", path, reader, MAX_ITEM_ID)
    text = reader.localized(node, "text", path, max_chars=MAX_TEXT)
    entry = _entry(node, path, reader, entry_ids)
    group = reader.text(node, "group", path, required=False) or ""
    if group and group not in group_ids:
        reader.problem(node.line_of("group"), f"{path}.group: '{group}' is not in groups")
    todo = reader.localized(node, "todo", path, required=False, max_chars=MAX_TEXT)
    evidence = reader.localized_list(
        node, "evidence", path, minimum=1, maximum=MAX_EVIDENCE, required=False
    )
    condition = _parse_condition(node, path, reader)
    if indicators and "applies_if" in node:
        reader.problem(
            node.line_of("applies_if"),
            f"{path}.applies_if: in the self-assessment, applicability comes from the "
            "indicator entry",
        )
    if len(reader.sink.problems) > before or item_id is None or text is None:
        return None
    return ChecklistItem(
        id=item_id,
        text=text,
        group=group,
        entry=entry,
        todo=todo,
        evidence=evidence or NO_EVIDENCE,
        applies_if=condition,
    )


def _parse_condition(node: LineDict, path: str, reader: Reader) -> Condition | None:
    if "applies_if" not in node:
        return None
    name = f"{path}.applies_if"
    condition = reader.mapping(
        node["applies_if"],
        node.line_of("applies_if"),
        name,
        "categories, situations or not_situations",
    )
    if condition is None:
        return None
    reader.check_keys(condition, name, (), CONDITION_KEYS)
    if not condition:
        reader.problem(node.line_of("applies_if"), f"{name}: empty condition")
    categories = reader.choices(
        condition, "categories", name, ACTION_CATEGORIES, minimum=1, required=False
    )
    situations = reader.choices(
        condition, "situations", name, SITUATIONS, minimum=1, required=False
    )
    excluded = reader.choices(
        condition, "not_situations", name, SITUATIONS, minimum=1, required=False
    )
    if None in (categories, situations, excluded):
        return None
    return Condition(categories or (), situations or (), excluded or ())


def _check_unique_items(
    nodes: list[LineDict], items: Iterable[ChecklistItem | None], reader: Reader
) -> None:
    seen: set[str] = set()
    for node, item in zip(nodes, items, strict=True):
        if item is None:
            continue
        if item.id in seen:
            reader.problem(node.line_of("id"), f"duplicate item id '{item.id}'")
        seen.add(item.id)


def _check_indicator_coverage(
    top: LineDict,
    nodes: list[LineDict],
    items: list[ChecklistItem | None],
    reader: Reader,
    entry_ids: frozenset[str],
) -> None:
    """A self-assessment has exactly one item per indicator entry of the base."""
    covered: dict[str, int] = {}
    for index, (node, item) in enumerate(zip(nodes, items, strict=True)):
        entry = item.entry if item else node.get("entry")
        if not isinstance(entry, str) or not INDICATOR_ENTRY.match(entry):
            reader.problem(
                node.line,
                f"items[{index + 1}]: every item of a self-assessment "
                "links to an indicator entry (entry: indicator-N)",
            )
        elif entry in covered:
            reader.problem(
                node.line_of("entry"),
                f"items[{index + 1}].entry: '{entry}' already has an item (line {covered[entry]})",
            )
        else:
            covered[entry] = node.line_of("entry")
    expected = sorted(
        (entry for entry in entry_ids if INDICATOR_ENTRY.match(entry)),
        key=lambda entry: int(entry.split("-")[1]),
    )
    for entry in expected:
        if entry not in covered:
            reader.problem(top.line_of("items"), f"items: no item for '{entry}'")
