"""Operators see usage figures and the questions the bot failed on, on both engines."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot.cli import main
from bot.services.admin import AdminService, group_misses, parse_since
from bot.storage.types import utcnow
from bot.storage.uow import Database


async def _ask(db: Database, user_id: int, text: str, outcome: str, feedback: int | None = None):
    async with db.uow() as uow:
        await uow.users.get_or_create(user_id, "fr", "Europe/Paris")
        question_id = await uow.questions.log(
            user_id=user_id,
            chat_type="private",
            text=text,
            lang="fr",
            outcome=outcome,
            entry_id=None if outcome == "decline" else "bpf",
            score=50.0,
        )
        if feedback is not None:
            await uow.questions.set_feedback(question_id, user_id, feedback)


async def test_stats_count_users_outcomes_and_feedback(database: Database) -> None:
    await _ask(database, 1, "date limite bpf", "answer", feedback=1)
    await _ask(database, 1, "recette de la tarte tatin", "decline")
    await _ask(database, 2, "indic 22", "answer", feedback=-1)
    await _ask(database, 3, "audit", "ambiguous")
    stats = await AdminService(database).stats()
    assert (stats.users, stats.active_7d, stats.active_30d) == (3, 3, 3)
    assert stats.questions == 4
    assert stats.share("answer") == 50.0
    assert stats.share("decline") == 25.0
    assert (stats.thumbs_up, stats.thumbs_down) == (1, 1)
    assert sum(count for _, count in stats.questions_per_day) == 4


async def test_misses_group_declined_and_disliked_questions(database: Database) -> None:
    await _ask(database, 1, "comment faire une tarte tatin", "decline")
    await _ask(database, 2, "tarte tatin comment faire ?", "decline")
    await _ask(database, 3, "indic 22", "answer", feedback=-1)
    await _ask(database, 4, "date limite bpf", "answer", feedback=1)
    groups = await AdminService(database).misses(utcnow() - timedelta(days=30))
    assert groups[0].count == 2 and "tatin" in groups[0].example
    examples = {g.example for g in groups}
    assert "indic 22" in examples
    assert "date limite bpf" not in examples


def test_group_misses_keeps_distinct_needs_apart() -> None:
    groups = group_misses(["permis de conduire", "assurance habitation", "permis conduire ?"])
    assert [g.count for g in groups] == [2, 1]


def test_parse_since_accepts_days_weeks_months() -> None:
    now = utcnow()
    assert now - parse_since("30d", now) == timedelta(days=30)
    assert now - parse_since("2w", now) == timedelta(days=14)
    with pytest.raises(ValueError):
        parse_since("yesterday")


def test_cli_stats_and_misses(database_url: str, monkeypatch, capsys) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["users"] == 0
    assert main(["misses", "--since", "7d"]) == 0
    assert "no declined" in capsys.readouterr().out
    assert main(["misses", "--since", "soon"]) == 2
