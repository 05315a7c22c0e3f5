"""The bot under load, in its own process: production Qualibot in webhook mode, measured.

Usage (by ``bench/load.py``): ``python -m bench.loadsupport.botproc BASE_URL DATABASE_URL PORT
[--noop]``. Commands arrive on stdin, one per line: ``reset`` starts a measurement window,
``report`` prints one JSON line of figures for the window, ``quit`` stops.

Bot-side time of an update: from the moment the webhook puts it in the update queue to the
moment the bot starts sending its first reply for that chat (``sendMessage``,
``editMessageText``, ``answerCallbackQuery``…). The users wait for each reply (one update in flight
per chat), so every reply belongs to the chat's pending update. The double's handling of the
reply is not in it. A window's figures count the replies sent in it (updates per second) and
the delays of the updates that arrived in it (p50, p99): an update queued during the warm-up
is not the window's.

``--noop`` serves the same webhook with a minimal aiohttp bot that replies at once (same
Bot API calls, no Qualibot): what the double and the load generator cost by themselves.
``--ptb`` serves it with PTB's stack sending Qualibot's messages, rendered in advance.
"""

from __future__ import annotations

import asyncio
import cProfile
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from bench.loadsupport.figures import percentile

KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"
WEBHOOK_PATH = "hook"
SECRET = "bench-secret"
PROFILE_FILE = "bench-load.prof"
NOOP_KEYBOARD = {
    "inline_keyboard": [
        [{"text": "▶ 4. Checklist", "callback_data": "noop:open"}],
        [{"text": "⬅ Retour", "callback_data": "noop:back"}],
    ]
}


class Clock:
    """Arrivals per chat and the bot-side delays measured in the current window."""

    def __init__(self) -> None:
        self.arrived: dict[int, float] = {}
        self.queries: dict[str, int] = {}
        self.delays: list[float] = []
        self.replies = 0
        self.window_start = time.perf_counter()
        self.cpu_start = _cpu()

    def arrival(self, chat_id: int, query_id: str | None) -> None:
        self.arrived[chat_id] = time.perf_counter()
        if query_id:
            self.queries[query_id] = chat_id

    def reply(self, params: dict[str, Any]) -> None:
        chat_id = params.get("chat_id")
        if chat_id is None and "callback_query_id" in params:
            chat_id = self.queries.pop(str(params["callback_query_id"]), None)
        if chat_id is None:
            return
        started = self.arrived.pop(int(chat_id), None)
        if started is None:
            return
        self.replies += 1
        if started >= self.window_start:
            self.delays.append(time.perf_counter() - started)

    def reset(self) -> None:
        self.delays.clear()
        self.replies = 0
        self.window_start = time.perf_counter()
        self.cpu_start = _cpu()

    def report(self) -> dict[str, float]:
        elapsed = time.perf_counter() - self.window_start
        cpu = _cpu() - self.cpu_start
        return {
            "replies": self.replies,
            "elapsed_s": elapsed,
            "cpu_s": cpu,
            "p50_ms": percentile(self.delays, 50) * 1000,
            "p99_ms": percentile(self.delays, 99) * 1000,
            "peak_rss_mb": peak_rss_mb(),
        }


def peak_rss_mb() -> float:
    """This process's peak resident memory (``VmHWM``).

    Not ``getrusage``'s ``ru_maxrss``: Linux carries it over ``exec`` from the forked
    parent, so a child started by a 180 MB load generator would report at least 180 MB.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def chat_and_query(update: dict[str, Any]) -> tuple[int, str | None]:
    """The private chat of an update (users talk to the bot one to one) and its query id."""
    if "callback_query" in update:
        query = update["callback_query"]
        return query["from"]["id"], query["id"]
    return update["message"]["chat"]["id"], None


def timed_request(clock: Clock) -> Any:
    """Qualibot's Bot API client, telling ``clock`` when each reply leaves."""
    from bot.telegram.http import AiohttpRequest

    class TimedRequest(AiohttpRequest):
        async def do_request(self, url: str, method: str, request_data: Any = None, **kw: Any):
            if request_data is not None:
                clock.reply(request_data.parameters)
            return await super().do_request(url, method, request_data, **kw)

    return TimedRequest()


