"""The Bot API double speaks Telegram's protocol: shapes, tokens, bodies, updates, faults."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import Bot, Message, Update, User, WebhookInfo

from tests.botapi import TEST_TOKEN, BotApiDouble
from tests.e2e.rawapi import RawApi, png_bytes

pytestmark = pytest.mark.e2e


@pytest.fixture
async def raw(double: BotApiDouble) -> AsyncIterator[RawApi]:
    async with httpx.AsyncClient(timeout=10) as client:
        yield RawApi(double, client)


@pytest.fixture
def ptb_bot() -> Bot:
    """A PTB Bot, only used to parse payloads with PTB's own ``de_json``."""
    return Bot(TEST_TOKEN)


async def test_get_me_has_every_field_ptb_reads(raw: RawApi, ptb_bot: Bot) -> None:
    me = await raw.result("getMe")
    assert me["is_bot"] is True and me["id"] == 123456789
    for name in ("first_name", "username", "can_join_groups", "can_read_all_group_messages"):
        assert name in me
    assert me["supports_inline_queries"] is True
    user = User.de_json(me, ptb_bot)
    assert user.username == "QualibotTestBot" and user.api_kwargs == {}


async def test_unknown_method_is_404_not_found(raw: RawApi) -> None:
    status, body = await raw.json("sendTelepathy", chat_id=1)
    assert status == 404
    assert body == {"ok": False, "error_code": 404, "description": "Not Found"}


async def test_wrong_token_is_401_and_malformed_token_404(raw: RawApi) -> None:
    wrong = await raw.client.post(raw.url("getMe", token="42:NOTTHEtoken"))
    assert wrong.status_code == 401 and wrong.json()["description"] == "Unauthorized"
    malformed = await raw.client.post(raw.url("getMe", token="no-colon"))
    assert malformed.status_code == 404


async def test_method_names_are_case_insensitive(raw: RawApi) -> None:
    status, body = await raw.json("GETME")
    assert status == 200 and body["result"]["username"] == "QualibotTestBot"


async def test_user_message_update_parses_in_ptb(
    double: BotApiDouble, raw: RawApi, ptb_bot: Bot
) -> None:
    user = double.user(1001, "Camille", language_code="fr", username="camille_of")
    before = int(time.time())
    await user.send("/start@QualibotTestBot 🙂 hello @someone_else")
    [payload] = await raw.result("getUpdates")
    update = Update.de_json(payload, ptb_bot)
    message = update.message
    assert message.chat.type == "private" and message.chat.id == 1001
    assert message.from_user.language_code == "fr"
    assert isinstance(payload["message"]["date"], int)
    assert abs(payload["message"]["date"] - before) <= 2, "dates are Unix seconds"
    kinds = [(e.type, message.parse_entity(e)) for e in message.entities]
    assert kinds == [("bot_command", "/start@QualibotTestBot"), ("mention", "@someone_else")]


async def test_get_updates_offset_confirms_earlier_updates(
    double: BotApiDouble, raw: RawApi
) -> None:
    user = double.user(1001, "Camille")
    await user.send("one")
    await user.send("two")
    first = await raw.result("getUpdates")
    assert [u["message"]["text"] for u in first] == ["one", "two"]
    again = await raw.result("getUpdates")
    assert again == first, "unconfirmed updates are delivered again"
    limited = await raw.result("getUpdates", limit=1)
    assert [u["message"]["text"] for u in limited] == ["one"]
    confirmed = await raw.result("getUpdates", offset=first[-1]["update_id"] + 1)
    assert confirmed == []
    await user.send("three")
    [latest] = await raw.result("getUpdates", offset=first[-1]["update_id"] + 1)
    assert latest["update_id"] == first[-1]["update_id"] + 1


async def test_negative_offset_keeps_only_the_last_updates(
    double: BotApiDouble, raw: RawApi
) -> None:
    user = double.user(1001, "Camille")
    for text in ("a", "b", "c"):
        await user.send(text)
    [last] = await raw.result("getUpdates", offset=-1)
    assert last["message"]["text"] == "c"
    assert [u["message"]["text"] for u in await raw.result("getUpdates")] == ["c"]


async def test_long_poll_returns_as_soon_as_an_update_arrives(
    double: BotApiDouble, raw: RawApi
) -> None:
    user = double.user(1001, "Camille")
    poll = asyncio.create_task(raw.result("getUpdates", timeout=30))
    await double.wait_for(lambda: double.calls_to("getUpdates"))
    await asyncio.sleep(0.05)
    assert not poll.done(), "the long poll waits while nothing happens"
    await user.send("hello")
    [update] = await asyncio.wait_for(poll, 5)
    assert update["message"]["text"] == "hello"


