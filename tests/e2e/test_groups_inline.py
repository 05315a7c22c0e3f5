"""Groups and inline mode: the bot speaks in a group only when addressed, with privacy
mode on (Telegram filters) and off (the bot's own filter); inline queries list entries."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.telegram.localapi import BotSettings
from tests.botapi import TEST_TOKEN, BotApiDouble
from tests.e2e.conftest import RunningBot

pytestmark = pytest.mark.e2e

BOT = "@QualibotTestBot"


@pytest.fixture(params=[True, False], ids=["privacy-mode-on", "privacy-mode-off"])
async def double(request: pytest.FixtureRequest) -> AsyncIterator[BotApiDouble]:
    """The double, with the bot's group privacy mode on and off."""
    settings = BotSettings(privacy_mode=request.param)
    async with BotApiDouble(TEST_TOKEN, settings=settings) as api_double:
        yield api_double


async def test_group_chatter_is_ignored_and_a_mention_is_answered(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    group = double.group(-5001, "Formateurs du Sud")
    alice = double.user(3001, "Alice", language_code="fr")
    await alice.send("Quelqu'un connaît la date limite du BPF ?", chat=group)
    mention = await alice.send(f"{BOT} date limite du BPF", chat=group)
    [answer] = await alice.wait_reply(chat=group)
    assert answer.text.startswith("Le bilan pédagogique et financier (BPF)")
    assert answer.reply_to is mention
    assert len(double.messages(group.id)) == 1, "the first message got no answer"


async def test_a_reply_to_the_bot_and_commands_are_answered_in_a_group(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    group = double.group(-5002, "CFA")
    bob = double.user(3002, "Bob", language_code="en")
    await bob.send("/indicator@QualibotTestBot 22", chat=group)
    [card] = await bob.wait_reply(chat=group)
    assert card.text.startswith("Indicator 22")
    await bob.reply(card, "and what about the BPF deadline?")
    [answer] = await bob.wait_reply(chat=group)
    assert answer.text.startswith("The annual training report (BPF)")
    await bob.send("/ask bpf deadline", chat=group)
    [again] = await bob.wait_reply(chat=group)
    assert again.text.startswith("The annual training report (BPF)")


async def test_a_bare_mention_explains_how_to_ask(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    group = double.group(-5003, "OF")
    alice = double.user(3003, "Alice", language_code="fr")
    await alice.send(BOT, chat=group)
    [hint] = await alice.wait_reply(chat=group)
    assert (
        hint.text
        == f"Posez votre question après la mention, par exemple : {BOT} date limite du BPF"
    )


async def test_personal_commands_point_to_the_private_chat(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    group = double.group(-5004, "OF")
    alice = double.user(3004, "Alice", language_code="fr")
    await alice.send("/mydata", chat=group)
    [notice] = await alice.wait_reply(chat=group)
    assert "conversation privée" in notice.text
    assert notice.buttons[0]["url"] == "https://t.me/QualibotTestBot"
    assert await running_bot.services.users.get(3004) is None, "nothing stored"


async def test_an_inline_query_lists_matching_entries_in_the_users_language(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    bob = double.user(3005, "Bob", language_code="en")
    query = await bob.inline("bpf")
    answer = await double.wait_for(lambda: query.answer)
    assert 1 <= len(answer.results) <= 10
    first = answer.results[0]
    assert (first["id"], first["title"]) == ("bpf", "The annual training report (BPF)")
    assert answer.is_personal
    posted = bob.local.choose(query, "bpf")
    assert posted.text.startswith("The annual training report (BPF)")
    assert "Sources" in posted.text
    assert await running_bot.services.users.get(3005) is None, "inline mode stores nothing"


async def test_an_empty_inline_query_lists_the_criteria(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    alice = double.user(3006, "Alice", language_code="fr")
    query = await alice.inline("")
    answer = await double.wait_for(lambda: query.answer)
    assert [r["id"] for r in answer.results] == [f"criterion-{n}" for n in range(1, 8)]
    assert answer.results[0]["title"].startswith("Critère 1")


async def test_an_off_topic_inline_query_lists_nothing(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    alice = double.user(3007, "Alice", language_code="fr")
    query = await alice.inline("recette de la tarte aux pommes")
    answer = await double.wait_for(lambda: query.answer)
    assert answer.results == []
