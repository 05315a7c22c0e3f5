"""A minimal, valid knowledge directory built in code, for tests to break one thing at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.core.knowledge.loader import LoadResult, load_knowledge
from bot.core.knowledge.rnq import INDICATORS_OF_CRITERION

REVIEWED = date(2026, 11, 28)
GENERAL_TOPICS = ("audit-surveillance", "bpf")


def bilingual(text: str) -> dict[str, str]:
    """``{fr: "<text> (fr)", en: "<text> (en)"}``."""
    return {"fr": f"{text} (fr)", "en": f"{text} (en)"}


def bilingual_list(text: str, count: int) -> dict[str, list[str]]:
    """``count`` numbered items per language."""
    return {lang: [f"{text} {i} ({lang})" for i in range(1, count + 1)] for lang in ("fr", "en")}


def entry(entry_id: str, topics: list[str], **extra: Any) -> dict[str, Any]:
    """A valid entry with 6 questions per language and one source."""
    return {
        "id": entry_id,
        "topics": topics,
        "title": bilingual(f"title of {entry_id}"),
        "questions": bilingual_list(f"question on {entry_id}", 6),
        "answer": bilingual(f"answer of {entry_id}"),
        "sources": [f"source of {entry_id}"],
        "reviewed": REVIEWED,
        **extra,
    }


def indicator_entry(number: int, criterion: int) -> dict[str, Any]:
    """A valid ``indicator-<number>`` entry with its indicator block."""
    block = {
        "number": number,
        "criterion": criterion,
        "scope": "common",
        "wording_fr": f"wording of indicator {number}",
        "applies_to": ["training"],
        "special_cases": [],
        "nc_grading": "major-only",
        "new_entrant": {"deferred": False, **bilingual(f"new entrant {number}")},
        "expected_level": bilingual(f"expected level {number}"),
        "evidence": bilingual_list(f"evidence {number}", 3),
        "mistakes": bilingual_list(f"mistake {number}", 1),
    }
    topic = f"indicator-{number}"
    return entry(topic, [topic], framework="rnq-32", indicator=block)


def criterion_entry(number: int) -> dict[str, Any]:
    """A valid ``criterion-<number>`` entry with its criterion block."""
    block = {
        "number": number,
        "title_fr": f"title of criterion {number}",
        "indicators": list(INDICATORS_OF_CRITERION[number]),
    }
    topic = f"criterion-{number}"
    return entry(topic, [topic], criterion=block)


def milestone(milestone_id: str, kind: str, **fields: Any) -> dict[str, Any]:
    """A milestone with a title and a source."""
    return {
        "id": milestone_id,
        "kind": kind,
        **fields,
        "title": bilingual(milestone_id),
        "source": f"source of {milestone_id}",
    }


@dataclass
class KnowledgeFixture:
    """The YAML data of each file, by path under ``knowledge/``; edit, then :meth:`write`."""

    files: dict[str, Any]

    def entry(self, entry_id: str) -> dict[str, Any]:
        """The data of the entry ``entry_id``, whichever file holds it."""
        for path, data in self.files.items():
            if path in ("criteria.yaml",) or path.startswith(("indicators/", "entries/")):
                for item in data["entries"]:
                    if item["id"] == entry_id:
                        return item
        raise KeyError(entry_id)

    def write(self, parent: Path) -> Path:
        """Write the files under ``parent/knowledge`` and return that directory."""
        directory = parent / "knowledge"
        for name, data in self.files.items():
            path = directory / name
            path.parent.mkdir(parents=True, exist_ok=True)
            text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
            path.write_text(text, encoding="utf-8")
        return directory


def valid_knowledge() -> KnowledgeFixture:
    """A complete base over a small topic vocabulary: 7 criteria, 32 indicators, 2 entries."""
    criterion_ids = [f"criterion-{n}" for n in INDICATORS_OF_CRITERION]
    indicator_ids = [f"indicator-{n}" for ns in INDICATORS_OF_CRITERION.values() for n in ns]
    files: dict[str, Any] = {
        "topics.yaml": {
            "general": {topic: f"about {topic}" for topic in GENERAL_TOPICS},
            "criteria": {"ids": criterion_ids},
            "indicators": {"ids": indicator_ids},
        },
        "framework.yaml": {
            "versions": [
                {
                    "id": "rnq-32",
                    "status": "in-force",
                    "indicators": 32,
                    "label": {"fr": "RNQ 32 indicateurs", "en": "RNQ 32 indicators"},
                    "effective_from": date(2022, 1, 1),
                    "effective_until": None,
                    "sources": ["Décret n° 2019-565"],
                },
                {
                    "id": "rnq-33",
                    "status": "reported-unconfirmed",
                    "indicators": 33,
                    "label": bilingual("RNQ 33"),
                    "effective_from": date(2026, 11, 1),
                },
            ],
            "current": "rnq-32",
        },
        "criteria.yaml": {"entries": [criterion_entry(n) for n in INDICATORS_OF_CRITERION]},
        "entries/general.yaml": {
            "entries": [
                entry("surveillance-audit", ["audit-surveillance"], see_also=["bpf"]),
                entry("bpf", ["bpf"], keywords={"fr": ["bilan"], "en": ["report"]}),
            ]
        },
        "glossary.yaml": {
            "terms": [
                {
                    "term": "BPF",
                    "expansion": bilingual("bilan pédagogique et financier"),
                    "synonyms": ["bilan pedagogique", "bpf"],
                    "definition": bilingual("the yearly report"),
                    "entry": "bpf",
                },
                {
                    "term": "OPCO",
                    "expansion": bilingual("opérateur de compétences"),
                    "definition": bilingual("a funder"),
                },
            ]
        },
        "milestones.yaml": {
            "cycle": [
                milestone(
                    "surveillance-window",
                    "window",
                    start={"from": "certified_on", "months": 14},
                    end={"from": "certified_on", "months": 22},
                ),
                milestone(
                    "certificate-expiry", "event", start={"from": "certified_on", "months": 36}
                ),
                milestone(
                    "renewal-audit",
                    "deadline",
                    start={"from": "certificate-expiry", "months": -3},
                ),
            ],
            "yearly": [milestone("bpf-deadline", "deadline", month=5, day=31)],
        },
    }
    for criterion, numbers in INDICATORS_OF_CRITERION.items():
        files[f"indicators/c{criterion}.yaml"] = {
            "entries": [indicator_entry(n, criterion) for n in numbers]
        }
    return KnowledgeFixture(files)


def line_of(path: Path, *needles: str) -> int:
    """The 1-based line of ``path`` holding the last needle, each searched after the previous.

    ``line_of(path, "- id: bpf", "questions:", "en:")`` is the ``en:`` line of the questions of
    entry ``bpf``. The first needle must be on a single line.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    first = [number for number, line in enumerate(lines, start=1) if needles[0] in line]
    assert len(first) == 1, f"{needles[0]!r} is on lines {first} of {path}"
    number = first[0]
    for needle in needles[1:]:
        number = next(n for n in range(number + 1, len(lines) + 1) if needle in lines[n - 1])
    return number


def substitute(path: Path, old: str, new: str) -> None:
    """Replace the only occurrence of ``old`` in ``path`` (for YAML that safe_dump cannot write)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


GENERAL = "entries/general.yaml"
"""The fixture's file of general entries."""


def load(kb: KnowledgeFixture, tmp_path: Path) -> LoadResult:
    return load_knowledge(kb.write(tmp_path))


def problems(kb: KnowledgeFixture, tmp_path: Path) -> list[str]:
    """The problems of the fixture as ``file:line: message``; a base with problems is None."""
    result = load(kb, tmp_path)
    assert result.base is None
    return [str(problem) for problem in result.problems]


def file(tmp_path: Path, name: str) -> Path:
    return tmp_path / "knowledge" / name
