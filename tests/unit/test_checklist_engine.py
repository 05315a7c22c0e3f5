"""Moving through a checklist: next item, back, resuming, progress."""

from __future__ import annotations

from bot.core.checklists.applicability import Profile
from bot.core.checklists.engine import (
    answered_count,
    build_plan,
    first_open_item,
    next_item,
    position,
    previous_item,
    resume_item,
)
from bot.core.localized import Localized
from tests.unit.checklist_fixtures import AUDIT, ENTRIES, real_base

SETTLED_TRAINER = Profile.of(["training"], [])


def plan_for(profile: Profile = SETTLED_TRAINER):
    return build_plan(AUDIT, ENTRIES, profile)


def test_next_item_follows_the_order_of_the_items_that_apply() -> None:
    plan = plan_for()
    assert next_item(plan, "one", {"one": "yes"}) == "three"
    assert next_item(plan, "three", {"one": "yes", "three": "no"}) == "four"


def test_after_the_last_item_the_checklist_is_finished() -> None:
    plan = plan_for()
    answers = {"one": "yes", "three": "no", "four": "na"}
    assert next_item(plan, "four", answers) is None


def test_after_the_last_item_an_unanswered_one_is_offered_again() -> None:
    plan = plan_for()
    assert next_item(plan, "four", {"one": "yes", "four": "no"}) == "three"


def test_skipped_items_count_as_visited_but_not_as_answered() -> None:
    plan = plan_for()
    answers = {"one": "skip", "three": "yes", "four": "skip"}
    assert next_item(plan, "four", answers) is None
    assert answered_count(plan, answers) == 1


def test_back_goes_to_the_previous_item_that_applies() -> None:
    plan = plan_for()
    assert previous_item(plan, "three") == "one"
    assert previous_item(plan, "one") is None


def test_resume_at_the_cursor_or_at_the_first_open_item() -> None:
    plan = plan_for()
    assert resume_item(plan, "three", {"one": "yes"}) == "three"
    assert resume_item(plan, None, {}) == "one"
    # "two" only applies to new entrants: the run resumes where answers are missing.
    assert resume_item(plan, "two", {"one": "yes"}) == "three"
    assert first_open_item(plan, {"one": "yes", "three": "no", "four": "na"}) is None


def test_position_among_the_items_that_apply() -> None:
    plan = plan_for()
    assert [position(plan, item) for item in ("one", "three", "four")] == [1, 2, 3]
    assert position(plan, "two") == 0


def test_items_borrow_group_evidence_and_expected_level_from_their_indicator() -> None:
    plan = plan_for()
    three = plan.get("three")
    assert three.evidence.get("en") == ("evidence 1",)
    assert three.todo is None
    assert three.expected_level.get("en") == "expected level 1 (en)"
    assert three.group_id == "day"
    five = build_plan(AUDIT, ENTRIES, Profile.of(["apprenticeship"], [])).get("five")
    assert five.group_id == "criterion-3"


def test_a_group_without_title_takes_its_entrys_title() -> None:
    three = plan_for().get("three")
    assert three.group_title == Localized("bpf (fr)", "bpf (en)")


def test_self_assessment_items_are_grouped_by_criterion_with_its_title() -> None:
    base = real_base()
    plan = build_plan(base.checklist("self-assessment"), base, Profile.of(["training"], []))
    groups = list(dict.fromkeys(planned.group_id for planned in plan.items))
    assert groups == [f"criterion-{n}" for n in range(1, 8)]
    first = plan.items[0]
    assert first.group_title == base.criterion(1).title
    assert first.evidence == base.indicator(1).indicator.evidence


def test_every_real_checklist_has_items_for_every_kind_of_organisation() -> None:
    base = real_base()
    ids = [checklist.id for checklist in base.checklists]
    assert ids == [
        "self-assessment",
        "initial-audit",
        "surveillance-audit",
        "training-documents",
        "accessibility",
    ]
    for category in ("training", "skills-assessment", "vae", "apprenticeship"):
        for checklist in base.checklists:
            assert build_plan(checklist, base, Profile.of([category], [])).total > 5
