"""Knowledge entries as HTML: answers, indicator and criterion cards, the criteria overview."""

from __future__ import annotations

from bot.core.knowledge.base import KnowledgeBase
from bot.core.knowledge.model import Entry
from bot.telegram.i18n import t
from bot.telegram.render.text import (
    blocks,
    bold,
    bullet_list,
    escape,
    format_date,
    italic,
    source_line,
)

PARAGRAPH = "\n\n"


def framework_label(entry: Entry, base: KnowledgeBase, lang: str) -> str | None:
    """The framework version an entry describes, when it describes one."""
    if entry.framework:
        for version in base.versions:
            if version.id == entry.framework:
                return version.label.get(lang)
    if entry.indicator or entry.criterion:
        return base.framework_label(lang)
    return None


def footer(entry: Entry, base: KnowledgeBase, lang: str) -> list[str]:
    """Framework version, sources and review date, shown under every answer."""
    parts: list[str] = []
    label = framework_label(entry, base, lang)
    if label:
        parts.append(italic(t(lang, "answers.framework", label=label)))
    sources = "\n".join(f"• {source_line(source)}" for source in entry.sources)
    parts.append(f"{bold(t(lang, 'answers.sources'))}\n{sources}")
    parts.append(italic(t(lang, "answers.reviewed", date=format_date(entry.reviewed, lang))))
    return parts


def answer_card(entry: Entry, base: KnowledgeBase, lang: str) -> str:
    """The answer to a question: title, answer, then the footer."""
    parts = [bold(entry.title.get(lang)), *blocks(entry.answer.get(lang))]
    return PARAGRAPH.join([*parts, *footer(entry, base, lang)])


def details_card(entry: Entry, base: KnowledgeBase, lang: str) -> str:
    """The longer explanation of an entry (only for entries that have one)."""
    details = entry.details.get(lang) if entry.details else ""
    parts = [bold(entry.title.get(lang)), *blocks(details)]
    return PARAGRAPH.join([*parts, *footer(entry, base, lang)])


def _section(lang: str, key: str, body: str) -> str:
    return f"{bold(t(lang, key))}\n{body}"


def indicator_card(entry: Entry, base: KnowledgeBase, lang: str) -> str:
    """Everything about one indicator: official wording, explanation, evidence, mistakes."""
    info = entry.indicator
    if info is None:
        return answer_card(entry, base, lang)
    meta = t(
        lang,
        "indicator.meta",
        criterion=info.criterion,
        scope=t(lang, f"indicator.scope_{info.scope}"),
        grading=t(lang, f"indicator.nc_{info.nc_grading.replace('-', '_')}"),
    )
    parts = [
        bold(entry.title.get(lang)),
        italic(meta),
        f"{bold(t(lang, 'indicator.wording'))}\n<blockquote>{escape(info.wording_fr)}</blockquote>",
        *blocks(entry.answer.get(lang)),
        _section(lang, "indicator.expected_level", escape(info.expected_level.get(lang))),
        _section(lang, "indicator.evidence", bullet_list(info.evidence.get(lang))),
        _section(lang, "indicator.mistakes", bullet_list(info.mistakes.get(lang))),
        _section(lang, "indicator.new_entrant", escape(info.new_entrant.text.get(lang))),
    ]
    return PARAGRAPH.join([*parts, *footer(entry, base, lang)])


def criterion_card(entry: Entry, base: KnowledgeBase, lang: str) -> str:
    """One criterion: official title, explanation and its indicators."""
    info = entry.criterion
    parts = [bold(entry.title.get(lang))]
    if info is not None:
        parts.append(f"<blockquote>{escape(info.title_fr)}</blockquote>")
    parts.extend(blocks(entry.answer.get(lang)))
    return PARAGRAPH.join([*parts, *footer(entry, base, lang)])


def criteria_overview(base: KnowledgeBase, lang: str) -> str:
    """The 7 criteria, one line each, with how many indicators they hold."""
    lines = []
    for number in range(1, 8):
        entry = base.criterion(number)
        if entry is None or entry.criterion is None:
            continue
        count = len(entry.criterion.indicators)
        lines.append(
            f"• {escape(entry.title.get(lang))} "
            f"({t(lang, 'criteria.indicator_count', count=count)})"
        )
    intro = t(lang, "criteria.intro", label=base.framework_label(lang))
    return PARAGRAPH.join([bold(t(lang, "criteria.title")), escape(intro), "\n".join(lines)])


def summary(entry: Entry, lang: str, limit: int = 120) -> str:
    """The first sentence-ish of an answer, as plain text (inline results)."""
    first = " ".join(entry.answer.get(lang).split())
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"
