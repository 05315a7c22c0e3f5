"""Answers end to end: welcome, questions, suggestions, declines, feedback, bad input.

Runs on SQLite and on PostgreSQL (the ``database_url`` fixture behind ``running_bot``).
"""

from __future__ import annotations

import logging

import pytest

from bot.storage.models import Question
from tests.botapi import TEST_TOKEN, BotApiDouble, FakeUser
from tests.e2e.conftest import RunningBot

pytestmark = pytest.mark.e2e

TELEGRAM_LIMIT = 4096


async def questions_of(bot: RunningBot, user_id: int) -> list[Question]:
    async with bot.services.db.uow() as uow:
        return await uow.questions.for_user(user_id)


async def ask(user: FakeUser, text: str):
    await user.send(text)
    [answer] = await user.wait_reply()
    return answer


async def test_start_in_french(double: BotApiDouble, running_bot: RunningBot) -> None:
    alice = double.user(1001, "Alice", language_code="fr-FR")
    welcome = await ask(alice, "/start")
    assert welcome.text.startswith("Bonjour Alice")
    assert "/checklist" in welcome.text and "/reminders" in welcome.text
    assert welcome.button_texts == [
        "🇫🇷 Français",
        "🇬🇧 English",
        "📝 Décrire mon organisme",
        "Plus tard",
    ]
    assert (await running_bot.services.users.get(1001)).language == "fr"


