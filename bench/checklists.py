"""Checklist timings: one answer (read, conditional write, re-read), a full run, the results,
and drawing the chart and the PDF. Prints figures; not a test.

Usage: ``python -m bench.checklists [DATABASE_URL]`` (default: a temporary SQLite file).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.services.checklists import ChecklistService
from bot.services.knowledge import KnowledgeHolder
from bot.storage.uow import Database

KNOWLEDGE_DIR = Path(__file__).resolve().parents[1] / "knowledge"
USER_ID = 1
RUNS = 5
ANSWERS = ("yes", "partly", "no", "na", "skip")


async def prepare(db: Database) -> None:
    await db.upgrade()
    async with db.uow() as uow:
        user = await uow.users.get_or_create(USER_ID, "fr", "Europe/Paris")
        user.action_categories = ["training", "apprenticeship"]
        user.situations = ["certifying", "subcontracting", "alternance"]
        user.profile_done = True


async def one_run(service: ChecklistService) -> tuple[list[float], float]:
    """Answer every item of the self-assessment; per-answer times and the results time."""
    view = await service.start(USER_ID, "self-assessment")
    timings = []
    index = 0
    while view.step == "item":
        started = time.perf_counter()
        press = await service.answer(
            USER_ID, view.run_id, view.item.id, view.revision, ANSWERS[index % len(ANSWERS)]
        )
        timings.append(time.perf_counter() - started)
        view, index = press.view, index + 1
    started = time.perf_counter()
    await service.results(USER_ID, view.run_id)
    results_time = time.perf_counter() - started
    await service.restart(USER_ID, view.run_id)
    return timings, results_time


async def main(url: str) -> None:
    db = Database(url)
    await prepare(db)
    service = ChecklistService(db, KnowledgeHolder(KNOWLEDGE_DIR))
    answers: list[float] = []
    results: list[float] = []
    for _ in range(RUNS):
        timings, results_time = await one_run(service)
        answers += timings
        results.append(results_time)
    view = await service.start(USER_ID, "self-assessment")
    report_times = []
    for lang in ("fr", "en"):
        started = time.perf_counter()
        files = await service.report(await service.results(USER_ID, view.run_id), lang)
        report_times.append(time.perf_counter() - started)
    await db.close()
    quantiles = statistics.quantiles(answers, n=20)
    print(f"database: {db.dialect}; {len(answers)} answers over {RUNS} self-assessment runs")
    print(
        f"answer: median {statistics.median(answers) * 1000:.1f} ms, "
        f"p95 {quantiles[18] * 1000:.1f} ms, max {max(answers) * 1000:.1f} ms"
    )
    print(f"results (scores, gaps): median {statistics.median(results) * 1000:.1f} ms")
    print(
        f"chart + PDF: fr {report_times[0]:.2f} s, en {report_times[1]:.2f} s "
        f"(PDF {len(files.pdf) // 1024} KiB, PNG {len(files.chart_png) // 1024} KiB)"
    )


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        default = f"sqlite+aiosqlite:///{folder}/bench.sqlite3"
        asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else default))
