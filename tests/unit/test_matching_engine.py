"""The answer engine on a small knowledge base written here: each outcome and what decides it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from bot.core.knowledge.base import KnowledgeBase
from bot.core.knowledge.model import (
    CriterionInfo,
    Entry,
    FrameworkVersion,
    GlossaryTerm,
    IndicatorInfo,
    NewEntrantRule,
)
from bot.core.localized import Localized, LocalizedList
from bot.core.matching.engine import Matcher
from bot.core.matching.result import (
    AMBIGUOUS,
    ANSWER,
    DECLINE,
    GREETING,
    NO_SUCH_NUMBER,
    OFF_TOPIC,
    THANKS,
    TOO_VAGUE,
)
from bot.core.milestones.rules import MilestoneRules

TEXTS = Localized("texte", "text")


def entry(
    entry_id: str,
    fr: list[str],
    en: list[str],
    *,
    topics: tuple[str, ...] | None = None,
    title: tuple[str, str] = ("", ""),
    see_also: tuple[str, ...] = (),
    indicator: int | None = None,
    criterion: int | None = None,
) -> Entry:
    """An entry with these example questions; the answer names the entry."""
    info = None
    if indicator is not None:
        info = IndicatorInfo(
            indicator, 5, "common", "", ("training",), (), "major-only",
            NewEntrantRule(False, TEXTS), TEXTS, LocalizedList((), ()), LocalizedList((), ()),
        )  # fmt: skip
    block = CriterionInfo(criterion, "", (21, 22)) if criterion is not None else None
    return Entry(
        id=entry_id,
        topics=topics or (entry_id,),
        title=Localized(title[0] or f"Titre {entry_id}", title[1] or f"Title {entry_id}"),
        questions=LocalizedList(tuple(fr), tuple(en)),
        answer=Localized(f"Réponse {entry_id}", f"Answer {entry_id}"),
        sources=("source",),
        reviewed=date(2026, 11, 28),
        see_also=see_also,
        indicator=info,
        criterion=block,
    )


ENTRIES = (
    entry(
        "indicator-22",
        ["Que demande l'indicateur 22 ?", "formation continue des salariés formateurs"],
        ["What does indicator 22 require?", "training my own employees"],
        topics=("indicator-22", "criterion-5"),
        indicator=22,
    ),
    entry(
        "criterion-5",
        ["Que couvre le critère 5 ?", "qualification et compétences du personnel"],
        ["What is criterion 5 about?", "staff qualification and skills"],
        criterion=5,
    ),
    entry(
        "bpf",
        ["Quand déposer le BPF ?", "bpf date limite", "je n'ai eu aucune activité, BPF ?"],
        ["When is the BPF due?", "annual report deadline"],
    ),
    entry(
        "nda",
        ["Comment obtenir un numéro de déclaration d'activité ?", "nda délai"],
        ["How do I get an activity declaration number?"],
    ),
    entry(
        "disability-referent",
        ["Faut-il un référent handicap ?", "accueil des personnes handicapées"],
        ["Do I need a disability referent?", "welcoming disabled learners"],
    ),
    entry(
        "audit-surveillance",
        ["Quand a lieu l'audit de surveillance ?", "audit de surveillance"],
        ["When is the surveillance audit?", "surveillance audit"],
    ),
    entry(
        "audit-renewal",
        ["Quand faire l'audit de renouvellement ?", "audit de renouvellement"],
        ["When is the renewal audit?", "renewal audit"],
    ),
    entry(
        "audit-initial",
        ["Comment se passe l'audit initial ?", "audit initial"],
        ["How does the initial audit go?", "initial audit"],
    ),
    entry(
        "subcontracting",
        ["La sous-traitance est-elle possible ?", "sous-traitant certifié"],
        ["Can I subcontract?", "subcontractor certification"],
    ),
    entry(
        "complaints",
        ["Comment traiter une réclamation ?", "registre des réclamations"],
        ["How do I handle a complaint?", "complaints log"],
    ),
)
GLOSSARY = (
    GlossaryTerm(
        "BPF",
        Localized("bilan pédagogique et financier", "annual educational and financial report"),
        TEXTS,
        ("bilan pedagogique et financier",),
        "bpf",
    ),
    GlossaryTerm(
        "NDA",
        Localized("numéro de déclaration d'activité", "activity declaration number"),
        TEXTS,
        ("declaration d'activite",),
        "nda",
    ),
)
VERSION = FrameworkVersion("rnq-32", "in-force", 32, TEXTS, None, None)


def small_base(entries: tuple[Entry, ...] = ENTRIES) -> KnowledgeBase:
    """A knowledge base holding ``entries`` and the glossary above."""
    topics = frozenset(topic for e in entries for topic in e.topics)
    return KnowledgeBase(
        entries, GLOSSARY, (VERSION,), VERSION, MilestoneRules(), (), topics, "test"
    )


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(small_base())


def answered_id(matcher: Matcher, text: str) -> str | None:
    result = matcher.match(text)
    return result.entry.id if result.outcome == ANSWER and result.entry else None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Quand faut-il déposer le BPF ?", "bpf"),
        ("quand deposer le bpf", "bpf"),
        ("faut il un referent handicap", "disability-referent"),
        ("Do I need a disability referent?", "disability-referent"),
        ("registre reclamations", "complaints"),
    ],
)
def test_plain_spoken_and_keyword_questions_get_their_entry(
    matcher: Matcher, question: str, expected: str
) -> None:
    assert answered_id(matcher, question) == expected


@pytest.mark.parametrize(
    "question",
    ["quand deposer le bilan pedagogique et financier", "annual educational and financial report"],
)
def test_glossary_expansions_reach_the_entry_written_with_the_acronym(
    matcher: Matcher, question: str
) -> None:
    assert answered_id(matcher, question) == "bpf"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("faut-il un referant handicape", "disability-referent"),
        ("audti de survaillance", "audit-surveillance"),
        ("registre reclamtions", "complaints"),
        ("soustraitance", "subcontracting"),
    ],
)
def test_typos_and_glued_words_are_forgiven(matcher: Matcher, question: str, expected: str) -> None:
    assert answered_id(matcher, question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("c'est quoi l'indic 22", "indicator-22"),
        ("i22", "indicator-22"),
        ("indicator 22 bpf", "indicator-22"),
        ("critère 5", "criterion-5"),
        ("C5", "criterion-5"),
        ("critère 5 et indicateur 22", "indicator-22"),
    ],
)
def test_a_named_indicator_or_criterion_goes_straight_to_its_entry(
    matcher: Matcher, question: str, expected: str
) -> None:
    result = matcher.match(question)
    assert result.outcome == ANSWER
    assert result.entry is not None and result.entry.id == expected


def test_a_vague_question_offers_up_to_three_choices(matcher: Matcher) -> None:
    result = matcher.match("audit")
    assert result.outcome == AMBIGUOUS
    assert result.entry is None
    assert 2 <= len(result.suggestions) <= 3
    assert {s.entry_id for s in result.suggestions} <= {
        "audit-surveillance",
        "audit-renewal",
        "audit-initial",
    }
    scores = [s.score for s in result.suggestions]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    "question",
    ["recette de la blanquette de veau", "How do I fix a leaking tap?", "cheap car insurance"],
)
def test_off_topic_questions_are_declined_without_suggestions(
    matcher: Matcher, question: str
) -> None:
    result = matcher.match(question)
    assert result.outcome == DECLINE
    assert result.reason == OFF_TOPIC
    assert result.suggestions == ()


@pytest.mark.parametrize("question", ["c'est quoi ?", "comment faire", "???"])
def test_questions_with_nothing_to_match_are_too_vague(matcher: Matcher, question: str) -> None:
    result = matcher.match(question)
    assert (result.outcome, result.reason) == (DECLINE, TOO_VAGUE)


def test_an_indicator_that_does_not_exist_is_declined_with_the_reason(matcher: Matcher) -> None:
    result = matcher.match("indicateur 40")
    assert (result.outcome, result.reason) == (DECLINE, NO_SUCH_NUMBER)


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("bonjour", GREETING),
        ("Salut !", GREETING),
        ("hello", GREETING),
        ("merci beaucoup", THANKS),
        ("thanks a lot", THANKS),
        ("👍", THANKS),
    ],
)
def test_greetings_and_thanks_get_a_friendly_outcome(
    matcher: Matcher, text: str, outcome: str
) -> None:
    assert matcher.match(text).outcome == outcome


def test_a_question_opening_with_a_greeting_is_still_answered(matcher: Matcher) -> None:
    assert answered_id(matcher, "Bonjour, quand déposer le BPF ?") == "bpf"


@pytest.mark.parametrize(
    ("text", "fallback", "lang"),
    [
        ("Quand faut-il déposer le BPF ?", None, "fr"),
        ("When is the BPF due?", None, "en"),
        ("When is the BPF due?", "fr", "en"),
        ("bpf", "en", "en"),
        ("bpf", None, "fr"),
    ],
)
def test_language_comes_from_the_text_then_the_fallback(
    matcher: Matcher, text: str, fallback: str | None, lang: str
) -> None:
    assert matcher.match(text, lang=fallback).lang == lang


def test_search_lists_candidates_best_first_within_the_limit(matcher: Matcher) -> None:
    found = matcher.search("audit", limit=2)
    assert len(found) == 2
    assert found[0].score >= found[1].score
    assert all(s.entry_id.startswith("audit-") for s in found)


@pytest.mark.parametrize("text", ["recette de la blanquette", "", "   ", "😀"])
def test_search_returns_nothing_for_junk(matcher: Matcher, text: str) -> None:
    assert matcher.search(text) == []


def test_search_with_a_zero_limit_returns_nothing(matcher: Matcher) -> None:
    assert matcher.search("audit", limit=0) == []


def test_matching_from_many_threads_gives_the_same_results(matcher: Matcher) -> None:
    questions = ["bpf date limite", "audit", "i22", "recette", "merci", "referent handicap"] * 20
    alone = [matcher.match(q) for q in questions]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(matcher.match, questions))
    assert together == alone


def test_an_empty_base_declines_everything() -> None:
    empty = Matcher(small_base(()))
    assert empty.match("quand déposer le BPF ?").outcome == DECLINE
    assert empty.search("bpf") == []
