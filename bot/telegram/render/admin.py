"""What admins see: statistics, missed questions, knowledge reloads and broadcasts."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.knowledge.base import KnowledgeBase
from bot.core.yamlsource import Problem
from bot.services.admin import MissGroup, Stats
from bot.services.broadcast import SEGMENTS, Draft, Progress
from bot.telegram.callbacks import encode
from bot.telegram.i18n import t
from bot.telegram.render.text import bold, escape, italic

BROADCAST = "bcast"
"""Callback action of the broadcast preview buttons: ``seg``, ``send`` and ``drop``."""
SEGMENT_KEYS = {
    "all": "admin.segment_all",
    "fr": "admin.segment_fr",
    "en": "admin.segment_en",
    "certified": "admin.segment_certified",
    "checklist": "admin.segment_checklist",
}
SEGMENTS_PER_ROW = 2
PROBLEMS_SHOWN = 40
BAR_WIDTH = 12
BAR = "▇"


def _percent(value: float) -> int:
    return round(value)


def _per_day(stats: Stats, lang: str) -> str:
    if not stats.questions_per_day:
        return escape(t(lang, "admin.stats_per_day_none"))
    busiest = max(count for _, count in stats.questions_per_day)
    lines = [escape(t(lang, "admin.stats_per_day"))]
    for day, count in stats.questions_per_day:
        bar = BAR * max(1, round(BAR_WIDTH * count / busiest))
        lines.append(f"<code>{escape(day)}</code> {bar} {count}")
    return "\n".join(lines)


def _feedback(stats: Stats, lang: str) -> str:
    given = stats.thumbs_up + stats.thumbs_down
    if not given:
        return escape(t(lang, "admin.stats_feedback_none"))
    return escape(
        t(
            lang,
            "admin.stats_feedback",
            up=stats.thumbs_up,
            down=stats.thumbs_down,
            positive=_percent(100 * stats.thumbs_up / given),
        )
    )


def stats_card(stats: Stats, lang: str) -> str:
    """Users, questions and their outcomes, feedback, checklists, reminders, questions per day."""
    lines = [
        t(
            lang,
            "admin.stats_users",
            total=stats.users,
            week=stats.active_7d,
            month=stats.active_30d,
        ),
        t(
            lang,
            "admin.stats_questions",
            count=stats.questions,
            answered=_percent(stats.share("answer")),
            ambiguous=_percent(stats.share("ambiguous")),
            declined=_percent(stats.share("decline")),
        ),
    ]
    checklists = t(
        lang,
        "admin.stats_checklists",
        started=stats.checklists_started,
        completed=stats.checklists_completed,
    )
    reminders = t(
        lang,
        "admin.stats_reminders",
        sent=stats.reminders.get("sent", 0),
        failed=stats.reminders.get("failed", 0),
        blocked=stats.reminders.get("blocked", 0),
    )
    parts = [
        bold(t(lang, "admin.stats_title")),
        "\n".join(escape(line) for line in lines) + "\n" + _feedback(stats, lang),
        "\n".join([escape(checklists), escape(reminders)]),
        _per_day(stats, lang),
    ]
    return "\n\n".join(parts)


def misses_card(groups: Sequence[MissGroup], days: int, lang: str) -> str:
    """The most frequent declined or disliked questions, each group with a few variants."""
    title = bold(t(lang, "admin.misses_title", days=days))
    if not groups:
        return f"{title}\n\n{escape(t(lang, 'admin.misses_none'))}"
    blocks = [title, italic(t(lang, "admin.misses_hint"))]
    for group in groups:
        lines = [f"<b>{group.count} ×</b> {escape(group.example)}"]
        lines += [f"    ~ {escape(variant)}" for variant in group.variants]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def misses_usage(lang: str) -> str:
    """How to give the period of ``/misses``."""
    return escape(t(lang, "admin.misses_usage"))


def reload_done(before: str, base: KnowledgeBase, lang: str) -> str:
    """The knowledge was reloaded (or found unchanged)."""
    if base.version == before:
        return escape(t(lang, "admin.reload_same", version=base.version))
    return escape(
        t(
            lang,
            "admin.reload_ok",
            version=base.version,
            previous=before,
            entries=len(base.entries),
            checklists=len(base.checklists),
        )
    )


def reload_refused(problems: Sequence[Problem], kept: str, lang: str) -> str:
    """The knowledge on disk is invalid: the ``file:line: message`` of each problem."""
    head = escape(t(lang, "admin.reload_failed", count=len(problems), version=kept))
    lines = [f"<code>{escape(str(problem))}</code>" for problem in problems[:PROBLEMS_SHOWN]]
    hidden = len(problems) - PROBLEMS_SHOWN
    if hidden > 0:
        lines.append(escape(t(lang, "admin.reload_more", count=hidden)))
    return head + "\n\n" + "\n".join(lines)


def segment_name(segment: str, lang: str) -> str:
    """The segment in words."""
    return t(lang, SEGMENT_KEYS[segment])


def broadcast_prompt(lang: str) -> str:
    """Ask for the message to broadcast."""
    return escape(t(lang, "admin.bc_prompt"))


def broadcast_too_long(length: int, limit: int, lang: str) -> str:
    """The message to broadcast is over the limit."""
    return escape(t(lang, "admin.bc_too_long", length=length, limit=limit))


def broadcast_preview(draft: Draft, lang: str) -> tuple[str, InlineKeyboardMarkup]:
    """The message exactly as recipients will see it, the recipients, and the buttons."""
    head = bold(t(lang, "admin.bc_preview_title", id=draft.id))
    to = t(
        lang,
        "admin.bc_preview_to",
        segment=segment_name(draft.segment, lang),
        count=draft.recipients,
    )
    footer = f"{escape(to)}\n{italic(t(lang, 'admin.bc_preview_choose'))}"
    html = f"{head}\n\n{draft.text}\n\n——————\n{footer}"
    return html, _preview_keyboard(draft, lang)


def _preview_keyboard(draft: Draft, lang: str) -> InlineKeyboardMarkup:
    segment_buttons = [
        InlineKeyboardButton(
            ("✅ " if segment == draft.segment else "")
            + f"{segment_name(segment, lang)} ({draft.sizes.get(segment, 0)})",
            callback_data=encode(BROADCAST, "seg", draft.id, segment),
        )
        for segment in SEGMENTS
    ]
    rows = [
        segment_buttons[index : index + SEGMENTS_PER_ROW]
        for index in range(0, len(segment_buttons), SEGMENTS_PER_ROW)
    ]
    rows.append(
        [
            InlineKeyboardButton(
                t(lang, "admin.btn_send", count=draft.recipients),
                callback_data=encode(BROADCAST, "send", draft.id),
            ),
            InlineKeyboardButton(
                t(lang, "admin.btn_cancel"), callback_data=encode(BROADCAST, "drop", draft.id)
            ),
        ]
    )
    return InlineKeyboardMarkup(rows)


def broadcast_cancelled(broadcast_id: int, lang: str) -> str:
    """The draft was dropped."""
    return escape(t(lang, "admin.bc_cancelled", id=broadcast_id))


def broadcast_progress(
    progress: Progress, lang: str, *, finished: bool = False, resumed: bool = False
) -> str:
    """Deliveries so far (edited in place while sending), or the final count."""
    segment = segment_name(progress.segment, lang)
    if finished:
        head = t(lang, "admin.bc_finished", id=progress.id, segment=segment, total=progress.total)
    else:
        head = t(
            lang,
            "admin.bc_progress",
            id=progress.id,
            segment=segment,
            done=progress.done,
            total=progress.total,
        )
    counts = t(
        lang,
        "admin.bc_counts",
        delivered=progress.delivered,
        blocked=progress.blocked,
        failed=progress.failed,
    )
    parts = [bold(head), escape(counts)]
    if resumed and not finished:
        parts.append(italic(t(lang, "admin.bc_resumed")))
    return "\n\n".join(parts)
