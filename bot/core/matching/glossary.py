"""Acronyms and synonyms from the glossary folded to one token per term, on both sides.

"OPCO", "opérateur de compétences" and "skills operator" all become the token ``§opco``,
so a question using one form matches an example question using another. A form of several
words also matches with one typo or another ending in one of its words ("nouvel entrent",
"déclarer son activité").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz.distance import OSA

from bot.core.knowledge.model import GlossaryTerm
from bot.core.matching.normalize import content_tokens, spoken_words, words

TERM_MARK = "§"
_PARENTHESES = re.compile(r"\([^)]*\)")
_MIN_TYPO_LENGTH = 5
_MIN_ROOT = 5
ROOT_SHARE = 0.75

Form = tuple[str, ...]


class GlossaryFolder:
    """Replaces every known form of a glossary term by the term's token (longest form first)."""

    def __init__(self, terms: Iterable[GlossaryTerm] = ()) -> None:
        self._forms: dict[Form, str] = {}
        self._with_name: set[Form] = set()
        surface: set[str] = set()
        for term in terms:
            name = content_tokens(term.term) or content_tokens(term.expansion.fr)
            if not name:
                continue
            token = TERM_MARK + "_".join(name)
            for form in (term.term, *term.synonyms, term.expansion.fr, term.expansion.en):
                plain = _PARENTHESES.sub(" ", form)
                tokens = tuple(content_tokens(plain))
                if tokens:
                    self._forms.setdefault(tokens, token)
                    if len(name) < len(tokens) and _contains(tokens, tuple(name)):
                        self._with_name.add(tokens)
                    surface.update(spoken_words(words(plain)))
        self._longest = max((len(form) for form in self._forms), default=0)
        self._first_words = frozenset(form[0] for form in self._forms)
        self._by_word: dict[tuple[int, str], list[Form]] = defaultdict(list)
        for form in self._forms:
            if len(form) > 1 and form not in self._with_name:
                self._by_word[0, form[0]].append(form)
                self._by_word[1, form[1]].append(form)
        self._near_first = frozenset(word for place, word in self._by_word if place == 0)
        self._near_second = frozenset(word for place, word in self._by_word if place == 1)
        self.words: frozenset[str] = frozenset(word for form in self._forms for word in form)
        self.surface_words: frozenset[str] = frozenset(surface)

    def fold(self, tokens: list[str]) -> list[str]:
        """``tokens`` with each known form of a term replaced by the term's token."""
        if not self._forms:
            return list(tokens)
        folded: list[str] = []
        position = 0
        while position < len(tokens):
            found = self._exact(tokens, position) or self._near(tokens, position)
            if found is None:
                folded.append(tokens[position])
                position += 1
            else:
                size, token = found
                folded.append(token)
                position += size
        return folded

    def _exact(self, tokens: list[str], position: int) -> tuple[int, str] | None:
        if tokens[position] not in self._first_words:
            return None
        for size in range(min(self._longest, len(tokens) - position), 0, -1):
            token = self._forms.get(tuple(tokens[position : position + size]))
            if token is not None:
                return size, token
        return None

    def _near(self, tokens: list[str], position: int) -> tuple[int, str] | None:
        """A form of several words matched with one typo in one word. Forms holding the term
        itself ("label qualiopi") are left out: the term is found on its own anyway."""
        following = tokens[position + 1] if position + 1 < len(tokens) else ""
        if tokens[position] not in self._near_first and following not in self._near_second:
            return None
        candidates = [
            *self._by_word.get((0, tokens[position]), ()),
            *self._by_word.get((1, following), ()),
        ]
        for form in sorted(candidates, key=len, reverse=True):
            window = tokens[position : position + len(form)]
            if len(window) == len(form) and _one_typo(window, form):
                return len(form), self._forms[form]
        return None


def _contains(form: Form, name: Form) -> bool:
    """True when the words of ``name`` appear in ``form`` in a row ("label qualiopi")."""
    return any(form[i : i + len(name)] == name for i in range(len(form) - len(name) + 1))


def _one_typo(typed: list[str], form: Form) -> bool:
    """True when ``typed`` equals ``form`` but for one word, written with one typo or another
    ending of the same root ("declarer activite" for "declaration activite")."""
    differing = [(a, b) for a, b in zip(typed, form, strict=True) if a != b]
    if len(differing) != 1:
        return False
    typed_word, form_word = differing[0]
    if min(len(typed_word), len(form_word)) < _MIN_TYPO_LENGTH:
        return False
    return OSA.distance(typed_word, form_word) <= 1 or _same_root(typed_word, form_word)


def _same_root(one: str, other: str) -> bool:
    """True when both words share a long beginning (most of the shorter word)."""
    shared = next(
        (i for i, (a, b) in enumerate(zip(one, other, strict=False)) if a != b),
        min(len(one), len(other)),
    )
    return shared >= _MIN_ROOT and shared >= ROOT_SHARE * min(len(one), len(other))
