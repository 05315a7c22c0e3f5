"""The Bot API double keeps chats like Telegram: HTML rules, limits, edits, buttons, groups."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.botapi import BotApiDouble, FakeUser
from tests.e2e.rawapi import RawApi

pytestmark = pytest.mark.e2e

KEYBOARD = {"inline_keyboard": [[{"text": "Oui", "callback_data": "1|yes"}]]}


@pytest.fixture
async def raw(double: BotApiDouble) -> AsyncIterator[RawApi]:
    async with httpx.AsyncClient(timeout=10) as client:
        yield RawApi(double, client)


@pytest.fixture
async def camille(double: BotApiDouble) -> FakeUser:
    """A user who already opened the private chat."""
    user = double.user(1001, "Camille", language_code="fr")
    await user.send("/start")
    return user


async def send_html(raw: RawApi, text: str) -> tuple[int, dict]:
    return await raw.json("sendMessage", chat_id=1001, text=text, parse_mode="HTML")


async def test_html_becomes_text_and_utf16_entities(raw: RawApi, camille: FakeUser) -> None:
    link = '<a href="https://x.fr/a?b=1&amp;c=2">lien</a>'
    status, body = await send_html(raw, f"🙂 <b>Indicateur</b>{link}")
    assert status == 200
    message = body["result"]
    assert message["text"] == "🙂 Indicateurlien"
    assert message["entities"] == [
        {"type": "bold", "offset": 3, "length": 10},
        {"type": "text_link", "offset": 13, "length": 4, "url": "https://x.fr/a?b=1&c=2"},
    ]


@pytest.mark.parametrize(
    ("html", "complaint"),
    [
        ("3 < 4", 'Unsupported start tag "" at byte offset 2'),
        ("R&D", 'Unescaped "&" at byte offset 1'),
        ("ligne<br>suivante", 'Unsupported start tag "br" at byte offset 5'),
        ("<b>gras", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ('<div class="x">y</div>', 'Unsupported start tag "div"'),
    ],
)
async def test_invalid_html_is_refused_like_telegram(
    raw: RawApi, camille: FakeUser, double: BotApiDouble, html: str, complaint: str
) -> None:
    status, body = await send_html(raw, html)
    assert status == 400
    assert body["description"].startswith("Bad Request: can't parse entities: ")
    assert complaint in body["description"]
    assert double.messages(1001) == []


async def test_every_allowed_tag_is_accepted(raw: RawApi, camille: FakeUser) -> None:
    html = (
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s>"
        '<strike>k</strike><del>d</del><span class="tg-spoiler">p</span>'
        '<tg-spoiler>t</tg-spoiler><code>c</code><pre><code class="language-python">x'
        '</code></pre><blockquote>q</blockquote><a href="https://a.fr">a</a> &lt;&gt;&quot;&#233;'
    )
    status, body = await send_html(raw, html)
    assert status == 200, body
    types = [e["type"] for e in body["result"]["entities"]]
    assert types.count("bold") == 2 and types.count("spoiler") == 2
    assert {"type": "pre", "offset": 12, "length": 1, "language": "python"} in body["result"][
        "entities"
    ]
    assert body["result"]["text"].endswith(' <>"é')


async def test_text_limit_is_4096_characters_after_parsing(raw: RawApi, camille: FakeUser) -> None:
    status, _ = await send_html(raw, "<b>" + "a" * 4096 + "</b>")
    assert status == 200
    status, body = await send_html(raw, "a" * 4097)
    assert (status, body["description"]) == (400, "Bad Request: message is too long")


@pytest.mark.parametrize("text", ["", "   ", "<b></b>"])
async def test_empty_text_is_refused(raw: RawApi, camille: FakeUser, text: str) -> None:
    status, body = await send_html(raw, text)
    assert (status, body["description"]) == (400, "Bad Request: message text is empty")


async def test_callback_data_over_64_bytes_and_over_100_buttons_are_refused(
    raw: RawApi, camille: FakeUser
) -> None:
    too_long = {"inline_keyboard": [[{"text": "x", "callback_data": "a" * 65}]]}
    status, body = await raw.json("sendMessage", chat_id=1001, text="x", reply_markup=too_long)
    assert (status, body["description"]) == (400, "Bad Request: BUTTON_DATA_INVALID")
    exactly = {"inline_keyboard": [[{"text": "x", "callback_data": "é" * 32}]]}
    status, _ = await raw.json("sendMessage", chat_id=1001, text="x", reply_markup=exactly)
    assert status == 200
    rows = [
        [{"text": str(n), "callback_data": str(n)} for n in range(r, r + 8)]
        for r in range(0, 101, 8)
    ]
    status, body = await raw.json(
        "sendMessage", chat_id=1001, text="x", reply_markup={"inline_keyboard": rows}
    )
    assert (status, body["description"]) == (400, "Bad Request: reply markup is too long")


async def test_unknown_and_unopened_chats_are_refused(raw: RawApi, double: BotApiDouble) -> None:
    status, body = await raw.json("sendMessage", chat_id=555, text="x")
    assert (status, body["description"]) == (400, "Bad Request: chat not found")
    double.user(1002, "Paul")
    status, body = await raw.json("sendMessage", chat_id=1002, text="x")
    assert status == 403 and "can't initiate conversation" in body["description"]


async def test_a_user_who_blocked_the_bot_gets_403(raw: RawApi, camille: FakeUser) -> None:
    camille.block()
    status, body = await raw.json("sendMessage", chat_id=1001, text="rappel")
    assert (status, body["description"]) == (403, "Forbidden: bot was blocked by the user")
    camille.unblock()
    assert (await raw.json("sendMessage", chat_id=1001, text="rappel"))[0] == 200


async def test_edit_returns_the_message_and_keeps_history(
    raw: RawApi, camille: FakeUser, double: BotApiDouble
) -> None:
    sent = await raw.result("sendMessage", chat_id=1001, text="Question 1", reply_markup=KEYBOARD)
    same = {"chat_id": 1001, "message_id": sent["message_id"], "text": "Question 1"}
    status, body = await raw.json("editMessageText", **same, reply_markup=KEYBOARD)
    assert status == 400 and body["description"].startswith("Bad Request: message is not modified")
    edited = await raw.result(
        "editMessageText", **same | {"text": "Question 2"}, reply_markup=KEYBOARD
    )
    assert edited["text"] == "Question 2" and isinstance(edited["edit_date"], int)
    assert edited["reply_markup"] == KEYBOARD
    without_markup = await raw.result("editMessageText", **same | {"text": "Merci"})
    assert "reply_markup" not in without_markup, "an edit without reply_markup drops the keyboard"
    [message] = double.messages(1001)
    assert message.text == "Merci" and message.buttons == []
    assert [r.text for r in message.history] == ["Question 1", "Question 2"]


async def test_edit_reply_markup_and_errors_for_missing_messages(
    raw: RawApi, camille: FakeUser, double: BotApiDouble
) -> None:
    sent = await raw.result("sendMessage", chat_id=1001, text="Choix", reply_markup=KEYBOARD)
    target = {"chat_id": 1001, "message_id": sent["message_id"]}
    cleared = await raw.result("editMessageReplyMarkup", **target)
    assert "reply_markup" not in cleared
    status, body = await raw.json("editMessageReplyMarkup", **target)
    assert status == 400 and "not modified" in body["description"]
    status, body = await raw.json("editMessageText", chat_id=1001, message_id=999, text="x")
    assert body["description"] == "Bad Request: message to edit not found"
    [user_message] = double.messages(1001, include_users=True)[:1]
    status, body = await raw.json(
        "editMessageText", chat_id=1001, message_id=user_message.message_id, text="x"
    )
    assert body["description"] == "Bad Request: message can't be edited"


async def test_delete_message(raw: RawApi, camille: FakeUser, double: BotApiDouble) -> None:
    sent = await raw.result("sendMessage", chat_id=1001, text="éphémère")
    assert await raw.result("deleteMessage", chat_id=1001, message_id=sent["message_id"])
    assert double.messages(1001) == []
    status, body = await raw.json("deleteMessage", chat_id=1001, message_id=sent["message_id"])
    assert (status, body["description"]) == (400, "Bad Request: message to delete not found")


async def test_button_press_reaches_the_bot_and_is_answered_once(
    raw: RawApi, camille: FakeUser, double: BotApiDouble
) -> None:
    await raw.result("getUpdates", offset=-1)
    await raw.result("sendMessage", chat_id=1001, text="Prêt ?", reply_markup=KEYBOARD)
    [question] = await camille.wait_reply()
    press = await camille.press(question, "Oui")
    updates = await raw.result("getUpdates", offset=-1)
    query = updates[-1]["callback_query"]
    assert query["data"] == "1|yes" and query["message"]["text"] == "Prêt ?"
    assert query["from"]["id"] == 1001 and query["id"] == press.id
    assert await raw.result("answerCallbackQuery", callback_query_id=press.id, text="Noté")
    status, body = await raw.json("answerCallbackQuery", callback_query_id=press.id)
    assert status == 400 and "query is too old" in body["description"]
    assert [a.text for a in double.callback_answers] == ["Noté"]


async def test_pressing_a_button_that_is_not_there_needs_forge(
    raw: RawApi, camille: FakeUser
) -> None:
    await raw.result("sendMessage", chat_id=1001, text="Prêt ?", reply_markup=KEYBOARD)
    [question] = await camille.wait_reply()
    with pytest.raises(LookupError, match="Oui"):
        await camille.press(question, "1|no")
    forged = await camille.press(question, "1|no", forge=True)
    assert forged.data == "1|no"


async def test_inline_queries_and_inline_messages(raw: RawApi, double: BotApiDouble) -> None:
    user = double.user(1003, "Inès", language_code="fr")
    query = await user.inline("indicateur 4")
    article = {
        "type": "article",
        "id": "ind-4",
        "title": "Indicateur 4",
        "input_message_content": {"message_text": "<b>Indicateur 4</b>", "parse_mode": "HTML"},
        "reply_markup": KEYBOARD,
    }
    too_many = [article | {"id": str(n)} for n in range(51)]
    status, body = await raw.json("answerInlineQuery", inline_query_id=query.id, results=too_many)
    assert (status, body["description"]) == (400, "Bad Request: RESULTS_TOO_MUCH")
    assert await raw.result("answerInlineQuery", inline_query_id=query.id, results=[article])
    [answer] = double.inline_answers
    assert answer.results[0]["id"] == "ind-4"
    posted = user.local.choose(query, "ind-4")
    assert posted.text == "Indicateur 4"
    press = await user.press(posted, "Oui")
    edit = {"inline_message_id": posted.inline_message_id, "text": "Vu"}
    assert await raw.result("editMessageText", **edit) is True
    assert posted.text == "Vu" and press.inline_message is posted


async def test_privacy_mode_in_groups(raw: RawApi, double: BotApiDouble) -> None:
    group = double.group(-1001, "Organisme X")
    user = double.user(1001, "Camille")
    await user.send("bonjour à tous", chat=group)
    await user.send("/start@OtherBot", chat=group)
    await user.send("/help", chat=group)
    await user.send("/aide@QualibotTestBot", chat=group)
    await user.send("@QualibotTestBot c'est quoi l'indicateur 4 ?", chat=group)
    reply = await raw.result("sendMessage", chat_id=-1001, text="Bonjour")
    bot_message = double.messages(-1001)[0]
    await user.reply(bot_message, "merci")
    texts = [u["message"]["text"] for u in await raw.result("getUpdates")]
    assert texts == [
        "/help",
        "/aide@QualibotTestBot",
        "@QualibotTestBot c'est quoi l'indicateur 4 ?",
        "merci",
    ]
    assert reply["chat"] == {"id": -1001, "type": "group", "title": "Organisme X"}
    assert len(double.messages(-1001, include_users=True)) == 7, "the group sees everything"


async def test_chat_action_must_be_a_known_action(raw: RawApi, camille: FakeUser) -> None:
    assert await raw.result("sendChatAction", chat_id=1001, action="typing")
    status, body = await raw.json("sendChatAction", chat_id=1001, action="dancing")
    assert (status, body["description"]) == (400, "Bad Request: wrong parameter action in request")


async def test_wait_reply_returns_the_next_bot_messages_in_order(
    raw: RawApi, camille: FakeUser
) -> None:
    for text in ("un", "deux", "trois"):
        await raw.result("sendMessage", chat_id=1001, text=text)
    assert [m.text for m in await camille.wait_reply(2)] == ["un", "deux"]
    assert [m.text for m in await camille.wait_reply()] == ["trois"]
    with pytest.raises(AssertionError, match="timed out"):
        await camille.wait_reply(timeout=0.2)
