"""The official structure of the national quality framework (RNQ): 7 criteria, 32 indicators."""

from __future__ import annotations

INDICATORS_OF_CRITERION: dict[int, tuple[int, ...]] = {
    1: (1, 2, 3),
    2: (4, 5, 6, 7, 8),
    3: (9, 10, 11, 12, 13, 14, 15, 16),
    4: (17, 18, 19, 20),
    5: (21, 22),
    6: (23, 24, 25, 26, 27, 28, 29),
    7: (30, 31, 32),
}
CRITERION_OF_INDICATOR: dict[int, int] = {
    indicator: criterion
    for criterion, indicators in INDICATORS_OF_CRITERION.items()
    for indicator in indicators
}
INDICATOR_COUNT = len(CRITERION_OF_INDICATOR)
CRITERION_COUNT = len(INDICATORS_OF_CRITERION)


def indicator_entry_id(number: int) -> str:
    """The entry id of indicator ``number``: ``indicator-<number>``."""
    return f"indicator-{number}"


def criterion_entry_id(number: int) -> str:
    """The entry id of criterion ``number``: ``criterion-<number>``."""
    return f"criterion-{number}"
