"""Scores the entries for a question: weighted word overlap, then a rapidfuzz confirmation.

1. Overlap with each example question (choice): an F-measure of how much of the question's
   weight the choice explains (recall) and how much of the choice the question covers
   (precision), recall counting more. The entry keeps its best choice.
2. Overlap with the entry's bag (every word of its questions, titles and keywords) and with
   its text bag (answer and structured fields): recall only, which rewards a situation told
   in words spread over several example questions. A criterion's overview entry counts
   :data:`OVERVIEW_FACTOR` of its score unless the question names a criterion.
3. The best few entries are confirmed by rapidfuzz: ``token_set_ratio`` between the question
   and their example questions, folded and without stop words (``process.cdist`` over the
   arrays prepared at load time; ``processor=None`` because both sides are already
   normalised, synonyms folded). An entry whose examples do not read like the question loses
   up to :data:`FUZZY_SHARE` of its score.

Shares were set on the development set (``bench/answer_quality.py``), whose questions are
worded differently from the example questions; top-1 accuracy moves by about one point within
±0.1 of them.
"""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process

from bot.core.matching.index import MatchIndex
from bot.core.matching.normalize import stem, synonym
from bot.core.matching.query import Query

RECALL_EMPHASIS = 1.5
"""F-beta's beta: explaining the whole question matters more than covering a whole choice."""
CHOICE_SHARE = 0.55
BAG_SHARE = 0.30
TEXT_SHARE = 0.15
FUZZY_SHARE = 0.35
RERANKED = 8
CONTEXT_SHARE = 0.6
"""Weight, in the recall's denominator, of a known word the entry does not explain: a word of
the domain used as context ("gestion des réclamations clients") costs less than a word the
base never uses ("recette de la blanquette"), which costs fully."""

OVERVIEW_FACTOR = 0.85
"""A criterion's overview entry is the answer to a question about the criterion. A question
that names no criterion (neither the word "critère" nor a number) is about one of its topics
or indicators, so the overview, which touches all of them, counts this share of its score."""
CRITERION_WORD = stem(synonym("critere"))

Ranked = list[tuple[int, float]]


def score_entries(index: MatchIndex, query: Query, limit: int = RERANKED) -> Ranked:
    """The best ``limit`` entries (at least :data:`RERANKED`) as (position, score 0-1), best
    first; only entries sharing a word with the question are scored."""
    if not query.token_ids or query.total_weight <= 0:
        return []
    size = len(index.entries)
    by_choice = _best_choice_scores(index, query)
    bag_hits = _accumulate(index.token_entries, query, size, index.token_centrality)
    bag_recall = _recall(bag_hits, query)
    text_recall = _recall(_accumulate(index.token_text_entries, query, size), query)
    combined = CHOICE_SHARE * by_choice + BAG_SHARE * bag_recall + TEXT_SHARE * text_recall
    if not query.references.criteria and CRITERION_WORD not in query.tokens:
        combined[index.criterion_overviews] *= OVERVIEW_FACTOR
    candidates = np.flatnonzero(combined)
    count = max(limit, RERANKED)
    if candidates.size > count:
        candidates = candidates[np.argpartition(-combined[candidates], count - 1)[:count]]
    order = candidates[np.argsort(-combined[candidates], kind="stable")]
    return _confirm(index, query, [(int(i), float(combined[i])) for i in order])


def _best_choice_scores(index: MatchIndex, query: Query) -> np.ndarray:
    """For each entry, the F-measure of its best example question (0 when none is touched)."""
    hits_by_choice = _accumulate(index.token_choices, query, len(index.choice_entry))
    touched = np.flatnonzero(hits_by_choice)
    by_entry = np.zeros(len(index.entries))
    if touched.size == 0:
        return by_entry
    hits = hits_by_choice[touched]
    recall = _recall(hits, query)
    precision = hits / index.choice_weight[touched]
    beta2 = RECALL_EMPHASIS**2
    f_score = (1 + beta2) * precision * recall / (beta2 * precision + recall)
    owners = index.choice_entry[touched]
    starts = np.flatnonzero(np.diff(owners, prepend=-1))
    by_entry[owners[starts]] = np.maximum.reduceat(f_score, starts)
    return by_entry


def _recall(hits: np.ndarray, query: Query) -> np.ndarray:
    """Share of the question's weight that ``hits`` explain; known words left unexplained
    count :data:`CONTEXT_SHARE` of their weight, unknown words count fully."""
    unknown = query.total_weight - query.known_weight
    explained = np.minimum(hits, query.known_weight)
    return hits / (CONTEXT_SHARE * query.known_weight + (1 - CONTEXT_SHARE) * explained + unknown)


def _accumulate(
    postings: list[np.ndarray],
    query: Query,
    size: int,
    shares: list[np.ndarray] | None = None,
) -> np.ndarray:
    """Sum, for each choice (or entry), the matched weight of the query tokens it holds,
    times the token's share in it when ``shares`` are given."""
    lists = [postings[token_id] for token_id in query.token_ids]
    if shares is None:
        pairs = zip(lists, query.matched_weights, strict=True)
        weights = [np.full(len(ids), weight) for ids, weight in pairs]
    else:
        pairs = zip(query.token_ids, query.matched_weights, strict=True)
        weights = [shares[token_id] * weight for token_id, weight in pairs]
    hits = np.bincount(np.concatenate(lists), weights=np.concatenate(weights), minlength=size)
    return hits.astype(np.float64, copy=False)


def _confirm(index: MatchIndex, query: Query, ranked: Ranked) -> Ranked:
    """Scale each score by how closely the entry's best example reads like the question."""
    spans = [index.entry_choices[position] for position, _ in ranked]
    surfaces = index.choice_surfaces
    choices = [surfaces[choice] for span in spans for choice in span]
    best = np.zeros(len(ranked))
    if choices:
        similarity = process.cdist(
            [query.surface], choices, scorer=fuzz.token_set_ratio, processor=None
        )[0].astype(np.float64)
        sizes = np.array([len(span) for span in spans])
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        touched = sizes > 0
        best[touched] = np.maximum.reduceat(similarity, starts[touched]) / 100.0
    confirmed = [
        (position, score * (1 - FUZZY_SHARE + FUZZY_SHARE * closeness))
        for (position, score), closeness in zip(ranked, best.tolist(), strict=True)
    ]
    confirmed.sort(key=lambda item: -item[1])
    return confirmed
