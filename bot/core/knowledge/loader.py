"""Load ``knowledge/`` into a :class:`KnowledgeBase`, or list every problem found."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from bot.core.knowledge.base import KnowledgeBase
from bot.core.knowledge.fields import Reader, Sink
from bot.core.knowledge.parse_checklists import load_checklists
from bot.core.knowledge.parse_entries import ParsedEntries, parse_entry_file
from bot.core.knowledge.parse_other import (
    parse_framework,
    parse_glossary,
    parse_milestones,
    parse_topics,
)
from bot.core.knowledge.validate import check_coverage, check_references, check_unique_ids
from bot.core.yamlsource import Problem, YamlError, load_yaml

T = TypeVar("T")
VERSION_LENGTH = 12


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The base (None when there is any problem) and every problem, sorted by file and line."""

    base: KnowledgeBase | None
    problems: list[Problem]


def load_knowledge(directory: Path) -> LoadResult:
    """Load and validate every file of the knowledge directory.

    File names in problems are relative to the directory's parent (``knowledge/...``).
    """
    directory = directory.resolve()
    root = directory.parent
    if not directory.is_dir():
        return LoadResult(None, [Problem(directory.name, 1, "knowledge directory not found")])
    sink = Sink()

    def parse(path: Path, parser: Callable[[Any, Reader], T]) -> T | None:
        read = _read(path, root, sink)
        return parser(*read) if read else None

    topics = parse(directory / "topics.yaml", parse_topics)
    framework = parse(directory / "framework.yaml", parse_framework)
    parsed, all_read = _parse_entries(directory, sink)
    glossary = parse(directory / "glossary.yaml", parse_glossary)
    milestones = parse(directory / "milestones.yaml", parse_milestones)

    entry_ids = frozenset(declaration.id for declaration in parsed.declarations)
    checklists, checklist_problems = load_checklists(directory / "checklists", root, entry_ids)
    # When an entry file is unreadable, its ids are unknown: skip the checks that need them all.
    known = {
        "topic": topics.ids if topics else None,
        "entry": entry_ids if all_read else None,
        "framework": frozenset(v.id for v in framework.versions) if framework else None,
    }
    topics_file = _display(directory / "topics.yaml", root)
    problems = [
        *sink.problems,
        *checklist_problems,
        *check_references(sink.refs, known),
        *check_unique_ids(parsed.declarations),
        *(check_coverage(parsed.declarations, topics, topics_file) if all_read else ()),
    ]
    if problems or not (topics and framework and framework.current and milestones):
        return LoadResult(None, sorted(problems))
    base = KnowledgeBase(
        entries=tuple(parsed.entries),
        glossary=glossary or (),
        versions=framework.versions,
        current_version=framework.current,
        milestones=milestones,
        checklists=tuple(checklists),
        topics=topics.ids,
        version=content_version(directory),
    )
    return LoadResult(base, [])


def _parse_entries(directory: Path, sink: Sink) -> tuple[ParsedEntries, bool]:
    """The entries of criteria.yaml, indicators/ and entries/; False when a file is unreadable."""
    files = [(directory / "criteria.yaml", "criterion")]
    files += [(path, "indicator") for path in sorted(directory.glob("indicators/*.yaml"))]
    files += [(path, None) for path in sorted(directory.glob("entries/*.yaml"))]
    parsed = ParsedEntries()
    all_read = True
    for path, block in files:
        read = _read(path, directory.parent, sink)
        if read is None:
            all_read = False
        else:
            parse_entry_file(*read, block, parsed)
    return parsed, all_read


def content_version(directory: Path) -> str:
    """A short hash of every YAML file under ``directory`` (names and content)."""
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*.yaml")):
        digest.update(path.relative_to(directory).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:VERSION_LENGTH]


def _display(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _read(path: Path, root: Path, sink: Sink) -> tuple[Any, Reader] | None:
    """The YAML tree of ``path`` and a reader for it; None (and a problem) when unreadable."""
    reader = Reader(_display(path, root), sink)
    if not path.is_file():
        reader.problem(1, "file is missing")
        return None
    try:
        return load_yaml(path, reader.file), reader
    except YamlError as exc:
        sink.problems.append(exc.problem)
    return None
