"""Checks across files: references, unique entry ids, and coverage of the base."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.core.knowledge.fields import Ref
from bot.core.knowledge.parse_entries import Declaration
from bot.core.knowledge.parse_other import Topics
from bot.core.knowledge.rnq import (
    CRITERION_OF_INDICATOR,
    INDICATORS_OF_CRITERION,
    criterion_entry_id,
    indicator_entry_id,
)
from bot.core.yamlsource import Problem

REF_NAMES = {"topic": "topic", "entry": "entry", "framework": "framework version"}


def check_references(
    refs: Iterable[Ref], known: Mapping[str, frozenset[str] | None]
) -> list[Problem]:
    """Every reference names a known object; a kind whose ids are None (file missing) is skipped."""
    problems = []
    for ref in refs:
        ids = known.get(ref.kind)
        if ids is not None and ref.target not in ids:
            problems.append(
                Problem(
                    ref.file, ref.line, f"{ref.field}: unknown {REF_NAMES[ref.kind]} '{ref.target}'"
                )
            )
    return problems


def check_unique_ids(declarations: Iterable[Declaration]) -> list[Problem]:
    """An entry id is defined once; later definitions are reported, pointing to the first."""
    first: dict[str, Declaration] = {}
    problems = []
    for declaration in declarations:
        original = first.setdefault(declaration.id, declaration)
        if original is not declaration:
            problems.append(
                Problem(
                    declaration.file,
                    declaration.line,
                    f"duplicate entry id '{declaration.id}' "
                    f"(first defined at {original.file}:{original.line})",
                )
            )
    return problems


def check_coverage(
    declarations: Iterable[Declaration], topics: Topics | None, topics_file: str
) -> list[Problem]:
    """Every indicator and criterion has its entry, and every topic is the topic of an entry.

    Problems are reported at the line of ``topics_file`` where the id is defined.
    """
    declarations = list(declarations)
    defined = {declaration.id for declaration in declarations}
    lines = topics.lines if topics is not None else {}
    expected = [
        (indicator_entry_id(n), f"indicator {n}", "indicators/*.yaml")
        for n in sorted(CRITERION_OF_INDICATOR)
    ] + [
        (criterion_entry_id(n), f"criterion {n}", "criteria.yaml")
        for n in sorted(INDICATORS_OF_CRITERION)
    ]
    missing = [
        (entry_id, what, home) for entry_id, what, home in expected if entry_id not in defined
    ]
    problems = [
        Problem(topics_file, lines.get(entry_id, 1), f"{what} has no entry '{entry_id}' in {home}")
        for entry_id, what, home in missing
    ]
    if topics is None:
        return problems
    already_reported = {entry_id for entry_id, _, _ in missing}
    covered = {topic for declaration in declarations for topic in declaration.topics}
    problems += [
        Problem(topics.file, line, f"topic '{topic}' is not a topic of any entry")
        for topic, line in topics.lines.items()
        if topic not in covered and topic not in already_reported
    ]
    return problems
