"""YAML loading that keeps line numbers, so every problem can be reported as ``file:line``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """A defect found in a data file, reported as ``file:line: message``."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class LineDict(dict):
    """A mapping loaded from YAML that remembers where it and each of its keys stand."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """The 1-based line of ``key`` (or of the mapping itself when the key is absent)."""
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence loaded from YAML that remembers the line of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        """The 1-based line of item ``index``."""
        return self.item_lines[index] if index < len(self.item_lines) else self.line


_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~10x faster


class _LineLoader(_SafeBase):  # type: ignore[misc,valid-type]
    """A safe loader whose mappings and sequences carry their line numbers."""


def _construct_value(loader: _LineLoader, node: yaml.Node) -> Any:
    """Build one value; a scalar PyYAML cannot build (e.g. 2026-11-31) is a marked error."""
    try:
        return loader.construct_object(node, deep=True)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"invalid value {node.value!r}: {exc}", node.start_mark
        ) from exc


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        result[key] = _construct_value(loader, value_node)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(_construct_value(loader, child) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class YamlError(Exception):
    """A file that is not valid YAML; carries the problem with its line."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def load_yaml(path: Path, display_name: str | None = None) -> Any:
    """Load one YAML file; mappings are :class:`LineDict`, sequences :class:`LineList`.

    Raises :class:`YamlError` with the file and line of the syntax error.
    """
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlError(Problem(name, 1, f"cannot read file: {exc}")) from exc
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        reason = str(exc.problem or exc)
        if not reason.startswith("invalid value"):
            reason = f"invalid YAML: {reason}"
        raise YamlError(Problem(name, line, reason)) from exc
    except yaml.YAMLError as exc:
        raise YamlError(Problem(name, 1, f"invalid YAML: {exc}")) from exc
