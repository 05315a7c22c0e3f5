"""Answering questions: match against the knowledge base, log the question, record feedback."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.knowledge.base import KnowledgeBase
from bot.core.knowledge.model import Entry
from bot.core.matching.result import AMBIGUOUS, ANSWER, DECLINE, MatchResult, Suggestion
from bot.services.knowledge import KnowledgeHolder
from bot.storage import quick
from bot.storage.uow import Database

MAX_QUESTION_CHARS = 1000
LOGGED_OUTCOMES = frozenset({ANSWER, AMBIGUOUS, DECLINE})
"""Small talk (greetings, thanks) is answered but not logged."""
FEEDBACK_VALUES = (1, -1)
STARTER_ENTRIES = ("qualiopi-overview", "certification-process", "documents-required")
"""General entries offered when a question gets no answer and no close suggestion."""


@dataclass(frozen=True, slots=True)
class Answer:
    """How a question was matched, and its id in the question log (None when not logged)."""

    result: MatchResult
    question_id: int | None


class AnswerService:
    """Questions in, matched entries out; every real question is logged for review."""

    def __init__(self, db: Database, knowledge: KnowledgeHolder) -> None:
        self.db = db
        self.knowledge = knowledge

    @property
    def base(self) -> KnowledgeBase:
        """The knowledge base in use right now."""
        return self.knowledge.base

    def entry(self, entry_id: str) -> Entry | None:
        """One entry by id, or None."""
        return self.knowledge.base.entry(entry_id)

    def starters(self) -> tuple[Suggestion, ...]:
        """Suggestions for a declined question with nothing close: good places to start."""
        entries = (self.entry(entry_id) for entry_id in STARTER_ENTRIES)
        return tuple(
            Suggestion(entry.id, entry.title, entry.topics, 0.0) for entry in entries if entry
        )

    @staticmethod
    def is_too_long(text: str) -> bool:
        """True when a question is longer than the bot accepts."""
        return len(text) > MAX_QUESTION_CHARS

    async def ask(self, user_id: int, chat_type: str, text: str, lang: str) -> Answer:
        """Match a question (the user must exist) and log it with its outcome.

        ``lang`` is the user's language, used when the question's own language is unclear;
        the log records the language the question was written in.
        """
        question = text.strip()[:MAX_QUESTION_CHARS]
        result = self.knowledge.matcher.match(question, lang=lang)
        if result.outcome not in LOGGED_OUTCOMES:
            return Answer(result, None)
        async with self.db.statement() as connection:
            question_id = await quick.log_question(
                connection,
                user_id=user_id,
                chat_type=chat_type,
                text=question,
                lang=result.lang,
                outcome=result.outcome,
                entry_id=result.entry.id if result.entry else None,
                score=float(result.score),
            )
        return Answer(result, question_id)

    def search(self, text: str, lang: str, limit: int = 10) -> list[Suggestion]:
        """Up to ``limit`` entries matching ``text`` (for inline mode); nothing is logged."""
        return self.knowledge.matcher.search(text[:MAX_QUESTION_CHARS], limit=limit, lang=lang)

    async def feedback(self, question_id: int, user_id: int, value: int) -> bool:
        """Store 👍 (1) or 👎 (-1) on the user's own question; False if it is not theirs."""
        if value not in FEEDBACK_VALUES:
            raise ValueError(f"feedback must be 1 or -1, got {value}")
        async with self.db.uow() as uow:
            return await uow.questions.set_feedback(question_id, user_id, value)
