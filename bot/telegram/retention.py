"""The daily purge of old questions (``QUESTION_RETENTION_DAYS``, 365 by default).

It runs shortly after start-up and then every 24 hours, so a bot restarted often still
purges every day.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram.ext import Application

from bot.telegram.context import BotContext

log = logging.getLogger(__name__)

JOB_NAME = "question-retention"
FIRST_RUN_AFTER = 30.0
"""Seconds after start-up (leaves start-up traffic alone)."""
EVERY = timedelta(days=1)


async def purge_questions(context: BotContext) -> None:
    """Delete the questions older than the retention period."""
    try:
        await context.services.admin.retention.purge()
    except Exception:
        log.exception("purging old questions failed; the next run will try again")


def start_retention(application: Application) -> None:
    """Schedule the daily purge on the application's job queue."""
    if application.job_queue is None:
        raise RuntimeError("python-telegram-bot[job-queue] is required for the daily purge")
    application.job_queue.run_repeating(
        purge_questions, interval=EVERY, first=FIRST_RUN_AFTER, name=JOB_NAME
    )
