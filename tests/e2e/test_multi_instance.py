"""Two ``qualibot run --webhook`` processes on one PostgreSQL database, behind one webhook
address: updates go to each instance in turn, and both reminder dispatchers run.

Nothing is lost, crossed or sent twice: checklist answers of two people pressing at the same
time through alternating instances all land on the right run, a language chosen on one
instance is the language the other speaks, a first contact arriving at both at once creates
one user, and every reminder is delivered exactly once.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update

from bot.storage.models import ChecklistAnswer, ChecklistRun, Delivery, User
from bot.storage.repositories.deliveries import NewDelivery
from bot.storage.types import utcnow
from bot.storage.uow import Database
from tests.botapi import BotApiDouble, FakeUser
from tests.e2e.botprocess import SECRET, SECRET_HEADER, BotProcess, WebhookRelay, bot_processes
from tests.e2e.checklist_steps import open_from_list, press
from tests.e2e.test_reminders import set_certification

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.heavy]
ANSWER_LABELS = {"yes": "✅ Oui", "partly": "🟡 En partie", "no": "❌ Non"}
BULK_MESSAGES = 300
CHATS = 100


@pytest.fixture
async def db(pg_url: str):
    database = Database(pg_url)
    await database.upgrade()
    yield database
    await database.close()


@pytest.fixture
async def two_instances(double: BotApiDouble, pg_url: str, db: Database, tmp_path: Path):
    async with bot_processes(double, pg_url, tmp_path, count=2, QUALIBOT_SEND_RATE="60") as bots:
        async with WebhookRelay(double, [bot.webhook_url for bot in bots]) as relay:
            yield bots, relay
        for bot in bots:
            assert await bot.stop() == 0, bot.stderr[-3000:]
            assert "Traceback" not in bot.stderr, bot.stderr[-3000:]


async def set_profile(db: Database, user_id: int) -> None:
    async with db.uow() as uow:
        user = await uow.users.get_or_create(user_id, "fr", "Europe/Paris")
        user.action_categories = ["training"]
        user.situations = []
        user.profile_done = True


async def answer_whole_checklist(double: BotApiDouble, user: FakeUser, pattern: list[str]) -> int:
    """Open checklist 4 and answer each item with the next value of ``pattern``."""
    step = await open_from_list(double, user, "▶ 4.")
    total = int(step.text.split("1/", 1)[1].split()[0].rstrip(".,:"))
    for number in range(1, total + 1):
        value = pattern[(number - 1) % len(pattern)]
        await double.wait_for(lambda n=number: f"{n}/{total}" in step.text, timeout=15)
        await press(user, step, ANSWER_LABELS[value])
    await double.wait_for(lambda: f"{total}/{total}" not in step.text, timeout=15)
    return total


async def stored_answers(db: Database, user_id: int) -> list[str]:
    async with db.uow() as uow:
        runs = (
            await uow.session.scalars(select(ChecklistRun).where(ChecklistRun.user_id == user_id))
        ).all()
        assert len(runs) == 1, "one run per person"
        answers = await uow.session.scalars(
            select(ChecklistAnswer)
            .where(ChecklistAnswer.run_id == runs[0].id)
            .order_by(ChecklistAnswer.answered_at)
        )
        return [answer.value for answer in answers]


def served_by_both(relay: WebhookRelay, bots: list[BotProcess]) -> bool:
    return {entry.target for entry in relay.accepted} == {bot.webhook_url for bot in bots}


async def test_checklist_answers_through_alternating_instances_are_all_kept(
    double: BotApiDouble, db: Database, two_instances
) -> None:
    bots, relay = two_instances
    await set_profile(db, 4001)
    await set_profile(db, 4002)
    alice = double.user(4001, "Alice", language_code="fr")
    bob = double.user(4002, "Bob", language_code="fr")
    alice_pattern, bob_pattern = ["yes", "no", "partly"], ["no", "partly", "yes", "yes"]

    totals = await asyncio.gather(
        answer_whole_checklist(double, alice, alice_pattern),
        answer_whole_checklist(double, bob, bob_pattern),
    )

    assert served_by_both(relay, bots)
    for user_id, pattern, total in (
        (4001, alice_pattern, totals[0]),
        (4002, bob_pattern, totals[1]),
    ):
        expected = [pattern[i % len(pattern)] for i in range(total)]
        assert await stored_answers(db, user_id) == expected


async def test_a_language_chosen_on_one_instance_is_spoken_by_the_other(
    double: BotApiDouble, db: Database, two_instances
) -> None:
    _bots, relay = two_instances
    carol = double.user(4003, "Carol", language_code="en")
    await carol.send("/start")
    [welcome] = await carol.wait_reply(timeout=15)
    assert welcome.text.startswith("Hello Carol")
    query = await carol.press(welcome, "🇫🇷 Français")
    await carol.wait_answer(query, timeout=15)
    await double.wait_for(lambda: welcome.text.startswith("Bonjour Carol"), timeout=15)
    for _ in range(2):
        await carol.send("/help")
        [help_text] = await carol.wait_reply(timeout=15)
        assert help_text.text.startswith("Ce que je sais faire")

    targets = [entry.target for entry in relay.accepted]
    assert len(set(targets[-4:])) == 2, "the last updates went to both instances"
    async with db.uow() as uow:
        assert (await uow.users.get(4003)).language == "fr"


async def test_a_first_contact_reaching_both_instances_at_once_creates_one_user(
    double: BotApiDouble, db: Database, two_instances
) -> None:
    bots, _relay = two_instances
    dan = double.user(4004, "Dan", language_code="fr")
    updates = []
    for text in ("Bonjour", "Qu'est-ce que Qualiopi ?"):
        dan.local.send(text)
        updates.append(double.api.updates.pending[-1])
    double.api.updates.confirm(updates[-1]["update_id"] + 1)  # delivered by hand below

    async with httpx.AsyncClient(timeout=10) as client:
        statuses = await asyncio.gather(
            *(
                client.post(bot.webhook_url, json=update, headers={SECRET_HEADER: SECRET})
                for bot, update in zip(bots, updates, strict=True)
            )
        )
    assert [response.status_code for response in statuses] == [200, 200]

    replies = await dan.wait_reply(2, timeout=15)
    error_words = ("erreur", "souci", "problème")
    assert not any(word in reply.text.lower() for reply in replies for word in error_words)
    async with db.uow() as uow:
        users = (await uow.session.scalars(select(User).where(User.id == 4004))).all()
    assert len(users) == 1


async def test_both_dispatchers_deliver_every_reminder_exactly_once(
    double: BotApiDouble, db: Database, two_instances
) -> None:
    people = [double.user(4100 + n, f"P{n}", language_code="fr") for n in range(CHATS)]
    async with db.uow() as uow:
        for person in people:
            await uow.users.get_or_create(person.id, "fr", "Europe/Paris")
    for person in people:
        double.api.private_chat(person.local.identity)  # as if they had written before
    now = utcnow()
    rows = [
        NewDelivery(
            key=f"bulk:{n}",
            user_id=people[n % CHATS].id,
            chat_id=people[n % CHATS].chat_id,
            due_at=now - timedelta(seconds=1),
            payload={"text": f"Message numéro {n}"},
        )
        for n in range(BULK_MESSAGES)
    ]
    async with db.uow() as uow:
        assert await uow.deliveries.add_many(rows) == BULK_MESSAGES

    await wait_until_sent(db, "bulk:%", BULK_MESSAGES)
    await asyncio.sleep(3)  # both dispatchers get another turn: nothing more may be sent

    sent_texts = Counter(
        call.params["text"]
        for call in double.calls_to("sendMessage")
        if str(call.params.get("text", "")).startswith("Message numéro")
    )
    assert len(sent_texts) == BULK_MESSAGES
    assert set(sent_texts.values()) == {1}, "no message twice"
    async with db.uow() as uow:
        workers = set(
            await uow.session.scalars(
                select(Delivery.claimed_by).where(Delivery.key.like("bulk:%"))
            )
        )
    assert len(workers) == 2, "both instances took part"


async def wait_until_sent(db: Database, key_pattern: str, count: int) -> None:
    deadline = asyncio.get_running_loop().time() + 20
    while True:
        async with db.uow() as uow:
            statuses = Counter(
                await uow.session.scalars(
                    select(Delivery.status).where(Delivery.key.like(key_pattern))
                )
            )
        if statuses["sent"] == count:
            return
        assert asyncio.get_running_loop().time() < deadline, f"still {statuses}"
        await asyncio.sleep(0.3)


async def test_milestone_reminders_set_up_through_both_instances_arrive_once(
    double: BotApiDouble, db: Database, two_instances
) -> None:
    erin = double.user(4200, "Erin", language_code="fr")
    await set_certification(double, erin, "2026-01-15")
    async with db.uow() as uow:
        pending = await uow.session.scalars(
            select(Delivery.id)
            .where(Delivery.user_id == erin.id, Delivery.status == "pending")
            .order_by(Delivery.due_at)
            .limit(3)
        )
        due = list(pending)
        await uow.session.execute(
            update(Delivery)
            .where(Delivery.id.in_(due))
            .values(due_at=utcnow() - timedelta(seconds=1))
        )
    assert len(due) == 3

    await wait_until_sent(db, "ms:%", 3)
    await asyncio.sleep(3)  # another turn of both dispatchers
    reminders = [m for m in double.messages(erin.chat_id) if m.text.startswith("🔔")]
    assert len(reminders) == 3
