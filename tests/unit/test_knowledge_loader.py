"""Loading ``knowledge/``: a valid base loads; each defect is one ``file:line: message``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.core.knowledge import loader
from bot.core.knowledge.loader import LoadResult, load_knowledge
from bot.core.yamlsource import Problem
from tests.unit.knowledge_fixtures import (
    KnowledgeFixture,
    bilingual,
    entry,
    line_of,
    substitute,
    valid_knowledge,
)

REPO = Path(__file__).resolve().parents[2]
GENERAL = "entries/general.yaml"


def load(kb: KnowledgeFixture, tmp_path: Path) -> LoadResult:
    return load_knowledge(kb.write(tmp_path))


def problems(kb: KnowledgeFixture, tmp_path: Path) -> list[str]:
    """The problems of the fixture as ``file:line: message``; a base with problems is None."""
    result = load(kb, tmp_path)
    assert result.base is None
    return [str(problem) for problem in result.problems]


def file(tmp_path: Path, name: str) -> Path:
    return tmp_path / "knowledge" / name


# --- a valid base ---------------------------------------------------------------------------


def test_the_valid_fixture_loads_without_problems(tmp_path: Path) -> None:
    result = load(valid_knowledge(), tmp_path)

    assert result.problems == []
    base = result.base
    assert base is not None
    assert len(base.entries) == 7 + 32 + 2
    assert [term.term for term in base.glossary] == ["BPF", "OPCO"]
    assert base.current_version.id == "rnq-32"
    assert [version.id for version in base.versions] == ["rnq-32", "rnq-33"]
    assert "bpf" in base.topics and "indicator-32" in base.topics
    assert [rule.id for rule in base.milestones.cycle] == [
        "surveillance-window",
        "certificate-expiry",
        "renewal-audit",
    ]
    assert base.milestones.yearly[0].month == 5


def test_lookups_find_entries_by_id_and_number(tmp_path: Path) -> None:
    base = load(valid_knowledge(), tmp_path).base
    assert base is not None

    assert base.entry("bpf").keywords.get("fr") == ("bilan",)
    assert base.entry("no-such-entry") is None
    assert base.indicator(22).id == "indicator-22"
    assert base.indicator(22).indicator.criterion == 5
    assert base.indicator(33) is None
    assert base.criterion(3).criterion.indicators == tuple(range(9, 17))
    assert base.checklist("none") is None
    assert base.framework_label("en") == "RNQ 32 indicators"
    assert base.framework_label("fr") == "RNQ 32 indicateurs"


def test_entries_remember_where_they_are_defined(tmp_path: Path) -> None:
    base = load(valid_knowledge(), tmp_path).base
    assert base is not None

    bpf = base.entry("bpf")
    assert bpf.source_file == "knowledge/entries/general.yaml"
    assert bpf.source_line == line_of(file(tmp_path, GENERAL), "- id: bpf")


def test_the_base_and_its_objects_are_immutable(tmp_path: Path) -> None:
    base = load(valid_knowledge(), tmp_path).base
    assert base is not None
    bpf = base.entry("bpf")

    with pytest.raises(dataclasses.FrozenInstanceError):
        base.version = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        bpf.answer = bpf.title  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        bpf.questions.fr = ()  # type: ignore[misc]
    assert isinstance(base.entries, tuple)
    assert isinstance(bpf.questions.fr, tuple)
    assert isinstance(base.topics, frozenset)


def test_version_is_a_short_hash_that_changes_with_the_content(tmp_path: Path) -> None:
    kb = valid_knowledge()
    first = load(kb, tmp_path / "a").base
    same = load(kb, tmp_path / "b").base
    kb.entry("bpf")["answer"] = bilingual("another answer")
    changed = load(kb, tmp_path / "c").base
    assert first and same and changed

    assert len(first.version) == 12
    assert first.version == same.version
    assert first.version != changed.version


def test_checklists_are_loaded_with_the_entry_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def fake_load_checklists(directory, root, entry_ids):
        calls.append((directory, root, entry_ids))
        return (), [Problem("knowledge/checklists/audit.yaml", 4, "a checklist problem")]

    monkeypatch.setattr(loader, "load_checklists", fake_load_checklists)
    directory = valid_knowledge().write(tmp_path)

    result = load_knowledge(directory)

    assert [str(p) for p in result.problems] == [
        "knowledge/checklists/audit.yaml:4: a checklist problem"
    ]
    [(checklists_dir, root, entry_ids)] = calls
    assert checklists_dir == directory / "checklists"
    assert root == tmp_path
    assert {"bpf", "indicator-1", "criterion-7"} <= entry_ids


def test_topics_yaml_is_the_shared_reference_copy() -> None:
    reference = REPO.parent / "shared" / "reference" / "topics.yaml"
    if not reference.is_file():
        pytest.skip("../shared/reference/topics.yaml is not available")
    assert (REPO / "knowledge" / "topics.yaml").read_bytes() == reference.read_bytes()


# --- files ---------------------------------------------------------------------------------


def test_missing_directory_is_one_problem(tmp_path: Path) -> None:
    result = load_knowledge(tmp_path / "knowledge")
    assert result.base is None
    assert [str(p) for p in result.problems] == ["knowledge:1: knowledge directory not found"]


def test_missing_file(tmp_path: Path) -> None:
    kb = valid_knowledge()
    del kb.files["glossary.yaml"]
    assert problems(kb, tmp_path) == ["knowledge/glossary.yaml:1: file is missing"]


def test_empty_file(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.files["milestones.yaml"] = None
    assert problems(kb, tmp_path) == ["knowledge/milestones.yaml:1: file is empty"]


def test_yaml_syntax_error_gives_its_line(tmp_path: Path) -> None:
    directory = valid_knowledge().write(tmp_path)
    (directory / "glossary.yaml").write_text(
        "terms:\n- term: BPF\n  expansion: bilan: pédagogique\n", encoding="utf-8"
    )
    [problem] = load_knowledge(directory).problems
    assert problem.file == "knowledge/glossary.yaml"
    assert problem.line == 3
    assert problem.message.startswith("invalid YAML: mapping values are not allowed")


def test_impossible_date_gives_its_line(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("bpf")["reviewed"] = "BPF-REVIEWED"
    directory = kb.write(tmp_path)
    substitute(directory / GENERAL, "BPF-REVIEWED", "2026-11-31")

    line = line_of(directory / GENERAL, "2026-11-31")
    assert [str(p) for p in load_knowledge(directory).problems] == [
        f"knowledge/{GENERAL}:{line}: invalid value '2026-11-31': day is out of range for month"
    ]


def test_problems_are_sorted_by_file_then_line(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.entry("bpf")["sources"] = []
    kb.entry("surveillance-audit")["sources"] = []
    kb.entry("indicator-9")["sources"] = []

    found = problems(kb, tmp_path)

    assert [p.split(":")[0] for p in found] == [f"knowledge/{GENERAL}"] * 2 + [
        "knowledge/indicators/c3.yaml"
    ]
    assert found == sorted(found, key=lambda p: (p.split(":")[0], int(p.split(":")[1])))


def test_an_entry_that_is_not_a_mapping(tmp_path: Path) -> None:
    kb = valid_knowledge()
    kb.files["entries/extra.yaml"] = {"entries": ["just a sentence"]}
    assert problems(kb, tmp_path) == [
        "knowledge/entries/extra.yaml:2: entries[1]: expected an entry (a mapping), got text"
    ]


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
