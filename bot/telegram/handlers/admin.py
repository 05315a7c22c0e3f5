"""Admin commands: ``/stats``, ``/misses [period]``, ``/reload`` and ``/broadcast``.

They are registered for the users of ``ADMIN_IDS`` in a private chat only. Anyone else's
``/stats`` matches no handler and gets the reply every unknown command gets, so nothing
hints that these commands exist; they are not in the public command menu either.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from bot.services.admin import parse_since
from bot.storage.types import utcnow
from bot.telegram.context import BotContext
from bot.telegram.handlers import admin_broadcast
from bot.telegram.handlers.common import current_user, reply
from bot.telegram.render import admin as render

DEFAULT_PERIOD = "30d"


async def on_stats(update: Update, context: BotContext) -> None:
    """Usage over the last 30 days."""
    user = await current_user(update, context)
    stats = await context.services.admin.stats()
    await reply(update, render.stats_card(stats, user.language))


async def on_misses(update: Update, context: BotContext) -> None:
    """``/misses [30d|2w|3m]``: the declined or disliked questions, grouped by similarity."""
    user = await current_user(update, context)
    period = context.args[0] if context.args else DEFAULT_PERIOD
    now = utcnow()
    try:
        since = parse_since(period, now)
    except ValueError:
        await reply(update, render.misses_usage(user.language))
        return
    groups = await context.services.admin.misses(since)
    days = round((now - since) / timedelta(days=1))
    await reply(update, render.misses_card(groups, days, user.language))


async def on_reload(update: Update, context: BotContext) -> None:
    """Reload the knowledge from disk; when it is invalid, keep the version in use and list
    the problems as ``file:line: message``."""
    user = await current_user(update, context)
    knowledge = context.services.knowledge
    before = knowledge.base.version
    problems = await asyncio.to_thread(knowledge.reload)
    if problems:
        await reply(update, render.reload_refused(problems, knowledge.base.version, user.language))
    else:
        await reply(update, render.reload_done(before, knowledge.base, user.language))


def register(application: Application) -> None:
    """The admin commands, for the users of ``ADMIN_IDS`` in a private chat."""
    admin_ids = application.bot_data["services"].settings.admin_ids
    admins = filters.ChatType.PRIVATE & filters.User(user_id=admin_ids)
    application.add_handler(CommandHandler("stats", on_stats, filters=admins))
    application.add_handler(CommandHandler("misses", on_misses, filters=admins))
    application.add_handler(CommandHandler("reload", on_reload, filters=admins))
    admin_broadcast.register(application, admins)
