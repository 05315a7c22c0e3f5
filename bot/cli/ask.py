"""``qualibot ask``: answer questions from the knowledge base, for a person or as JSON lines.

``qualibot ask "c'est quoi l'indic 22"`` prints the answer. ``qualibot ask --json`` reads one
question per line on standard input (or takes the question argument) and writes one JSON
object per line, in input order. The JSON fields are a stable contract:
``question, answered, entry_id, topics, score, lang, answer, suggestions`` where each
suggestion is ``{entry_id, topics, title, score}``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from bot.cli.common import add_lang_argument
from bot.config import load_settings
from bot.core.knowledge.loader import load_knowledge
from bot.core.matching.engine import Matcher
from bot.core.matching.replies import reply_text
from bot.core.matching.result import MatchResult


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``ask`` command."""
    parser = subparsers.add_parser("ask", help="answer a question")
    parser.add_argument("question", nargs="?", help="the question (else one per line on stdin)")
    parser.add_argument("--json", action="store_true", help="JSON lines in and out")
    parser.add_argument("--knowledge", metavar="DIR", help="knowledge directory (KNOWLEDGE_DIR)")
    add_lang_argument(parser)
    parser.set_defaults(handler=run_ask)


def run_ask(args: argparse.Namespace) -> int:
    """Load the knowledge once, then answer the argument or every line of standard input."""
    directory = Path(args.knowledge) if args.knowledge else load_settings().knowledge_dir
    loaded = load_knowledge(directory)
    if loaded.base is None:
        for problem in loaded.problems:
            print(problem, file=sys.stderr)
        print("qualibot ask: invalid knowledge base (see qualibot kb check)", file=sys.stderr)
        return 1
    matcher = Matcher(loaded.base)
    questions = [args.question] if args.question is not None else _lines(sys.stdin.buffer)
    out = sys.stdout
    for question in questions:
        result = matcher.match(question, lang=args.lang)
        lang = args.lang or result.lang
        if args.json:
            out.write(json.dumps(json_record(question, result, lang), ensure_ascii=False) + "\n")
        else:
            out.write(_for_a_person(result, lang) + "\n\n")
        out.flush()
    return 0


def json_record(question: str, result: MatchResult, lang: str) -> dict[str, Any]:
    """The JSON object of one answered question (the ``ask --json`` contract)."""
    entry = result.entry if result.answered else None
    return {
        "question": question,
        "answered": result.answered,
        "entry_id": entry.id if entry else None,
        "topics": list(entry.topics) if entry else [],
        "score": round(max(0.0, min(result.score, 100.0)), 1),
        "lang": lang,
        "answer": reply_text(result, lang),
        "suggestions": [
            {
                "entry_id": suggestion.entry_id,
                "topics": list(suggestion.topics),
                "title": suggestion.title.get(lang),
                "score": round(max(0.0, min(suggestion.score, 100.0)), 1),
            }
            for suggestion in result.suggestions
        ],
    }


def _for_a_person(result: MatchResult, lang: str) -> str:
    """The title (when answered) and the reply, as a person reads it in a terminal."""
    text = reply_text(result, lang, see_also=True)
    if result.answered and result.entry is not None:
        return f"{result.entry.title.get(lang)}\n\n{text}"
    return text


def _lines(stream: BinaryIO) -> Iterator[str]:
    """Each line of ``stream`` without its line ending; undecodable bytes are replaced."""
    for raw in stream:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")
