"""Latency of ``Matcher.match`` on the real knowledge base and on a synthetic one of 10,000
entries, compared with a ``difflib`` baseline on the same questions.

Run from the repository root: ``.venv/bin/python bench/matcher_speed.py``
(``--size`` sets the synthetic base's size, ``--check`` exits with 1 when a target is missed).

Each question of the development set is timed ``--repeats`` times and keeps its median (the
machine's scheduling noise is not the matcher's latency); p50 and p99 are taken over the
questions. The difflib baseline is ``difflib.get_close_matches`` (SequenceMatcher with its
quick-ratio filters) of the folded question against every folded example question and
title; it runs on an evenly spread sample of the questions (it is slow).
The ratio compares the mean time per question of both, on the same questions.
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.devset import load_devset  # noqa: E402
from bench.synthetic import synthetic_base  # noqa: E402
from bot.core.knowledge.base import KnowledgeBase  # noqa: E402
from bot.core.knowledge.loader import load_knowledge  # noqa: E402
from bot.core.matching.engine import Matcher  # noqa: E402
from bot.core.matching.normalize import fold  # noqa: E402

TARGET_REAL_P99_MS = 2.0
TARGET_LARGE_P99_MS = 20.0
TARGET_SPEEDUP = 20.0
DIFFLIB_SAMPLE_REAL = 70
DIFFLIB_SAMPLE_LARGE = 3
"""difflib takes about 0.1 s per question on the real base and 10 s on 10,000 entries: it
runs on an evenly spread sample of the questions so the benchmark ends in about a minute."""


@dataclass(frozen=True, slots=True)
class Timing:
    """Latency figures of one knowledge base."""

    name: str
    entries: int
    build_s: float
    p50_ms: float
    p99_ms: float
    speedup: float
    difflib_ms: float
    difflib_questions: int


class DifflibBaseline:
    """Closest example question by difflib, the standard library's fuzzy matcher."""

    def __init__(self, base: KnowledgeBase) -> None:
        self.choices = [
            fold(text)
            for entry in base.entries
            for text in (*entry.questions.fr, *entry.questions.en, entry.title.fr, entry.title.en)
        ]

    def match(self, text: str) -> list[str]:
        """The three closest choices."""
        return difflib.get_close_matches(fold(text), self.choices, n=3)


def median_latencies_ms(
    match: Callable[[str], object], questions: Sequence[str], repeats: int
) -> list[float]:
    """For each question, the median of ``repeats`` timed calls, in milliseconds."""
    for question in questions[:20]:
        match(question)
    latencies = []
    for question in questions:
        runs = []
        for _ in range(repeats):
            start = time.perf_counter_ns()
            match(question)
            runs.append((time.perf_counter_ns() - start) / 1e6)
        latencies.append(statistics.median(runs))
    return latencies


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` (0-1) percentile of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def measure(
    name: str, base: KnowledgeBase, questions: list[str], repeats: int, difflib_sample: int
) -> Timing:
    """Build the matcher, time every question, and time difflib on a sample of them."""
    start = time.perf_counter()
    matcher = Matcher(base)
    build = time.perf_counter() - start
    latencies = median_latencies_ms(matcher.match, questions, repeats)
    step = max(1, len(questions) // difflib_sample)
    sample = questions[::step][:difflib_sample]
    baseline = DifflibBaseline(base)
    slow = median_latencies_ms(baseline.match, sample, 1)
    fast = median_latencies_ms(matcher.match, sample, repeats)
    return Timing(
        name,
        len(base.entries),
        build,
        percentile(latencies, 0.50),
        percentile(latencies, 0.99),
        statistics.fmean(slow) / statistics.fmean(fast),
        statistics.fmean(slow),
        len(sample),
    )


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--knowledge", default=str(ROOT / "knowledge"), help="knowledge dir")
    parser.add_argument("--size", type=int, default=10_000, help="synthetic base size")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per question")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    loaded = load_knowledge(Path(args.knowledge))
    if loaded.base is None:
        for problem in loaded.problems:
            print(problem, file=sys.stderr)
        return 2
    questions = [question.text for question in load_devset()]
    print(f"Matcher speed: {len(questions)} questions, median of {args.repeats} runs each\n")
    print(
        f"{'knowledge base':16}{'entries':>8}{'build':>9}{'p50':>10}{'p99':>10}"
        f"{'difflib':>11}{'speed-up':>10}"
    )
    real = measure("real", loaded.base, questions, args.repeats, DIFFLIB_SAMPLE_REAL)
    _print_row(real)
    large = synthetic_base(loaded.base, args.size)
    synthetic = measure("synthetic", large, questions, args.repeats, DIFFLIB_SAMPLE_LARGE)
    _print_row(synthetic)
    print(
        f"\ndifflib: mean per question over a sample of {real.difflib_questions} questions "
        f"(real) and {synthetic.difflib_questions} (synthetic); speed-up: difflib's mean time "
        "over the matcher's on the same sample"
    )
    checks = [
        (f"p99 ≤ {TARGET_REAL_P99_MS:g} ms (real)", real.p99_ms <= TARGET_REAL_P99_MS),
        (
            f"p99 ≤ {TARGET_LARGE_P99_MS:g} ms ({synthetic.entries:,} entries)",
            synthetic.p99_ms <= TARGET_LARGE_P99_MS,
        ),
        (
            f"≥ {TARGET_SPEEDUP:g}× faster than difflib",
            min(real.speedup, synthetic.speedup) >= TARGET_SPEEDUP,
        ),
    ]
    print("targets: " + " · ".join(f"{name} {'OK' if ok else 'MISSED'}" for name, ok in checks))
    return 1 if args.check and not all(ok for _, ok in checks) else 0


def _print_row(timing: Timing) -> None:
    print(
        f"{timing.name:16}{timing.entries:>8,}{timing.build_s:>8.2f}s"
        f"{timing.p50_ms:>8.2f}ms{timing.p99_ms:>8.2f}ms"
        f"{timing.difflib_ms:>9.1f}ms{timing.speedup:>9.0f}×"
    )


if __name__ == "__main__":
    raise SystemExit(main())
