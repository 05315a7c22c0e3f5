"""A checklist survives a restart of the bot: a new ``Application`` on the same database
resumes at the exact next item, and the buttons of the last message still work."""

from __future__ import annotations

import pytest

from tests.botapi import BotApiDouble
from tests.e2e.checklist_steps import data_of, open_from_list, press, press_and_see
from tests.e2e.conftest import BotFactory

pytestmark = pytest.mark.e2e


async def test_a_restarted_bot_resumes_at_the_exact_next_item(
    double: BotApiDouble, bot_factory: BotFactory
) -> None:
    bot = await bot_factory.start()
    gil = double.user(3001, "Gil", language_code="fr")
    step = await open_from_list(double, gil, "▶ 4.")
    await press(gil, step, "actions de formation")
    await double.wait_for(lambda: "✅ actions de formation" in step.button_texts)
    await press_and_see(double, gil, step, "Continuer ▶", "1/17")
    for position, label in enumerate(["✅ Oui", "❌ Non", "🟡 En partie"], start=1):
        await press_and_see(double, gil, step, label, f"{position + 1}/17")

    await bot_factory.restart(bot)

    await gil.send("/checklist")
    [listing] = await gil.wait_reply()
    assert "Documents d'une action de formation — en cours, 3/17 réponses" in listing.text
    await press_and_see(double, gil, listing, "▶ 4. Documents d'une action de formation", "4/17")
    assert "analysé" in listing.text, "item 4 is the needs analysis"
    await press_and_see(double, gil, listing, "✅ Oui", "5/17")


async def test_the_last_message_before_a_restart_still_answers(
    double: BotApiDouble, bot_factory: BotFactory
) -> None:
    bot = await bot_factory.start()
    hana = double.user(3002, "Hana", language_code="en")
    step = await open_from_list(double, hana, "▶ 5.")
    await press(hana, step, "training actions")
    await double.wait_for(lambda: "✅ training actions" in step.button_texts)
    await press_and_see(double, hana, step, "Continue ▶", "1/11")
    await press_and_see(double, hana, step, "✅ Yes", "2/11")
    yes_on_second = data_of(step, "✅ Yes")

    restarted = await bot_factory.restart(bot)

    query = await hana.press(step, yes_on_second, forge=True)
    assert (await hana.wait_answer(query, timeout=10)).text is None
    await double.wait_for(lambda: "3/11" in step.text)
    async with restarted.services.db.uow() as uow:
        [run] = (await uow.checklists.latest_runs(3002)).values()
        values = (await uow.checklists.read(run.id, 3002)).answers
    assert values == {"referent": "yes", "referent-skills": "yes"}
