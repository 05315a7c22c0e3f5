"""How ``qualibot run --webhook`` derives its set-up from the settings."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, Settings
from bot.telegram.runner import webhook_plan


def test_the_path_is_appended_to_the_public_url_once() -> None:
    plan = webhook_plan(Settings(webhook_url="https://bot.example.org/", webhook_path="tg"))
    assert plan.webhook_url == "https://bot.example.org/tg" and plan.url_path == "tg"
    again = webhook_plan(Settings(webhook_url="https://bot.example.org/tg", webhook_path="tg"))
    assert again.webhook_url == "https://bot.example.org/tg"


def test_a_configured_secret_is_used_else_one_is_generated() -> None:
    configured = webhook_plan(Settings(webhook_url="https://x.org", webhook_secret="s3cr3t_-"))
    assert configured.secret_token == "s3cr3t_-" and not configured.secret_generated
    first = webhook_plan(Settings(webhook_url="https://x.org"))
    second = webhook_plan(Settings(webhook_url="https://x.org"))
    assert first.secret_generated and first.secret_token != second.secret_token
    assert len(first.secret_token) >= 32
    assert all(c.isalnum() or c in "_-" for c in first.secret_token), "Telegram's alphabet"


def test_webhook_mode_needs_a_public_url() -> None:
    with pytest.raises(ConfigError, match="WEBHOOK_URL"):
        webhook_plan(Settings())
