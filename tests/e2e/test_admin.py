"""Admin commands end to end: only ``ADMIN_IDS`` can use them, ``/stats`` and ``/misses``
report what users did, and the daily job purges old questions."""

from __future__ import annotations

import random
import string
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from bot.storage.models import Broadcast, Question
from bot.storage.types import utcnow
from bot.telegram.callbacks import encode
from bot.telegram.render.split import MESSAGE_LIMIT, telegram_length
from bot.telegram.retention import JOB_NAME as RETENTION_JOB
from tests.botapi import BotApiDouble, FakeUser
from tests.e2e.conftest import ADMIN_ID, RunningBot

pytestmark = pytest.mark.e2e
ADMIN_COMMANDS = ("/stats", "/misses 30d", "/reload", "/broadcast Bonjour à tous")


async def ask(user: FakeUser, text: str):
    await user.send(text)
    [answer] = await user.wait_reply()
    return answer


async def log_question(bot: RunningBot, user_id: int, text: str, outcome: str) -> None:
    """A question in the log, as the answer service writes it."""
    async with bot.services.db.uow() as uow:
        await uow.users.get_or_create(user_id, "fr", "Europe/Paris")
        await uow.questions.log(
            user_id=user_id,
            chat_type="private",
            text=text,
            lang="fr",
            outcome=outcome,
            entry_id=None,
            score=0.0,
        )


async def test_a_non_admin_gets_the_unknown_command_reply_for_every_admin_command(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    mallory = double.user(4101, "Mallory", language_code="fr")
    unknown = await ask(mallory, "/frobnicate")
    assert unknown.text.startswith("Je ne connais pas cette commande")

    for command in ADMIN_COMMANDS:
        assert (await ask(mallory, command)).text == unknown.text, command

    forged = await mallory.press(unknown, encode("bcast", "send", 1), forge=True)
    assert (await mallory.wait_answer(forged)).text == (
        "Ce bouton n'est plus valable. Relancez la commande."
    )
    async with running_bot.services.db.uow() as uow:
        assert await uow.session.scalar(select(func.count()).select_from(Broadcast)) == 0
    for lang in ("", "fr", "en"):
        names = {command["command"] for command in double.commands(lang)}
        assert names and not names & {"stats", "misses", "reload", "broadcast"}


async def test_admin_commands_in_a_group_stay_silent(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    admin = double.user(ADMIN_ID, "Ada", language_code="fr")
    group = double.group(-4200, "Organisme X")
    await admin.send("/stats", chat=group)
    await admin.send("@QualibotTestBot bonjour", chat=group)
    await admin.wait_reply(chat=group)
    replies = double.messages(group.id)
    assert len(replies) == 1 and replies[0].text.startswith("Bonjour"), "only the mention"


async def test_stats_show_users_questions_feedback_checklists_and_reminders(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    bob = double.user(4102, "Bob", language_code="fr")
    answer = await ask(bob, "Quelle est la date limite pour envoyer le BPF ?")
    query = await bob.press(answer, "👍 Utile")
    await bob.wait_answer(query)
    await ask(bob, "quelle est la meilleure recette de tarte tatin")
    admin = double.user(ADMIN_ID, "Ada", language_code="fr")

    stats = (await ask(admin, "/stats")).text

    assert stats.startswith("📊 Statistiques (30 derniers jours)")
    for line in (
        "Utilisateurs : 2 — actifs sur 7 jours : 2, sur 30 jours : 2",
        "Questions : 2 — répondues 50 %, ambiguës 0 %, déclinées 50 %",
        "Avis : 👍 1 / 👎 0 (100 % positifs)",
        "Autodiagnostics : 0 commencés, 0 terminés",
        "Rappels : 0 envoyés, 0 en échec, 0 bloqués",
        "Questions par jour (14 derniers jours) :",
        f"{utcnow().date().isoformat()} ▇▇▇▇▇▇▇▇▇▇▇▇ 2",
    ):
        assert line in stats, line

    await running_bot.services.users.set_language(ADMIN_ID, "en")
    english = (await ask(admin, "/stats")).text
    assert english.startswith("📊 Statistics (last 30 days)")
    for line in (
        "Users: 2 — active over 7 days: 2, over 30 days: 2",
        "Questions: 2 — answered 50%, ambiguous 0%, declined 50%",
        "Feedback: 👍 1 / 👎 0 (100% positive)",
        "Reminders: 0 sent, 0 failed, 0 blocked",
    ):
        assert line in english, line


async def test_misses_group_similar_failures_and_accept_a_period(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    for user_id, text in [
        (4103, "recette de la tarte tatin"),
        (4104, "la recette de tarte tatin ?"),
        (4105, "horaires de la piscine municipale"),
    ]:
        await log_question(running_bot, user_id, text, "decline")
    await log_question(running_bot, 4105, "indicateur 22", "answer")
    admin = double.user(ADMIN_ID, "Ada", language_code="fr")

    misses = (await ask(admin, "/misses")).text
    assert misses.startswith("🔎 Questions manquées (30 derniers jours)")
    assert "2 × la recette de tarte tatin ?\n    ~ recette de la tarte tatin" in misses
    assert "1 × horaires de la piscine municipale" in misses
    assert "indicateur 22" not in misses

    assert (await ask(admin, "/misses 2w")).text.startswith("🔎 Questions manquées (14 derniers")
    usage = await ask(admin, "/misses hier")
    assert usage.text.startswith("Période non comprise. Exemples : /misses 30d")


async def test_a_long_misses_list_is_split_between_groups(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    letters = random.Random(9)
    questions = [
        " ".join("".join(letters.choices(string.ascii_lowercase, k=7)) for _ in range(80))
        for _ in range(15)
    ]
    for index, text in enumerate(questions):
        await log_question(running_bot, 4200 + index, text, "decline")
    admin = double.user(ADMIN_ID, "Ada", language_code="fr")

    await admin.send("/misses")

    def whole_list():
        messages = double.messages(admin.chat_id)
        return messages if messages and questions[0] in messages[-1].text else None

    messages = await double.wait_for(whole_list, timeout=10, description="the whole list")

    assert len(messages) >= 3
    assert all(telegram_length(message.text) <= MESSAGE_LIMIT for message in messages)
    for question in questions:
        assert sum(question in message.text for message in messages) == 1, "never cut"


async def test_the_daily_job_purges_questions_older_than_the_retention_period(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    await log_question(running_bot, 4106, "question d'il y a deux ans", "answer")
    await log_question(running_bot, 4106, "question d'hier", "answer")
    async with running_bot.services.db.uow() as uow:
        await uow.session.execute(
            update(Question)
            .where(Question.text == "question d'il y a deux ans")
            .values(created_at=utcnow() - timedelta(days=730))
        )
    application = running_bot.application
    [job] = application.job_queue.get_jobs_by_name(RETENTION_JOB)
    assert job.job.trigger.interval == timedelta(days=1)

    await job.run(application)

    async with running_bot.services.db.uow() as uow:
        kept = [question.text for question in await uow.questions.for_user(4106)]
    assert kept == ["question d'hier"]
