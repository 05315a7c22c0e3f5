"""The health endpoint reports database reachability and knowledge version, and no secret."""

from __future__ import annotations

import httpx

from bot.health import HealthReport, HealthServer
from tests.pgserver import free_port


async def _get(report: HealthReport) -> httpx.Response:
    async def probe() -> HealthReport:
        return report

    port = free_port()
    server = HealthServer(probe, "127.0.0.1", port)
    server.start()
    try:
        async with httpx.AsyncClient() as client:
            return await client.get(f"http://127.0.0.1:{port}/health")
    finally:
        await server.stop()


async def test_healthy_bot_answers_200_with_knowledge_version() -> None:
    response = await _get(HealthReport(database=True, knowledge_version="abc123", entries=80))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "reachable"
    assert body["knowledge_version"] == "abc123"


async def test_unreachable_database_answers_503() -> None:
    response = await _get(HealthReport(database=False, knowledge_version="abc123", entries=80))
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
