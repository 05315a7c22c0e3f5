"""Questions: ``/ask``, plain text (routed here by inputs and groups), and answer buttons."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.core.knowledge.model import Entry
from bot.core.matching.result import AMBIGUOUS, ANSWER, GREETING, THANKS
from bot.services.answers import MAX_QUESTION_CHARS
from bot.services.users import UserView
from bot.telegram.callbacks import CallbackData, matches
from bot.telegram.context import BotContext
from bot.telegram.handlers.common import current_user, pressed, reply, stale
from bot.telegram.i18n import t
from bot.telegram.render import keyboards
from bot.telegram.render.entries import answer_card, details_card
from bot.telegram.render.text import escape


async def answer_question(
    update: Update, context: BotContext, text: str, user: UserView | None = None
) -> None:
    """Match ``text``, log it, and reply with the answer, suggestions or a polite decline."""
    user = user or await current_user(update, context)
    lang = user.language
    answers = context.services.answers
    if answers.is_too_long(text):
        await reply(update, escape(t(lang, "answers.too_long", limit=MAX_QUESTION_CHARS)))
        return
    chat_type = update.effective_chat.type if update.effective_chat else "private"
    answer = await answers.ask(user.id, chat_type, text, lang)
    result, question_id = answer.result, answer.question_id
    if result.outcome == ANSWER and result.entry is not None:
        keyboard = keyboards.answer_keyboard(result.entry, answers.base, lang, question_id)
        await reply(update, answer_card(result.entry, answers.base, lang), keyboard)
    elif result.outcome in (GREETING, THANKS):
        await reply(update, escape(t(lang, f"answers.{result.outcome}")))
    elif result.outcome == AMBIGUOUS and result.suggestions:
        keyboard = keyboards.suggestions_keyboard(result.suggestions, lang, question_id)
        key = "answers.did_you_mean" if len(result.suggestions) > 1 else "answers.did_you_mean_one"
        await reply(update, escape(t(lang, key)), keyboard)
    else:
        suggestions = result.suggestions or answers.starters()
        keyboard = keyboards.suggestions_keyboard(suggestions, lang, question_id, browse=True)
        await reply(update, escape(t(lang, "answers.decline")), keyboard)


async def on_ask(update: Update, context: BotContext) -> None:
    """``/ask <question>``; without a question, explain how to ask."""
    text = " ".join(context.args or ())
    if text.strip():
        await answer_question(update, context, text)
        return
    user = await current_user(update, context)
    await reply(update, escape(t(user.language, "answers.ask_usage")))


async def _pressed_entry(
    update: Update, context: BotContext, *, needs_details: bool = False
) -> tuple[CallbackData, UserView, Entry] | None:
    """The entry named by the pressed button, with the press acknowledged.

    None, after the stale notice, when the entry no longer exists (or, with
    ``needs_details``, has no longer explanation).
    """
    query, data = pressed(update)
    user = await current_user(update, context)
    entry = context.services.answers.entry(data.arg(0)) if data else None
    if data is None or entry is None or (needs_details and entry.details is None):
        await stale(query, user.language)
        return None
    await query.answer()
    return data, user, entry


async def on_pick(update: Update, context: BotContext) -> None:
    """A "did you mean" or suggestion button: answer with that entry, feedback on the question."""
    found = await _pressed_entry(update, context)
    if found is None:
        return
    data, user, entry = found
    answers = context.services.answers
    keyboard = keyboards.answer_keyboard(entry, answers.base, user.language, data.int_arg(1))
    await reply(update, answer_card(entry, answers.base, user.language), keyboard)


async def on_see_also(update: Update, context: BotContext) -> None:
    """A "see also" button: the related entry, in a new message."""
    found = await _pressed_entry(update, context)
    if found is None:
        return
    _, user, entry = found
    answers = context.services.answers
    keyboard = keyboards.answer_keyboard(entry, answers.base, user.language, None)
    await reply(update, answer_card(entry, answers.base, user.language), keyboard)


async def on_more(update: Update, context: BotContext) -> None:
    """The "more details" button: the entry's longer explanation."""
    found = await _pressed_entry(update, context, needs_details=True)
    if found is None:
        return
    _, user, entry = found
    await reply(update, details_card(entry, context.services.answers.base, user.language))


async def on_feedback(update: Update, context: BotContext) -> None:
    """👍 / 👎 under an answer: stored with the question; the buttons then disappear."""
    query, data = pressed(update)
    user = await current_user(update, context)
    question_id = data.int_arg(0) if data else None
    value = data.int_arg(1) if data else None
    if question_id is None or value not in (1, -1):
        await stale(query, user.language)
        return
    if not await context.services.answers.feedback(question_id, user.id, value):
        await query.answer(t(user.language, "answers.feedback_not_yours"))
        return
    await query.answer(t(user.language, "answers.feedback_thanks"))
    if query.message is not None:
        await query.edit_message_reply_markup(
            keyboards.without_feedback(query.message.reply_markup)
        )


def register(application: Application) -> None:
    """``/ask`` and the buttons under answers."""
    application.add_handler(CommandHandler("ask", on_ask))
    application.add_handler(CallbackQueryHandler(on_pick, pattern=matches(keyboards.PICK)))
    application.add_handler(CallbackQueryHandler(on_see_also, pattern=matches(keyboards.SEE)))
    application.add_handler(CallbackQueryHandler(on_more, pattern=matches(keyboards.MORE)))
    application.add_handler(CallbackQueryHandler(on_feedback, pattern=matches(keyboards.FEEDBACK)))
