"""The terminal chat shows the conversation readably and drives the bot line by line."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.telegram.i18n import t
from bot.telegram.localapi import LocalBotApi, Upload
from bot.telegram.terminal import (
    TERMINAL_TOKEN,
    TerminalChat,
    TerminalRequest,
    terminal_language,
)
from bot.telegram.transcript import Transcript

REPO_ROOT = Path(__file__).resolve().parents[2]
KEYBOARD = json.dumps(
    {
        "inline_keyboard": [
            [{"text": "Oui", "callback_data": "y"}, {"text": "Non", "callback_data": "n"}]
        ]
    }
)


class TtyOutput(io.StringIO):
    """Captured output that claims to be a terminal."""

    def isatty(self) -> bool:
        return True


def files_in(directory: Path) -> list[Path]:
    return sorted(directory.iterdir())


def chat_with(api: LocalBotApi, out: io.StringIO, tmp_path: Path, *, ansi: bool = False) -> None:
    api.user(1, "Camille", language_code="fr").send("bonjour")
    api.subscribe(Transcript(out, "fr", ansi=ansi, files_dir=tmp_path, bot_name="Qualibot"))


async def test_html_is_printed_as_readable_text_with_numbered_buttons(tmp_path: Path) -> None:
    api, out = LocalBotApi(), io.StringIO()
    chat_with(api, out, tmp_path)
    text = '<b>Indicateur 4</b>\nVoir <a href="https://x.fr">le guide</a> &amp; co'
    await api.call(
        "sendMessage",
        {"chat_id": 1, "text": text, "parse_mode": "HTML", "reply_markup": KEYBOARD},
    )
    assert out.getvalue() == (
        "Qualibot › Indicateur 4\n  Voir le guide (https://x.fr) & co\n  [1] Oui   [2] Non\n"
    )


async def test_bold_uses_ansi_only_on_a_terminal(tmp_path: Path) -> None:
    api, out = LocalBotApi(), TtyOutput()
    chat_with(api, out, tmp_path, ansi=True)
    await api.call("sendMessage", {"chat_id": 1, "text": "<b>gras</b>", "parse_mode": "HTML"})
    assert "\x1b[1mgras\x1b[22m" in out.getvalue()


async def test_edits_deletions_and_notifications_are_shown(tmp_path: Path) -> None:
    api, out = LocalBotApi(), io.StringIO()
    chat_with(api, out, tmp_path)
    sent = await api.call("sendMessage", {"chat_id": 1, "text": "Question"})
    message_id = sent.body["result"]["message_id"]
    await api.call("editMessageText", {"chat_id": 1, "message_id": message_id, "text": "Merci"})
    await api.call("deleteMessage", {"chat_id": 1, "message_id": message_id})
    assert out.getvalue().splitlines() == [
        "Qualibot › Question",
        "Qualibot (modifié) › Merci",
        "  (message supprimé)",
    ]


async def test_a_keyboard_only_edit_is_a_short_note(tmp_path: Path) -> None:
    api, out = LocalBotApi(), io.StringIO()
    transcript = Transcript(out, "en", ansi=False, files_dir=tmp_path, bot_name="Qualibot")
    api.user(1, "Camille").send("hello")
    api.subscribe(transcript)
    sent = await api.call("sendMessage", {"chat_id": 1, "text": "Ready?", "reply_markup": KEYBOARD})
    assert transcript.choice("2") == {"text": "Non", "callback_data": "n"}
    message_id = sent.body["result"]["message_id"]
    await api.call("editMessageReplyMarkup", {"chat_id": 1, "message_id": message_id})
    assert out.getvalue().splitlines()[-1] == "  (buttons removed)"
    assert transcript.choice("2") is None, "a number is plain text once the buttons are gone"


async def test_files_are_saved_and_their_path_printed(tmp_path: Path) -> None:
    api, out = LocalBotApi(), io.StringIO()
    chat_with(api, out, tmp_path)
    upload = Upload("../mes données.json", b'{"a": 1}', "application/json")
    await api.call("sendDocument", {"chat_id": 1, "caption": "Vos données"}, {"document": upload})
    [saved] = files_in(tmp_path)
    assert saved.name == "2-mes_donn_es.json" and saved.read_bytes() == b'{"a": 1}'
    assert f"fichier enregistré : {saved}" in out.getvalue()


def test_language_comes_from_the_option_then_the_locale() -> None:
    assert terminal_language("en", {"LANG": "fr_FR.UTF-8"}) == "en"
    assert terminal_language(None, {"LANG": "en_GB.UTF-8"}) == "en"
    assert terminal_language(None, {"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US"}) == "fr"
    assert terminal_language(None, {"LANG": "C.UTF-8"}) == "fr", "French first"


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Oui", callback_data="y"),
                InlineKeyboardButton("Non", callback_data="n"),
            ]
        ]
    )
    await update.message.reply_text("Prêt ?", reply_markup=keyboard)


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    choice = update.callback_query.data
    await update.callback_query.answer(f"Noté : {choice}")
    await update.callback_query.edit_message_text(f"Réponse : {choice}")


async def typed(*lines: str) -> AsyncIterator[str]:
    for line in lines:
        yield line


async def test_a_typed_number_presses_the_button_and_quit_ends(tmp_path: Path) -> None:
    api, out = LocalBotApi(bot_id=1000000001, username="QualibotLocalBot"), io.StringIO()
    application = (
        Application.builder()
        .token(TERMINAL_TOKEN)
        .request(TerminalRequest(api))
        .get_updates_request(TerminalRequest(api))
        .build()
    )
    application.add_handler(CommandHandler("start", ask))
    application.add_handler(CallbackQueryHandler(answer))
    transcript = Transcript(out, "fr", ansi=False, files_dir=tmp_path, bot_name="Qualibot")
    api.subscribe(transcript)
    chat = TerminalChat(application, api.user(1, "Camille", language_code="fr"), transcript)
    await chat.run(typed("/start", "2", "/quit", "/start"), echo=True)
    assert out.getvalue().splitlines() == [
        "vous › /start",
        "Qualibot › Prêt ?",
        "  [1] Oui   [2] Non",
        "vous › 2",
        "  ⓘ Noté : n",
        "Qualibot (modifié) › Réponse : n",
    ]
    assert not application.running, "the chat stops the application when it ends"


def run_cli(tmp_path: Path, *args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "LC_", "LOG_LEVEL"))
    }
    env.update(
        PYTHONPATH=str(REPO_ROOT),
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'chat.sqlite3'}",
        LANG="fr_FR.UTF-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "bot", *args, "--name", "Camille"],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
        check=False,
    )


def test_piped_chat_answers_start_with_the_greeting(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "chat", stdin="/start\n/quit\n")
    assert result.returncode == 0, result.stderr
    assert "vous › /start" in result.stdout
    assert t("fr", "start.welcome_new", name="Camille") in result.stdout


def test_run_without_a_token_explains_botfather_and_starts_the_chat(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "run", stdin="/start\n")
    assert result.returncode == 0, result.stderr
    [notice] = [line for line in result.stderr.splitlines() if "TELEGRAM_BOT_TOKEN" in line]
    assert "@BotFather" in notice
    assert t("fr", "start.welcome_new", name="Camille") in result.stdout
