"""Commands and navigation end to end: criteria browsing in place, indicators, deep links,
the profile conversation (surviving a restart), language, help and cancel."""

from __future__ import annotations

from datetime import date

import pytest

from tests.botapi import BotApiDouble, FakeUser
from tests.e2e.conftest import BotFactory, RunningBot

pytestmark = pytest.mark.e2e


async def ask(user: FakeUser, text: str):
    await user.send(text)
    [answer] = await user.wait_reply()
    return answer


async def press_and_wait(double: BotApiDouble, user: FakeUser, message, button: str, until):
    query = await user.press(message, button)
    await user.wait_answer(query)
    await double.wait_for(until, description=f"the effect of pressing {button!r}")


async def test_criteria_are_browsed_by_editing_one_message(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    alice = double.user(2001, "Alice", language_code="fr")
    browser = await ask(alice, "/criteria")
    assert browser.text.startswith("Les 7 critères Qualiopi")
    assert len(browser.button_texts) == 7
    criterion_5 = next(label for label in browser.button_texts if label.startswith("Critère 5"))
    await press_and_wait(
        double, alice, browser, criterion_5, lambda: browser.text.startswith("Critère 5")
    )
    assert browser.button_texts == ["Indicateur 21", "Indicateur 22", "↩ Les 7 critères"]
    await press_and_wait(
        double, alice, browser, "Indicateur 22", lambda: browser.text.startswith("Indicateur 22")
    )
    assert "Texte officiel" in browser.text and "Erreurs fréquentes" in browser.text
    assert browser.button_texts[-2:] == ["↩ Critère 5", "↩ Les 7 critères"]
    await press_and_wait(
        double, alice, browser, "↩ Critère 5", lambda: browser.text.startswith("Critère 5")
    )
    await press_and_wait(
        double, alice, browser, "↩ Les 7 critères", lambda: browser.text.startswith("Les 7")
    )
    assert len(double.messages(alice.chat_id)) == 1, "browsing never adds a message"
    assert len(browser.history) == 4


async def test_indicator_22_shows_the_full_card(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    bob = double.user(2002, "Bob", language_code="en")
    card = await ask(bob, "/indicator 22")
    assert card.text.startswith("Indicator 22")
    for heading in ("Official wording (French)", "Possible evidence", "Frequent mistakes"):
        assert heading in card.text
    assert "Framework: RNQ 32 indicators" in card.text
    assert "↩ Criterion 5" in card.button_texts


async def test_a_wrong_indicator_number_offers_the_list(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    alice = double.user(2003, "Alice", language_code="fr")
    grid = await ask(alice, "/indicator 99")
    assert grid.text.startswith("Les indicateurs sont numérotés de 1 à 32")
    assert grid.button_texts == [str(n) for n in range(1, 33)]
    await press_and_wait(double, alice, grid, "7", lambda: grid.text.startswith("Indicateur 7"))


async def test_deep_links_open_the_right_place(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    alice = double.user(2004, "Alice", language_code="fr")
    card = await ask(alice, "/start indicator_22")
    assert card.text.startswith("Indicateur 22")
    checklist = await ask(alice, "/start checklist_initial-audit")
    assert not checklist.text.startswith("Bon retour"), "handed to the checklists"
    unknown = await ask(alice, "/start nonsense_1")
    assert unknown.text.startswith("Bon retour Alice"), "an unknown link just welcomes"


async def _press_on_last(double: BotApiDouble, user: FakeUser, button: str) -> None:
    """Press a button of the bot's last message and wait until that message is edited."""
    last = double.messages(user.chat_id)[-1]
    edits = len(last.history)
    query = await user.press(last, button)
    await user.wait_answer(query)
    await double.wait_for(lambda: len(last.history) > edits, description="the edit")


async def test_the_profile_conversation_survives_a_restart(
    double: BotApiDouble, bot_factory: BotFactory
) -> None:
    bot = await bot_factory.start()
    alice = double.user(2005, "Alice", language_code="fr")
    welcome = await ask(alice, "/start")
    await alice.press(welcome, "📝 Décrire mon organisme")
    [prompt] = await alice.wait_reply()
    assert prompt.text.startswith("Quel est le nom de votre organisme")
    assert welcome.text.startswith("Bonjour Alice"), "the welcome stays"
    bot = await bot_factory.restart(bot)
    saved = await alice.send("Formations <Dupont> & Fils")
    [confirmation, categories] = await alice.wait_reply(2)
    assert saved and confirmation.text == "C'est noté : Formations <Dupont> & Fils."
    await press_and_wait(
        double, alice, categories, "▫️ VAE", lambda: "✅ VAE" in categories.button_texts
    )
    await press_and_wait(
        double,
        alice,
        categories,
        "Suivant ➡",
        lambda: categories.text.startswith("Êtes-vous dans l'une de ces situations"),
    )
    await press_and_wait(
        double,
        alice,
        categories,
        "▫️ sous-traitance",
        lambda: "✅ sous-traitance" in categories.button_texts,
    )
    await press_and_wait(
        double,
        alice,
        categories,
        "Suivant ➡",
        lambda: categories.text.startswith("Quand avez-vous été certifié"),
    )
    refused = await ask(alice, "31/02/2025")
    assert refused.text.startswith("Cette date n'existe pas")
    done = await ask(alice, "15 janvier 2025")
    assert done.text.startswith("Merci, votre profil est enregistré")
    assert "15 janvier 2025" in done.text and "Formations <Dupont> & Fils" in done.text
    user = await bot.services.users.get(2005)
    assert (user.org_name, user.action_categories, user.situations) == (
        "Formations <Dupont> & Fils",
        ("vae",),
        ("subcontracting",),
    )
    assert (user.certified_on, user.profile_done, user.awaiting) == (date(2025, 1, 15), True, None)


async def test_every_profile_step_can_be_skipped(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    bob = double.user(2006, "Bob", language_code="en")
    summary = await ask(bob, "/profile")
    assert summary.text.startswith("Your profile is not filled in yet")
    await bob.press(summary, "✏️ Fill in or change")
    await bob.wait_reply()
    await _press_on_last(double, bob, "Skip ⏭")
    await _press_on_last(double, bob, "Next ➡")
    await _press_on_last(double, bob, "Next ➡")
    await _press_on_last(double, bob, "Skip ⏭")
    summary = double.messages(bob.chat_id)[-1]
    await double.wait_for(lambda: summary.text.startswith("Thank you, your profile is saved"))
    question = await ask(bob, "bpf deadline")
    assert question.text.startswith("The annual training report (BPF)"), "no input pending"


async def test_cancel_stops_waiting_for_typed_input(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    alice = double.user(2007, "Alice", language_code="fr")
    summary = await ask(alice, "/profile")
    await alice.press(summary, "✏️ Remplir ou modifier")
    await alice.wait_reply()
    cancelled = await ask(alice, "/cancel")
    assert cancelled.text == "Saisie annulée."
    answer = await ask(alice, "indicateur 22")
    assert answer.text.startswith("Indicateur 22"), "the text is a question again"
    assert (await running_bot.services.users.get(2007)).org_name is None
    assert (await ask(alice, "/cancel")).text == "Il n'y avait rien à annuler."


async def test_language_is_remembered(double: BotApiDouble, running_bot: RunningBot) -> None:
    alice = double.user(2008, "Alice", language_code="fr")
    chooser = await ask(alice, "/language")
    assert chooser.text.startswith("Langue actuelle : 🇫🇷 Français")
    await press_and_wait(
        double, alice, chooser, "🇬🇧 English", lambda: chooser.text.startswith("Done")
    )
    answer = await ask(alice, "indicateur 22")
    assert answer.text.startswith("Indicator 22")


async def test_help_unknown_commands_and_stickers(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    bob = double.user(2009, "Bob", language_code="en")
    help_text = await ask(bob, "/help")
    assert help_text.text.startswith("What I can do") and "/indicator 22" in help_text.text
    unknown = await ask(bob, "/frobnicate")
    assert unknown.text.startswith("I don't know this command")
    usage = await ask(bob, "/ask")
    assert usage.text.startswith("Type your question after the command")
