"""The callback context handed to every handler, with the ready services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import Application, CallbackContext, ExtBot

if TYPE_CHECKING:
    from bot.services.container import Services


class BotContext(CallbackContext[ExtBot, dict, dict, dict]):
    """Handlers receive services through ``context.services``."""

    def __init__(
        self, application: Application, chat_id: int | None = None, user_id: int | None = None
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def services(self) -> Services:
        """The application services (answers, checklists, reminders, users…)."""
        return self.application.bot_data["services"]
