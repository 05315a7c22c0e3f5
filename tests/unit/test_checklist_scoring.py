"""Results: readiness per group and overall, gaps and items not assessed."""

from __future__ import annotations

from bot.core.checklists.applicability import Profile
from bot.core.checklists.engine import build_plan
from bot.core.checklists.scoring import Tally, score
from tests.unit.checklist_fixtures import AUDIT, ENTRIES


def test_yes_counts_fully_partly_half_and_not_applicable_is_left_out() -> None:
    tally = Tally().add("yes").add("partly").add("no").add("na")
    assert tally.readiness == 50  # (1 + 0.5 + 0) / 3
    assert (tally.assessed, tally.scored, tally.total) == (4, 3, 4)


def test_skipped_and_unanswered_items_count_as_not_ready() -> None:
    assert Tally().add("yes").add("skip").add(None).readiness == 33


def test_nothing_to_score_has_no_readiness() -> None:
    assert Tally().readiness is None
    assert Tally().add("na").readiness is None


def test_scores_per_group_gaps_and_open_items() -> None:
    plan = build_plan(AUDIT, ENTRIES, Profile.of(["training"], []))
    answers = {"one": "partly", "three": "yes", "four": "skip"}
    result = score(plan, answers, {"one": "waiting for the accountant"})
    assert [(g.group_id, g.tally.readiness) for g in result.groups] == [("send", 50), ("day", 50)]
    assert result.overall.readiness == 50
    [gap] = result.gaps
    assert (gap.planned.id, gap.value, gap.note) == ("one", "partly", "waiting for the accountant")
    assert gap.planned.todo.get("en") == "do one (en)"
    assert [f.planned.id for f in result.not_assessed] == ["four"]
    assert result.left_out == 2


def test_answers_to_items_that_no_longer_apply_are_ignored() -> None:
    plan = build_plan(AUDIT, ENTRIES, Profile.of(["training"], []))
    result = score(plan, {"two": "no", "one": "yes", "three": "yes", "four": "yes"})
    assert result.overall.readiness == 100
    assert result.gaps == ()
