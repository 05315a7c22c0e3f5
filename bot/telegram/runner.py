"""Running the Telegram Application: the start/stop sequence, polling and webhook.

The sequence mirrors ``Application.run_polling`` (initialize, ``post_init``, updater,
start; then the reverse with ``post_stop`` and ``post_shutdown``) but runs inside our own
event loop, so the services (database engine) live in the same loop as the bot. The e2e
harness and the terminal chat use the same functions.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import logging
import secrets
import signal
from dataclasses import dataclass

from telegram import Update
from telegram.ext import Application, Updater

from bot.config import ConfigError, Settings
from bot.health import HealthServer

log = logging.getLogger(__name__)
DEFAULT_POLL_TIMEOUT = 10
YOUNG_COLLECTION_EVERY = 10_000
"""Net allocations between two young-generation collections (Python's default: 700). Only
garbage in reference cycles waits longer: the bot's peak memory did not move."""


async def start_application(application: Application) -> None:
    """Initialize (``getMe``), run ``post_init`` and start processing updates."""
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    await application.start()
    tune_garbage_collector()


def tune_garbage_collector() -> None:
    """Keep what start-up built out of the garbage collector's passes, and run them less often.

    - Start-up objects (modules, knowledge base, handlers) live as long as the process;
      walking them in a full collection took about 65 ms (``bench/load.py``), a pause every
      user waiting at that moment would feel. They are frozen; reference counting still
      frees them when they are dropped.
    - Each update allocates thousands of short-lived objects (Telegram objects, rows) that
      reference counting frees at once. With Python's default of a young collection every
      700 allocations, the collector took 5-7 % of the bot's CPU; see
      :data:`YOUNG_COLLECTION_EVERY`.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, *gc.get_threshold()[1:])


async def stop_application(application: Application) -> None:
    """Stop the updater and the application, then shut down; safe after a failed start."""
    updater = application.updater
    if updater is not None and updater.running:
        await updater.stop()
    if application.running:
        await application.stop()
        if application.post_stop:
            await application.post_stop(application)
    await application.shutdown()
    if application.post_shutdown:
        await application.post_shutdown(application)


async def start_polling(
    application: Application,
    *,
    long_poll_seconds: int = DEFAULT_POLL_TIMEOUT,
    poll_interval: float = 0.0,
) -> None:
    """Start the application fetching updates with ``getUpdates`` (no update dropped)."""
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    await _updater(application).start_polling(
        poll_interval=poll_interval,
        timeout=dt.timedelta(seconds=long_poll_seconds),
        allowed_updates=Update.ALL_TYPES,
        drop_pending_updates=False,
    )
    await application.start()
    tune_garbage_collector()


@dataclass(frozen=True)
class WebhookPlan:
    """Where the webhook server listens and what Telegram is told to call."""

    listen: str
    port: int
    url_path: str
    webhook_url: str
    secret_token: str
    secret_generated: bool


def webhook_plan(settings: Settings) -> WebhookPlan:
    """The webhook set-up from settings; the secret token is generated when not configured."""
    if not settings.webhook_url:
        raise ConfigError("WEBHOOK_URL must be set for --webhook (the public HTTPS address)")
    path = settings.webhook_path.strip("/")
    base = settings.webhook_url.rstrip("/")
    url = base if not path or base.endswith(f"/{path}") else f"{base}/{path}"
    secret = settings.webhook_secret or secrets.token_urlsafe(32)
    return WebhookPlan(
        listen=settings.webhook_listen,
        port=settings.webhook_port,
        url_path=path,
        webhook_url=url,
        secret_token=secret,
        secret_generated=settings.webhook_secret is None,
    )


async def start_webhook(application: Application, plan: WebhookPlan) -> None:
    """Start PTB's webhook server and register the webhook (with its secret token)."""
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    await _updater(application).start_webhook(
        listen=plan.listen,
        port=plan.port,
        url_path=plan.url_path,
        webhook_url=plan.webhook_url,
        secret_token=plan.secret_token,
        allowed_updates=Update.ALL_TYPES,
        drop_pending_updates=False,
    )
    await application.start()
    tune_garbage_collector()


async def serve(
    application: Application,
    *,
    plan: WebhookPlan | None = None,
    health: HealthServer | None = None,
) -> None:
    """Run until SIGINT or SIGTERM: polling, or the webhook when ``plan`` is given.

    ``health`` (not started yet) serves ``/health`` while the bot runs. On a signal the bot
    stops taking updates, finishes every update it already accepted and the reminder
    batch in progress (unsent claimed reminders go back to the queue), then exits.
    """
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    health_started = False
    try:
        if plan is None:
            await start_polling(application)
            log.info("polling Telegram as @%s", application.bot.username)
        else:
            if plan.secret_generated:
                log.info(
                    "webhook secret token generated (set WEBHOOK_SECRET_TOKEN to fix it; "
                    "several instances must share it)"
                )
            await start_webhook(application, plan)
            log.info(
                "webhook server on %s:%s/%s for @%s",
                plan.listen,
                plan.port,
                plan.url_path,
                application.bot.username,
            )
        if health is not None:
            health_started = start_health(health)
        await stop.wait()
        log.info("stopping: finishing the updates in progress")
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
        await stop_application(application)
        if health_started and health is not None:
            await health.stop()
        log.info("stopped")


def start_health(health: HealthServer) -> bool:
    """Start the health endpoint; a port already taken is logged, not fatal."""
    try:
        health.start()
    except OSError as error:
        log.error(
            "health endpoint not started: cannot listen on %s:%s (%s); "
            "set HEALTH_PORT to a free port, or 0 to turn it off",
            health.host,
            health.port,
            error.strerror or error,
        )
        return False
    log.info("health endpoint on %s:%s/health", health.host, health.port)
    return True


def _updater(application: Application) -> Updater:
    if application.updater is None:
        raise RuntimeError("the Application was built without an updater")
    return application.updater
