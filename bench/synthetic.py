"""A synthetic knowledge base of N entries for the speed benchmark.

The real entries are kept (so real questions still find their answers) and padded with
generated ones. Generated entries use the real base's words half of the time and made-up
words (Zipf-distributed, like a real vocabulary) otherwise, so postings lists are as long
and vocabularies as wide as in a large real base.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
from datetime import date

from bot.core.knowledge.base import KnowledgeBase
from bot.core.knowledge.model import Entry
from bot.core.localized import Localized, LocalizedList
from bot.core.matching.normalize import words

SYLLABLES = tuple(consonant + vowel for consonant in "bdfglmnprstv" for vowel in "aeiou")
QUESTIONS_PER_LANGUAGE = 8
MADE_UP_WORDS = 20_000


def synthetic_base(real: KnowledgeBase, size: int = 10_000, seed: int = 7) -> KnowledgeBase:
    """``real`` with generated entries added until it holds ``size`` entries."""
    rng = random.Random(seed)
    real_words = sorted(
        {
            word
            for entry in real.entries
            for text in (*entry.questions.fr, *entry.questions.en)
            for word in words(text)
            if len(word) > 2 and not word.isdigit()
        }
    )
    made_up = sorted({_made_up_word(rng) for _ in range(MADE_UP_WORDS)})
    zipf = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(made_up))))
    topics = sorted(real.topics)

    def word() -> str:
        if rng.random() < 0.5:
            return rng.choice(real_words)
        return rng.choices(made_up, cum_weights=zipf)[0]

    def sentence(low: int, high: int) -> str:
        return " ".join(word() for _ in range(rng.randint(low, high)))

    entries = list(real.entries)
    for number in range(size - len(entries)):
        questions = [sentence(3, 9) for _ in range(2 * QUESTIONS_PER_LANGUAGE)]
        entries.append(
            Entry(
                id=f"synthetic-{number}",
                topics=(rng.choice(topics),),
                title=Localized(sentence(3, 6), sentence(3, 6)),
                questions=LocalizedList(
                    tuple(questions[:QUESTIONS_PER_LANGUAGE]),
                    tuple(questions[QUESTIONS_PER_LANGUAGE:]),
                ),
                answer=Localized(sentence(40, 80), sentence(40, 80)),
                sources=("synthetic",),
                reviewed=date(2026, 1, 1),
                keywords=LocalizedList(
                    tuple(word() for _ in range(4)), tuple(word() for _ in range(4))
                ),
            )
        )
    return dataclasses.replace(real, entries=tuple(entries))


def _made_up_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