async def test_long_poll_without_updates_waits_for_its_timeout(raw: RawApi) -> None:
    started = time.monotonic()
    assert await raw.result("getUpdates", timeout=1) == []
    assert time.monotonic() - started >= 0.9


async def test_a_second_poller_terminates_the_first_with_409(raw: RawApi) -> None:
    first = asyncio.create_task(raw.json("getUpdates", timeout=30))
    await raw.double.wait_for(lambda: raw.double.calls_to("getUpdates"))
    await asyncio.sleep(0.05)
    assert await raw.result("getUpdates") == []
    status, body = await asyncio.wait_for(first, 5)
    assert status == 409
    assert body["description"].startswith("Conflict: terminated by other getUpdates request")


async def test_allowed_updates_filters_the_kinds_delivered(
    double: BotApiDouble, raw: RawApi
) -> None:
    user = double.user(1001, "Camille")
    assert await raw.result("getUpdates", allowed_updates=["callback_query"]) == []
    await user.send("not delivered")
    assert await raw.result("getUpdates") == []
    assert await raw.result("getUpdates", allowed_updates=[]) == []
    await user.send("delivered")
    [update] = await raw.result("getUpdates")
    assert update["message"]["text"] == "delivered"


async def test_form_and_json_bodies_are_read_alike(double: BotApiDouble, raw: RawApi) -> None:
    await double.user(1001, "Camille").send("hi")
    keyboard = {"inline_keyboard": [[{"text": "Oui", "callback_data": "1|yes"}]]}
    _, by_json = await raw.json("sendMessage", chat_id=1001, text="json", reply_markup=keyboard)
    _, by_form = await raw.form("sendMessage", chat_id="1001", text="form", reply_markup=keyboard)
    assert by_json["result"]["reply_markup"] == by_form["result"]["reply_markup"] == keyboard
    query = await raw.client.get(raw.url("sendMessage"), params={"chat_id": 1001, "text": "get"})
    assert query.json()["result"]["text"] == "get"
    sent = [c.param("reply_markup") for c in double.calls_to("sendMessage")]
    assert sent[:2] == [keyboard, keyboard], "calls are recorded with their parameters"


async def test_multipart_document_keeps_name_bytes_and_caption(
    double: BotApiDouble, raw: RawApi, ptb_bot: Bot
) -> None:
    await double.user(1001, "Camille").send("hi")
    response = await raw.client.post(
        raw.url("sendDocument"),
        data={"chat_id": "1001", "caption": "<b>Votre</b> rapport", "parse_mode": "HTML"},
        files={"document": ("rapport.pdf", b"%PDF-1.4 test", "application/pdf")},
    )
    message = Message.de_json(response.json()["result"], ptb_bot)
    assert message.document.file_name == "rapport.pdf" and message.caption == "Votre rapport"
    [stored] = double.documents(1001)
    assert (stored.filename, stored.content, stored.mime_type) == (
        "rapport.pdf",
        b"%PDF-1.4 test",
        "application/pdf",
    )
    again = await raw.result("sendDocument", chat_id=1001, document=stored.file_id)
    assert again["document"]["file_id"] == stored.file_id, "a file_id can be sent again"


async def test_photos_must_be_images(double: BotApiDouble, raw: RawApi) -> None:
    await double.user(1001, "Camille").send("hi")
    bad = await raw.client.post(
        raw.url("sendPhoto"), data={"chat_id": "1001"}, files={"photo": ("x.png", b"not png")}
    )
    assert bad.status_code == 400
    assert bad.json()["description"] == "Bad Request: IMAGE_PROCESS_FAILED"
    good = await raw.client.post(
        raw.url("sendPhoto"),
        data={"chat_id": "1001", "photo": "attach://chart"},
        files={"chart": ("chart.png", png_bytes(3, 2), "image/png")},
    )
    [size] = good.json()["result"]["photo"]
    assert (size["width"], size["height"]) == (3, 2)


async def test_commands_are_kept_per_scope_and_language(double: BotApiDouble, raw: RawApi) -> None:
    french = [{"command": "start", "description": "Commencer"}]
    english = [{"command": "start", "description": "Start"}]
    private = {"type": "all_private_chats"}
    assert await raw.result("setMyCommands", commands=french, language_code="fr") is True
    assert await raw.result("setMyCommands", commands=english, scope=private) is True
    assert await raw.result("getMyCommands", language_code="fr") == french
    assert await raw.result("getMyCommands") == []
    assert await raw.result("getMyCommands", scope=private) == english
    assert double.commands("fr") == french
    assert double.commands(scope="all_private_chats") == english
    assert double.user(7, "Ana", language_code="fr").menu() == english
    await raw.result("deleteMyCommands", scope=private)
    assert double.user(7, "Ana", language_code="fr").menu() == french
    capitalised = [{"command": "Start", "description": "x"}]
    status, body = await raw.json("setMyCommands", commands=capitalised)
    assert (status, body["description"]) == (400, "Bad Request: BOT_COMMAND_INVALID")


