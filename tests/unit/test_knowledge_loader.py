"""Loading ``knowledge/``: a valid base loads; a broken file is one ``file:line: message``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.core.knowledge import loader
from bot.core.knowledge.loader import load_knowledge
from bot.core.yamlsource import Problem
from tests.unit.knowledge_fixtures import (
    GENERAL,
    bilingual,
    file,
    line_of,
    load,
    problems,
    substitute,
    valid_knowledge,
)

REPO = Path(__file__).resolve().parents[2]


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
