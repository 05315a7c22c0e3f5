"""The ``/reminders`` screens: overview, timeline, and the keyboards of each setting."""

from __future__ import annotations

from datetime import date, time

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.milestones.compute import Milestone, upcoming
from bot.core.schedule import LAST_DAY
from bot.services.reminder_plan import LEAD_CHOICES
from bot.services.reminder_views import ReminderSettings, ReminderView
from bot.telegram.callbacks import encode
from bot.telegram.i18n import t
from bot.telegram.render.reminder_words import (
    clock,
    content_phrase,
    day_phrase,
    joined,
    lead_phrase,
    relative_day,
    span,
)
from bot.telegram.render.text import escape, format_date, source_line

REMINDERS = "rem"
CHECKED = "✅"
UNCHECKED = "▫️"
HOME_MILESTONES = 4
TIME_CHOICES: tuple[time, ...] = (time(8, 0), time(9, 0), time(12, 0), time(14, 0), time(18, 0))
DAY_CHOICES: tuple[int, ...] = (1, 5, 10, 15, 20, 25, 28, LAST_DAY)
TIMEZONES: tuple[str, ...] = (
    "Europe/Paris",
    "America/Guadeloupe",
    "America/Martinique",
    "America/Cayenne",
    "Indian/Reunion",
    "Indian/Mayotte",
    "Pacific/Noumea",
    "Pacific/Tahiti",
)


def button(lang: str, key: str, *args: object) -> InlineKeyboardButton:
    """A reminders button labelled ``reminders.<key>``."""
    return InlineKeyboardButton(t(lang, f"reminders.{key}"), callback_data=encode(REMINDERS, *args))


def _back(lang: str) -> list[InlineKeyboardButton]:
    return [button(lang, "btn_back", "home")]


def milestone_line(milestone: Milestone, today: date, lang: str) -> str:
    """``• 15 March 2027 → 15 November 2027: Surveillance audit window (in 107 days)``."""
    if milestone.done_on is not None:
        status = t(lang, "reminders.done_on", date=escape(format_date(milestone.done_on, lang)))
    elif milestone.start <= today <= milestone.end and milestone.start != milestone.end:
        status = t(lang, "reminders.in_progress", date=escape(format_date(milestone.end, lang)))
    else:
        days = (
            (milestone.start - today).days
            if milestone.start >= today
            else (milestone.end - today).days
        )
        status = relative_day(days, lang)
    title = escape(milestone.title.get(lang))
    when = span(milestone.start, milestone.end, lang)
    return t(lang, "reminders.milestone_line", when=when, title=title, status=status)


def _milestones_line(view: ReminderView | None, lang: str) -> str:
    if view is None or not view.active:
        return t(lang, "reminders.milestones_off")
    if not view.lead_days:
        return t(lang, "reminders.milestones_no_leads")
    leads = joined([lead_phrase(lead, lang) for lead in view.lead_days], lang)
    return t(lang, "reminders.milestones_on", leads=leads, time=clock(view.time_of_day))


def _recurring_line(view: ReminderView | None, kind: str, lang: str) -> str:
    if view is None or not view.active:
        return t(lang, f"reminders.{kind}_off")
    return t(
        lang,
        f"reminders.{kind}_on",
        time=clock(view.time_of_day),
        day=day_phrase(view.day_of_month, lang),
        content=content_phrase(view.content, lang),
    )


def home(settings: ReminderSettings, schedule: tuple[Milestone, ...], today: date) -> str:
    """The overview: dates, the next milestones, and every reminder's state."""
    lang = settings.language
    parts = [f"<b>{t(lang, 'reminders.title')}</b>"]
    if settings.certified_on is None:
        parts.append(t(lang, "reminders.intro_no_date"))
    else:
        certified = escape(format_date(settings.certified_on, lang))
        facts = [t(lang, "reminders.certified_on", date=certified)]
        if settings.surveillance_audit_on:
            held = escape(format_date(settings.surveillance_audit_on, lang))
            facts.append(t(lang, "reminders.audit_held", date=held))
        else:
            facts.append(t(lang, "reminders.audit_not_held"))
        parts.append("\n".join(facts))
        ahead = upcoming(schedule, today)[:HOME_MILESTONES]
        if ahead:
            lines = [milestone_line(m, today, lang) for m in ahead]
            parts.append(t(lang, "reminders.upcoming") + "\n" + "\n".join(lines))
        else:
            parts.append(t(lang, "reminders.cycle_over"))
    states = [
        _milestones_line(settings.of_kind("milestones"), lang),
        _recurring_line(settings.of_kind("daily"), "daily", lang),
        _recurring_line(settings.of_kind("monthly"), "monthly", lang),
        t(lang, "reminders.timezone_line", zone=escape(settings.timezone)),
    ]
    parts.append("\n".join(states))
    if settings.blocked:
        parts.append(t(lang, "reminders.blocked_note"))
    elif settings.paused:
        parts.append(t(lang, "reminders.paused_note"))
    return "\n\n".join(parts)


def home_keyboard(settings: ReminderSettings) -> InlineKeyboardMarkup:
    """Every action of the overview."""
    lang = settings.language
    if settings.certified_on is None:
        rows = [[button(lang, "btn_give_date", "date")]]
    else:
        rows = [
            [button(lang, "btn_date", "date"), button(lang, "btn_audit", "audit")],
            [button(lang, "btn_leads", "leads"), button(lang, "btn_time", "time", "ms")],
            [button(lang, "btn_timeline", "tl"), button(lang, "btn_calendar", "ics")],
        ]
    rows.append(
        [button(lang, "btn_daily", "rec", "daily"), button(lang, "btn_monthly", "rec", "monthly")]
    )
    if settings.reminders:
        pause_or_resume = (
            button(lang, "btn_resume", "resume")
            if settings.paused or settings.blocked
            else button(lang, "btn_pause", "pause")
        )
        rows.append([pause_or_resume, button(lang, "btn_delete", "del")])
    rows.append([button(lang, "btn_timezone", "tz")])
    return InlineKeyboardMarkup(rows)


