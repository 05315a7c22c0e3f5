"""Inline mode: ``@bot query`` in any chat lists up to 10 matching entries as articles."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import ParseMode
from telegram.ext import Application, InlineQueryHandler

from bot.core.knowledge.base import KnowledgeBase
from bot.core.knowledge.model import Entry
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import language, one_message
from bot.telegram.render.entries import answer_card, summary

RESULTS_MAX = 10
CACHE_SECONDS = 60


def article(entry: Entry, base: KnowledgeBase, lang: str) -> InlineQueryResultArticle:
    """One entry as an inline result; choosing it posts the answer with its sources."""
    return InlineQueryResultArticle(
        id=entry.id,
        title=entry.title.get(lang),
        description=summary(entry, lang),
        input_message_content=InputTextMessageContent(
            one_message(answer_card(entry, base, lang), lang),
            parse_mode=ParseMode.HTML,
        ),
    )


def _entries(context: BotContext, query: str, lang: str) -> list[Entry]:
    answers = context.services.answers
    if not query.strip():
        criteria = (answers.base.criterion(number) for number in range(1, 8))
        return [entry for entry in criteria if entry is not None]
    found = (answers.entry(s.entry_id) for s in answers.search(query, lang, RESULTS_MAX))
    return [entry for entry in found if entry is not None]


async def on_inline_query(update: Update, context: BotContext) -> None:
    """Answer the query with matching entries in the user's language (criteria when empty)."""
    inline = update.inline_query
    if inline is None:
        return
    lang = await language(update, context)
    base = context.services.answers.base
    results = [article(entry, base, lang) for entry in _entries(context, inline.query, lang)]
    await inline.answer(results[:RESULTS_MAX], cache_time=CACHE_SECONDS, is_personal=True)


def register(application: Application) -> None:
    """Inline queries."""
    application.add_handler(InlineQueryHandler(on_inline_query))
