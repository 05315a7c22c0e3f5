"""Questions worded differently from every example question still reach the right entry."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core.knowledge.base import KnowledgeBase
from bot.core.knowledge.model import CriterionInfo, Entry, FrameworkVersion
from bot.core.localized import Localized, LocalizedList
from bot.core.matching.engine import Matcher
from bot.core.matching.normalize import content_tokens
from bot.core.matching.query import analyse, build_speller
from bot.core.matching.result import ANSWER
from bot.core.milestones.rules import MilestoneRules

TEXTS = Localized("texte", "text")
VERSION = FrameworkVersion("rnq-32", "in-force", 32, TEXTS, None, None)


def entry(entry_id: str, fr: list[str], en: list[str], criterion: int | None = None) -> Entry:
    """An entry with these example questions; the answer names the entry."""
    return Entry(
        id=entry_id,
        topics=(entry_id,),
        title=Localized(f"Titre {entry_id}", f"Title {entry_id}"),
        questions=LocalizedList(tuple(fr), tuple(en)),
        answer=Localized(f"Réponse {entry_id}", f"Answer {entry_id}"),
        sources=("source",),
        reviewed=date(2026, 11, 28),
        criterion=CriterionInfo(criterion, "", (12,)) if criterion is not None else None,
    )


def matcher_for(*entries: Entry) -> Matcher:
    topics = frozenset(topic for e in entries for topic in e.topics)
    base = KnowledgeBase(entries, (), (VERSION,), VERSION, MilestoneRules(), (), topics, "test")
    return Matcher(base)


def answered_id(matcher: Matcher, text: str) -> str | None:
    result = matcher.match(text)
    return result.entry.id if result.outcome == ANSWER and result.entry else None


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return matcher_for(
        entry(
            "complaints",
            ["Comment traiter une réclamation ?", "registre des réclamations"],
            ["How do I handle a complaint?"],
        ),
        entry(
            "disability-referent",
            ["Faut-il un référent handicap ?", "accueil des personnes handicapées"],
            ["Do I need a disability referent?", "welcoming disabled learners"],
        ),
        entry(
            "trainer-skills",
            ["compétences des formateurs", "diplômes des formateurs"],
            ["trainer skills evidence"],
        ),
        entry("market-watch", ["veille sur les tendances du marché"], ["market trends watch"]),
    )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("intervenants externes", "formateurs externes"),
        ("plainte d'un stagiaire", "réclamation d'un apprenant"),
        ("Is Qualiopi optional?", "qualiopi obligatoire"),
        ("tarif de l'audit", "coût de l'audit"),
        ("learner feedback", "avis des stagiaires"),
        ("types d'actions", "catégories d'actions"),
        ("client mécontent", "client insatisfait"),
        ("centre de formation", "organisme de formation"),
        ("organisme récent", "nouvel organisme"),
        ("correspondant handicap", "référent handicap"),
        ("premier audit", "audit initial"),
        ("Is certification necessary?", "certification obligatoire"),
    ],
)
def test_words_trainers_use_for_the_same_thing_become_one_word(one: str, other: str) -> None:
    assert set(content_tokens(one)) == set(content_tokens(other))


def test_a_word_with_two_meanings_in_the_domain_is_kept_apart() -> None:
    assert "internet" not in content_tokens("audit sur plusieurs sites")
    assert set(content_tokens("stagiaire en difficulté")).isdisjoint(
        content_tokens("un problème pendant la session")
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Comment gérer une plainte ?", "complaints"),
        ("Is a disability referent optional?", "disability-referent"),
        ("welcoming disabled trainees", "disability-referent"),
        ("diplômes des intervenants", "trainer-skills"),
    ],
)
def test_a_synonym_reaches_the_entry_written_with_another_word(
    matcher: Matcher, question: str, expected: str
) -> None:
    assert answered_id(matcher, question) == expected


def test_a_typo_in_a_synonym_is_forgiven(matcher: Matcher) -> None:
    assert answered_id(matcher, "diplômes des intervenents") == "trainer-skills"


def test_an_everyday_word_is_not_mistaken_for_a_typo_of_a_known_word(matcher: Matcher) -> None:
    query = analyse("je prends quoi", matcher.index, build_speller(matcher.index))
    assert query.tokens == ("prend",)


def test_a_criterion_overview_answers_only_when_the_criterion_is_named() -> None:
    matcher = matcher_for(
        entry("criterion-3", ["abandons des stagiaires", "que couvre ce critère"], [], criterion=3),
        entry("indicator-12", ["abandons des stagiaires"], []),
    )
    assert answered_id(matcher, "abandons des stagiaires") == "indicator-12"
    assert answered_id(matcher, "critère abandons des stagiaires") == "criterion-3"


@pytest.mark.parametrize(
    ("idiom", "plain"),
    [
        ("When does the certificate run out?", "When does the certificate expire?"),
        ("Suis-je tenu de publier mes tarifs ?", "Est-il obligatoire de publier mes tarifs ?"),
        ("Sommes-nous tenus d'être certifiés ?", "Est-il obligatoire d'être certifié ?"),
        ("Elle est tenue d’afficher ses résultats", "Est-il obligatoire d'afficher ses résultats"),
        ("le stagiaire a jeté l'éponge", "abandon du stagiaire"),
        ("Do I have to publish my results?", "Is it mandatory to publish my results?"),
        ("l'audit de mi-parcours", "l'audit de surveillance"),
        ("comment décrocher la certification", "comment obtenir la certification"),
        ("un stagiaire pas content", "un stagiaire insatisfait"),
        ("learners who drop out", "learners who abandon"),
    ],
)
def test_an_idiom_of_several_words_becomes_the_word_it_means(idiom: str, plain: str) -> None:
    assert set(content_tokens(idiom)) == set(content_tokens(plain))


def test_the_words_of_an_idiom_alone_keep_their_own_meaning() -> None:
    assert set(content_tokens("stagiaires qui décrochent")).isdisjoint(content_tokens("obtenir"))
    assert set(content_tokens("run a session out of town")).isdisjoint(content_tokens("expire"))
    assert set(content_tokens("parcours du stagiaire")).isdisjoint(content_tokens("surveillance"))


def test_an_idiom_in_an_example_question_is_reached_by_the_plain_word() -> None:
    matcher = matcher_for(
        entry(
            "certificate-validity",
            ["Que faire quand mon certificat arrive à échéance ?"],
            ["What if my certificate runs out?"],
        ),
        entry("certificate-display", ["Où afficher mon certificat ?"], ["Where to show my logo?"]),
    )
    assert answered_id(matcher, "certificat expiré, que faire ?") == "certificate-validity"
    assert answered_id(matcher, "expired certificate, what now?") == "certificate-validity"


def test_an_idiom_in_a_question_reaches_the_entry_written_with_the_plain_word() -> None:
    matcher = matcher_for(
        entry("audit-surveillance", ["Comment se passe l'audit de surveillance ?"], []),
        entry("audit-initial", ["Comment se passe l'audit initial ?"], []),
        entry("certification-process", ["Comment obtenir la certification ?"], []),
    )
    assert answered_id(matcher, "comment se passe l'audit de mi-parcours ?") == (
        "audit-surveillance"
    )
    assert answered_id(matcher, "comment décrocher la certification ?") == ("certification-process")
