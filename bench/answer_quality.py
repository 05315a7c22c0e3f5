"""Answer quality of the matcher on the development set, against a BM25 baseline.

Run from the repository root: ``.venv/bin/python bench/answer_quality.py``
(``--set bench/heldout.tsv`` measures the held-out set instead of the development set,
``--verbose`` lists the misses, ``--calibrate`` prints the score distributions used to set
the thresholds, ``--overlap`` lists the questions that copy a knowledge-base example,
``--check`` exits with 1 when a target is missed).

The held-out set is never used for tuning: read its summary, not its misses.

Scoring rules: see ``bench/devset.py``. The BM25 baseline is rank-bm25's ``BM25Okapi`` with
one document per entry (its example questions and titles, both languages), tokenised with
the engine's own normalisation (folding, stop words, stems) but none of its matching
(no glossary, typo correction, number detection or rapidfuzz); it answers its best entry
and declines below a score threshold chosen on the development set to serve it best (the one
that maximises the mean of its top-1 accuracy and its decline rate); on another set (``--set``)
it keeps the development set's threshold, as the engine keeps its own.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rank_bm25 import BM25Okapi  # noqa: E402

from bench.devset import DEVSET, Question, load_devset, near_copies  # noqa: E402
from bot.core.knowledge.base import KnowledgeBase  # noqa: E402
from bot.core.knowledge.loader import load_knowledge  # noqa: E402
from bot.core.matching.engine import Matcher  # noqa: E402
from bot.core.matching.normalize import content_tokens  # noqa: E402
from bot.core.matching.result import ANSWER, DECLINE, GREETING, THANKS  # noqa: E402

TARGET_TOP1 = 92.0
TARGET_DECLINED = 90.0
TARGET_LEAD = 10.0


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a system did with one question: answered entry's topics and candidates' topics."""

    answered: tuple[str, ...] | None
    candidates: tuple[tuple[str, ...], ...]
    declined: bool
    small_talk: bool = False
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class Figures:
    """The percentages printed for one system."""

    top1: float
    top3: float
    wrong: float
    declined: float
    small_talk: float
    by_kind: dict[str, tuple[float, int]]


def engine_outcomes(matcher: Matcher, questions: list[Question]) -> list[Outcome]:
    """Run every question through the matcher."""
    outcomes = []
    for question in questions:
        result = matcher.match(question.text)
        answered = result.entry.topics if result.outcome == ANSWER and result.entry else None
        candidates = ((answered,) if answered else ()) + tuple(s.topics for s in result.suggestions)
        outcomes.append(
            Outcome(
                answered,
                candidates[:3],
                result.outcome == DECLINE,
                result.outcome in (GREETING, THANKS),
                result.score,
            )
        )
    return outcomes


class Bm25Baseline:
    """BM25Okapi over one document per entry (questions and titles, both languages)."""

    def __init__(self, base: KnowledgeBase) -> None:
        self.entries = base.entries
        documents = [
            [
                token
                for text in (*e.questions.fr, *e.questions.en, e.title.fr, e.title.en)
                for token in content_tokens(text)
            ]
            for e in self.entries
        ]
        self.bm25 = BM25Okapi(documents)
        self._ranked: dict[str, list[tuple[float, tuple[str, ...]]]] = {}

    def ranked(self, text: str) -> list[tuple[float, tuple[str, ...]]]:
        """(score, topics) of the three best entries (computed once per text)."""
        if text not in self._ranked:
            tokens = content_tokens(text)
            scores = self.bm25.get_scores(tokens) if tokens else []
            order = sorted(range(len(scores)), key=lambda i: -scores[i])[:3]
            self._ranked[text] = [(float(scores[i]), self.entries[i].topics) for i in order]
        return self._ranked[text]

    def outcomes(self, questions: list[Question], threshold: float) -> list[Outcome]:
        """Answer the best entry when its score reaches ``threshold``, else decline."""
        outcomes = []
        for question in questions:
            ranked = [item for item in self.ranked(question.text) if item[0] >= threshold]
            if not ranked:
                outcomes.append(Outcome(None, (), True))
                continue
            outcomes.append(
                Outcome(ranked[0][1], tuple(t for _, t in ranked), False, score=ranked[0][0])
            )
        return outcomes

    def best_threshold(self, questions: list[Question]) -> float:
        """The decline threshold that maximises the mean of top-1 accuracy and declines."""
        tops = [self.ranked(q.text)[:1] for q in questions]
        levels = sorted({round(top[0][0], 3) for top in tops if top} | {0.0})

        def merit(threshold: float) -> float:
            figures = figures_of(questions, self.outcomes(questions, threshold))
            return figures.top1 + figures.declined

        return max(levels, key=merit)


def figures_of(questions: list[Question], outcomes: list[Outcome]) -> Figures:
    """Percentages of hits per category (see ``bench/devset.py`` for the rules)."""
    top1, top3, wrong, declined, talk = [], [], [], [], []
    kinds: dict[str, list[bool]] = defaultdict(list)
    for question, outcome in zip(questions, outcomes, strict=True):
        if question.out_of_scope:
            declined.append(outcome.declined)
            kinds[question.kind].append(outcome.declined)
        elif question.small_talk:
            talk.append(outcome.small_talk)
        else:
            hit = outcome.answered is not None and question.hit(outcome.answered)
            top1.append(hit)
            top3.append(any(question.hit(topics) for topics in outcome.candidates))
            wrong.append(outcome.answered is not None and not hit)
            kinds[question.kind].append(hit)
    by_kind = {kind: (_share(hits), len(hits)) for kind, hits in sorted(kinds.items())}
    return Figures(
        _share(top1), _share(top3), _share(wrong), _share(declined), _share(talk), by_kind
    )


