"""The knowledge in use, swapped atomically on reload; a broken reload keeps the last good one."""

from __future__ import annotations

import logging
from pathlib import Path

from bot.core.knowledge.base import KnowledgeBase
from bot.core.knowledge.loader import load_knowledge
from bot.core.matching.engine import Matcher
from bot.core.yamlsource import Problem

log = logging.getLogger(__name__)


class KnowledgeError(Exception):
    """The knowledge directory is invalid; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the knowledge base")
        self.problems = problems


class KnowledgeHolder:
    """Holds the current knowledge base and its matcher, swapped together as one pair."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._current: tuple[KnowledgeBase, Matcher] = self._load()

    @property
    def base(self) -> KnowledgeBase:
        """The knowledge base in use."""
        return self._current[0]

    @property
    def matcher(self) -> Matcher:
        """The matcher built on :attr:`base`."""
        return self._current[1]

    def _load(self) -> tuple[KnowledgeBase, Matcher]:
        result = load_knowledge(self.directory)
        if result.base is None:
            raise KnowledgeError(result.problems)
        return result.base, Matcher(result.base)

    def reload(self) -> list[Problem]:
        """Reload from disk; on problems keep serving the previous version and return them."""
        try:
            loaded = self._load()
        except KnowledgeError as exc:
            log.warning("knowledge reload rejected: %d problem(s)", len(exc.problems))
            return exc.problems
        self._current = loaded  # one assignment: readers never see a mismatched pair
        base = loaded[0]
        log.info("knowledge reloaded: version %s, %d entries", base.version, len(base.entries))
        return []
