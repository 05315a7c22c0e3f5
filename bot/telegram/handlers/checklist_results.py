"""Checklist results in the chat: the summary, the gaps, the chart (PNG) and the report (PDF)."""

from __future__ import annotations

from telegram import InputFile, Update
from telegram.constants import ChatAction

from bot.telegram.context import BotContext
from bot.telegram.i18n import t
from bot.telegram.render import checklist_results as render
from bot.telegram.render.checklist import list_keyboard
from bot.telegram.render.text import escape


async def send_results(
    update: Update, context: BotContext, user_id: int, lang: str, run_id: int
) -> bool:
    """Send the results of a run; False when the run is not the user's any more."""
    results = await context.services.checklists.results(user_id, run_id)
    chat = update.effective_chat
    if results is None or chat is None:
        return False
    bot = context.bot
    await bot.send_message(chat.id, render.summary(results, lang))
    chunks = render.gaps(results, lang)
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        await bot.send_message(chat.id, chunk, reply_markup=list_keyboard(lang) if last else None)
    await bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    files = await context.services.checklists.report(results, lang)
    title = results.checklist.title.get(lang)
    await bot.send_photo(
        chat.id,
        InputFile(files.chart_png, filename="readiness.png"),
        caption=escape(t(lang, "checklist.chart_caption", title=title)),
    )
    await bot.send_document(
        chat.id,
        InputFile(files.pdf, filename=files.pdf_name),
        caption=escape(t(lang, "checklist.pdf_caption")),
    )
    return True
