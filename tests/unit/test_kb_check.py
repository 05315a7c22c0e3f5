"""``qualibot kb check`` and ``qualibot kb dump``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from tests.unit.knowledge_fixtures import line_of, valid_knowledge

REPO = Path(__file__).resolve().parents[2]
ENTRY_KEYS = {
    "id",
    "topics",
    "title",
    "questions",
    "answer",
    "keywords",
    "sources",
    "reviewed",
    "see_also",
}


@pytest.fixture
def no_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in an empty directory, so that no ``.env`` file is read."""
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)


def test_check_of_a_valid_base_prints_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = valid_knowledge().write(tmp_path)

    assert main(["kb", "check", str(directory)]) == 0
    assert capsys.readouterr().out == ("knowledge OK: 41 entries, 2 glossary terms, 0 checklists\n")


def test_check_prints_each_problem_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kb = valid_knowledge()
    kb.entry("bpf")["sources"] = []
    kb.entry("surveillance-audit")["see_also"] = ["nope"]
    directory = kb.write(tmp_path)
    general = directory / "entries" / "general.yaml"

    assert main(["kb", "check", str(directory)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"knowledge/entries/general.yaml:{line_of(general, '- nope')}: "
        "see_also: unknown entry 'nope'",
        f"knowledge/entries/general.yaml:{line_of(general, '- id: bpf', 'sources:')}: "
        "sources: 0 sources, expected at least 1",
        "2 problems",
    ]


def test_check_defaults_to_the_knowledge_dir_setting(
    tmp_path: Path,
    no_dotenv: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    kb = valid_knowledge()
    del kb.files["glossary.yaml"]
    monkeypatch.setenv("KNOWLEDGE_DIR", str(kb.write(tmp_path)))

    assert main(["kb", "check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "knowledge/glossary.yaml:1: file is missing",
        "1 problem",
    ]


def test_check_reports_a_bad_knowledge_dir_setting(
    tmp_path: Path,
    no_dotenv: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("KNOWLEDGE_DIR", str(tmp_path / "nowhere"))

    assert main(["kb", "check"]) == 2
    assert "KNOWLEDGE_DIR" in capsys.readouterr().err


def test_dump_json_prints_one_object_per_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = valid_knowledge().write(tmp_path)

    assert main(["kb", "dump", "--json", str(directory)]) == 0
    lines = capsys.readouterr().out.splitlines()
    entries = {data["id"]: data for data in map(json.loads, lines)}

    assert len(lines) == len(entries) == 41
    bpf = entries["bpf"]
    assert set(bpf) == ENTRY_KEYS
    assert bpf["title"] == {"fr": "title of bpf (fr)", "en": "title of bpf (en)"}
    assert len(bpf["questions"]["fr"]) == 6
    assert bpf["keywords"] == {"fr": ["bilan"], "en": ["report"]}
    assert bpf["reviewed"] == "2026-11-28"
    assert entries["surveillance-audit"]["see_also"] == ["bpf"]

    indicator = entries["indicator-22"]
    assert set(indicator) == ENTRY_KEYS | {"framework", "indicator"}
    assert indicator["indicator"]["number"] == 22
    assert indicator["indicator"]["criterion"] == 5
    assert indicator["indicator"]["new_entrant"] == {
        "deferred": False,
        "fr": "new entrant 22 (fr)",
        "en": "new entrant 22 (en)",
    }
    assert indicator["indicator"]["evidence"]["en"] == [
        "evidence 22 1 (en)",
        "evidence 22 2 (en)",
        "evidence 22 3 (en)",
    ]
    assert entries["criterion-5"]["criterion"] == {
        "number": 5,
        "title_fr": "title of criterion 5",
        "indicators": [21, 22],
    }


def test_dump_of_an_invalid_base_prints_the_problems_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kb = valid_knowledge()
    del kb.files["milestones.yaml"]

    assert main(["kb", "dump", "--json", str(kb.write(tmp_path))]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "knowledge/milestones.yaml:1: file is missing\n"


def test_dump_without_json_is_a_readable_listing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = valid_knowledge().write(tmp_path)

    assert main(["kb", "dump", str(directory)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "criterion-1",
        "title",
        "of",
        "criterion-1",
        "(fr)",
        "[criterion-1]",
    ]
    assert lines[-1].startswith("41 entries, knowledge version ")


def test_the_real_knowledge_base_passes_check(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["kb", "check", str(REPO / "knowledge")])
    output = capsys.readouterr().out
    assert code == 0, output
