"""Load benchmark: 1, 20 and 200 simulated users talking to Qualibot through the Bot API double.

Each simulated user waits for the bot's reply before the next action, as a person does, and
mixes questions from the development set (at most one a second, as flood control allows)
with checklist presses (answer an item, go back, answer again: a database write each). The
bot runs in its own process, exactly as in production (webhook mode, the real services and
handlers), on SQLite and on PostgreSQL; this process runs the double and the users and
posts the updates to the bot's webhook, as Telegram would.

Two kinds of run per database:
- ``paced``: the users together offer ``--rate`` updates per second (500, the target): each
  user acts at the times of a Poisson stream of ``rate / users`` per second, or at once
  when the reply came later than the next time (a user late on the schedule does not fire
  the actions missed meanwhile). This is the target's
  question: at 500 updates/s, is p99 within 50 ms? With 1 user, who cannot offer that
  rate alone, the user does not pause: the row shows one conversation's own latency.
- ``max``: 200 users who never pause, the bot saturated: its capacity. Every user always
  waits in the queue, so its p99 is the queue's length, not the bot's speed.

Printed per run:
- ``upd/s``: updates handled per second (replies the bot started, over the window);
- ``p50``/``p99``: bot-side time from the update reaching the bot to its reply leaving it,
  in milliseconds (the double's handling of the reply is not in it);
- ``cpu ms/upd`` and ``capacity``: the bot process's CPU time per update, and the updates
  per second one core can handle at that cost (the double shares this 2-core machine and
  may be what limits ``upd/s``);
- ``peak MB``: the bot process's peak resident memory;
- the ``noop`` and ``ptb`` rows (:data:`BASELINES`): the same load on a minimal bot that
  replies at once (what the double and the load generator can carry by themselves), and on
  PTB sending Qualibot's messages without Qualibot's work (the framework's floor).

Targets: >= 500 updates/s per process with p99 <= 50 ms on the bot side, <= 120 MB.

Usage: ``python -m bench.load [--seconds 8] [--users 1,20,200] [--rate 500]
[--databases sqlite,postgresql] [--profile]`` (``--profile`` writes ``bench-load.prof`` of the
first database's ``max`` run and prints its top functions). Prints figures; not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import ClientSession, ClientTimeout

from bench.devset import load_devset
from bench.loadsupport.botproc import SECRET, WEBHOOK_PATH
from bench.loadsupport.figures import percentile, table
from bot.storage.uow import Database
from bot.telegram.localapi import StoredMessage
from tests.botapi import TEST_TOKEN, BotApiDouble, FakeUser
from tests.pgserver import PostgresServer, find_pg_bin, free_port

REPO_ROOT = Path(__file__).resolve().parent.parent
WARM_UP_SECONDS = 4.0
QUESTION_EVERY = 1.2
"""Seconds between two questions of one user (flood control allows one a second)."""
FIRST_USER_ID = 100_000
BASELINES = ("noop", "ptb")
"""Bots measured under the same load as a baseline: ``noop`` (plain aiohttp, no framework)
and ``ptb`` (python-telegram-bot's stack as Qualibot uses it, sending Qualibot's messages
rendered in advance: no database, matching or rendering per update)."""
COLUMNS = [
    ("bot", "bot"),
    ("database", "database"),
    ("users", "users"),
    ("load", "load"),
    ("rate", "upd/s"),
    ("p50_ms", "p50 ms"),
    ("p99_ms", "p99 ms"),
    ("cpu_ms", "cpu ms/upd"),
    ("capacity", "capacity upd/s"),
    ("peak_rss_mb", "peak MB"),
    ("e2e_p99_ms", "e2e p99 ms"),
]


@dataclass
class Watch:
    """What the bot did in each chat, as the double saw it."""

    kinds: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    events: dict[int, asyncio.Event] = field(default_factory=lambda: defaultdict(asyncio.Event))

    def __call__(self, event: Any) -> None:
        if event.message is not None:
            chat_id = event.message.chat_id
            self.kinds[chat_id].append(event.kind)
            self.events[chat_id].set()

    async def until(self, chat_id: int, start: int, needed: set[str], deadline: float) -> None:
        """Wait until the chat shows every kind in ``needed`` after position ``start``."""
        while not needed <= set(self.kinds[chat_id][start:]):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no reply in chat {chat_id}")
            event = self.events[chat_id]
            event.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)


class Users:
    """Simulated users: each acts ``interval`` seconds apart on average (a Poisson stream; 0
    for users who act again as soon as the reply comes), never before the previous reply."""

    def __init__(
        self, double: BotApiDouble, watch: Watch, questions: list[str], interval: float
    ) -> None:
        self.double = double
        self.watch = watch
        self.questions = questions
        self.interval = interval
        self.actions = 0
        self.latencies: list[float] = []
        self.errors = 0
        self.running = True

    async def act(self, user: FakeUser, action: Any, needed: set[str]) -> None:
        start = len(self.watch.kinds[user.chat_id])
        began = time.monotonic()
        await action()
        await self.watch.until(user.chat_id, start, needed, began + 30)
        self.latencies.append(time.monotonic() - began)
        self.actions += 1

    async def run(self, user: FakeUser, rng: random.Random) -> None:
        due = time.monotonic() + rng.random() * self.interval
        await asyncio.sleep(due - time.monotonic())
        step = await self.open_checklist(user)
        last_question = time.monotonic() - rng.random() * QUESTION_EVERY
        while self.running:
            try:
                if time.monotonic() - last_question >= QUESTION_EVERY:
                    last_question = time.monotonic()
                    text = rng.choice(self.questions)
                    await self.act(user, lambda t=text: user.send(t), {"message"})
                else:
                    label = button(step, "⬅ Retour") or button(step, "✅ Oui")
                    await self.act(
                        user, lambda b=label: user.press(step, b), {"callback_answer", "edit"}
                    )
            except (TimeoutError, LookupError, ValueError, StopIteration):
                self.errors += 1
                await asyncio.sleep(0.5)
            if self.interval:
                due = max(due + rng.expovariate(1 / self.interval), time.monotonic())
                await asyncio.sleep(due - time.monotonic())

    async def open_checklist(self, user: FakeUser) -> StoredMessage:
        await self.act(user, lambda: user.send("/checklist"), {"message"})
        listing = self.double.messages(user.chat_id)[-1]
        start = next(text for text in listing.button_texts if text.startswith("▶ 4."))
        await self.act(user, lambda: user.press(listing, start), {"callback_answer", "edit"})
        return listing


def button(message: StoredMessage, label: str) -> str | None:
    """The full text of the button ending with ``label`` (a chosen answer has a mark)."""
    return next((text for text in message.button_texts if text.endswith(label)), None)


async def relay(double: BotApiDouble, url: str) -> None:
    """Telegram's side of the webhook: post every update, concurrently, with the secret."""
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    slots = asyncio.Semaphore(256)
    offset = 0
    async with ClientSession(timeout=ClientTimeout(total=30)) as session:

        async def post(update: dict[str, Any]) -> None:
            async with slots, session.post(url, json=update, headers=headers) as response:
                await response.read()

        tasks: set[asyncio.Task] = set()
        while True:
            batch = await double.api.updates.get(offset, 100, 1.0)
            for update in batch:
                task = asyncio.create_task(post(update))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
                offset = update["update_id"] + 1