def time_updates(application: Any, clock: Clock) -> None:
    """Tell ``clock`` when each update reaches the application's update queue."""
    from telegram import Update

    queue_put = application.update_queue.put

    async def timed_put(update: Any) -> None:
        if isinstance(update, Update):
            query = update.callback_query
            if query is not None:
                clock.arrival(query.from_user.id, query.id)
            else:
                clock.arrival(update.effective_chat.id, None)
        await queue_put(update)

    application.update_queue.put = timed_put


async def serve_qualibot(base_url: str, database_url: str, port: int, clock: Clock) -> Any:
    """Production services and application, webhook on ``port``; returns a stop function."""
    from bot.config import Settings
    from bot.services.container import create_services
    from bot.telegram.app import build_application
    from bot.telegram.runner import WebhookPlan, start_webhook, stop_application

    settings = Settings(
        token="123456789:TESTTOKENabcdefghijklmnopqrstuvwxyz",
        api_base_url=base_url,
        database_url=database_url,
        knowledge_dir=KNOWLEDGE_DIR,
        send_rate=100_000.0,
        log_level="WARNING",
    )
    services = await create_services(settings)
    application = build_application(services, request=timed_request(clock))
    time_updates(application, clock)
    plan = WebhookPlan("127.0.0.1", port, WEBHOOK_PATH, "https://bench.example/hook", SECRET, False)
    await start_webhook(application, plan)

    async def stop() -> None:
        await stop_application(application)
        await services.close()

    return stop


