"""``qualibot kb``: check and dump the knowledge base."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bot.config import load_settings
from bot.core.knowledge.loader import LoadResult, load_knowledge
from bot.core.knowledge.model import Entry


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``kb check`` and ``kb dump`` commands."""
    parser = subparsers.add_parser("kb", help="knowledge base tools")
    kb_sub = parser.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)
    check = kb_sub.add_parser("check", help="validate the knowledge files")
    check.add_argument("directory", nargs="?", help="knowledge directory (KNOWLEDGE_DIR)")
    check.set_defaults(handler=run_check)
    dump = kb_sub.add_parser("dump", help="print the entries")
    dump.add_argument("directory", nargs="?", help="knowledge directory (KNOWLEDGE_DIR)")
    dump.add_argument("--json", action="store_true", help="one JSON object per line")
    dump.set_defaults(handler=run_dump)


def _load(directory: str | None) -> LoadResult:
    """Load ``directory``, or the settings' KNOWLEDGE_DIR when none is given."""
    path = Path(directory) if directory else load_settings().knowledge_dir
    return load_knowledge(path)


def run_check(args: argparse.Namespace) -> int:
    """Print every problem as ``file:line: message`` and a summary; 1 when there is any."""
    result = _load(args.directory)
    for problem in result.problems:
        print(problem)
    if result.base is None:
        count = len(result.problems)
        print(f"{count} problem{'s' if count != 1 else ''}")
        return 1
    base = result.base
    print(
        f"knowledge OK: {len(base.entries)} entries, {len(base.glossary)} glossary terms, "
        f"{len(base.checklists)} checklists"
    )
    return 0


def run_dump(args: argparse.Namespace) -> int:
    """Print the entries, as JSON lines with ``--json``; the problems on stderr if invalid."""
    result = _load(args.directory)
    if result.base is None:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        return 1
    base = result.base
    for entry in base.entries:
        if args.json:
            print(json.dumps(entry_json(entry), ensure_ascii=False))
        else:
            print(f"{entry.id:<28} {entry.title.fr}  [{', '.join(entry.topics)}]")
    if not args.json:
        print(f"{len(base.entries)} entries, knowledge version {base.version}")
    return 0


def entry_json(entry: Entry) -> dict[str, Any]:
    """An entry as plain JSON data, shaped like its YAML."""
    data: dict[str, Any] = {
        "id": entry.id,
        "topics": list(entry.topics),
        "title": asdict(entry.title),
        "questions": asdict(entry.questions),
        "answer": asdict(entry.answer),
        "keywords": asdict(entry.keywords),
        "sources": list(entry.sources),
        "reviewed": entry.reviewed.isoformat(),
        "see_also": list(entry.see_also),
    }
    if entry.details is not None:
        data["details"] = asdict(entry.details)
    if entry.framework is not None:
        data["framework"] = entry.framework
    if entry.indicator is not None:
        indicator = asdict(entry.indicator)
        rule = indicator["new_entrant"]
        indicator["new_entrant"] = {"deferred": rule["deferred"], **rule["text"]}
        data["indicator"] = indicator
    if entry.criterion is not None:
        data["criterion"] = asdict(entry.criterion)
    return data
