"""Read typed values out of a YAML tree, collecting problems with their line instead of raising."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.core.localized import LANGUAGES, Localized, LocalizedList
from bot.core.yamlsource import LineDict, LineList, Problem


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to another object of the base (``topic``, ``entry`` or ``framework``).

    References are collected while parsing and resolved once every file is loaded.
    """

    kind: str
    target: str
    file: str
    line: int
    field: str


@dataclass(slots=True)
class Sink:
    """Where the readers of every file put their problems and references."""

    problems: list[Problem] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)


def describe(value: Any) -> str:
    """A short name of the YAML type of ``value``, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _is_boolean(value: Any) -> bool:
    return isinstance(value, bool)


def _is_whole_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class Reader:
    """Reads the fields of one file; every defect becomes a :class:`Problem` in the sink."""

    def __init__(self, file: str, sink: Sink) -> None:
        self.file = file
        self.sink = sink

    def problem(self, line: int, message: str) -> None:
        """Record a defect at ``line`` of this file."""
        self.sink.problems.append(Problem(self.file, line, message))

    def ref(self, kind: str, target: str, line: int, name: str) -> None:
        """Record a reference to resolve once the whole base is loaded."""
        self.sink.refs.append(Ref(kind, target, self.file, line, name))

    def mapping(self, value: Any, line: int, name: str, expected: str) -> LineDict | None:
        """``value`` when it is a mapping, else a problem saying what was ``expected``."""
        if isinstance(value, LineDict):
            return value
        self.problem(line, f"{name}: expected {expected}, got {describe(value)}")
        return None

    def document(self, data: Any, expected: str) -> LineDict | None:
        """The top-level mapping of the file; ``expected`` describes it in the problem."""
        if data is None:
            self.problem(1, "file is empty")
            return None
        return self.mapping(data, getattr(data, "line", 1), "top level", expected)

    def mappings(
        self, node: LineDict, key: str, noun: str, *, required: bool = True
    ) -> list[LineDict]:
        """The mappings listed under ``key``; other items are reported and skipped."""
        items = self._value(node, key, "", required)
        if items is None:
            return []
        if not isinstance(items, LineList):
            self.problem(node.line_of(key), f"{key}: expected a list, got {describe(items)}")
            return []
        return [
            item
            for i, item in enumerate(items)
            if self.mapping(item, items.line_of(i), f"{key}[{i + 1}]", noun) is not None
        ]

    def check_keys(
        self, node: LineDict, path: str, required: Iterable[str], optional: Iterable[str] = ()
    ) -> None:
        """Report unknown keys (likely typos) and missing required keys of ``node``."""
        required = tuple(required)
        allowed = (*required, *optional)
        for key in node:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.problem(node.line_of(key), f"unknown field '{_join(path, key)}'{hint}")
        for key in required:
            if key not in node:
                self.problem(node.line, f"missing required field '{_join(path, key)}'")

    def _value(self, node: LineDict, key: str, path: str, required: bool) -> Any:
        """The value of ``key``; None when absent or null (a problem when ``required``).

        An absent required key was already reported by :meth:`check_keys`.
        """
        value = node.get(key)
        if value is None and required and key in node:
            self.problem(node.line_of(key), f"{_join(path, key)}: empty value")
        return value

    def text(
        self, node: LineDict, key: str, path: str = "", *, required: bool = True
    ) -> str | None:
        """A non-empty string, stripped."""
        value = self._value(node, key, path, required)
        if value is None:
            return None
        return self._text_value(value, node.line_of(key), _join(path, key))

    def _text_value(self, value: Any, line: int, name: str) -> str | None:
        if not isinstance(value, str):
            hint = " (quote text that contains ': ')" if isinstance(value, dict) else ""
            self.problem(line, f"{name}: expected text, got {describe(value)}{hint}")
            return None
        if not value.strip():
            self.problem(line, f"{name}: empty text")
            return None
        return value.strip()

    def choice(self, node: LineDict, key: str, path: str, allowed: Collection[str]) -> str | None:
        """A string that must be one of ``allowed``."""
        value = self.text(node, key, path)
        if value is not None and value not in allowed:
            self.problem(
                node.line_of(key),
                f"{_join(path, key)}: invalid value '{value}' (expected one of "
                f"{', '.join(allowed)})",
            )
            return None
        return value

    def boolean(self, node: LineDict, key: str, path: str = "") -> bool | None:
        """``true`` or ``false``."""
        return self._checked(node, key, path, True, _is_boolean, "true or false")

    def integer(
        self, node: LineDict, key: str, path: str = "", *, required: bool = True
    ) -> int | None:
        """A whole number (booleans are refused)."""
        return self._checked(node, key, path, required, _is_whole_number, "a whole number")

    def _checked(
        self,
        node: LineDict,
        key: str,
        path: str,
        required: bool,
        accepts: Callable[[Any], bool],
        expected: str,
    ) -> Any:
        """The value of ``key`` when ``accepts`` it, else a problem saying what was ``expected``."""
        value = self._value(node, key, path, required)
        if value is None or accepts(value):
            return value
        self.problem(node.line_of(key), f"{_join(path, key)}: expected {expected}, got {value!r}")
        return None

    def day(
        self, node: LineDict, key: str, path: str = "", *, required: bool = True
    ) -> date | None:
        """A calendar date written ``YYYY-MM-DD``."""
        value = self._value(node, key, path, required)
        if value is None:
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.problem(
            node.line_of(key), f"{_join(path, key)}: expected a date YYYY-MM-DD, got {value!r}"
        )
        return None

    def texts(
        self,
        node: LineDict,
        key: str,
        path: str = "",
        *,
        minimum: int = 0,
        maximum: int | None = None,
        noun: str = "items",
        required: bool = True,
        ref: str | None = None,
    ) -> tuple[str, ...] | None:
        """A list of non-empty strings with ``minimum``..``maximum`` items.

        With ``ref``, each item is also recorded as a reference of that kind.
        """
        value = self._value(node, key, path, required)
        if value is None:
            return None if required else ()
        return self._texts_value(
            value, node.line_of(key), _join(path, key), minimum, maximum, noun, ref
        )

    def _texts_value(
        self,
        value: Any,
        line: int,
        name: str,
        minimum: int,
        maximum: int | None,
        noun: str,
        ref: str | None = None,
    ) -> tuple[str, ...] | None:
        if not isinstance(value, LineList):
            self.problem(line, f"{name}: expected a list, got {describe(value)}")
            return None
        items = [
            self._text_value(item, value.line_of(i), f"{name}[{i + 1}]")
            for i, item in enumerate(value)
        ]
        count = len(items)
        if maximum is not None and not minimum <= count <= maximum:
            self.problem(line, f"{name}: {count} {noun}, expected {minimum} to {maximum}")
        elif count < minimum:
            self.problem(line, f"{name}: {count} {noun}, expected at least {minimum}")
        if ref is not None:
            for i, item in enumerate(items):
                if item is not None:
                    self.ref(ref, item, value.line_of(i), name)
        if any(item is None for item in items):
            return None
        return tuple(items)

    def choices(
        self,
        node: LineDict,
        key: str,
        path: str,
        allowed: Collection[str],
        *,
        minimum: int = 0,
        required: bool = True,
    ) -> tuple[str, ...] | None:
        """A list of strings, each one of ``allowed``."""
        values = self.texts(node, key, path, minimum=minimum, required=required)
        if not values:
            return values
        items: LineList = node[key]
        wrong = [i for i, value in enumerate(values) if value not in allowed]
        for i in wrong:
            self.problem(
                items.line_of(i),
                f"{_join(path, key)}: invalid value '{values[i]}' (expected any of "
                f"{', '.join(allowed)})",
            )
        return None if wrong else values

    def integers(self, node: LineDict, key: str, path: str = "") -> tuple[int, ...] | None:
        """A list of whole numbers."""
        value = self._value(node, key, path, True)
        if value is None:
            return None
        name = _join(path, key)
        if not isinstance(value, LineList):
            self.problem(node.line_of(key), f"{name}: expected a list, got {describe(value)}")
            return None
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, int):
                self.problem(
                    value.line_of(i), f"{name}[{i + 1}]: expected a whole number, got {item!r}"
                )
                return None
        return tuple(value)

    def languages(
        self,
        node: LineDict,
        key: str,
        path: str = "",
        *,
        required: bool = True,
        extra_keys: tuple[str, ...] = (),
    ) -> LineDict | None:
        """The ``{fr: ..., en: ...}`` mapping under ``key``; None when absent or incomplete.

        ``extra_keys`` are further required keys of the mapping (e.g. ``deferred``).
        """
        value = self._value(node, key, path, required)
        if value is None:
            return None
        name = _join(path, key)
        languages = self.mapping(value, node.line_of(key), name, "fr and en")
        if languages is None:
            return None
        self.check_keys(languages, name, extra_keys, LANGUAGES)
        missing = [lang for lang in LANGUAGES if lang not in languages]
        for lang in missing:
            self.problem(node.line_of(key), f"{name}: missing '{lang}' text")
        return None if missing else languages

    def localized(
        self,
        node: LineDict,
        key: str,
        path: str = "",
        *,
        required: bool = True,
        max_chars: int | None = None,
        extra_keys: tuple[str, ...] = (),
    ) -> Localized | None:
        """A text in French and English, each at most ``max_chars`` characters."""
        languages = self.languages(node, key, path, required=required, extra_keys=extra_keys)
        if languages is None:
            return None
        name = _join(path, key)
        texts: dict[str, str] = {}
        for lang in LANGUAGES:
            line = languages.line_of(lang)
            text = self._text_value(languages[lang], line, f"{name}.{lang}")
            if text is None:
                continue
            if max_chars is not None and len(text) > max_chars:
                self.problem(
                    line, f"{name}.{lang}: {len(text)} characters, expected at most {max_chars}"
                )
            texts[lang] = text
        return Localized(**texts) if len(texts) == len(LANGUAGES) else None

    def localized_list(
        self,
        node: LineDict,
        key: str,
        path: str = "",
        *,
        minimum: int = 0,
        maximum: int | None = None,
        noun: str = "items",
        required: bool = True,
    ) -> LocalizedList | None:
        """Lists in French and English, each with ``minimum``..``maximum`` non-empty items."""
        languages = self.languages(node, key, path, required=required)
        if languages is None:
            return None
        name = _join(path, key)
        lists = {
            lang: self._texts_value(
                languages[lang], languages.line_of(lang), f"{name}.{lang}", minimum, maximum, noun
            )
            for lang in LANGUAGES
        }
        if any(items is None for items in lists.values()):
            return None
        return LocalizedList(**lists)
