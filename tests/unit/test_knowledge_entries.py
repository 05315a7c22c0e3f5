"""Each defect of an entry, indicator or criterion is reported as ``file:line: message``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.knowledge_fixtures import (
    GENERAL,
    entry,
    file,
    line_of,
    problems,
    valid_knowledge,
)

REPO = Path(__file__).resolve().parents[2]


# --- entry fields --------------------------------------------------------------------------


def test_missing_required_field(tmp_path: Path) -> None:
    kb = valid_knowledge()
    del kb.entry("bpf")["answer"]
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, GENERAL), "- id: bpf")
    assert found == [f"knowledge/{GENERAL}:{line}: missing required field 'answer'"]


def test_ill_typed_field(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("bpf")["title"] = "Le BPF"
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, GENERAL), "- id: bpf", "title:")
    assert found == [f"knowledge/{GENERAL}:{line}: title: expected fr and en, got text"]


def test_unquoted_colon_in_a_question_is_explained(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("bpf")["questions"]["fr"][0] = {"BPF": "date limite ?"}
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, GENERAL), "BPF: date limite")
    assert found == [
        f"knowledge/{GENERAL}:{line}: questions.fr[1]: expected text, got a mapping "
        "(quote text that contains ': ')"
    ]


def test_unknown_field_suggests_the_closest_name(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("bpf")["see_aslo"] = ["surveillance-audit"]
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, GENERAL), "see_aslo:")
    assert found == [
        f"knowledge/{GENERAL}:{line}: unknown field 'see_aslo' (did you mean 'see_also'?)"
    ]


def test_unknown_language_is_an_unknown_field(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("bpf")["title"]["de"] = "Der BPF"
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, GENERAL), "de: Der BPF")
    assert found == [f"knowledge/{GENERAL}:{line}: unknown field 'title.de'"]


def test_invalid_entry_id(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("bpf")["id"] = "Bilan_BPF"
    kb.entry("surveillance-audit")["see_also"] = ["Bilan_BPF"]
    kb.files["glossary.yaml"]["terms"][0]["entry"] = "Bilan_BPF"
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, GENERAL), "- id: Bilan_BPF")
    assert found == [
        f"knowledge/{GENERAL}:{line}: id: 'Bilan_BPF' must be lowercase words joined by dashes"
    ]


def test_unknown_topic(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("bpf")["topics"] = ["bpf", "not-a-topic"]
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, GENERAL), "- not-a-topic")
    assert found == [f"knowledge/{GENERAL}:{line}: topics: unknown topic 'not-a-topic'"]


@pytest.mark.parametrize(
    "topics",
    [[], ["bpf", "audit-surveillance", "indicator-1", "indicator-2"]],
    ids=["none", "four"],
)
def test_one_to_three_topics(tmp_path: Path, topics: list[str]) -> None:
    kb = valid_knowledge()
    kb.entry("surveillance-audit")["topics"] = ["audit-surveillance", "bpf"]
    kb.entry("bpf")["topics"] = topics
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, GENERAL), "- id: bpf", "topics:")
    assert found == [f"knowledge/{GENERAL}:{line}: topics: {len(topics)} topics, expected 1 to 3"]


def test_duplicate_entry_id_points_to_the_first(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.files["entries/more.yaml"] = {"entries": [entry("bpf", ["bpf"])]}
    found = problems(kb, tmp_path)
    first = line_of(file(tmp_path, GENERAL), "- id: bpf")
    assert found == [
        "knowledge/entries/more.yaml:2: duplicate entry id 'bpf' "
        f"(first defined at knowledge/{GENERAL}:{first})"
    ]


def test_see_also_must_name_an_entry(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("surveillance-audit")["see_also"] = ["bpf", "no-such-entry"]
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, GENERAL), "- no-such-entry")
    assert found == [f"knowledge/{GENERAL}:{line}: see_also: unknown entry 'no-such-entry'"]


@pytest.mark.parametrize("field", ["title", "answer", "questions"])
def test_every_localized_field_needs_both_languages(tmp_path: Path, field: str) -> None:
    kb = valid_knowledge()
    del kb.entry("bpf")[field]["en"]
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, GENERAL), "- id: bpf", f"{field}:")
    assert found == [f"knowledge/{GENERAL}:{line}: {field}: missing 'en' text"]


def test_at_least_six_questions_per_language(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("bpf")["questions"]["en"].pop()
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, GENERAL), "- id: bpf", "questions:", "en:")
    assert found == [f"knowledge/{GENERAL}:{line}: questions.en: 5 questions, expected at least 6"]


def test_empty_question(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("bpf")["questions"]["fr"][2] = "  "
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, GENERAL), "- '  '")
    assert found == [f"knowledge/{GENERAL}:{line}: questions.fr[3]: empty text"]


def test_answer_of_at_most_1500_characters_per_language(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("bpf")["answer"]["en"] = "x" * 1501
    kb.entry("surveillance-audit")["answer"]["en"] = "x" * 1500
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, GENERAL), "- id: bpf", "answer:", "en:")
    assert found == [
        f"knowledge/{GENERAL}:{line}: answer.en: 1501 characters, expected at most 1500"
    ]


def test_sources_are_required(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("bpf")["sources"] = []
    del kb.entry("surveillance-audit")["sources"]
    found = problems(kb, tmp_path)
    path = file(tmp_path, GENERAL)
    assert found == [
        f"knowledge/{GENERAL}:{line_of(path, '- id: surveillance-audit')}: "
        "missing required field 'sources'",
        f"knowledge/{GENERAL}:{line_of(path, '- id: bpf', 'sources:')}: "
        "sources: 0 sources, expected at least 1",
    ]


def test_reviewed_must_be_a_date(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("bpf")["reviewed"] = "soon"
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, GENERAL), "reviewed: soon")
    assert found == [
        f"knowledge/{GENERAL}:{line}: reviewed: expected a date YYYY-MM-DD, got 'soon'"
    ]


def test_entry_framework_must_be_a_listed_version(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("bpf")["framework"] = "rnq-31"
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, GENERAL), "framework: rnq-31")
    assert found == [f"knowledge/{GENERAL}:{line}: framework: unknown framework version 'rnq-31'"]


# --- indicator and criterion blocks --------------------------------------------------------

C3 = "indicators/c3.yaml"


def test_indicator_number_within_1_to_32(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("indicator-12")["indicator"]["number"] = 33
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, C3), "number: 33")
    assert found == [f"knowledge/{C3}:{line}: indicator.number: 33 is outside 1-32"]


def test_indicator_entry_id_is_indicator_dash_number(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("indicator-12")["indicator"]["number"] = 13
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, C3), "- id: indicator-12")
    assert found == [
        f"knowledge/{C3}:{line}: id: 'indicator-12' does not match indicator.number 13 "
        "(expected 'indicator-13')"
    ]


def test_indicator_belongs_to_its_official_criterion(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("indicator-12")["indicator"]["criterion"] = 2
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, C3), "- id: indicator-12", "criterion: 2")
    assert found == [
        f"knowledge/{C3}:{line}: indicator.criterion: indicator 12 belongs to criterion 3, not 2"
    ]


@pytest.mark.parametrize(
    ("field", "value", "bad_line", "message"),
    [
        (
            "scope",
            "general",
            "scope: general",
            "indicator.scope: invalid value 'general' (expected one of common, specific)",
        ),
        (
            "nc_grading",
            "minor-only",
            "nc_grading: minor-only",
            "indicator.nc_grading: invalid value 'minor-only' "
            "(expected one of major-only, minor-or-major)",
        ),
        (
            "applies_to",
            ["training", "coaching"],
            "- coaching",
            "indicator.applies_to: invalid value 'coaching' "
            "(expected any of training, skills-assessment, vae, apprenticeship)",
        ),
        (
            "special_cases",
            ["cfa-only"],
            "- cfa-only",
            "indicator.special_cases: invalid value 'cfa-only' (expected any of certifying-only, "
            "apprenticeship-only, alternance, subcontracting, work-situations)",
        ),
    ],
)
def test_indicator_values_come_from_fixed_lists(
    tmp_path: Path, field: str, value: object, bad_line: str, message: str
) -> None:
    kb = valid_knowledge()
    kb.entry("indicator-12")["indicator"][field] = value
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, C3), bad_line)
    assert found == [f"knowledge/{C3}:{line}: {message}"]


@pytest.mark.parametrize("count", [2, 6])
def test_three_to_five_evidence_items(tmp_path: Path, count: int) -> None:
    kb = valid_knowledge()
    kb.entry("indicator-12")["indicator"]["evidence"]["fr"] = [f"proof {i}" for i in range(count)]
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, C3), "- id: indicator-12", "evidence:", "fr:")
    assert found == [
        f"knowledge/{C3}:{line}: indicator.evidence.fr: {count} items, expected 3 to 5"
    ]


def test_new_entrant_needs_deferred(tmp_path: Path) -> None:
    kb = valid_knowledge()
    del kb.entry("indicator-12")["indicator"]["new_entrant"]["deferred"]
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, C3), "- id: indicator-12", "new_entrant:")
    assert found == [
        f"knowledge/{C3}:{line + 1}: missing required field 'indicator.new_entrant.deferred'"
    ]


def test_indicator_entries_need_their_block(tmp_path: Path) -> None:
    kb = valid_knowledge()
    del kb.entry("indicator-12")["indicator"]
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, C3), "- id: indicator-12")
    assert found == [f"knowledge/{C3}:{line}: missing required field 'indicator'"]


def test_blocks_are_only_allowed_in_their_file(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("bpf")["indicator"] = kb.entry("indicator-12")["indicator"]
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, GENERAL), "indicator:")
    assert found == [
        f"knowledge/{GENERAL}:{line}: the 'indicator' block is only allowed in indicators/*.yaml"
    ]


def test_criterion_block_lists_the_official_indicators(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("criterion-3")["criterion"]["indicators"] = [9, 10, 11]
    found = problems(kb, tmp_path)
    line = line_of(file(tmp_path, "criteria.yaml"), "- id: criterion-3", "indicators:")
    assert found == [
        f"knowledge/criteria.yaml:{line}: criterion.indicators: criterion 3 has indicators "
        "9-16, got [9, 10, 11]"
    ]
