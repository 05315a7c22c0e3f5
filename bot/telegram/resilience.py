"""Riding out failures that pass: Telegram's 5xx and network errors, and database outages.

- :class:`RetryingRateLimiter` keeps PTB's rate limiting (and its handling of 429
  ``retry_after``) and also retries a call that failed with a 5xx answer or a network error
  after a short backoff. A call that timed out is retried only when repeating it cannot
  show the user anything twice (edits, callback answers, set-up calls): a timed-out
  ``sendMessage`` most likely arrived.
- :class:`DatabaseOutage` holds the updates that fail because the database cannot be
  reached (and those arriving while it cannot), probes it, and handles them in arrival order
  once it answers, so an update the bot accepted is not lost to a database restart.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.error import BadRequest, NetworkError, TelegramError, TimedOut
from telegram.ext import AIORateLimiter, Application, ApplicationHandlerStop, TypeHandler

from bot.storage.availability import is_unavailable
from bot.storage.uow import Database
from bot.telegram.context import BotContext

log = logging.getLogger(__name__)

RETRY_DELAYS = (0.5, 1.0, 2.0)
"""Seconds before each new try of a call that failed with a 5xx or a network error."""
SAFE_TO_REPEAT_PREFIXES = ("edit", "answer", "get", "set", "delete")
"""Methods whose repetition shows nothing twice (``sendMessage`` and the like are not)."""
OUTAGE_GROUP = -100
"""Handler group of the outage gate: before everything else, flood control included."""


def safe_to_repeat(endpoint: str) -> bool:
    """True for Bot API methods that can be called twice without a visible duplicate."""
    return endpoint.startswith(SAFE_TO_REPEAT_PREFIXES)


def worth_retrying(error: Exception, endpoint: str) -> bool:
    """A 5xx answer or a network failure; a timeout only for calls safe to repeat."""
    if isinstance(error, BadRequest) or not isinstance(error, NetworkError):
        return False
    return not isinstance(error, TimedOut) or safe_to_repeat(endpoint)


class RetryingRateLimiter(AIORateLimiter):
    """PTB's ``AIORateLimiter`` plus bounded retries of 5xx answers and network errors."""

    def __init__(self, *args: Any, retry_delays: tuple[float, ...] = RETRY_DELAYS, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.retry_delays = retry_delays

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict | list[dict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict | list[dict]:
        """Send through the rate limiter; retry transient failures a few times."""
        for delay in (*self.retry_delays, None):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except NetworkError as error:
                if delay is None or not worth_retrying(error, endpoint):
                    raise
                log.warning(
                    "%s failed (%s); trying again in %.1f s", endpoint, type(error).__name__, delay
                )
                await asyncio.sleep(delay)
        raise AssertionError("unreachable: the last try returns or raises")


class DatabaseOutage:
    """Updates the database could not serve wait here until it answers again."""

    def __init__(
        self,
        application: Application,
        db: Database,
        *,
        probe_every: float = 0.5,
        give_up_after: float = 300.0,
        stop_grace: float = 10.0,
        max_held: int = 10_000,
        max_attempts: int = 5,
    ) -> None:
        self.application = application
        self.db = db
        self.probe_every = probe_every
        self.give_up_after = give_up_after
        self.stop_grace = stop_grace
        self.max_held = max_held
        self.max_attempts = max_attempts
        self._held: deque[Update] = deque()
        self._attempts: dict[int, int] = {}
        self._recovery: asyncio.Task | None = None

    @property
    def ongoing(self) -> bool:
        """True while the database is known to be unreachable."""
        return self._recovery is not None

    @property
    def held(self) -> int:
        """How many updates are waiting for the database."""
        return len(self._held)

    async def gate(self, update: object, context: BotContext) -> None:
        """First handler of every update: during an outage, hold it instead of failing."""
        if self.ongoing and isinstance(update, Update):
            self._hold(update)
            raise ApplicationHandlerStop

    async def on_error(self, update: object, context: BotContext) -> None:
        """First error handler: a database outage holds the update (no apology is sent).

        Telegram's own errors are not outages. A lost database connection holds the update
        even when the database answers again at once: after a server restart the pool's
        connections are dead (they are not pinged at every checkout, which would cost a
        round trip per transaction), the failed statement discards them, and the recovery
        probe then finds the database up and handles the update again straight away.
        """
        error = context.error
        if not isinstance(update, Update) or isinstance(error, TelegramError):
            return
        if not is_unavailable(error):
            return
        attempts = self._attempts.get(update.update_id, 0) + 1
        if attempts > self.max_attempts:
            self._attempts.pop(update.update_id, None)
            return
        self._attempts[update.update_id] = attempts
        self._hold(update)
        raise ApplicationHandlerStop

    def _hold(self, update: Update) -> None:
        if len(self._held) >= self.max_held:
            dropped = self._held.popleft()
            self._attempts.pop(dropped.update_id, None)
            log.error("database outage: too many waiting updates, dropped %d", dropped.update_id)
        self._held.append(update)
        if self._recovery is None:
            log.warning("database unreachable: holding updates until it answers")
            self._recovery = self.application.create_task(self._recover(), name="db-outage")

    async def _recover(self) -> None:
        """Probe until the database answers, then handle the held updates in order."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        stopping_since: float | None = None
        while not await self._ping():
            now = loop.time()
            if stopping_since is None and not self.application.running:
                stopping_since = now
            waited_out = now - started > self.give_up_after
            stop_over = stopping_since is not None and now - stopping_since > self.stop_grace
            if waited_out or stop_over:
                log.error(
                    "database still unreachable after %.0f s: %d update(s) not handled",
                    now - started,
                    len(self._held),
                )
                self._held.clear()
                self._attempts.clear()
                self._recovery = None
                return
            await asyncio.sleep(self.probe_every)
        self._recovery = None
        held, self._held = list(self._held), deque()
        log.info("database reachable again: handling %d held update(s)", len(held))
        for update in held:
            await self.application.process_update(update)
            if not self.ongoing:
                self._attempts.pop(update.update_id, None)

    async def _ping(self) -> bool:
        try:
            return await asyncio.wait_for(self.db.ping(), 3.0)
        except TimeoutError:
            return False


async def on_reply_timeout(update: object, context: BotContext) -> None:
    """A reply that timed out most likely reached the user: no apology on top of it."""
    if isinstance(context.error, TimedOut):
        log.warning("a reply timed out (Telegram slow?); it most likely arrived")
        raise ApplicationHandlerStop


def register(application: Application) -> DatabaseOutage:
    """The outage gate and error handlers (register before any other handler module)."""
    outage = DatabaseOutage(application, application.bot_data["services"].db)
    application.bot_data["database_outage"] = outage
    application.add_handler(TypeHandler(Update, outage.gate), group=OUTAGE_GROUP)
    application.add_error_handler(outage.on_error)
    application.add_error_handler(on_reply_timeout)
    return outage