def timeline(settings: ReminderSettings, schedule: tuple[Milestone, ...], today: date) -> str:
    """Every milestone of the cycle with its status and source."""
    lang = settings.language
    certified = escape(format_date(settings.certified_on or today, lang))
    parts = [t(lang, "reminders.timeline_title", date=certified)]
    for milestone in schedule:
        mark = "✅" if milestone.is_past(today) else "▫️"
        line = milestone_line(milestone, today, lang).removeprefix("• ")
        source = t(lang, "reminders.source", source=source_line(milestone.source))
        parts.append(f"{mark} {line}\n<i>{source}</i>")
    parts.append(f"<i>{t(lang, 'reminders.timeline_footer')}</i>")
    return "\n\n".join(parts)


def timeline_keyboard(lang: str) -> InlineKeyboardMarkup:
    """Under the timeline: the image, the calendar file, back."""
    return InlineKeyboardMarkup(
        [
            [button(lang, "btn_image", "img"), button(lang, "btn_calendar", "ics")],
            _back(lang),
        ]
    )


def leads_keyboard(settings: ReminderSettings) -> InlineKeyboardMarkup:
    """One toggle per lead time, two per row."""
    lang = settings.language
    view = settings.of_kind("milestones")
    chosen = set(view.lead_days) if view else set()
    buttons = [
        InlineKeyboardButton(
            f"{CHECKED if lead in chosen else UNCHECKED} {lead_phrase(lead, lang)}",
            callback_data=encode(REMINDERS, "lead", lead),
        )
        for lead in LEAD_CHOICES
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append(_back(lang))
    return InlineKeyboardMarkup(rows)


def time_keyboard(lang: str, target: str, current: time | None) -> InlineKeyboardMarkup:
    """Preset times for ``target`` (``ms``, ``daily`` or ``monthly``) and "other time"."""
    buttons = [
        InlineKeyboardButton(
            f"{CHECKED + ' ' if choice == current else ''}{clock(choice)}",
            callback_data=encode(REMINDERS, "at", target, choice.strftime("%H%M")),
        )
        for choice in TIME_CHOICES
    ]
    back = _back(lang) if target == "ms" else [button(lang, "btn_back", "rec", target)]
    return InlineKeyboardMarkup(
        [buttons[:3], buttons[3:], [button(lang, "btn_other_time", "type_time", target)], back]
    )


def recurring_screen(settings: ReminderSettings, kind: str) -> tuple[str, InlineKeyboardMarkup]:
    """The daily or monthly reminder: state, then time, day and content choices."""
    lang = settings.language
    view = settings.of_kind(kind)
    active = view is not None and view.active
    lines = [t(lang, f"reminders.{kind}_title", zone=escape(settings.timezone))]
    if view is not None and active:
        lines.append(t(lang, "reminders.status_on", time=clock(view.time_of_day)))
        if kind == "monthly":
            lines.append(t(lang, "reminders.status_day", day=day_phrase(view.day_of_month, lang)))
        lines.append(
            t(lang, "reminders.status_content", content=content_phrase(view.content, lang))
        )
    else:
        lines.append(t(lang, "reminders.status_off"))
    toggle = (
        button(lang, "btn_turn_off", "off", kind)
        if active
        else button(lang, "btn_turn_on", "on", kind)
    )
    rows = [[toggle, button(lang, "btn_time", "time", kind)]]
    if kind == "monthly":
        days = [
            InlineKeyboardButton(
                t(lang, "reminders.btn_day_last") if day == LAST_DAY else str(day),
                callback_data=encode(REMINDERS, "day", day),
            )
            for day in DAY_CHOICES
        ]
        rows += [days[:4], days[4:], [button(lang, "btn_other_day", "type_day")]]
    rows.append(
        [
            button(lang, "btn_content_next", "content", kind, "next"),
            button(lang, "btn_content_tip", "content", kind, "tip"),
        ]
    )
    rows.append(_back(lang))
    return "\n".join(lines), InlineKeyboardMarkup(rows)


def timezone_keyboard(lang: str, current: str) -> InlineKeyboardMarkup:
    """Time zones of mainland France and overseas, and "other"."""
    buttons = [
        InlineKeyboardButton(
            f"{CHECKED + ' ' if zone == current else ''}{zone}",
            callback_data=encode(REMINDERS, "zone", index),
        )
        for index, zone in enumerate(TIMEZONES)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows += [[button(lang, "btn_other_zone", "type_zone")], _back(lang)]
    return InlineKeyboardMarkup(rows)


def audit_keyboard(lang: str) -> InlineKeyboardMarkup:
    """Under the surveillance audit prompt: "not held yet", back."""
    return InlineKeyboardMarkup([[button(lang, "btn_not_held", "audit_clear")], _back(lang)])


def delete_keyboard(lang: str) -> InlineKeyboardMarkup:
    """Confirm or cancel deleting every reminder."""
    return InlineKeyboardMarkup(
        [[button(lang, "btn_delete_yes", "del_yes"), button(lang, "btn_delete_no", "home")]]
    )


def back_keyboard(lang: str) -> InlineKeyboardMarkup:
    """Only "back to the overview"."""
    return InlineKeyboardMarkup([_back(lang)])


def manage_keyboard(lang: str) -> InlineKeyboardMarkup:
    """Under a reminder message: open the reminder settings."""
    return InlineKeyboardMarkup([[button(lang, "btn_manage", "home")]])