async def serve_noop(base_url: str, port: int, clock: Clock) -> Any:
    """A minimal bot: the same Bot API calls as Qualibot, made at once."""
    from aiohttp import ClientSession, web

    session = ClientSession()
    token = "123456789:TESTTOKENabcdefghijklmnopqrstuvwxyz"
    counter = iter(range(1, 10**9))

    async def call(method: str, params: dict[str, Any]) -> None:
        clock.reply(params)
        async with session.post(f"{base_url}{token}/{method}", json=params) as response:
            await response.read()

    async def hook(request: web.Request) -> web.Response:
        update = await request.json()
        clock.arrival(*chat_and_query(update))
        if "callback_query" in update:
            query = update["callback_query"]
            message = query["message"]
            asyncio.get_running_loop().create_task(press(query, message))
        else:
            chat_id = update["message"]["chat"]["id"]
            params = {"chat_id": chat_id, "text": "Réponse " * 60, "reply_markup": NOOP_KEYBOARD}
            asyncio.get_running_loop().create_task(call("sendMessage", params))
        return web.Response(text="")

    async def press(query: dict[str, Any], message: dict[str, Any]) -> None:
        await call("answerCallbackQuery", {"callback_query_id": query["id"]})
        params = {
            "chat_id": message["chat"]["id"],
            "message_id": message["message_id"],
            "text": f"Étape {next(counter)}",
            "reply_markup": message.get("reply_markup"),
        }
        await call("editMessageText", params)

    app = web.Application()
    app.router.add_post(f"/{WEBHOOK_PATH}", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()

    async def stop() -> None:
        await runner.cleanup()
        await session.close()

    return stop


def qualibot_messages() -> tuple[list[tuple[str, Any]], list[tuple[str, Any]]]:
    """Qualibot's own replies, rendered once: an answer card with its keyboard for each
    knowledge entry, and each step of checklist 4 (the one the load users run)."""
    from bot.core.checklists.applicability import Profile
    from bot.core.checklists.engine import build_plan
    from bot.services.checklist_views import build_view
    from bot.services.knowledge import KnowledgeHolder
    from bot.storage.run_state import ACTIVE, RunState
    from bot.telegram.render import checklist
    from bot.telegram.render.entries import answer_card
    from bot.telegram.render.keyboards import answer_keyboard

    base = KnowledgeHolder(KNOWLEDGE_DIR).base
    answers = [
        (answer_card(entry, base, "fr"), answer_keyboard(entry, base, "fr", 1))
        for entry in base.entries
    ]
    chosen = base.checklists[3]
    profile = Profile.of(["training"], [])
    plan = build_plan(chosen, base, profile)
    steps = []
    for revision, item in enumerate(plan.items):
        run = RunState(1, 1, chosen.id, ACTIVE, item.id, revision)
        steps.append(checklist.step(build_view(run, plan, {}, {}, profile), "fr"))
    return answers, steps


async def serve_ptb_floor(base_url: str, port: int, clock: Clock) -> Any:
    """The framework floor: the same PTB stack as Qualibot (webhook server, request class,
    rate limiter, update processor) sending Qualibot's own messages (rendered in advance),
    with no database, matching or rendering per update."""
    from itertools import cycle

    from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Update
    from telegram.constants import ParseMode
    from telegram.ext import (
        Application,
        CallbackQueryHandler,
        CommandHandler,
        Defaults,
        MessageHandler,
        filters,
    )

    from bot.telegram.concurrency import ChatOrderedProcessor
    from bot.telegram.resilience import RetryingRateLimiter
    from bot.telegram.runner import WebhookPlan, start_webhook, stop_application

    listing = InlineKeyboardMarkup.de_json(NOOP_KEYBOARD, None)
    answers, steps = qualibot_messages()
    next_answer = cycle(answers)
    position: dict[int, int] = {}

    async def on_checklist(update: Update, _: Any) -> None:
        await update.effective_message.reply_html("Checklists", reply_markup=listing)

    async def on_text(update: Update, _: Any) -> None:
        text, keyboard = next(next_answer)
        await update.effective_message.reply_html(text, reply_markup=keyboard)

    async def on_press(update: Update, _: Any) -> None:
        chat = update.effective_chat.id
        position[chat] = (position.get(chat, -1) + 1) % len(steps)
        text, keyboard = steps[position[chat]]
        await update.callback_query.answer()
        await update.callback_query.edit_message_text(text, reply_markup=keyboard)

    application = (
        Application.builder()
        .token("123456789:TESTTOKENabcdefghijklmnopqrstuvwxyz")
        .base_url(base_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
            )
        )
        .request(timed_request(clock))
        .rate_limiter(RetryingRateLimiter(overall_max_rate=100_000.0))
        .concurrent_updates(ChatOrderedProcessor())
        .build()
    )
    application.add_handler(CommandHandler("checklist", on_checklist))
    application.add_handler(MessageHandler(filters.TEXT, on_text))
    application.add_handler(CallbackQueryHandler(on_press))
    time_updates(application, clock)
    plan = WebhookPlan("127.0.0.1", port, WEBHOOK_PATH, "https://bench.example/hook", SECRET, False)
    await start_webhook(application, plan)

    async def stop() -> None:
        await stop_application(application)

    return stop


async def main() -> None:
    base_url, database_url, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    clock = Clock()
    if "--noop" in sys.argv:
        stop = await serve_noop(base_url, port, clock)
    elif "--ptb" in sys.argv:
        stop = await serve_ptb_floor(base_url, port, clock)
    else:
        stop = await serve_qualibot(base_url, database_url, port, clock)
    print(json.dumps({"ready": True}), flush=True)
    profiler = cProfile.Profile() if "--profile" in sys.argv else None
    loop = asyncio.get_running_loop()
    while True:
        line = (await loop.run_in_executor(None, sys.stdin.readline)).strip()
        if line == "reset":
            clock.reset()
            if profiler is not None:
                profiler.enable()
            print(json.dumps({"reset": True}), flush=True)
        elif line == "report":
            if profiler is not None:
                profiler.disable()
                profiler.dump_stats(PROFILE_FILE)
            print(json.dumps(clock.report()), flush=True)
        else:
            break
    await stop()


if __name__ == "__main__":
    asyncio.run(main())
