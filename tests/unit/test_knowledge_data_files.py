"""Glossary, milestones, framework versions and coverage defects, each as ``file:line: message``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.knowledge_fixtures import (
    KnowledgeFixture,
    file,
    line_of,
    problems,
    valid_knowledge,
)

REPO = Path(__file__).resolve().parents[2]


# --- glossary ------------------------------------------------------------------------------


def test_duplicate_glossary_term_ignores_case(tmp_path: Path) -> None:
    kb = valid_knowledge()
    terms = kb.files["glossary.yaml"]["terms"]
    terms.append({**terms[1], "term": "bpf"})
    found = problems(kb, tmp_path)
    first = line_of(file(tmp_path, "glossary.yaml"), "term: BPF")
    second = line_of(file(tmp_path, "glossary.yaml"), "term: bpf")
    assert found == [
        f"knowledge/glossary.yaml:{second}: duplicate glossary term 'bpf' "
        f"(already used by term 'BPF' at line {first})"
    ]


def test_a_synonym_belongs_to_one_term(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.files["glossary.yaml"]["terms"][1]["synonyms"] = ["opco", "Bilan pedagogique"]
    found = problems(kb, tmp_path)
    path = file(tmp_path, "glossary.yaml")
    assert found == [
        f"knowledge/glossary.yaml:{line_of(path, '- Bilan pedagogique')}: duplicate synonym "
        f"'Bilan pedagogique' (already used by term 'BPF' at line "
        f"{line_of(path, '- bilan pedagogique')})"
    ]


def test_glossary_entry_link_must_exist(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.files["glossary.yaml"]["terms"][1]["entry"] = "funding"
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, "glossary.yaml"), "entry: funding")
    assert found == [f"knowledge/glossary.yaml:{line}: entry: unknown entry 'funding'"]


# --- milestones ----------------------------------------------------------------------------

MILESTONES = "milestones.yaml"


def cycle(kb: KnowledgeFixture) -> list[dict]:
    return kb.files[MILESTONES]["cycle"]


def test_unknown_milestone_kind(tmp_path: Path) -> None:
    kb = valid_knowledge()
    cycle(kb)[1]["kind"] = "evnt"
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, MILESTONES), "kind: evnt")
    assert found == [
        f"knowledge/{MILESTONES}:{line}: kind: invalid value 'evnt' "
        "(expected one of window, deadline, event)"
    ]


def test_unknown_anchor(tmp_path: Path) -> None:
    kb = valid_knowledge()
    cycle(kb)[2]["start"]["from"] = "certificate-expiration"
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, MILESTONES), "from: certificate-expiration")
    assert found == [
        f"knowledge/{MILESTONES}:{line}: start.from: unknown anchor 'certificate-expiration' "
        "(expected certified_on or the id of an earlier cycle milestone)"
    ]


def test_anchor_must_be_an_earlier_milestone(tmp_path: Path) -> None:
    kb = valid_knowledge()
    rules = cycle(kb)
    rules[1], rules[2] = rules[2], rules[1]
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, MILESTONES), "from: certificate-expiry")
    assert found == [
        f"knowledge/{MILESTONES}:{line}: start.from: 'certificate-expiry' is not defined before "
        "this milestone (anchors must be earlier milestones)"
    ]


@pytest.mark.parametrize("missing", ["surveillance-window", "renewal-audit", "certificate-expiry"])
def test_fixed_milestones_are_required(tmp_path: Path, missing: str) -> None:
    kb = valid_knowledge()
    kb.files[MILESTONES]["cycle"] = [
        {**rule, "start": {"from": "certified_on", "months": 1}}
        for rule in cycle(kb)
        if rule["id"] != missing
    ]
    found = problems(kb, tmp_path)
    assert found == [
        f"knowledge/{MILESTONES}:1: cycle: missing milestone '{missing}' (reminders use it)"
    ]


def test_a_window_has_an_end(tmp_path: Path) -> None:
    kb = valid_knowledge()
    del cycle(kb)[0]["end"]
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, MILESTONES), "- id: surveillance-window")
    assert found == [
        f"knowledge/{MILESTONES}:{line}: missing required field 'end' "
        "(a window has a start and an end)"
    ]


@pytest.mark.parametrize(
    ("month", "day", "field", "message"),
    [
        (13, 1, "month", "month: 13 is not a month (1-12)"),
        (4, 31, "day", "day: 31 is not a day of month 4 (1-30)"),
        (2, 29, "day", "day: 29 is not a day of month 2 (1-28)"),
    ],
)
def test_yearly_month_and_day_must_exist(
    tmp_path: Path, month: int, day: int, field: str, message: str
) -> None:
    kb = valid_knowledge()
    kb.files[MILESTONES]["yearly"][0].update(month=month, day=day)
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, MILESTONES), "- id: bpf-deadline", f"{field}:")
    assert found == [f"knowledge/{MILESTONES}:{line}: {message}"]


# --- framework -----------------------------------------------------------------------------


def test_current_must_be_a_listed_version(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.files["framework.yaml"]["current"] = "rnq-34"
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, "framework.yaml"), "current: rnq-34")
    assert found == [
        f"knowledge/framework.yaml:{line}: current: 'rnq-34' is not a listed version "
        "(rnq-32, rnq-33)"
    ]


def test_invalid_framework_status(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.files["framework.yaml"]["versions"][1]["status"] = "rumour"
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, "framework.yaml"), "status: rumour")
    assert found == [
        f"knowledge/framework.yaml:{line}: status: invalid value 'rumour' "
        "(expected one of in-force, reported-unconfirmed, superseded)"
    ]


# --- coverage ------------------------------------------------------------------------------


def test_every_topic_is_the_topic_of_an_entry(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("bpf")["topics"] = ["audit-surveillance"]
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, "topics.yaml"), "bpf:")
    assert found == [f"knowledge/topics.yaml:{line}: topic 'bpf' is not a topic of any entry"]


def test_every_indicator_has_its_entry(tmp_path: Path) -> None:
    kb = valid_knowledge()
    entries = kb.files["indicators/c2.yaml"]["entries"]
    entries.remove(kb.entry("indicator-7"))
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, "topics.yaml"), "- indicator-7")
    assert found == [
        f"knowledge/topics.yaml:{line}: indicator 7 has no entry 'indicator-7' in indicators/*.yaml"
    ]


def test_every_criterion_has_its_entry(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.files["criteria.yaml"]["entries"].remove(kb.entry("criterion-4"))
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, "topics.yaml"), "- criterion-4")
    assert found == [
        f"knowledge/topics.yaml:{line}: criterion 4 has no entry 'criterion-4' in criteria.yaml"
    ]
