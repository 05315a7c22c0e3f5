"""Guided checklists end to end over HTTP with the Bot API double, on SQLite and PostgreSQL:
the list, profile questions, one item per message edited in place, notes, "why", pause,
double presses and old buttons, and results with the chart and the PDF."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.storage.models import ChecklistAnswer
from tests.botapi import BotApiDouble, FakeUser
from tests.e2e.checklist_steps import data_of, open_from_list, press, press_and_see
from tests.e2e.conftest import RunningBot

pytestmark = pytest.mark.e2e


async def answers_of(bot: RunningBot) -> dict[str, tuple[str, str | None]]:
    async with bot.services.db.uow() as uow:
        rows = await uow.session.scalars(select(ChecklistAnswer))
        return {row.item_id: (row.value, row.note) for row in rows}


async def set_profile(
    bot: RunningBot, user_id: int, categories: list[str], lang: str = "fr"
) -> None:
    async with bot.services.db.uow() as uow:
        user = await uow.users.get_or_create(user_id, lang, "Europe/Paris")
        user.action_categories = categories
        user.situations = []
        user.profile_done = True
        user.org_name = "Formations Éléonore"


async def test_the_list_shows_every_checklist_not_started(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    alice = double.user(2001, "Alice", language_code="fr")
    await alice.send("/checklist")
    [listing] = await alice.wait_reply()
    assert listing.text.startswith("📋 Vos checklists")
    assert listing.text.count("pas commencée") == 5
    assert listing.button_texts == [
        "▶ 1. Auto-évaluation complète Qualiopi",
        "▶ 2. Préparer l'audit initial",
        "▶ 3. Préparer l'audit de surveillance",
        "▶ 4. Documents d'une action de formation",
        "▶ 5. Accessibilité et handicap",
    ]


async def test_missing_profile_is_asked_then_items_come_one_per_message(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    alice = double.user(2002, "Alice", language_code="fr")
    step = await open_from_list(double, alice, "▶ 1.")
    assert "quelles catégories d'actions" in step.text
    toast = await press(alice, step, "Continuer ▶")
    assert toast == "Cochez au moins une catégorie d'actions."
    await press(alice, step, "actions de formation")
    await double.wait_for(lambda: "✅ actions de formation" in step.button_texts)
    await press_and_see(double, alice, step, "Continuer ▶", "l'une de ces situations")
    await press(alice, step, "formations certifiantes")
    await double.wait_for(lambda: "✅ formations certifiantes" in step.button_texts)
    await press_and_see(double, alice, step, "Continuer ▶", "1/25")
    assert "7 question(s) ne concernent pas votre profil" in step.text
    assert "Critère 1 : l'information du public" in step.text
    assert "Preuves attendues" in step.text
    assert step.button_texts == [
        "✅ Oui", "🟡 En partie", "❌ Non",
        "➖ Sans objet", "⏭ Passer",
        "💡 Pourquoi c'est important", "📝 Ajouter une note",
        "⏸ Pause",
    ]  # fmt: skip
    await press_and_see(double, alice, step, "🟡 En partie", "2/25")
    assert "⬅ Retour" in step.button_texts
    assert len(double.messages(alice.chat_id)) == 1, "the same message is edited in place"
    await press_and_see(double, alice, step, "⬅ Retour", "1/25")
    assert "Votre réponse : en partie" in step.text
    assert "• 🟡 En partie" in step.button_texts
    assert await answers_of(running_bot) == {"i1": ("partly", None)}


async def test_a_double_press_and_an_old_button_are_handled_once(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    await set_profile(running_bot, 2003, ["training"])
    bob = double.user(2003, "Bob", language_code="fr")
    step = await open_from_list(double, bob, "▶ 4.")
    assert "1/17" in step.text
    no_on_first = data_of(step, "❌ Non")
    first = await bob.press(step, no_on_first, forge=True)
    second = await bob.press(step, no_on_first, forge=True)
    answers = [await bob.wait_answer(first), await bob.wait_answer(second)]
    await double.wait_for(lambda: "2/17" in step.text)
    assert sorted(a.text or "" for a in answers) == [
        "", "Déjà pris en compte : voici où vous en êtes."
    ]  # fmt: skip
    await press_and_see(double, bob, step, "✅ Oui", "3/17")
    stale = await bob.press(step, no_on_first, forge=True)
    assert (await bob.wait_answer(stale)).text.startswith("Déjà pris en compte")
    assert "3/17" in step.text
    assert await answers_of(running_bot) == {
        "programme": ("no", None),
        "pre-information": ("yes", None),
    }


async def test_why_this_matters_and_a_note(double: BotApiDouble, running_bot: RunningBot) -> None:
    await set_profile(running_bot, 2004, ["training"], "en")
    carla = double.user(2004, "Carla", language_code="en")
    step = await open_from_list(double, carla, "▶ 1.")
    assert "1/22" in step.text
    await press(carla, step, "💡 Why this matters")
    card, again = await carla.wait_reply(2)
    assert card.text.startswith("Indicator 1")
    assert "1/22" in again.text and "✅ Yes" in again.button_texts
    await double.wait_for(lambda: not step.button_texts, description="old keyboard removed")
    await press_and_see(double, carla, again, "📝 Add a note", "Type your note")
    await carla.send("Our website is being rebuilt")
    saved, item = await carla.wait_reply(2)
    assert saved.text == "📝 Note saved."
    assert "Your note: Our website is being rebuilt" in item.text
    await press_and_see(double, carla, item, "✅ Yes", "2/22")
    assert await answers_of(running_bot) == {"i1": ("yes", "Our website is being rebuilt")}


async def test_a_note_that_is_too_long_is_refused_politely(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    await set_profile(running_bot, 2005, ["vae"], "en")
    dan = double.user(2005, "Dan", language_code="en")
    step = await open_from_list(double, dan, "▶ 5.")
    await press_and_see(double, dan, step, "📝 Add a note", "Type your note")
    await dan.send("x" * 1001)
    [refusal] = await dan.wait_reply()
    assert refusal.text.startswith("Your note is empty or too long")
    await dan.send("Referent named in January")
    saved, _item = await dan.wait_reply(2)
    assert saved.text == "📝 Note saved."


async def test_pause_then_resume_from_the_list(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    await set_profile(running_bot, 2006, ["training"])
    eve = double.user(2006, "Eve", language_code="fr")
    step = await open_from_list(double, eve, "▶ 4.")
    await press_and_see(double, eve, step, "✅ Oui", "2/17")
    await press_and_see(double, eve, step, "⏸ Pause", "en pause à la question 2/17")
    await eve.send("/checklist")
    [listing] = await eve.wait_reply()
    assert "Documents d'une action de formation — en pause, 1/17 réponses" in listing.text
    assert "↺ Recommencer 4" in listing.button_texts
    await press_and_see(double, eve, listing, "▶ 4. Documents d'une action de formation", "2/17")


async def results_of(double: BotApiDouble, user: FakeUser) -> list:
    """The messages of the results: summary, gaps (one or more), chart, report."""

    def sent() -> list | None:
        messages = double.messages(user.chat_id)
        done = messages and messages[-1].file and messages[-1].file.kind != "photo"
        return messages if done else None

    messages = await double.wait_for(sent, timeout=15, description="the PDF report")
    start = next(i for i, m in enumerate(messages) if (m.text or "").startswith("📊"))
    return messages[start:]


async def run_to_the_end(double: BotApiDouble, user: FakeUser, step, total: int) -> None:
    labels = ["✅ Oui", "❌ Non", "🟡 En partie", "➖ Sans objet", "⏭ Passer"]
    for position in range(1, total):
        await press_and_see(double, user, step, labels[position % 5], f"{position + 1}/{total}")
    await press_and_see(double, user, step, "✅ Oui", "Checklist terminée")


async def test_finishing_sends_the_summary_the_gaps_the_chart_and_the_pdf(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    await set_profile(running_bot, 2007, ["training"])
    fay = double.user(2007, "Fay", language_code="fr")
    step = await open_from_list(double, fay, "▶ 4.")
    await run_to_the_end(double, fay, step, 17)
    summary, *gaps, chart, report = await results_of(double, fay)
    assert summary.text.startswith("📊 Résultats : Documents d'une action de formation")
    assert "Préparation globale : " in summary.text
    assert "Avant l'action — " in summary.text
    assert gaps[0].text.startswith("Écarts à traiter (")
    assert "À faire : " in gaps[0].text and "Preuves attendues" in gaps[0].text
    assert gaps[-1].button_texts == ["📋 Toutes les checklists"]
    assert chart.file.kind == "photo" and chart.file.content.startswith(b"\x89PNG")
    assert report.file.filename.startswith("qualibot-training-documents-")
    assert report.file.content.startswith(b"%PDF")
    assert report.caption.startswith("Le rapport complet")
    await fay.send("/checklist")
    [listing] = await fay.wait_reply()
    assert "Documents d'une action de formation — terminée" in listing.text
    await press(fay, listing, "📊 Résultats 4")
    again = await fay.wait_reply(len(gaps) + 3, timeout=15)
    assert again[0].text == summary.text
    assert again[-1].file.filename == report.file.filename
