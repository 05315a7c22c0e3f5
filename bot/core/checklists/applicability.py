"""Which checklist items apply to an organisation, from its profile.

Items linked to an indicator entry take their applicability from the indicator data
(``applies_to`` and ``special_cases``), so the rules live in one place: the knowledge base.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.core.knowledge.checklist_model import Condition
from bot.core.knowledge.model import IndicatorInfo

APPRENTICESHIP = "apprenticeship"


@dataclass(frozen=True, slots=True)
class Profile:
    """What the organisation does: its action categories and its situations."""

    categories: frozenset[str] = frozenset()
    situations: frozenset[str] = frozenset()

    @classmethod
    def of(cls, categories: Iterable[str] | None, situations: Iterable[str] | None) -> Profile:
        """A profile from the users' JSON columns (None counts as empty)."""
        return cls(frozenset(categories or ()), frozenset(situations or ()))


def _certifying(category: str, situations: frozenset[str]) -> bool:
    # VAE and apprenticeship always lead to a certification; a training action only when
    # the organisation runs certifying courses.
    return category in ("vae", APPRENTICESHIP) or "certifying" in situations


def _alternance(category: str, situations: frozenset[str]) -> bool:
    return category == APPRENTICESHIP or "alternance" in situations


def _work_situations(category: str, situations: frozenset[str]) -> bool:
    # Alternance courses include periods in work situations by nature.
    return category == APPRENTICESHIP or bool({"work-situations", "alternance"} & situations)


SPECIAL_CASE_RULES: dict[str, Callable[[str, frozenset[str]], bool]] = {
    "certifying-only": _certifying,
    "apprenticeship-only": lambda category, _situations: category == APPRENTICESHIP,
    "alternance": _alternance,
    "work-situations": _work_situations,
    "subcontracting": lambda _category, situations: "subcontracting" in situations,
}
"""For each special case of an indicator: does it hold for one category in these situations."""


def indicator_applies(indicator: IndicatorInfo, profile: Profile) -> bool:
    """True when one of the organisation's categories is concerned by ``indicator``.

    A special case unknown to this code never hides an indicator: better one question too
    many than a requirement missed.
    """
    return any(
        all(
            SPECIAL_CASE_RULES.get(case, lambda _c, _s: True)(category, profile.situations)
            for case in indicator.special_cases
        )
        for category in indicator.applies_to
        if category in profile.categories
    )


def condition_holds(condition: Condition, profile: Profile) -> bool:
    """True when every part of an ``applies_if`` condition holds for ``profile``."""
    if condition.categories and not profile.categories & set(condition.categories):
        return False
    if condition.situations and not profile.situations & set(condition.situations):
        return False
    return not profile.situations & set(condition.not_situations)
