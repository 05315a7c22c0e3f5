"""``/broadcast`` end to end: preview, segments, confirmation, progress edited in place, the
final count of delivered, blocked and failed messages, and a restart in the middle of sending
that resumes without sending anyone the message twice."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.services.broadcast import BROADCAST_MAX_CHARS
from bot.storage.models import Delivery
from bot.telegram.callbacks import encode
from tests.botapi import BotApiDouble, FakeUser
from tests.e2e.conftest import ADMIN_ID, BotFactory, RunningBot

pytestmark = pytest.mark.e2e
SENDING_WAIT = 20.0


async def users(
    double: BotApiDouble, bot: RunningBot, ids: range | list[int], lang: str = "fr"
) -> list[FakeUser]:
    """People who have talked to the bot before (known to it and to Telegram)."""
    people = []
    for user_id in ids:
        person = double.user(user_id, f"User {user_id}", language_code=lang)
        assert person.local.private_chat is not None, "they opened the chat with the bot"
        await bot.services.users.contact(user_id, lang)
        people.append(person)
    return people


def copies(double: BotApiDouble, chat_id: int, text: str) -> int:
    """How many times the bot sent ``text`` to a chat."""
    return sum(message.text == text for message in double.messages(chat_id))


async def press(double: BotApiDouble, user: FakeUser, message, button: str, until) -> None:
    query = await user.press(message, button)
    await user.wait_answer(query)
    await double.wait_for(until, description=f"the effect of pressing {button!r}")


async def test_a_broadcast_is_previewed_then_sent_to_the_chosen_segment_and_counted(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    [french] = await users(double, running_bot, [5201])
    english, blocker = await users(double, running_bot, [5202, 5203], lang="en")
    await running_bot.services.users.contact(5204, "en")
    blocker.block()
    admin = double.user(ADMIN_ID, "Ada", language_code="fr")
    text = "Nouvelle version du guide : <b>lisez-la</b> !"

    await admin.send(f"/broadcast {text}")
    [preview] = await admin.wait_reply()

    assert preview.text.startswith("📣 Aperçu de la diffusion n° 1")
    assert f"\n\n{text}\n\n" in preview.text, "shown exactly as typed"
    assert "Destinataires : Tous — 5 personne(s)." in preview.text
    assert preview.button_texts == [
        "✅ Tous (5)",
        "Francophones (2)",
        "Anglophones (3)",
        "Date de certification (0)",
        "Autodiagnostic en cours (0)",
        "📤 Envoyer à 5",
        "Annuler",
    ]
    await press(
        double,
        admin,
        preview,
        "Anglophones (3)",
        lambda: "✅ Anglophones (3)" in preview.button_texts,
    )
    assert "Destinataires : Anglophones — 3 personne(s)." in preview.text

    await press(double, admin, preview, "📤 Envoyer à 3", lambda: not preview.button_texts)
    assert preview.text.startswith("📤 Diffusion n° 1 en cours (Anglophones) : ")
    await double.wait_for(
        lambda: preview.text.startswith("✅ Diffusion n° 1 terminée"),
        timeout=SENDING_WAIT,
        description="the final count",
    )

    assert preview.text == (
        "✅ Diffusion n° 1 terminée (Anglophones) : 3 destinataire(s)\n\n"
        "Délivrés : 1\nBloqués (bot bloqué) : 1\nÉchecs : 1"
    )
    assert copies(double, english.chat_id, text) == 1
    assert copies(double, french.chat_id, text) == 0
    assert copies(double, admin.chat_id, text) == 0
    assert (await running_bot.services.users.get(blocker.id)) is not None
    async with running_bot.services.db.uow() as uow:
        [row] = await uow.deliveries.by_keys([f"bc:1:{blocker.id}"])
        assert row.status == "blocked"
        assert (await uow.users.get(blocker.id)).blocked_at is not None

    again = await admin.press(preview, encode("bcast", "send", 1), forge=True)
    assert (await admin.wait_answer(again)).text == "Cette diffusion est déjà lancée ou annulée."


async def test_the_text_can_come_after_the_command_and_a_draft_can_be_dropped(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    [reader] = await users(double, running_bot, [5301])
    admin = double.user(ADMIN_ID, "Ada", language_code="fr")

    await admin.send("/broadcast")
    [prompt] = await admin.wait_reply()
    assert prompt.text.startswith("📣 Envoyez-moi le message à diffuser")
    for too_long in ("x" * (BROADCAST_MAX_CHARS + 1), f"/broadcast {'y' * 4000}"):
        await admin.send(too_long)
        [refusal] = await admin.wait_reply()
        assert refusal.text.startswith("Ce message fait ")
        assert f"caractères ; le maximum est {BROADCAST_MAX_CHARS}." in refusal.text
    await admin.send("Webinaire jeudi à 11 h")
    [preview] = await admin.wait_reply()
    assert "Webinaire jeudi à 11 h" in preview.text

    await press(
        double,
        admin,
        preview,
        "Date de certification (0)",
        lambda: "📤 Envoyer à 0" in preview.button_texts,
    )
    nobody = await admin.press(preview, "📤 Envoyer à 0")
    assert (await admin.wait_answer(nobody)).text.startswith("Personne dans ce groupe")
    await press(double, admin, preview, "Annuler", lambda: not preview.button_texts)

    assert preview.text == "Diffusion n° 1 annulée : rien n'a été envoyé."
    segment = await admin.press(preview, encode("bcast", "seg", 1, "all"), forge=True)
    assert (await admin.wait_answer(segment)).text == "Cette diffusion est déjà lancée ou annulée."
    async with running_bot.services.db.uow() as uow:
        assert await uow.session.scalar(select(func.count()).select_from(Delivery)) == 0
    assert double.messages(reader.chat_id) == []


async def test_a_broadcast_interrupted_by_a_restart_resumes_without_duplicates(
    double: BotApiDouble, bot_factory: BotFactory
) -> None:
    bot = await bot_factory.start(send_rate=4.0)
    readers = await users(double, bot, range(5401, 5441))
    admin = double.user(ADMIN_ID, "Ada", language_code="fr")
    text = "Le nouveau référentiel est publié."
    await admin.send(f"/broadcast {text}")
    [preview] = await admin.wait_reply()
    await press(double, admin, preview, "📤 Envoyer à 41", lambda: not preview.button_texts)
    await double.wait_for(
        lambda: sum(copies(double, reader.chat_id, text) for reader in readers) >= 5,
        timeout=SENDING_WAIT,
        description="the first deliveries",
    )

    await bot_factory.stop(bot)
    async with bot.services.db.uow() as uow:
        statuses = await uow.broadcasts.delivery_counts(1)
    assert 0 < statuses.get("sent", 0) < 41, "stopped in the middle"
    assert "claimed" not in statuses, "unsent rows were put back"
    progress_before_restart = preview.text
    assert progress_before_restart.startswith("📤 Diffusion n° 1 en cours")

    await bot_factory.start(send_rate=4.0)
    final = await double.wait_for(
        lambda: [m for m in double.messages(admin.chat_id) if "terminée" in m.text],
        timeout=SENDING_WAIT,
        description="the final count after the restart",
    )

    assert final[0].text == (
        "✅ Diffusion n° 1 terminée (Tous) : 41 destinataire(s)\n\n"
        "Délivrés : 41\nBloqués (bot bloqué) : 0\nÉchecs : 0"
    )
    assert any("Envoi repris après un redémarrage" in old.text for old in final[0].history)
    assert all(copies(double, reader.chat_id, text) == 1 for reader in readers)
    assert copies(double, admin.chat_id, text) == 1
    sends = [call for call in double.calls_to("sendMessage") if call.params.get("text") == text]
    assert len(sends) == 41, "not one message sent twice to Telegram"
