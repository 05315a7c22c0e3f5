"""What users read: the ``qualibot milestones`` command, its JSON contract, and the .ics file."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

from bot.cli import main
from bot.cli.milestones import load_milestone_rules
from bot.config import PROJECT_ROOT
from bot.core.ics import milestones_calendar
from bot.core.localized import long_date
from bot.core.milestones.compute import compute_schedule
from bot.core.milestones.text import as_text

KNOWLEDGE = PROJECT_ROOT / "knowledge"


def _run_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    assert main(["milestones", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_schedule_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    schedule = _run_json(capsys, "--certified-on", "2026-01-15")

    by_id = {item["id"]: item for item in schedule}
    assert {"surveillance-window", "renewal-audit", "certificate-expiry"} <= by_id.keys()
    assert len(by_id) == len(schedule)
    for item in schedule:
        assert {"id", "kind", "start", "end", "title", "source"} <= item.keys()
        assert item["kind"] in {"window", "deadline", "event"}
        assert date.fromisoformat(item["start"]) <= date.fromisoformat(item["end"])
        assert item["title"] and item["source"]
    window = by_id["surveillance-window"]
    assert (window["kind"], window["start"], window["end"]) == (
        "window",
        "2027-03-15",
        "2027-11-15",
    )
    expiry = by_id["certificate-expiry"]
    assert (expiry["kind"], expiry["start"], expiry["end"]) == (
        "deadline",
        "2029-01-15",
        "2029-01-15",
    )
    assert by_id["renewal-audit"]["kind"] == "window"
    assert window["title"] == "Fenêtre de l'audit de surveillance"


def test_json_schedule_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    schedule = _run_json(capsys, "--certified-on", "2026-01-15", "--lang", "en")

    titles = {item["id"]: item["title"] for item in schedule}
    assert titles["surveillance-window"] == "Surveillance audit window"


def test_text_schedule_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["milestones", "--certified-on", "2025-12-31"]) == 0
    out = capsys.readouterr().out

    assert "31 décembre 2025" in out
    assert "du 28 février 2027 au 31 octobre 2027 — Fenêtre de l'audit de surveillance" in out
    assert "Source :" in out


def test_an_impossible_date_gets_a_clear_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["milestones", "--certified-on", "2026-02-30", "--json"]) == 2
    captured = capsys.readouterr()

    assert captured.out == ""
    assert "--certified-on" in captured.err and "impossible" in captured.err


def test_a_held_audit_is_shown_as_done(capsys: pytest.CaptureFixture[str]) -> None:
    schedule = _run_json(
        capsys, "--certified-on", "2024-01-15", "--surveillance-audit-on", "2025-04-10"
    )

    window = next(item for item in schedule if item["id"] == "surveillance-window")
    assert window["done_on"] == "2025-04-10"


def test_dates_are_written_the_french_or_english_way() -> None:
    assert long_date(date(2026, 1, 1), "fr") == "1er janvier 2026"
    assert long_date(date(2026, 8, 15), "fr") == "15 août 2026"
    assert long_date(date(2026, 8, 15), "en") == "15 August 2026"


def test_calendar_file_has_one_all_day_event_per_milestone() -> None:
    rules, problems = load_milestone_rules(KNOWLEDGE)
    assert problems == [] and rules is not None
    schedule = compute_schedule(rules, date(2026, 1, 15))
    now = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)

    data = milestones_calendar(
        schedule, lang="en", certified_on=date(2026, 1, 15), now=now, name="Qualiopi"
    )

    events = Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == len(schedule)
    window = next(e for e in events if str(e["summary"]) == "Surveillance audit window")
    assert window.decoded("dtstart") == date(2027, 3, 15)
    assert window.decoded("dtend") == date(2027, 11, 16)  # exclusive end: the 15th is included
    assert "Arrêté du 6 juin 2019" in str(window["description"])
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_text_lists_every_milestone_once() -> None:
    rules, _ = load_milestone_rules(KNOWLEDGE)
    schedule = compute_schedule(rules, date(2026, 1, 15))

    text = as_text(schedule, "en", date(2026, 1, 15))
    assert text.count("\n- ") == len(schedule)
