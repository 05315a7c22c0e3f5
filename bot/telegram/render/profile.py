"""The organisation profile: its summary and the toggle keyboards of each step."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.knowledge.model import ACTION_CATEGORIES
from bot.services.users import SITUATIONS, UserView
from bot.telegram.callbacks import encode
from bot.telegram.i18n import t
from bot.telegram.render.text import bold, escape, format_date

PROFILE = "prof"
CHECKED = "✅"
UNCHECKED = "▫️"


def _names(lang: str, prefix: str, keys: tuple[str, ...]) -> str:
    if not keys:
        return t(lang, "profile.none")
    return ", ".join(t(lang, f"profile.{prefix}_{key.replace('-', '_')}") for key in keys)


def summary(user: UserView, lang: str) -> str:
    """Everything in the profile, one line per field."""
    certified = format_date(user.certified_on, lang) if user.certified_on else None
    lines = [
        (t(lang, "profile.org_name"), user.org_name or t(lang, "profile.none")),
        (t(lang, "profile.categories"), _names(lang, "category", user.action_categories)),
        (t(lang, "profile.situations"), _names(lang, "situation", user.situations)),
        (t(lang, "profile.certified_on"), certified or t(lang, "profile.none")),
    ]
    body = "\n".join(
        t(lang, "profile.line", name=bold(name), value=escape(value)) for name, value in lines
    )
    return f"{bold(t(lang, 'profile.title'))}\n\n{body}"


def _toggles(
    lang: str, field: str, prefix: str, keys: tuple[str, ...], chosen: tuple[str, ...]
) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton(
                f"{CHECKED if key in chosen else UNCHECKED} "
                + t(lang, f"profile.{prefix}_{key.replace('-', '_')}"),
                callback_data=encode(PROFILE, field, key),
            )
        ]
        for key in keys
    ]
    rows.append(
        [
            InlineKeyboardButton(
                t(lang, "profile.next"), callback_data=encode(PROFILE, "next", field)
            )
        ]
    )
    return InlineKeyboardMarkup(rows)


def categories_keyboard(user: UserView, lang: str) -> InlineKeyboardMarkup:
    """Toggle buttons for the action categories, then "next"."""
    return _toggles(lang, "cat", "category", ACTION_CATEGORIES, user.action_categories)


def situations_keyboard(user: UserView, lang: str) -> InlineKeyboardMarkup:
    """Toggle buttons for the situations, then "next"."""
    return _toggles(lang, "sit", "situation", SITUATIONS, user.situations)


def skip_keyboard(lang: str, step: str) -> InlineKeyboardMarkup:
    """One "skip" button for a free-text step."""
    button = InlineKeyboardButton(
        t(lang, "profile.skip"), callback_data=encode(PROFILE, "skip", step)
    )
    return InlineKeyboardMarkup([[button]])


def edit_keyboard(lang: str) -> InlineKeyboardMarkup:
    """Under the summary: start the questions again."""
    button = InlineKeyboardButton(t(lang, "profile.edit"), callback_data=encode(PROFILE, "edit"))
    return InlineKeyboardMarkup([[button]])
