"""Privacy end to end: /privacy explains, /mydata sends everything as JSON, /forget
deletes every row about the user in every table (reminders included)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time

import pytest
from sqlalchemy import func, select

from bot.storage.models import (
    USER_TABLES,
    ChecklistAnswer,
    ChecklistRun,
    Delivery,
    Reminder,
)
from tests.botapi import BotApiDouble, FakeUser
from tests.e2e.conftest import RunningBot

pytestmark = pytest.mark.e2e


async def ask(user: FakeUser, text: str):
    await user.send(text)
    [answer] = await user.wait_reply()
    return answer


async def rows_about(bot: RunningBot, user_id: int) -> dict[str, int]:
    """How many rows of each table in USER_TABLES are about the user."""
    counts = {}
    async with bot.services.db.uow() as uow:
        for model in USER_TABLES:
            table = model.__table__
            if table.name == "users":
                query = select(func.count()).select_from(table).where(table.c.id == user_id)
            elif "user_id" in table.c:
                query = select(func.count()).select_from(table).where(table.c.user_id == user_id)
            else:
                query = (
                    select(func.count())
                    .select_from(ChecklistAnswer)
                    .join(ChecklistRun)
                    .where(ChecklistRun.user_id == user_id)
                )
            counts[table.name] = await uow.session.scalar(query)
    return counts


async def give_checklist_and_reminder(bot: RunningBot, user_id: int) -> None:
    """Rows the checklist and reminder features would write."""
    async with bot.services.db.uow() as uow:
        run = ChecklistRun(user_id=user_id, checklist_id="initial-audit")
        reminder = Reminder(user_id=user_id, chat_id=user_id, kind="daily", time_of_day=time(9))
        uow.session.add_all([run, reminder])
        await uow.session.flush()
        uow.session.add_all(
            [
                ChecklistAnswer(run_id=run.id, item_id="ind-1", value="partly", note="à revoir"),
                Delivery(
                    key=f"daily:{user_id}",
                    user_id=user_id,
                    chat_id=user_id,
                    reminder_id=reminder.id,
                    due_at=datetime.now(UTC),
                ),
            ]
        )


async def test_privacy_explains_what_is_stored_and_why(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    alice = double.user(4001, "Alice", language_code="fr")
    text = (await ask(alice, "/privacy")).text
    assert text.startswith("Vos données")
    for fact in ("identifiant Telegram", "365 jours", "/mydata", "/forget"):
        assert fact in text
    assert await running_bot.services.users.get(4001) is None, "reading it stores nothing"


async def test_mydata_sends_everything_stored_as_a_json_file(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    bob = double.user(4002, "Bob", language_code="en")
    nothing = await ask(bob, "/mydata")
    assert nothing.text == "I don't keep any data about you."
    await ask(bob, "bpf deadline")
    await give_checklist_and_reminder(running_bot, 4002)
    sent = await ask(bob, "/mydata")
    assert sent.caption == "Here is everything I keep about you."
    [document] = double.documents(bob.chat_id)
    assert document.filename == "qualibot-my-data.json"
    data = json.loads(document.content)
    assert data["users"][0]["id"] == 4002 and data["users"][0]["language"] == "en"
    assert [q["text"] for q in data["questions"]] == ["bpf deadline"]
    assert data["checklist_answers"][0]["note"] == "à revoir"
    assert {name: len(data[name]) for name in await rows_about(running_bot, 4002)} == (
        await rows_about(running_bot, 4002)
    )


async def test_forget_asks_first_then_deletes_every_row_in_every_table(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    alice = double.user(4003, "Alice", language_code="fr")
    other = double.user(4004, "Oscar", language_code="fr")
    for person in (alice, other):
        await ask(person, "indicateur 22")
        await give_checklist_and_reminder(running_bot, person.id)
    assert set((await rows_about(running_bot, 4003)).values()) == {1}

    question = await ask(alice, "/forget")
    assert question.button_texts == ["🗑 Oui, tout supprimer", "Non, garder mes données"]
    await alice.press(question, "Non, garder mes données")
    await double.wait_for(lambda: question.text == "Rien n'a été supprimé.")
    assert set((await rows_about(running_bot, 4003)).values()) == {1}

    confirm = await ask(alice, "/forget")
    await alice.press(confirm, "🗑 Oui, tout supprimer")
    await double.wait_for(lambda: confirm.text.startswith("C'est fait"))
    assert await rows_about(running_bot, 4003) == {model.__tablename__: 0 for model in USER_TABLES}
    assert set((await rows_about(running_bot, 4004)).values()) == {1}, "others keep theirs"
    assert (await ask(alice, "/mydata")).text == "Je ne conserve aucune donnée sur vous."
