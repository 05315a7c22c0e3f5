"""Indicator and criterion numbers are recognised in every form trainers use."""

from __future__ import annotations

import pytest

from bot.core.matching.normalize import fold
from bot.core.matching.numbers import find_references


def refs(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    found = find_references(fold(text))
    return found.indicators, found.criteria


@pytest.mark.parametrize(
    "text",
    [
        "indicateur 22",
        "c'est quoi l'indic 22",
        "Indicateur n°22 ?",
        "indicateur n° 22",
        "ind. 22",
        "ind 22",
        "i22",
        "I22",
        "indicateur22",
        "le 22e indicateur",
        "22ème indicateur",
        "indicator 22",
        "indicator #22",
        "what does indicator no. 22 require",
    ],
)
def test_indicator_forms(text: str) -> None:
    assert refs(text) == ((22,), ())


@pytest.mark.parametrize(
    "text",
    ["critère 3", "critere 3", "crit 3", "criterion 3", "C3", "c3", "critère n°3"],
)
def test_criterion_forms(text: str) -> None:
    assert refs(text) == ((), (3,))


def test_first_criterion_as_an_ordinal() -> None:
    assert refs("le 1er critère") == ((), (1,))


def test_lists_and_ranges_name_every_indicator() -> None:
    assert refs("indicateurs 23 à 25") == ((23, 24, 25), ())
    assert refs("indicateurs 23, 24 et 26") == ((23, 24, 26), ())
    assert refs("indicators 1-3") == ((1, 2, 3), ())


def test_indicator_and_criterion_in_one_question_keep_their_order() -> None:
    assert refs("indicateur 26 et critère 6") == ((26,), (6,))


@pytest.mark.parametrize(
    "text",
    [
        "les 32 indicateurs",
        "audit de surveillance entre le 14e et le 22e mois",
        "NC majeure 3 mois",
        "participation CPF de 100 euros",
        "c'est quoi ?",
    ],
)
def test_counts_durations_and_amounts_are_not_references(text: str) -> None:
    assert refs(text) == ((), ())


def test_remainder_keeps_the_rest_of_the_question() -> None:
    found = find_references(fold("indicateur 26 référent handicap"))
    assert found.remainder.split() == ["referent", "handicap"]
    assert found.any
