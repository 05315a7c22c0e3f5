"""The e2e harness runs a real python-telegram-bot Application over HTTP against the double."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import Forbidden, RetryAfter
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.config import Settings
from tests.botapi import TEST_TOKEN, BotApiDouble
from tests.e2e.conftest import BotFactory, RunningBot

pytestmark = pytest.mark.e2e


async def greet(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    name = html.escape(update.effective_user.first_name)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Oui", callback_data="yes")]])
    await update.message.reply_html(f"<b>Bonjour</b> {name} ! Prêt ?", reply_markup=keyboard)


async def answer_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.callback_query.answer("Noté")
    await update.callback_query.edit_message_text("Merci !")


async def send_report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_document(b"%PDF-1.4", filename="rapport.pdf", caption="Rapport")


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text(update.message.text)


async def make_tiny_bot(settings: Settings) -> tuple[Application, None]:
    """A small Application built inline, independent of Qualibot's handlers."""
    application = (
        Application.builder().token(settings.token).base_url(settings.api_base_url).build()
    )
    application.add_handler(CommandHandler("start", greet))
    application.add_handler(CommandHandler("report", send_report))
    application.add_handler(CallbackQueryHandler(answer_press))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return application, None


@pytest.fixture
async def tiny_factory(double: BotApiDouble) -> AsyncIterator[BotFactory]:
    factory = BotFactory(Settings(token=TEST_TOKEN, api_base_url=double.base_url), make_tiny_bot)
    yield factory
    await factory.stop_all()


@pytest.fixture
async def tiny_bot(tiny_factory: BotFactory) -> RunningBot:
    return await tiny_factory.start()


async def test_command_reply_button_press_and_edit(
    double: BotApiDouble, tiny_bot: RunningBot
) -> None:
    camille = double.user(1001, "Camille <3", language_code="fr")
    await camille.send("/start")
    [question] = await camille.wait_reply()
    assert question.text == "Bonjour Camille <3 ! Prêt ?"
    assert question.source == "<b>Bonjour</b> Camille &lt;3 ! Prêt ?"
    assert question.button_texts == ["Oui"]
    press = await camille.press(question, "Oui")
    answer = await camille.wait_answer(press)
    assert answer.text == "Noté"
    await double.wait_for(lambda: question.text == "Merci !")
    assert question.buttons == [] and [r.text for r in question.history] == [
        "Bonjour Camille <3 ! Prêt ?"
    ]


async def test_documents_travel_as_multipart(double: BotApiDouble, tiny_bot: RunningBot) -> None:
    paul = double.user(1002, "Paul")
    await paul.send("/report")
    [message] = await paul.wait_reply()
    assert message.caption == "Rapport"
    [document] = double.documents(1002)
    assert (document.filename, document.content) == ("rapport.pdf", b"%PDF-1.4")
    [call] = double.calls_to("sendDocument")
    assert "document" in call.files


async def test_a_restarted_bot_does_not_process_updates_twice(
    double: BotApiDouble, tiny_factory: BotFactory, tiny_bot: RunningBot
) -> None:
    ines = double.user(1003, "Inès")
    await ines.send("un")
    await ines.wait_reply()
    await tiny_factory.restart(tiny_bot)
    await ines.send("deux")
    await ines.wait_reply()
    assert [m.text for m in double.messages(1003)] == ["un", "deux"]


async def test_updates_sent_while_the_bot_is_down_are_processed_after_restart(
    double: BotApiDouble, tiny_factory: BotFactory, tiny_bot: RunningBot
) -> None:
    await tiny_factory.stop(tiny_bot)
    ines = double.user(1003, "Inès")
    await ines.send("pendant la coupure")
    await tiny_factory.start()
    [reply] = await ines.wait_reply()
    assert reply.text == "pendant la coupure"


async def test_scripted_faults_reach_handlers_as_ptb_errors(
    double: BotApiDouble, tiny_bot: RunningBot
) -> None:
    tiny_bot.allow_errors = True
    camille = double.user(1001, "Camille")
    double.fail_next("sendMessage", status=429, retry_after=7)
    await camille.send("premier")
    [error] = await double.wait_for(lambda: tiny_bot.errors)
    assert isinstance(error, RetryAfter)
    assert double.calls_to("sendMessage")[0].response["parameters"] == {"retry_after": 7}
    double.fail_next("sendMessage", status=403)
    await camille.send("second")
    await double.wait_for(lambda: len(tiny_bot.errors) == 2)
    assert isinstance(tiny_bot.errors[1], Forbidden)
    assert double.messages(1001) == []


async def test_qualibot_application_starts_on_the_harness(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    """Smoke test of the real Application: post_init ran and /start is answered in French."""
    assert double.commands("fr"), "the command menu is published at start-up"
    camille = double.user(1001, "Camille", language_code="fr")
    await camille.send("/start")
    [welcome] = await camille.wait_reply()
    assert "Camille" in welcome.text
    assert double.calls_to("getUpdates")[-1].param("allowed_updates") == list(Update.ALL_TYPES)
