"""Which items apply to an organisation, from its categories and situations."""

from __future__ import annotations

import pytest

from bot.core.checklists.applicability import Profile, condition_holds, indicator_applies
from bot.core.checklists.engine import build_plan, profile_questions
from bot.core.knowledge.checklist_model import Condition
from tests.unit.checklist_fixtures import AUDIT, ENTRIES, real_base


@pytest.mark.parametrize(
    ("categories", "situations", "expected"),
    [
        # Counts per category from the annex matrix (fact sheet §3.0), indicator 27 included.
        (["skills-assessment"], ["subcontracting"], 22),
        (["vae"], ["subcontracting"], 24),
        (["training"], ["subcontracting"], 23),
        (["training"], ["subcontracting", "certifying"], 26),
        (["training"], ["subcontracting", "certifying", "alternance"], 28),
        (["training"], ["subcontracting", "work-situations"], 24),
        (["apprenticeship"], ["subcontracting"], 32),
    ],
)
def test_self_assessment_asks_one_question_per_indicator_that_applies(
    categories: list[str], situations: list[str], expected: int
) -> None:
    base = real_base()
    checklist = base.checklist("self-assessment")
    plan = build_plan(checklist, base, Profile.of(categories, situations))
    assert plan.total == expected
    assert plan.left_out == 32 - expected


def test_indicator_27_only_for_organisations_that_subcontract() -> None:
    base = real_base()
    info = base.indicator(27).indicator
    assert not indicator_applies(info, Profile.of(["training"], []))
    assert indicator_applies(info, Profile.of(["training"], ["subcontracting"]))


def test_certifying_indicators_apply_to_vae_and_apprenticeship_by_nature() -> None:
    info = real_base().indicator(3).indicator
    assert not indicator_applies(info, Profile.of(["training"], []))
    assert indicator_applies(info, Profile.of(["training"], ["certifying"]))
    assert indicator_applies(info, Profile.of(["vae"], []))
    assert not indicator_applies(info, Profile.of(["skills-assessment"], ["certifying"]))


def test_work_situation_indicator_applies_to_alternance_courses() -> None:
    info = real_base().indicator(28).indicator
    assert indicator_applies(info, Profile.of(["training"], ["alternance"]))
    assert indicator_applies(info, Profile.of(["apprenticeship"], []))
    assert not indicator_applies(info, Profile.of(["training"], ["certifying"]))


def test_an_empty_profile_gets_no_indicator() -> None:
    base = real_base()
    plan = build_plan(base.checklist("self-assessment"), base, Profile())
    assert plan.total == 0


def test_conditions_written_in_the_checklist() -> None:
    newcomers = Condition(situations=("new-entrant",))
    assert condition_holds(newcomers, Profile.of(["vae"], ["new-entrant"]))
    assert not condition_holds(newcomers, Profile.of(["vae"], []))
    others = Condition(not_situations=("new-entrant",))
    assert condition_holds(others, Profile.of([], []))
    assert not condition_holds(others, Profile.of([], ["new-entrant"]))
    cfa = Condition(categories=("apprenticeship", "vae"))
    assert condition_holds(cfa, Profile.of(["training", "vae"], []))
    assert not condition_holds(cfa, Profile.of(["training"], []))


def test_new_entrants_see_their_items_and_not_the_others() -> None:
    newcomer = build_plan(AUDIT, ENTRIES, Profile.of(["training"], ["new-entrant"]))
    settled = build_plan(AUDIT, ENTRIES, Profile.of(["training"], []))
    assert [p.id for p in newcomer.items] == ["one", "two", "three"]
    assert [p.id for p in settled.items] == ["one", "three", "four"]
    assert newcomer.left_out == settled.left_out == 2


def test_only_the_profile_questions_that_matter_are_asked() -> None:
    base = real_base()
    assert profile_questions(base.checklist("self-assessment"), base) == (
        "categories",
        "situations",
    )
    assert profile_questions(base.checklist("initial-audit"), base) == ("situations",)
    assert profile_questions(base.checklist("training-documents"), base) == ("categories",)
