"""Admin commands (placeholder: the admin feature replaces this module and adds them)."""

from __future__ import annotations

from telegram.ext import Application


def register(application: Application) -> None:
    """No admin command yet."""
    del application
