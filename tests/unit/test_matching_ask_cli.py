"""``qualibot ask``: a reply for a person, or the JSON-lines contract other tools rely on."""

from __future__ import annotations

import io
import json
import sys

import pytest

from bot.cli import main

CONTRACT = {"question", "answered", "entry_id", "topics", "score", "lang", "answer", "suggestions"}
SUGGESTION = {"entry_id", "topics", "title", "score"}


def run_json(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: bytes,
             *args: str) -> list[dict]:  # fmt: skip
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["ask", "--json", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_json_lines_come_back_one_per_question_in_input_order(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = [
        "c'est quoi l'indic 22",
        "",
        "recette de la blanquette de veau",
        "bonjour",
        "audit",
    ]
    records = run_json(monkeypatch, capsys, ("\n".join(questions) + "\n").encode())
    assert [r["question"] for r in records] == questions
    for record in records:
        assert set(record) == CONTRACT
        assert 0 <= record["score"] <= 100
        assert record["lang"] in ("fr", "en")
        assert record["answer"]
        for suggestion in record["suggestions"]:
            assert set(suggestion) == SUGGESTION
    first, empty, off_topic, greeting, _ = records
    assert (first["answered"], first["entry_id"]) == (True, "indicator-22")
    assert "indicator-22" in first["topics"]
    assert (empty["answered"], empty["entry_id"], empty["topics"]) == (False, None, [])
    assert (off_topic["answered"], off_topic["suggestions"]) == (False, [])
    assert greeting["answered"] is False


def test_the_question_argument_is_answered_as_one_json_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = run_json(monkeypatch, capsys, b"ignored\n", "When is the BPF due?")
    assert len(records) == 1
    assert records[0]["lang"] == "en"
    assert records[0]["entry_id"] == "bpf"


def test_lang_forces_the_answer_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    [record] = run_json(monkeypatch, capsys, b"", "--lang", "en", "bpf date limite")
    assert record["lang"] == "en"
    assert "BPF" in record["answer"]


def test_undecodable_bytes_and_crlf_lines_are_still_answered(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"bpf\xff\xfe\r\ni22\r\n")))
    assert main(["ask", "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["entry_id"] for r in records] == ["bpf", "indicator-22"]


def test_a_person_gets_the_title_and_the_answer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "c'est quoi l'indic 22"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Indicateur 22")
    assert "compétences" in out


def test_a_person_asking_off_topic_is_told_what_the_bot_can_do(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["ask", "How do I fix a leaking tap?"]) == 0
    out = capsys.readouterr().out
    assert "Sorry" in out and "Qualiopi" in out


def test_an_invalid_knowledge_directory_fails_cleanly(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--knowledge", str(tmp_path), "bpf"]) == 1
    assert "invalid knowledge base" in capsys.readouterr().err
