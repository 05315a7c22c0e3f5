"""``qualibot milestones``: the audit cycle computed from a certification date."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from bot.cli.common import add_lang_argument, settings_with_logging
from bot.core.dates import DateError, parse_user_date
from bot.core.knowledge.fields import Reader, Sink
from bot.core.knowledge.parse_other import parse_milestones
from bot.core.milestones.compute import audit_date_problem, compute_schedule
from bot.core.milestones.rules import MilestoneRules
from bot.core.milestones.text import as_json, as_text
from bot.core.yamlsource import Problem, YamlError, load_yaml

BAD_INPUT = 2
BAD_KNOWLEDGE = 1
AUDIT_DATE_PROBLEMS = {
    "before_certification": "the audit cannot be before the certification date",
    "in_future": "the audit date is in the future (give it once the audit is held)",
    "before_window": "the date is before the surveillance window opens (month 14)",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``milestones`` command."""
    parser = subparsers.add_parser("milestones", help="audit cycle milestones")
    parser.add_argument("--certified-on", required=True, help="certification date YYYY-MM-DD")
    parser.add_argument(
        "--surveillance-audit-on",
        default=None,
        help="date the surveillance audit was held, if it was (YYYY-MM-DD)",
    )
    add_lang_argument(parser)
    parser.add_argument("--json", action="store_true", help="JSON array")
    parser.set_defaults(handler=run)


def _read_date(raw: str, option: str, today: date) -> date | None:
    value = parse_user_date(raw, today)
    if isinstance(value, DateError):
        print(
            f"qualibot milestones: {option}: {raw!r} is not a usable date ({value.reason}); "
            "expected YYYY-MM-DD, between 2019-01-01 and one year from today",
            file=sys.stderr,
        )
        return None
    return value


def load_milestone_rules(knowledge_dir: Path) -> tuple[MilestoneRules | None, list[Problem]]:
    """Only ``milestones.yaml``, validated like ``kb check`` does (other files may be in work)."""
    sink = Sink()
    reader = Reader("knowledge/milestones.yaml", sink)
    try:
        data = load_yaml(knowledge_dir / "milestones.yaml", reader.file)
    except YamlError as exc:
        return None, [exc.problem]
    rules = parse_milestones(data, reader)
    return (rules if not sink.problems else None), sink.problems


def run(args: argparse.Namespace) -> int:
    """Print the schedule as text, or as a JSON array with ``--json``."""
    settings = settings_with_logging()
    today = date.today()
    certified_on = _read_date(args.certified_on, "--certified-on", today)
    if certified_on is None:
        return BAD_INPUT
    held_on = None
    if args.surveillance_audit_on:
        held_on = _read_date(args.surveillance_audit_on, "--surveillance-audit-on", today)
        if held_on is None:
            return BAD_INPUT
    rules, problems = load_milestone_rules(settings.knowledge_dir)
    if rules is None:
        for problem in problems or [Problem("knowledge/milestones.yaml", 1, "unreadable")]:
            print(problem, file=sys.stderr)
        return BAD_KNOWLEDGE
    if held_on is not None and (reason := audit_date_problem(rules, certified_on, held_on, today)):
        print(
            f"qualibot milestones: --surveillance-audit-on: {AUDIT_DATE_PROBLEMS[reason]}",
            file=sys.stderr,
        )
        return BAD_INPUT
    lang = args.lang or "fr"
    schedule = compute_schedule(rules, certified_on, held_on)
    if args.json:
        print(json.dumps([as_json(m, lang) for m in schedule], ensure_ascii=False, indent=2))
    else:
        print(as_text(schedule, lang, certified_on), end="")
    return 0
