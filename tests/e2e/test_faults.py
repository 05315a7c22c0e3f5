"""Telegram misbehaving: bursts of 429, 5xx answers and timeouts from the Bot API double.

A user still gets exactly one answer (no apology for a failure that passed), button presses
still land, and a reminder burst through flood limits and errors is delivered exactly once.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

import pytest
from telegram.ext import Application
from telegram.request import HTTPXRequest

from bot.config import Settings
from bot.storage.repositories.deliveries import NewDelivery
from bot.storage.types import utcnow
from tests.botapi import BotApiDouble, FakeUser
from tests.e2e.conftest import BotFactory, Closable, RunningBot

pytestmark = pytest.mark.e2e
QUESTION = "Quelle est la date limite pour envoyer le BPF ?"
APOLOGY = "Désolé, quelque chose s'est mal passé"
SHORT_TIMEOUT = 0.5


@pytest.fixture(params=["sqlite"])
def database_url(request: pytest.FixtureRequest, sqlite_url: str) -> str:
    """Telegram's faults do not depend on the database: SQLite only, for speed."""
    return sqlite_url


async def ask(user: FakeUser, text: str, count: int = 1):
    await user.send(text)
    return await user.wait_reply(count, timeout=10)


def apologies(double: BotApiDouble, chat_id: int) -> list[str]:
    return [m.text for m in double.messages(chat_id) if m.text.startswith(APOLOGY)]


async def test_a_burst_of_429_delays_the_answer_but_never_doubles_it(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    alice = double.user(5001, "Alice", language_code="fr")
    double.fail_next("sendMessage", status=429, retry_after=1, times=2)
    [welcome] = await ask(alice, "/start")
    assert welcome.text.startswith("Bonjour Alice")
    await asyncio.sleep(0.5)
    assert len(double.messages(alice.chat_id)) == 1
    assert [c.status for c in double.calls_to("sendMessage")] == [429, 429, 200]


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_5xx_answers_are_retried_and_the_user_gets_the_answer(
    double: BotApiDouble, running_bot: RunningBot, status: int
) -> None:
    bob = double.user(5002, "Bob", language_code="fr")
    double.fail_next("sendMessage", status=status, times=2)
    [answer] = await ask(bob, QUESTION)
    assert answer.text.startswith("Le bilan pédagogique et financier (BPF)")
    assert apologies(double, bob.chat_id) == []
    assert len(double.messages(bob.chat_id)) == 1


async def test_a_press_lands_through_errors_on_edits_and_callback_answers(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    carol = double.user(5003, "Carol", language_code="en")
    [welcome] = await ask(carol, "/start")
    double.fail_next("editMessageText", status=502, times=2)
    double.fail_next("answerCallbackQuery", status=500)
    query = await carol.press(welcome, "🇫🇷 Français")
    await carol.wait_answer(query, timeout=10)
    await double.wait_for(lambda: welcome.text.startswith("Bonjour Carol"), timeout=10)
    assert (await running_bot.services.users.get(carol.id)).language == "fr"


async def test_a_telegram_outage_longer_than_the_retries_gets_an_apology_later(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    running_bot.allow_errors = True
    dan = double.user(5004, "Dan", language_code="fr")
    double.fail_next("sendMessage", status=502, times=4)
    [apology] = await ask(dan, QUESTION)
    assert apology.text.startswith(APOLOGY), "four failures outlast the three retries"
    [answer] = await ask(dan, QUESTION)
    assert answer.text.startswith("Le bilan pédagogique et financier (BPF)")


async def make_impatient_qualibot(settings: Settings) -> tuple[Application, Closable]:
    """Qualibot whose Bot API calls time out after half a second."""
    from bot.services.container import create_services
    from bot.telegram.app import build_application

    services = await create_services(settings)
    request = HTTPXRequest(connection_pool_size=64, read_timeout=SHORT_TIMEOUT)
    return build_application(services, request=request), services


@pytest.fixture
async def impatient_bot(e2e_settings: Settings):
    factory = BotFactory(e2e_settings, make=make_impatient_qualibot)
    yield await factory.start()
    await factory.stop_all()
    assert factory.unexpected_errors() == []


async def test_a_reply_that_times_out_is_not_repeated_nor_apologised_for(
    double: BotApiDouble, impatient_bot: RunningBot
) -> None:
    erin = double.user(5005, "Erin", language_code="fr")
    double.delay_next("sendMessage", SHORT_TIMEOUT * 3)
    [answer] = await ask(erin, QUESTION)
    await asyncio.sleep(SHORT_TIMEOUT * 4)
    assert answer.text.startswith("Le bilan pédagogique et financier (BPF)")
    assert len(double.messages(erin.chat_id)) == 1, "sent once: Telegram did get it"
    [second] = await ask(erin, "/help")
    assert second.text.startswith("Ce que je sais faire"), "the bot carries on"


async def test_an_edit_that_times_out_is_tried_again(
    double: BotApiDouble, impatient_bot: RunningBot
) -> None:
    fay = double.user(5006, "Fay", language_code="en")
    [welcome] = await ask(fay, "/start")
    double.delay_next("editMessageText", SHORT_TIMEOUT * 3)
    double.fail_next("editMessageText", status=504)
    query = await fay.press(welcome, "🇫🇷 Français")
    await fay.wait_answer(query, timeout=10)
    await double.wait_for(lambda: welcome.text.startswith("Bonjour Fay"), timeout=10)
    assert len(double.messages(fay.chat_id)) == 1


async def test_a_reminder_burst_through_flood_limits_and_5xx_is_delivered_exactly_once(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    people = [double.user(5100 + n, f"P{n}", language_code="fr") for n in range(40)]
    async with running_bot.services.db.uow() as uow:
        for person in people:
            await uow.users.get_or_create(person.id, "fr", "Europe/Paris")
    for person in people:
        double.api.private_chat(person.local.identity)
    rows = [
        NewDelivery(
            key=f"burst:{n}",
            user_id=people[n % len(people)].id,
            chat_id=people[n % len(people)].chat_id,
            due_at=utcnow() - timedelta(seconds=1),
            payload={"text": f"Rappel numéro {n}"},
        )
        for n in range(80)
    ]
    double.limit_rate("sendMessage", per_second=25)
    double.fail_next("sendMessage", status=502, times=3)
    double.fail_next("sendMessage", status=500, times=3)
    async with running_bot.services.db.uow() as uow:
        await uow.deliveries.add_many(rows)

    async def counts() -> dict[str, int]:
        async with running_bot.services.db.uow() as uow:
            return await uow.deliveries.counts()

    for _ in range(200):
        if (await counts()).get("sent") == len(rows):
            break
        await asyncio.sleep(0.1)
    assert await counts() == {"sent": len(rows)}
    delivered = Counter(
        call.params["text"]
        for call in double.calls_to("sendMessage")
        if call.status == 200 and str(call.params.get("text", "")).startswith("Rappel")
    )
    assert len(delivered) == len(rows) and set(delivered.values()) == {1}
    refused = [c.status for c in double.calls_to("sendMessage") if c.status != 200]
    assert refused.count(502) == 3 and refused.count(500) == 3