async def prepare_database(url: str, count: int) -> None:
    db = Database(url)
    await db.upgrade()
    async with db.uow() as uow:
        for n in range(count):
            user = await uow.users.get_or_create(FIRST_USER_ID + n, "fr", "Europe/Paris")
            user.action_categories = ["training"]
            user.situations = []
            user.profile_done = True
    await db.close()


class BotProcess:
    """``bench.loadsupport.botproc`` in a child process, driven through stdin."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def start(cls, base_url: str, database_url: str, port: int, *flags: str) -> BotProcess:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.loadsupport.botproc",
            base_url,
            database_url,
            str(port),
            *flags,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            cwd=REPO_ROOT,
        )
        bot = cls(process)
        await bot.read()
        return bot

    async def read(self) -> dict[str, Any]:
        line = await asyncio.wait_for(self.process.stdout.readline(), 60)
        if not line:
            raise RuntimeError("the bot process ended")
        return json.loads(line)

    async def command(self, name: str) -> dict[str, Any]:
        self.process.stdin.write(f"{name}\n".encode())
        await self.process.stdin.drain()
        return await self.read()

    async def stop(self) -> None:
        self.process.stdin.write(b"quit\n")
        await self.process.stdin.drain()
        await asyncio.wait_for(self.process.wait(), 60)


@dataclass(frozen=True)
class Load:
    """How hard the users push: ``rate`` updates/s offered in all, or None for no pauses."""

    users: int
    rate: float | None

    @property
    def label(self) -> str:
        return f"paced {self.rate:.0f}/s" if self.rate else "max"

    @property
    def interval(self) -> float:
        """Mean seconds between two actions of one user, so that together they offer
        ``rate`` (0: no pauses)."""
        return self.users / self.rate if self.rate else 0.0


def loads(counts: list[int], rate: float) -> list[Load]:
    """Paced runs for each user count that can offer ``rate`` (one user cannot: it runs
    without pauses), then the bot saturated by the largest count."""
    paced = [Load(users, rate if users > 1 else None) for users in counts]
    return [*paced, Load(max(counts), None)] if max(counts) > 1 else paced


async def one_run(
    kind: str, database: str, database_url: str, load: Load, seconds: float, flags: list[str]
) -> dict[str, Any]:
    """One bot (``qualibot`` or a baseline) under ``load``."""
    users = load.users
    await prepare_database(database_url, users)
    questions = [item.text for item in load_devset()]
    async with BotApiDouble(TEST_TOKEN) as double:
        watch = Watch()
        double.api.subscribe(watch)
        port = free_port()
        bot_flags = [*flags, f"--{kind}"] if kind in BASELINES else flags
        bot = await BotProcess.start(double.base_url, database_url, port, *bot_flags)
        relaying = asyncio.create_task(relay(double, f"http://127.0.0.1:{port}/{WEBHOOK_PATH}"))
        crowd = Users(double, watch, questions, load.interval)
        people = [double.user(FIRST_USER_ID + n, f"U{n}", language_code="fr") for n in range(users)]
        tasks = [asyncio.create_task(crowd.run(p, random.Random(n))) for n, p in enumerate(people)]
        await asyncio.sleep(WARM_UP_SECONDS)
        await bot.command("reset")
        crowd.latencies.clear()
        actions_before = crowd.actions
        await asyncio.sleep(seconds)
        figures = await bot.command("report")
        done = crowd.actions - actions_before
        crowd.running = False
        await asyncio.wait(tasks, timeout=35)
        relaying.cancel()
        await bot.stop()
    replies = max(figures["replies"], 1)
    return {
        "bot": kind,
        "database": database,
        "users": users,
        "load": load.label,
        "rate": figures["replies"] / figures["elapsed_s"],
        "p50_ms": figures["p50_ms"],
        "p99_ms": figures["p99_ms"],
        "cpu_ms": figures["cpu_s"] / replies * 1000,
        "capacity": replies / figures["cpu_s"] if figures["cpu_s"] else 0.0,
        "peak_rss_mb": figures["peak_rss_mb"],
        "e2e_p99_ms": percentile(crowd.latencies, 99) * 1000,
        "actions": done,
        "errors": crowd.errors,
    }


async def main() -> int:
    parser = argparse.ArgumentParser(description="Qualibot load benchmark")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--users", default="1,20,200")
    parser.add_argument("--rate", type=float, default=500.0, help="updates/s of paced runs")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    counts = [int(n) for n in args.users.split(",")]
    databases = args.databases.split(",")
    pg: PostgresServer | None = None
    if "postgresql" in databases:
        bin_dir = find_pg_bin()
        if bin_dir is None:
            print("PostgreSQL not installed: SQLite only")
            databases.remove("postgresql")
        else:
            pg = PostgresServer(bin_dir)
            pg.init()
            pg.start()
    rows = []
    number = 0
    try:
        with tempfile.TemporaryDirectory(prefix="qualibot-load-") as tmp:

            def fresh_url(database: str) -> str:
                nonlocal number
                number += 1
                if database == "sqlite":
                    return f"sqlite+aiosqlite:///{Path(tmp) / f'load{number}.sqlite3'}"
                assert pg is not None
                return pg.create_database(f"load{number}")

            top = max(counts)
            for baseline in BASELINES:
                url = fresh_url("sqlite")
                rows.append(await one_run(baseline, "-", url, Load(top, None), args.seconds, []))
                print(table(rows, COLUMNS), flush=True)
            for database in databases:
                for load in loads(counts, args.rate):
                    flags = []
                    if args.profile and database == databases[0] and load == Load(top, None):
                        flags = ["--profile"]
                    url = fresh_url(database)
                    rows.append(await one_run("qualibot", database, url, load, args.seconds, flags))
                    print(f"... {database}, {load.users} users, {load.label} done", flush=True)
    finally:
        if pg is not None:
            pg.destroy()
    print()
    print(table(rows, COLUMNS))
    errors = sum(row["errors"] for row in rows)
    print(f"\nuser actions without a reply within 30 s: {errors}")
    if args.profile:
        print_profile(Path("bench-load.prof"))
    return 0


def print_profile(path: Path) -> None:
    import pstats

    if path.exists():
        print(f"\nprofile of the bot ({path}), top 25 by cumulative time:")
        pstats.Stats(str(path)).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
