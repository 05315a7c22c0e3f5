"""``/reload`` end to end on a copy of the knowledge base: a broken file is refused with its
``file:line`` problems while the bot keeps answering from the last good version; once fixed,
the new version is served."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.knowledge.loader import load_knowledge
from bot.telegram.render.admin import PROBLEMS_SHOWN
from tests.botapi import BotApiDouble, FakeUser
from tests.e2e.conftest import ADMIN_ID, REPO_ROOT, BotFactory, RunningBot

pytestmark = pytest.mark.e2e
ENTRY_ID = "subcontracting"
NEW = "Nouveauté : "
UNKNOWN_TOPIC = "no-such-topic"


async def ask(user: FakeUser, text: str) -> str:
    await user.send(text)
    return (await user.wait_reply())[-1].text


def edit_file(path: Path, old: str, new: str, after_line: int = 0) -> int:
    """Replace the first ``old`` after line ``after_line`` by ``new``; returns its line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for number, line in enumerate(lines[after_line:], start=after_line + 1):
        if old in line:
            lines[number - 1] = line.replace(old, new, 1)
            path.write_text("".join(lines), encoding="utf-8")
            return number
    raise AssertionError(f"{old!r} not found in {path}")


async def test_a_broken_knowledge_file_is_refused_and_the_last_good_version_kept(
    double: BotApiDouble, bot_factory: BotFactory, tmp_path: Path
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(REPO_ROOT / "knowledge", knowledge)
    bot = await bot_factory.start(knowledge_dir=knowledge)
    first_version = bot.services.knowledge.base.version
    entry = bot.services.knowledge.base.entry(ENTRY_ID)
    question = entry.questions.get("fr")[0]
    first_line = entry.answer.get("fr").splitlines()[0]
    admin = double.user(ADMIN_ID, "Ada", language_code="fr")
    assert first_line in await ask(admin, question)

    source = tmp_path / entry.source_file
    edit_file(source, first_line, NEW + first_line, after_line=entry.source_line)
    broken_line = edit_file(
        source, "topics: [", f"topics: [{UNKNOWN_TOPIC}, ", after_line=entry.source_line - 1
    )
    refusal = await ask(admin, "/reload")

    assert refusal.startswith("⚠️ Base de connaissances NON rechargée : 1 problème(s).")
    assert f"Je continue avec la version {first_version}." in refusal
    assert f"{entry.source_file}:{broken_line}: topics: unknown topic '{UNKNOWN_TOPIC}'" in refusal
    assert NEW not in await ask(admin, question), "still the last good version"

    edit_file(source, f"{UNKNOWN_TOPIC}, ", "", after_line=broken_line - 1)
    success = await ask(admin, "/reload")

    new_version = bot.services.knowledge.base.version
    assert new_version != first_version
    assert success.startswith(
        f"✅ Base de connaissances rechargée : version {new_version} (avant : {first_version})"
    )
    assert NEW + first_line in await ask(admin, question)


async def test_reloading_unchanged_files_says_nothing_changed(
    double: BotApiDouble, running_bot: RunningBot
) -> None:
    version = running_bot.services.knowledge.base.version
    admin = double.user(ADMIN_ID, "Ada", language_code="en")

    reply = await ask(admin, "/reload")

    assert reply == f"✅ Knowledge base read again: no change (version {version})."


async def test_a_long_list_of_problems_is_cut_with_a_pointer_to_kb_check(
    double: BotApiDouble, bot_factory: BotFactory, tmp_path: Path
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(REPO_ROOT / "knowledge", knowledge)
    bot = await bot_factory.start(knowledge_dir=knowledge)
    version = bot.services.knowledge.base.version
    for path in [*knowledge.glob("entries/*.yaml"), *knowledge.glob("indicators/*.yaml")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("topics: [", "topics: [nowhere, "), encoding="utf-8")
    problems = load_knowledge(knowledge).problems
    assert len(problems) > PROBLEMS_SHOWN
    admin = double.user(ADMIN_ID, "Ada", language_code="en")

    await admin.send("/reload")
    [refusal] = await admin.wait_reply()

    assert refusal.text.startswith(
        f"⚠️ Knowledge base NOT reloaded: {len(problems)} problem(s). "
        f"I keep serving version {version}."
    )
    assert refusal.text.count("topics: unknown topic 'nowhere'") == PROBLEMS_SHOWN
    assert refusal.text.endswith(
        f"… and {len(problems) - PROBLEMS_SHOWN} more problem(s): "
        "run qualibot kb check for the full list."
    )
    assert bot.services.knowledge.base.version == version
