"""Text normalisation shared by the index and the queries: folding, tokens, stop words, synonyms,
stems.

Both sides go through the same functions, so whatever is lost here (accents, case, plurals,
elisions) is lost symmetrically and never prevents a match.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bot.core.matching.stopwords import SPOKEN_SHORTHANDS, STOP_WORDS
from bot.core.matching.synonyms import PHRASES, SYNONYMS

MAX_QUERY_CHARS = 600
"""Longer input is cut: no real question is longer, and matching time stays bounded."""
_PHRASE_STARTS = frozenset(phrase[0] for phrase in PHRASES)
_LONGEST_PHRASE = max((len(phrase) for phrase in PHRASES), default=0)

_LIGATURES = str.maketrans(
    {"œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "‘": "'", "`": "'", "°": " ", "º": " "}
)
_CONTROL_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})
_ELISION = re.compile(r"\b(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'", re.IGNORECASE)
_NON_WORD = re.compile(r"[^0-9a-z]+")
_FEMININE_ENDINGS = (
    ("trice", "teur"),
    ("euse", "eur"),
    ("ive", "if"),
    ("elle", "el"),
    ("eure", "eur"),
    ("ante", "ant"),
    ("ente", "ent"),
)


def clean(text: str) -> str:
    """``text`` without control or invisible characters, cut to :data:`MAX_QUERY_CHARS`."""
    kept = (
        " " if unicodedata.category(char) in _CONTROL_CATEGORIES else char
        for char in text[: MAX_QUERY_CHARS * 2]
    )
    return "".join(kept)[:MAX_QUERY_CHARS]


def fold(text: str) -> str:
    """Lower case ASCII: no accents, ligatures spelt out, a French elision split off as a word
    of its own (``l'audit`` -> ``l audit``: a stop word, yet idioms such as "tenu d'être" keep
    their "d").

    Characters with no ASCII form (emoji, other scripts) are dropped.
    """
    lowered = text.casefold().translate(_LIGATURES)
    if not lowered.isascii():
        decomposed = unicodedata.normalize("NFKD", lowered)
        lowered = decomposed.encode("ascii", "ignore").decode("ascii")
    return _ELISION.sub(r"\1 ", lowered)


def words(text: str) -> list[str]:
    """The folded words of ``text`` in order, stop words included (digits kept as words)."""
    return split_folded(fold(text))


def split_folded(folded: str) -> list[str]:
    """The words of an already folded text."""
    return [word for word in _NON_WORD.split(folded) if word]


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light, symmetric stem: plural, feminine and infinitive endings removed, and a final
    ``-ie`` written ``-y`` (``certifiées``, ``certifier`` and ``certify`` -> ``certify``;
    ``formatrice`` -> ``formateur``; ``catégories`` and ``category`` -> ``category``)."""
    if word.isdigit() or len(word) <= 3:
        return word
    if word.endswith("aux") and len(word) > 5:
        return word[:-3] + "al"
    plural = word.endswith(("s", "x")) and not word.endswith("ss")
    if plural and (len(word) > 5 or not word.endswith(("us", "is"))):
        word = word[:-1]
    if word.endswith("ee") and len(word) > 4:
        word = word[:-1]
    if word.endswith("er") and len(word) >= 6:
        word = word[:-1]
    for ending, replacement in _FEMININE_ENDINGS:
        if word.endswith(ending) and len(word) >= len(ending) + 3:
            word = word[: -len(ending)] + replacement
            break
    if word.endswith("ie") and len(word) >= 5:
        word = word[:-2] + "y"
    return word


def spoken_words(words_in_order: list[str]) -> list[str]:
    """Spoken shorthands spelt out (``qd`` -> ``quand``), idioms replaced by what they mean
    (:func:`fold_phrases`), stop words dropped: the words as typed, for typo correction."""
    spelt: list[str] = []
    for word in words_in_order:
        spelt.extend(SPOKEN_SHORTHANDS.get(word, (word,)))
    return [word for word in fold_phrases(spelt) if word not in STOP_WORDS]


def fold_phrases(words_in_order: list[str]) -> list[str]:
    """``words_in_order`` with each idiom of :data:`~synonyms.PHRASES` replaced by the words it
    stands for, longest idiom first (``run out`` -> ``expiration``). Runs before stop words are
    dropped, as idioms are often made of them."""
    if not _PHRASE_STARTS.intersection(words_in_order):
        return words_in_order
    folded: list[str] = []
    position = 0
    while position < len(words_in_order):
        found = _phrase_at(words_in_order, position)
        if found is None:
            folded.append(words_in_order[position])
            position += 1
        else:
            size, meaning = found
            folded.extend(meaning)
            position += size
    return folded


def _phrase_at(words_in_order: list[str], position: int) -> tuple[int, tuple[str, ...]] | None:
    """The length and meaning of the longest idiom starting at ``position``, if any."""
    if words_in_order[position] not in _PHRASE_STARTS:
        return None
    longest = min(_LONGEST_PHRASE, len(words_in_order) - position)
    for size in range(longest, 1, -1):
        meaning = PHRASES.get(tuple(words_in_order[position : position + size]))
        if meaning is not None:
            return size, meaning
    return None


def synonym(word: str) -> str:
    """The word standing for a group of synonyms (``intervenant`` -> ``formateur``)."""
    return SYNONYMS.get(word, word)


def meaningful_words(words_in_order: list[str]) -> list[str]:
    """:func:`spoken_words` with synonyms folded to one word, no stemming."""
    return [synonym(word) for word in spoken_words(words_in_order)]


def content_words(words_in_order: list[str]) -> list[str]:
    """The stems of :func:`meaningful_words`."""
    return [stem(word) for word in meaningful_words(words_in_order)]


def content_tokens(text: str) -> list[str]:
    """The stems of the meaningful words of ``text``."""
    return content_words(words(text))
