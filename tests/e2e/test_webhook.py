"""``qualibot run --webhook`` as a real process: the secret token, the health endpoint and a
graceful stop that answers every update already accepted."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from bot.core.knowledge.loader import load_knowledge
from tests.botapi import TEST_TOKEN, BotApiDouble
from tests.e2e.botprocess import SECRET, SECRET_HEADER, WebhookRelay, bot_processes

pytestmark = pytest.mark.e2e
REPO_ROOT = Path(__file__).resolve().parents[2]


async def post(url: str, update: dict, headers: dict[str, str]) -> int:
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.post(url, json=update, headers=headers)
        return response.status_code


async def test_requests_without_the_right_secret_are_refused(
    double: BotApiDouble, sqlite_url: str, tmp_path: Path
) -> None:
    camille = double.user(1001, "Camille", language_code="fr")
    async with bot_processes(double, sqlite_url, tmp_path) as [bot]:
        [registration] = double.calls_to("setWebhook")
        assert registration.param("url") == "https://bot.example.org/telegram"
        assert registration.params["secret_token"] == SECRET
        await camille.send("/start")
        update = double.api.updates.pending[-1]

        assert await post(bot.webhook_url, update, {}) == 403
        assert await post(bot.webhook_url, update, {SECRET_HEADER: "guess"}) == 403
        assert await post(bot.webhook_url, update, {SECRET_HEADER: SECRET[:-1]}) == 403
        await asyncio.sleep(1.0)
        assert double.messages(camille.chat_id) == [], "a refused update is not handled"

        assert await post(bot.webhook_url, update, {SECRET_HEADER: SECRET}) == 200
        [welcome] = await camille.wait_reply(timeout=30)
        assert "Camille" in welcome.text
        assert await bot.stop() == 0
    assert SECRET not in bot.stdout + bot.stderr


async def test_health_reports_the_database_and_the_knowledge_version_and_no_secret(
    double: BotApiDouble, sqlite_url: str, tmp_path: Path
) -> None:
    knowledge = load_knowledge(REPO_ROOT / "knowledge").base
    assert knowledge is not None
    async with bot_processes(double, sqlite_url, tmp_path) as [bot]:
        response = await bot.health()
        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "ok"
        assert body["database"] == "reachable"
        assert body["knowledge_version"] == knowledge.version
        assert body["entries"] == len(knowledge.entries)
        for secret in (TEST_TOKEN, TEST_TOKEN.split(":")[1], SECRET, str(tmp_path)):
            assert secret not in response.text
        assert await bot.stop() == 0


async def test_polling_mode_serves_the_health_endpoint_too(
    double: BotApiDouble, sqlite_url: str, tmp_path: Path
) -> None:
    camille = double.user(1001, "Camille", language_code="fr")
    async with bot_processes(double, sqlite_url, tmp_path, webhook=False) as [bot]:
        assert (await bot.health()).json()["database"] == "reachable"
        await camille.send("/start")
        [welcome] = await camille.wait_reply(timeout=30)
        assert "Camille" in welcome.text
        assert await bot.stop() == 0
    assert "health endpoint on 127.0.0.1" in bot.stderr


async def test_sigterm_answers_every_update_already_accepted_then_exits(
    double: BotApiDouble, sqlite_url: str, tmp_path: Path
) -> None:
    people = [double.user(2000 + n, f"Person{n}", language_code="fr") for n in range(6)]
    async with bot_processes(double, sqlite_url, tmp_path) as [bot]:
        double.delay_next("sendMessage", 0.4, times=len(people))
        async with WebhookRelay(double, [bot.webhook_url]) as relay:
            for person in people:
                await person.send("/start")
            await double.wait_for(
                lambda: len(relay.accepted) == len(people), timeout=20, description="accepted"
            )
            answered = sum(1 for p in people if double.messages(p.chat_id))
            assert answered < len(people), "the stop must come while updates are in flight"
            bot.terminate()
            assert await bot.finish() == 0
        for person in people:
            [welcome] = double.messages(person.chat_id)
            assert person.local.identity.first_name in welcome.text
    assert "stopping: finishing the updates in progress" in bot.stderr
