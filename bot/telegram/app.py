"""Build the Telegram application: settings, context type, rate limiter, handlers, commands."""

from __future__ import annotations

from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, Defaults
from telegram.request import BaseRequest

from bot.config import ConfigError
from bot.core.localized import DEFAULT_LANGUAGE, LANGUAGES
from bot.services.container import Services
from bot.telegram import flood, resilience
from bot.telegram.concurrency import ChatOrderedProcessor
from bot.telegram.context import BotContext
from bot.telegram.delivery import start_dispatcher
from bot.telegram.handlers import (
    admin,
    ask,
    cancel,
    checklist,
    criteria,
    errors,
    groups,
    help,
    indicator,
    inline,
    inputs,
    language,
    privacy,
    profile,
    reminders,
    start,
)
from bot.telegram.http import AiohttpRequest
from bot.telegram.i18n import t
from bot.telegram.resilience import RetryingRateLimiter
from bot.telegram.retention import start_retention

HANDLER_MODULES = (
    start,
    help,
    ask,
    indicator,
    criteria,
    language,
    profile,
    privacy,
    cancel,
    checklist,
    reminders,
    admin,
    inline,
    groups,
    inputs,
    errors,
)
"""Registration order: features first; plain-text routing, then the catch-alls, last."""

PUBLIC_COMMANDS = (
    "start",
    "help",
    "ask",
    "indicator",
    "criteria",
    "checklist",
    "reminders",
    "calendar",
    "language",
    "profile",
    "privacy",
    "mydata",
    "forget",
    "cancel",
)
"""The command menu, in this order; descriptions are ``commands.<name>`` in each language."""

SEND_RETRIES = 3
UPDATES_POOL_SIZE = 1
"""getUpdates runs one long poll at a time."""


def bot_commands(lang: str) -> list[BotCommand]:
    """The command menu in one language."""
    return [BotCommand(name, t(lang, f"commands.{name}")) for name in PUBLIC_COMMANDS]


async def register_commands(application: Application) -> None:
    """Publish the command menu in French and English (and French for other languages)."""
    bot = application.bot
    await bot.set_my_commands(bot_commands(DEFAULT_LANGUAGE))
    for lang in LANGUAGES:
        await bot.set_my_commands(bot_commands(lang), language_code=lang)


def file_url(api_base_url: str) -> str:
    """The file download URL that goes with a Bot API URL (``…/bot`` -> ``…/file/bot``)."""
    return api_base_url.removesuffix("/bot") + "/file/bot"


def build_application(
    services: Services,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
) -> Application:
    """The application with every handler; ``register_commands`` runs at start-up."""
    settings = services.settings
    if not settings.token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        Application.builder()
        .token(settings.token)
        .base_url(settings.api_base_url)
        .base_file_url(file_url(settings.api_base_url))
        .context_types(ContextTypes(context=BotContext))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .rate_limiter(
            RetryingRateLimiter(overall_max_rate=settings.send_rate, max_retries=SEND_RETRIES)
        )
        .post_init(register_commands)
        .concurrent_updates(ChatOrderedProcessor())
    )
    builder = builder.request(request or AiohttpRequest())
    builder = builder.get_updates_request(updates_request or AiohttpRequest(UPDATES_POOL_SIZE))
    application = builder.build()
    application.bot_data["services"] = services
    resilience.register(application)
    flood.register(application)
    for module in HANDLER_MODULES:
        module.register(application)
    start_dispatcher(application)
    start_retention(application)
    return application
