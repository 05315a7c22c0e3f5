"""Checklist files: what a valid file gives, and each defect reported as ``file:line``."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from bot.core.knowledge.checklist_model import Condition
from bot.core.knowledge.parse_checklists import load_checklists
from bot.core.localized import Localized

ENTRY_IDS = frozenset({"bpf", "nda", "indicator-1", "indicator-2", "criterion-1"})

VALID = """\
id: audit
order: 2
title: {fr: Préparer l'audit, en: Preparing the audit}
description: {fr: Ce qu'il faut prévoir, en: What to plan}
groups:
  - id: send
    title: {fr: À envoyer, en: To send}
  - id: basics
    entry: criterion-1
items:
  - id: bpf
    group: send
    entry: bpf
    text: {fr: Avez-vous votre BPF, en: Do you have your BPF}
    todo: {fr: Récupérez-le, en: Get it}
    evidence: {fr: [Dernier BPF], en: [Latest BPF]}
    applies_if:
      not_situations: [new-entrant]
  - id: nda
    group: basics
    text: {fr: Avez-vous un NDA, en: Do you have an NDA}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    directory = tmp_path / "knowledge" / "checklists"
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(dedent(text), encoding="utf-8")
    return directory


def problems(tmp_path: Path, text: str, entry_ids: frozenset[str] = ENTRY_IDS) -> list[str]:
    directory = write(tmp_path, "audit.yaml", text)
    checklists, found = load_checklists(directory, tmp_path, entry_ids)
    assert not checklists or not found, "a file with problems gives no checklist"
    return [str(problem) for problem in found]


def test_a_valid_file_gives_its_checklist(tmp_path: Path) -> None:
    directory = write(tmp_path, "audit.yaml", VALID)
    [checklist], found = load_checklists(directory, tmp_path, ENTRY_IDS)
    assert found == []
    assert checklist.id == "audit"
    assert checklist.title == Localized("Préparer l'audit", "Preparing the audit")
    assert checklist.source_file == "knowledge/checklists/audit.yaml"
    bpf, nda = checklist.items
    assert bpf.group == "send" and bpf.entry == "bpf"
    assert bpf.evidence.get("en") == ("Latest BPF",)
    assert bpf.applies_if == Condition(not_situations=("new-entrant",))
    assert nda.applies_if is None and nda.todo is None
    assert [group.id for group in checklist.groups] == ["send", "basics"]
    assert checklist.groups[1].entry == "criterion-1"


def test_checklists_come_in_their_order(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", VALID)
    second = VALID.replace("id: audit", "id: first").replace("order: 2", "order: 1")
    directory = write(tmp_path, "b.yaml", second)
    checklists, found = load_checklists(directory, tmp_path, ENTRY_IDS)
    assert found == []
    assert [c.id for c in checklists] == ["first", "audit"]


def test_no_directory_means_no_checklists(tmp_path: Path) -> None:
    assert load_checklists(tmp_path / "missing", tmp_path, ENTRY_IDS) == ((), [])


def test_unknown_entry_is_reported_at_its_line(tmp_path: Path) -> None:
    text = VALID.replace("entry: bpf", "entry: bfp")
    assert problems(tmp_path, text) == [
        "knowledge/checklists/audit.yaml:13: items[1].entry: unknown entry 'bfp'"
    ]


def test_undeclared_group(tmp_path: Path) -> None:
    text = VALID.replace("group: basics", "group: basic")
    assert problems(tmp_path, text) == [
        "knowledge/checklists/audit.yaml:20: items[2].group: 'basic' is not in groups"
    ]


def test_missing_translation(tmp_path: Path) -> None:
    text = VALID.replace(", en: Do you have an NDA", "")
    assert problems(tmp_path, text) == [
        "knowledge/checklists/audit.yaml:21: items[2].text: missing 'en' text"
    ]


def test_unknown_situation_in_a_condition(tmp_path: Path) -> None:
    text = VALID.replace("[new-entrant]", "[newcomer]")
    [problem] = problems(tmp_path, text)
    assert problem.startswith(
        "knowledge/checklists/audit.yaml:18: items[1].applies_if.not_situations: "
        "invalid value 'newcomer'"
    )


def test_typo_in_a_field_name_suggests_the_right_one(tmp_path: Path) -> None:
    text = VALID.replace("    todo:", "    todos:")
    assert problems(tmp_path, text) == [
        "knowledge/checklists/audit.yaml:15: unknown field 'items[1].todos' (did you mean 'todo'?)"
    ]


def test_duplicate_item_id(tmp_path: Path) -> None:
    text = VALID.replace("  - id: nda", "  - id: bpf")
    assert problems(tmp_path, text) == [
        "knowledge/checklists/audit.yaml:19: duplicate item id 'bpf'"
    ]


def test_item_ids_must_fit_in_a_button(tmp_path: Path) -> None:
    text = VALID.replace("  - id: nda", "  - id: a-very-long-item-identifier-indeed")
    [problem] = problems(tmp_path, text)
    assert problem.startswith("knowledge/checklists/audit.yaml:19: items[2].id:")
    assert "at most 24 characters" in problem


def test_invalid_yaml_gives_its_line(tmp_path: Path) -> None:
    text = VALID.replace("todo: {fr: Récupérez-le, en: Get it}", "todo: fr: Récupérez-le : x")
    [problem] = problems(tmp_path, text)
    assert problem.startswith("knowledge/checklists/audit.yaml:15: invalid YAML")


def test_duplicate_checklist_id_across_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", VALID)
    directory = write(tmp_path, "b.yaml", VALID)
    checklists, found = load_checklists(directory, tmp_path, ENTRY_IDS)
    assert len(checklists) == 1
    assert [str(p) for p in found] == [
        "knowledge/checklists/b.yaml:1: duplicate checklist id 'audit' "
        "(first in knowledge/checklists/a.yaml)"
    ]


SELF_ASSESSMENT = """\
id: self
indicators: true
title: {fr: Auto-évaluation, en: Self-assessment}
description: {fr: Tout, en: Everything}
items:
  - id: i1
    entry: indicator-1
    text: {fr: Indicateur 1, en: Indicator 1}
"""


def test_a_self_assessment_needs_one_item_per_indicator(tmp_path: Path) -> None:
    assert problems(tmp_path, SELF_ASSESSMENT) == [
        "knowledge/checklists/audit.yaml:5: items: no item for 'indicator-2'"
    ]


INDICATOR_2 = """\
  - id: i2
    entry: indicator-2
    text: {fr: Indicateur 2, en: Indicator 2}
"""


def test_a_self_assessment_takes_applicability_from_the_indicators(tmp_path: Path) -> None:
    text = SELF_ASSESSMENT + INDICATOR_2 + "    applies_if: {categories: [training]}\n"
    assert problems(tmp_path, text) == [
        "knowledge/checklists/audit.yaml:12: items[2].applies_if: in the self-assessment, "
        "applicability comes from the indicator entry"
    ]


def test_a_self_assessment_item_without_indicator(tmp_path: Path) -> None:
    extra = "  - id: extra\n    entry: bpf\n    text: {fr: BPF, en: BPF}\n"
    assert problems(tmp_path, SELF_ASSESSMENT + INDICATOR_2 + extra) == [
        "knowledge/checklists/audit.yaml:12: items[3]: every item of a self-assessment links "
        "to an indicator entry (entry: indicator-N)"
    ]
