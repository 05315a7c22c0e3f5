"""Indicator and criterion numbers in the forms trainers type them.

"indicateur 22", "l'indic 22", "ind. 22", "i22", "indicateur n°22", "22e indicateur",
"indicateurs 23 à 25", "critère 3", "crit 3", "criterion 5", "C7"…
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGIT = re.compile(r"\d")
_SEP = r"[\s.:#°-]*"
_PREFIX = rf"(?:(?:n|no|num|numero|number|nr)\b{_SEP}|n°{_SEP})?"
_JOINER = r"\s*(?:,|/|&|\+|-|et|and|ou|or|a|au|to)\s*"
_LIST = rf"(\d{{1,2}}(?:{_JOINER}\d{{1,2}})*)"
_RANGE_JOINERS = frozenset({"-", "a", "au", "to"})
_MAX_RANGE = 10

_INDICATOR_WORD = r"(?:indicateurs?|indicators?|indics?|ind)"
_CRITERION_WORD = r"(?:criteres?|criterions?|criteria|crit)"
_ORDINAL = r"(?:e|eme|ieme|er|ere|th|st|nd|rd)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("indicator", re.compile(rf"\b{_INDICATOR_WORD}{_SEP}{_PREFIX}{_LIST}\b")),
    ("criterion", re.compile(rf"\b{_CRITERION_WORD}{_SEP}{_PREFIX}{_LIST}\b")),
    ("indicator", re.compile(rf"\b(\d{{1,2}}){_ORDINAL}\s+{_INDICATOR_WORD}\b")),
    ("criterion", re.compile(rf"\b(\d{{1,2}}){_ORDINAL}\s+{_CRITERION_WORD}\b")),
    ("indicator", re.compile(r"\bi(\d{1,2})\b")),
    ("criterion", re.compile(r"\bc(\d)\b")),
)


@dataclass(frozen=True, slots=True)
class References:
    """Indicator and criterion numbers named in a text, in order, and the text without them."""

    indicators: tuple[int, ...]
    criteria: tuple[int, ...]
    remainder: str

    @property
    def any(self) -> bool:
        """True when the text names at least one indicator or criterion."""
        return bool(self.indicators or self.criteria)


def find_references(folded: str) -> References:
    """The indicator and criterion numbers in ``folded`` (output of ``normalize.fold``)."""
    if _DIGIT.search(folded) is None:
        return References((), (), folded)
    found: dict[str, list[tuple[int, int]]] = {"indicator": [], "criterion": []}
    spans: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(folded):
            if any(start < match.end() and match.start() < end for start, end in spans):
                continue
            spans.append(match.span())
            found[kind].extend((match.start(), n) for n in _numbers(match.group(1)))
    remainder = folded
    for start, end in sorted(spans, reverse=True):
        remainder = remainder[:start] + " " + remainder[end:]
    return References(_ordered(found["indicator"]), _ordered(found["criterion"]), remainder)


def _numbers(listed: str) -> list[int]:
    """``"23 a 25"`` -> [23, 24, 25]; ``"23, 24 et 26"`` -> [23, 24, 26]."""
    values = [int(value) for value in re.findall(r"\d+", listed)]
    joiners = [joiner.strip() for joiner in re.findall(_JOINER, listed)]
    numbers = values[:1]
    for joiner, value in zip(joiners, values[1:], strict=False):
        previous = numbers[-1]
        if joiner in _RANGE_JOINERS and previous < value <= previous + _MAX_RANGE:
            numbers.extend(range(previous + 1, value + 1))
        else:
            numbers.append(value)
    return numbers


def _ordered(found: list[tuple[int, int]]) -> tuple[int, ...]:
    """Numbers in the order they appear in the text, each once."""
    seen: dict[int, None] = {}
    for _, number in sorted(found, key=lambda item: item[0]):
        seen.setdefault(number, None)
    return tuple(seen)
