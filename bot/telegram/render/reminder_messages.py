"""The reminder messages the dispatcher sends, rendered from the content the preparer filled."""

from __future__ import annotations

from datetime import date
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.services.delivery import SUMMARY_KIND, Outgoing
from bot.services.reminder_plan import MILESTONE_KIND, RECURRING_KIND
from bot.telegram.callbacks import encode
from bot.telegram.i18n import t
from bot.telegram.render.keyboards import SEE
from bot.telegram.render.reminder_words import lead_phrase, relative_day, span
from bot.telegram.render.reminders import REMINDERS, manage_keyboard
from bot.telegram.render.text import blocks, escape, format_date, source_line
from bot.telegram.sender import Rendered, Renderer

SUMMARY_SHOWN = 10


def _date(value: str, lang: str) -> str:
    return escape(format_date(date.fromisoformat(value), lang))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _note_and_source(milestone: dict[str, Any], lang: str) -> list[str]:
    parts = []
    if milestone.get("note"):
        parts.extend(blocks(milestone["note"]))
    source = t(lang, "reminders.source", source=source_line(milestone["source"]))
    parts.append(f"<i>{source}</i>")
    return parts


def render_milestone(message: Outgoing) -> Rendered:
    """A lead reminder: "Opens in 30 days: …", "Closes in 7 days …", "Tomorrow: …"."""
    content = message.content
    lang = content["lang"]
    milestone = content["milestone"]
    title = escape(milestone["title"])
    when = relative_day(content["days_left"], lang)
    start, end = date.fromisoformat(milestone["start"]), date.fromisoformat(milestone["end"])
    if content.get("edge") == "end":
        head = t(
            lang, "reminders.msg_closes", title=title, when=when, date=_date(milestone["end"], lang)
        )
    elif start != end:
        head = t(lang, "reminders.msg_opens", title=title, when=when, span=span(start, end, lang))
    else:
        head = t(
            lang,
            "reminders.msg_single",
            title=title,
            when_cap=_capitalised(when),
            date=_date(milestone["start"], lang),
        )
    html = "\n\n".join([head, *_note_and_source(milestone, lang)])
    return Rendered(html, manage_keyboard(lang))


def _next_line(upcoming: dict[str, Any] | None, has_date: bool, lang: str) -> str:
    if not has_date:
        return t(lang, "reminders.msg_no_date")
    if upcoming is None:
        return t(lang, "reminders.cycle_over")
    start, end = date.fromisoformat(upcoming["start"]), date.fromisoformat(upcoming["end"])
    title = escape(upcoming["title"])
    if start != end:
        return t(lang, "reminders.msg_next_window", title=title, span=span(start, end, lang))
    when = relative_day(upcoming["days"], lang)
    return t(
        lang, "reminders.msg_next", title=title, when=when, date=_date(upcoming["start"], lang)
    )


def _checklist_lines(checklists: list[dict[str, Any]], lang: str) -> list[str]:
    if not checklists:
        return [t(lang, "reminders.msg_no_checklist")]
    lines = []
    for checklist in checklists:
        line = t(
            lang,
            "reminders.msg_checklist",
            title=escape(checklist["title"]),
            unanswered=checklist["unanswered"],
            total=checklist["total"],
            to_fix=checklist["to_fix"],
        )
        items = "\n".join(f"• {escape(item)}" for item in checklist["items"])
        lines.append(f"{line}\n{items}" if items else line)
    return lines


def render_recurring(message: Outgoing) -> Rendered:
    """A daily or monthly reminder: next milestone and checklists, or the tip of the day."""
    content = message.content
    lang = content["lang"]
    title = t(lang, f"reminders.msg_{content['reminder']}_title")
    if content["content"] == "tip" and content.get("tip"):
        tip = content["tip"]
        head = t(lang, "reminders.msg_tip_title", title=escape(tip["title"]))
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        t(lang, "reminders.btn_tip_more"), callback_data=encode(SEE, tip["id"])
                    ),
                    InlineKeyboardButton(
                        t(lang, "reminders.btn_manage"), callback_data=encode(REMINDERS, "home")
                    ),
                ]
            ]
        )
        return Rendered("\n\n".join([head, *blocks(tip["answer"])]), keyboard)
    parts = [title, _next_line(content.get("next"), content.get("has_date", False), lang)]
    parts += _checklist_lines(content.get("checklists", []), lang)
    return Rendered("\n\n".join(parts), manage_keyboard(lang))


def _summary_item(item: dict[str, Any], lang: str) -> str:
    if item.get("kind") == MILESTONE_KIND and item.get("title"):
        return t(
            lang,
            "reminders.summary_milestone",
            title=escape(item["title"]),
            date=_date(item["date"], lang),
            lead=lead_phrase(int(item.get("lead") or 0), lang),
        )
    kind = "monthly" if item.get("reminder") == "monthly" else "daily"
    return t(lang, f"reminders.summary_{kind}", date=_date(item["local_date"], lang))


def render_summary(message: Outgoing) -> Rendered:
    """One message for every reminder that was too late to send on its own."""
    content = message.content
    lang = content["lang"]
    items = [i for i in content["items"] if i.get("date") or i.get("local_date")]
    lines = [f"• {_summary_item(item, lang)}" for item in items[:SUMMARY_SHOWN]]
    hidden = content["count"] - len(lines)
    if hidden > 0:
        lines.append(t(lang, "reminders.summary_more", count=hidden))
    parts = [t(lang, "reminders.msg_summary", count=content["count"]), "\n".join(lines)]
    if content.get("next"):
        parts.append(_next_line(content["next"], True, lang))
    return Rendered("\n\n".join(parts), manage_keyboard(lang))


RENDERERS: dict[str, Renderer] = {
    MILESTONE_KIND: render_milestone,
    RECURRING_KIND: render_recurring,
    SUMMARY_KIND: render_summary,
}
"""Renderers to register on the :class:`bot.telegram.sender.TelegramSender`."""
