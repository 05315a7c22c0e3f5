"""Text normalisation: what a trainer types and what the matcher compares are the same words."""

from __future__ import annotations

import pytest

from bot.core.matching.normalize import (
    MAX_QUERY_CHARS,
    clean,
    content_tokens,
    fold,
    stem,
    words,
)


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Référent HANDICAP", "referent handicap"),
        ("L’Œuvre", "l oeuvre"),
        ("ÉTÉ à Noël", "ete a noel"),
        ("l'audit d'initial qu'il", "l audit d initial qu il"),
        ("n°22", "n 22"),
    ],
)
def test_fold_removes_case_accents_ligatures_and_splits_elisions(typed: str, folded: str) -> None:
    assert fold(typed) == folded


def test_words_split_on_punctuation_and_keep_numbers() -> None:
    assert words("C'est quoi l'indic 22 ?!") == ["c", "est", "quoi", "l", "indic", "22"]


def test_emoji_and_other_scripts_leave_no_words() -> None:
    assert words("😀 👍") == []


def test_accented_and_plain_spellings_give_the_same_tokens() -> None:
    assert content_tokens("Référent handicap obligatoire ?") == content_tokens(
        "referent handicap obligatoire"
    )


def test_stop_words_and_spoken_fillers_are_dropped() -> None:
    assert content_tokens("Est-ce qu'il y a un référent handicap svp ?") == [
        "referent",
        "handicap",
    ]


@pytest.mark.parametrize(
    ("spoken", "plain"),
    [
        ("faut-il un référent ?", "référent obligatoire"),
        ("je dois avoir un référent ?", "référent obligatoire"),
        ("do I need a referent?", "referent mandatory"),
        ("must I have a referent", "referent required"),
    ],
)
def test_must_need_and_mandatory_are_one_word(spoken: str, plain: str) -> None:
    assert set(content_tokens(spoken)) == set(content_tokens(plain))


def test_spoken_shorthands_are_spelt_out() -> None:
    assert content_tokens("qd faire la certif") == ["quand", "certification"]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("certifiées", "certifié"),
        ("certifier", "certifié"),
        ("formatrices", "formateur"),
        ("majeure", "majeur"),
        ("locaux", "local"),
        ("apprentis", "apprenti"),
        ("requirements", "requirement"),
        ("catégories", "category"),
        ("certifiée", "certify"),
    ],
)
def test_plural_feminine_and_infinitive_forms_share_a_stem(one: str, other: str) -> None:
    assert content_tokens(one) == content_tokens(other)


def test_short_words_and_numbers_are_not_stemmed() -> None:
    assert stem("bus") == "bus"
    assert stem("2026") == "2026"


def test_clean_replaces_control_characters_and_caps_length() -> None:
    assert clean("a\x00b\x1bc\u202ed") == "a b c d"
    assert len(clean("x" * 10_000)) == MAX_QUERY_CHARS