async def test_webhook_excludes_get_updates(raw: RawApi) -> None:
    status, body = await raw.json("setWebhook", url="http://example.org/hook")
    assert status == 400 and "HTTPS URL" in body["description"]
    status, body = await raw.json("setWebhook", url="https://example.org:8080/hook")
    assert status == 400 and "ports 80, 88, 443 or 8443" in body["description"]
    assert await raw.result("setWebhook", url="https://example.org/hook", secret_token="s_1-x")
    info = await raw.result("getWebhookInfo")
    assert info["url"] == "https://example.org/hook" and info["pending_update_count"] == 0
    status, body = await raw.json("getUpdates")
    assert status == 409 and "webhook is active" in body["description"]
    status, body = await raw.json("deleteWebhook")
    assert body["description"] == "Webhook was deleted"
    assert await raw.result("getUpdates") == []


async def test_close_and_log_out_return_true(raw: RawApi) -> None:
    assert await raw.result("close") is True
    assert await raw.result("logOut") is True


async def test_scripted_429_carries_retry_after_then_calls_work(
    double: BotApiDouble, raw: RawApi
) -> None:
    await double.user(1001, "Camille").send("hi")
    double.fail_next("sendMessage", status=429, retry_after=3, times=2)
    for _ in range(2):
        status, body = await raw.json("sendMessage", chat_id=1001, text="x")
        assert status == 429
        assert body == {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        }
    assert double.messages(1001) == [], "a failed call has no effect"
    status, _ = await raw.json("sendMessage", chat_id=1001, text="x")
    assert status == 200 and len(double.messages(1001)) == 1


async def test_scripted_403_400_500_and_nginx_502(double: BotApiDouble, raw: RawApi) -> None:
    double.fail_next("getMe", status=403)
    double.fail_next("getMe", status=400, description="Bad Request: chat not found")
    double.fail_next("getMe", status=500)
    double.fail_next("getMe", status=502)
    assert (await raw.json("getMe"))[1]["description"] == "Forbidden: bot was blocked by the user"
    assert (await raw.json("getMe"))[1]["description"] == "Bad Request: chat not found"
    assert (await raw.json("getMe"))[0] == 500
    gateway = await raw.client.post(raw.url("getMe"))
    assert gateway.status_code == 502 and "nginx" in gateway.text
    assert [c.status for c in double.calls_to("getMe")] == [403, 400, 500, 502]


async def test_a_delayed_answer_times_out_but_the_message_was_sent(
    double: BotApiDouble, raw: RawApi
) -> None:
    await double.user(1001, "Camille").send("hi")
    double.delay_next("sendMessage", 1)
    with pytest.raises(httpx.ReadTimeout):
        await raw.client.post(
            raw.url("sendMessage"), json={"chat_id": 1001, "text": "late"}, timeout=0.3
        )
    assert [m.text for m in double.messages(1001)] == ["late"]


async def test_flood_limit_answers_bursts_with_429(double: BotApiDouble, raw: RawApi) -> None:
    await double.user(1001, "Camille").send("hi")
    double.limit_rate("sendMessage", per_second=3, retry_after=2)
    statuses = [(await raw.json("sendMessage", chat_id=1001, text=str(n)))[0] for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


async def test_payloads_have_no_field_unknown_to_ptb(
    double: BotApiDouble, raw: RawApi, ptb_bot: Bot
) -> None:
    user = double.user(1001, "Camille", language_code="fr", username="camille_of")
    await user.send("/start")
    keyboard = {"inline_keyboard": [[{"text": "Oui", "callback_data": "y"}]]}
    sent = await raw.result(
        "sendMessage", chat_id=1001, text="<i>q</i>", parse_mode="HTML", reply_markup=keyboard
    )
    photo = await raw.client.post(
        raw.url("sendPhoto"),
        data={"chat_id": "1001", "caption": "c", "reply_parameters": '{"message_id": 1}'},
        files={"photo": ("p.png", png_bytes(1, 1), "image/png")},
    )
    [question] = await user.wait_reply()
    await user.press(question, "Oui")
    await user.inline("indicateur")
    updates = [Update.de_json(u, ptb_bot) for u in await raw.result("getUpdates")]
    parsed = [
        Message.de_json(sent, ptb_bot),
        Message.de_json(photo.json()["result"], ptb_bot),
        Message.de_json(photo.json()["result"], ptb_bot).reply_to_message,
        WebhookInfo.de_json(await raw.result("getWebhookInfo"), ptb_bot),
        *updates,
        *(u.effective_message for u in updates if u.effective_message),
        *(u.callback_query or u.inline_query for u in updates[1:]),
    ]
    assert [type(p).__name__ for p in parsed if p.api_kwargs] == []