async def test_start_in_english_and_switching_to_french(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    bob = double.user(1002, "Bob", language_code="en-GB")
    welcome = await ask(bob, "/start")
    assert welcome.text.startswith("Hello Bob")
    assert "/checklist" in welcome.text and "/reminders" in welcome.text
    press = await bob.press(welcome, "🇫🇷 Français")
    await bob.wait_answer(press)
    await double.wait_for(lambda: welcome.text.startswith("Bonjour Bob"))
    assert len(double.messages(bob.chat_id)) == 1, "the welcome is redrawn, not repeated"
    assert (await running_bot.services.users.get(1002)).language == "fr"


async def test_command_menus_are_registered_in_french_and_english(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    french = {c["command"]: c["description"] for c in double.commands("fr")}
    english = {c["command"]: c["description"] for c in double.commands("en")}
    assert french.keys() == english.keys() >= {"start", "ask", "indicator", "criteria", "forget"}
    assert french["forget"] == "Supprimer toutes vos données"
    assert english["forget"] == "Delete all your data"
    assert double.commands("") == double.commands("fr"), "other languages get French"


async def test_a_question_is_answered_with_sources_and_buttons(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    alice = double.user(1003, "Alice", language_code="fr")
    answer = await ask(alice, "Quelle est la date limite pour envoyer le BPF ?")
    assert answer.text.startswith("Le bilan pédagogique et financier (BPF)")
    assert "Sources" in answer.text
    assert answer.text.rstrip().endswith("Vérifié le 28 novembre 2026")
    assert any(label.startswith("↪ ") for label in answer.button_texts), "see also"
    assert answer.button_texts[-2:] == ["👍 Utile", "👎 Pas utile"]
    [logged] = await questions_of(running_bot, 1003)
    assert (logged.outcome, logged.entry_id) == ("answer", "bpf")


async def test_ask_command_and_see_also(double: BotApiDouble, running_bot: RunningBot) -> None:
    bob = double.user(1004, "Bob", language_code="en")
    answer = await ask(bob, "/ask what is indicator 22")
    assert answer.text.startswith("Indicator 22")
    related = next(label for label in answer.button_texts if label.startswith("↪ "))
    await bob.press(answer, related)
    [more] = await bob.wait_reply()
    assert more.text.startswith(related.removeprefix("↪ ").rstrip("…"))
    assert "Sources" in more.text


async def test_a_misspelt_question_still_finds_its_answer(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    alice = double.user(1005, "Alice", language_code="fr")
    answer = await ask(alice, "bpf datte limte")
    assert answer.text.startswith("Le bilan pédagogique et financier (BPF)")


async def test_an_ambiguous_question_offers_choices_and_a_choice_answers(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    matcher = running_bot.services.knowledge.matcher
    candidates = [
        "actions correctives",
        "diagnostic",
        "certification professionnelle",
        "audit",
        "handicap",
        "sous-traitance",
        "preuves",
        "satisfaction",
        "formateur",
        "CPF",
    ]
    question = next(
        q
        for q in candidates
        if (result := matcher.match(q, "fr")).outcome == "ambiguous" and len(result.suggestions) > 1
    )
    alice = double.user(1006, "Alice", language_code="fr")
    choices = await ask(alice, question)
    assert "plusieurs sujets" in choices.text
    assert len(choices.button_texts) >= 2
    picked = choices.button_texts[0]
    press = await alice.press(choices, picked)
    [answer] = await alice.wait_reply()
    await alice.wait_answer(press)
    assert answer.text.startswith(picked.rstrip("…"))
    assert answer.button_texts[-2:] == ["👍 Utile", "👎 Pas utile"]
    await alice.press(answer, "👍 Utile")
    await double.wait_for(lambda: "👍 Utile" not in answer.button_texts)
    [logged] = await questions_of(running_bot, 1006)
    assert (logged.outcome, logged.feedback) == ("ambiguous", 1)


async def test_an_unknown_question_is_declined_politely_with_suggestions(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    bob = double.user(1007, "Bob", language_code="en")
    decline = await ask(bob, "what is the best apple pie recipe")
    assert decline.text.startswith("Sorry, I don't have a reliable answer")
    assert "📚 Browse the criteria" in decline.button_texts
    assert len(decline.button_texts) >= 2, "suggestions besides browsing"
    [logged] = await questions_of(running_bot, 1007)
    assert logged.outcome == "decline"


async def test_feedback_is_stored_with_the_question_and_the_buttons_go(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    alice = double.user(1008, "Alice", language_code="fr")
    answer = await ask(alice, "indicateur 22")
    see_also = [label for label in answer.button_texts if label.startswith("↪ ")]
    press = await alice.press(answer, "👎 Pas utile")
    assert (await alice.wait_answer(press)).text == "Merci pour votre avis !"
    await double.wait_for(lambda: "👎 Pas utile" not in answer.button_texts)
    assert answer.button_texts == see_also, "only the feedback buttons are removed"
    [logged] = await questions_of(running_bot, 1008)
    assert logged.feedback == -1 and logged.feedback_at is not None


async def test_small_talk_gets_a_short_reply(double: BotApiDouble, running_bot: RunningBot) -> None:
    alice = double.user(1009, "Alice", language_code="fr")
    hello = await ask(alice, "bonjour")
    assert hello.text.startswith("Bonjour 👋")
    assert await questions_of(running_bot, 1009) == []


@pytest.mark.parametrize(
    "forged",
    ["garbage", "0|pick|bpf", "1|pick|no-such-entry", "1|fb|999999|1", "1|fb|1|7", "1|zzz|1"],
)
async def test_a_forged_or_stale_button_gets_a_short_notice(
    double: BotApiDouble, running_bot: RunningBot, forged: str
) -> None:
    alice = double.user(1010, "Alice", language_code="fr")
    answer = await ask(alice, "indicateur 22")
    press = await alice.press(answer, forged, forge=True)
    notice = await alice.wait_answer(press)
    assert notice.text in (
        "Ce bouton n'est plus valable. Relancez la commande.",
        "Seule la personne qui a posé la question peut donner son avis.",
    )
    still = await ask(alice, "bpf date limite")
    assert still.text.startswith("Le bilan pédagogique et financier (BPF)")


async def test_a_5000_character_message_gets_a_polite_answer(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    bob = double.user(1011, "Bob", language_code="en")
    reply = await ask(bob, "audit " * 834)
    assert reply.text.startswith("Your message is too long for me (1000 characters at most)")
    assert all(len(m.text or "") <= TELEGRAM_LIMIT for m in double.messages(bob.chat_id))


async def test_a_flood_is_slowed_down_politely(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    alice = double.user(1012, "Alice", language_code="fr")
    for _ in range(12):
        await alice.send("indicateur 22")
    await double.wait_for(
        lambda: any(m.text.startswith("Doucement") for m in double.messages(alice.chat_id))
    )
    notices = [m for m in double.messages(alice.chat_id) if m.text.startswith("Doucement")]
    answers = [m for m in double.messages(alice.chat_id) if m.text.startswith("Indicateur 22")]
    assert len(notices) == 1
    assert 5 <= len(answers) < 12


async def test_a_failure_is_logged_without_secrets_and_the_bot_goes_on(
    double: BotApiDouble, running_bot: RunningBot, caplog: pytest.LogCaptureFixture
) -> None:
    running_bot.allow_errors = True
    alice = double.user(1013, "Alice", language_code="fr")
    double.fail_next("sendMessage", status=400, description="Bad Request: chat not found")
    with caplog.at_level(logging.ERROR, logger="bot.telegram.handlers.errors"):
        await alice.send("date limite du bpf secret-question")
        [apology] = await alice.wait_reply()
    assert (
        apology.text
        == "Désolé, quelque chose s'est mal passé de mon côté. Réessayez dans un instant."
    )
    logged = caplog.text
    assert "handler failed" in logged
    assert TEST_TOKEN not in logged and "secret-question" not in logged
    answer = await ask(alice, "indicateur 22")
    assert answer.text.startswith("Indicateur 22")