def _share(hits: list[bool]) -> float:
    return 100.0 * sum(hits) / len(hits) if hits else 0.0


def print_report(
    source: str, questions: list[Question], engine: Figures, bm25: Figures, cut: str
) -> bool:
    """Print the comparison table; True when every target is met."""
    in_scope = sum(q.in_scope for q in questions)
    out = sum(q.out_of_scope for q in questions)
    talk = sum(q.small_talk for q in questions)
    print(
        f"Answer quality on {source}: {len(questions)} questions "
        f"({in_scope} in scope, {out} out of scope, {talk} small talk)\n"
    )
    rows: list[tuple[str, Callable[[Figures], float]]] = [
        ("in scope: top-1 accuracy", lambda f: f.top1),
        ("in scope: top-3 (answer + suggestions)", lambda f: f.top3),
        ("in scope: wrong answer given", lambda f: f.wrong),
        ("out of scope: declined", lambda f: f.declined),
    ]
    print(f"{'':42}{'engine':>9}{'BM25':>9}")
    for label, value in rows:
        print(f"{label:42}{value(engine):8.1f}%{value(bm25):8.1f}%")
    print(f"{'small talk: friendly reply':42}{engine.small_talk:8.1f}%{'-':>9}")
    print(f"\nBM25 declines below score {cut}")
    kinds = " · ".join(f"{k} {v:.0f}% ({n})" for k, (v, n) in engine.by_kind.items())
    print(f"engine by kind: {kinds}")
    checks = [
        (f"top-1 ≥ {TARGET_TOP1:.0f}%", engine.top1 >= TARGET_TOP1),
        (f"declined ≥ {TARGET_DECLINED:.0f}%", engine.declined >= TARGET_DECLINED),
        (f"top-1 ≥ BM25 + {TARGET_LEAD:.0f} points", engine.top1 - bm25.top1 >= TARGET_LEAD),
    ]
    print("targets: " + " · ".join(f"{name} {'OK' if ok else 'MISSED'}" for name, ok in checks))
    return all(ok for _, ok in checks)


def print_misses(matcher: Matcher, questions: list[Question]) -> None:
    """Every question the engine gets wrong, with what it did."""
    print("\nmisses:")
    for question in questions:
        result = matcher.match(question.text)
        if question.out_of_scope:
            ok = result.outcome == DECLINE
        elif question.small_talk:
            ok = result.outcome in (GREETING, THANKS)
        else:
            ok = result.answered and result.entry is not None and question.hit(result.entry.topics)
        if not ok:
            chosen = result.entry.id if result.entry else "-"
            others = ", ".join(f"{s.entry_id} {s.score:.0f}" for s in result.suggestions)
            print(
                f"  [{'|'.join(question.expected)}] {question.text!r} -> {result.outcome} "
                f"{chosen} {result.score:.0f} ({others})"
            )


def print_calibration(matcher: Matcher, questions: list[Question]) -> None:
    """Best-candidate score distributions: in scope right, in scope wrong, out of scope."""
    groups: dict[str, list[float]] = defaultdict(list)
    for question in questions:
        if question.small_talk:
            continue
        best = matcher.candidates(question.text, limit=1)
        score = best[0].score if best else 0.0
        if question.out_of_scope:
            groups["out of scope"].append(score)
        elif best and question.hit(best[0].topics):
            groups["in scope, right entry first"].append(score)
        else:
            groups["in scope, wrong entry first"].append(score)
    print("\nscore of the best candidate (percentiles 5 / 10 / 25 / 50 / 75 / 90 / 95):")
    for name, scores in groups.items():
        cuts = statistics.quantiles(scores, n=20, method="inclusive") if len(scores) > 1 else []
        picks = [cuts[i] for i in (0, 1, 4, 9, 14, 17, 18)] if cuts else scores
        print(f"  {name:30} n={len(scores):3}  " + " ".join(f"{p:5.1f}" for p in picks))


def print_overlap(questions: list[Question], base: KnowledgeBase, listed: bool) -> None:
    """How many questions copy a knowledge-base example question (and which, if ``listed``)."""
    copies = near_copies(questions, base.entries)
    print(f"near copies of knowledge-base example questions: {len(copies)}")
    if listed:
        for copy in copies:
            print(f"  {copy.question.text!r} ~ {copy.entry_id}: {copy.example!r}")


def _shown(path: Path) -> str:
    """``path`` relative to the repository when it lies inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEVSET, help="labelled questions (TSV)")
    parser.add_argument("--knowledge", default=str(ROOT / "knowledge"), help="knowledge dir")
    parser.add_argument("--overlap", action="store_true", help="list near copies of examples")
    parser.add_argument("--verbose", action="store_true", help="list the engine's misses")
    parser.add_argument("--calibrate", action="store_true", help="print score distributions")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    loaded = load_knowledge(Path(args.knowledge))
    if loaded.base is None:
        for problem in loaded.problems:
            print(problem, file=sys.stderr)
        return 2
    path = args.set.resolve()
    questions = load_devset(path)
    matcher = Matcher(loaded.base)
    engine = figures_of(questions, engine_outcomes(matcher, questions))
    baseline = Bm25Baseline(loaded.base)
    tuning = questions if path == DEVSET.resolve() else load_devset()
    cut = baseline.best_threshold(tuning)
    bm25 = figures_of(questions, baseline.outcomes(questions, cut))
    cut_note = f"{cut:.2f} (its best threshold on {_shown(DEVSET)})"
    met = print_report(_shown(path), questions, engine, bm25, cut_note)
    print_overlap(questions, loaded.base, args.overlap)
    if args.verbose:
        print_misses(matcher, questions)
    if args.calibrate:
        print_calibration(matcher, questions)
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    raise SystemExit(main())
