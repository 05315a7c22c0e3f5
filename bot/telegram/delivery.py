"""The dispatcher job: every few seconds, plan reminder occurrences and send what is due.

It runs on APScheduler through PTB's ``JobQueue``. The database is the source of truth, so
stopping, restarting or running several bot instances loses nothing and sends nothing twice
(see :mod:`bot.services.delivery` for the in-flight trade-off).
"""

from __future__ import annotations

import logging

from telegram.ext import Application, ContextTypes

from bot.config import Settings
from bot.services.delivery import DeliveryEngine, DeliveryPolicy
from bot.telegram.render.reminder_messages import RENDERERS
from bot.telegram.sender import TelegramSender

log = logging.getLogger(__name__)

ENGINE_KEY = "delivery_engine"
DISPATCH_EVERY = 2.0
JOB_NAME = "deliveries"


def delivery_policy(settings: Settings) -> DeliveryPolicy:
    """Engine limits from the settings (``send_rate`` messages per second overall)."""
    return DeliveryPolicy(rate=settings.send_rate)


def delivery_engine(application: Application) -> DeliveryEngine:
    """The application's delivery engine (an admin broadcast enqueues rows through it)."""
    return application.bot_data[ENGINE_KEY]


async def dispatch(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The repeating job: materialise reminder occurrences, then send every due row."""
    application = context.application
    services = application.bot_data["services"]
    engine = delivery_engine(application)
    try:
        await services.reminders.materialise()
        report = await engine.dispatch(keep_going=lambda: application.running)
    except Exception:
        log.exception("dispatching deliveries failed; the next run will try again")
        return
    if report.claimed or report.requeued or report.summarised:
        log.info("deliveries: %s", report)


def start_dispatcher(application: Application) -> DeliveryEngine:
    """Create the delivery engine on the application's bot and schedule the dispatcher job."""
    services = application.bot_data["services"]
    sender = TelegramSender(application.bot, RENDERERS)
    engine = DeliveryEngine(services.db, sender, policy=delivery_policy(services.settings))
    for kind in services.reminders.content.kinds:
        engine.register_preparer(kind, services.reminders.content)
    application.bot_data[ENGINE_KEY] = engine
    if application.job_queue is None:
        raise RuntimeError("python-telegram-bot[job-queue] is required for reminders")
    application.job_queue.run_repeating(
        dispatch,
        interval=DISPATCH_EVERY,
        first=1.0,
        name=JOB_NAME,
        job_kwargs={"max_instances": 2, "coalesce": True, "misfire_grace_time": None},
    )
    return engine
