"""What the matcher returns: an answer, an ambiguous choice, a decline or small talk."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.knowledge.model import Entry
from bot.core.localized import Localized

ANSWER = "answer"
AMBIGUOUS = "ambiguous"
DECLINE = "decline"
GREETING = "greeting"
THANKS = "thanks"
OUTCOMES = (ANSWER, AMBIGUOUS, DECLINE, GREETING, THANKS)

OFF_TOPIC = "off-topic"
TOO_VAGUE = "too-vague"
NO_SUCH_NUMBER = "no-such-number"
DECLINE_REASONS = (OFF_TOPIC, TOO_VAGUE, NO_SUCH_NUMBER)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A candidate entry with its score (0-100)."""

    entry_id: str
    title: Localized
    topics: tuple[str, ...]
    score: float


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The outcome of matching one question."""

    outcome: str
    lang: str
    score: float = 0.0
    entry: Entry | None = None
    suggestions: tuple[Suggestion, ...] = ()
    reason: str = ""
    """Why a decline: one of DECLINE_REASONS; empty for the other outcomes."""

    @property
    def answered(self) -> bool:
        """True when the matcher is confident about one entry."""
        return self.outcome == ANSWER and self.entry is not None
