"""A small HTTP health endpoint: database reachability and knowledge version.

It answers ``GET /health`` with JSON, 200 when the database answers and 503 otherwise.
It never shows a secret (no token, no database URL).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import tornado.httpserver
import tornado.web

from bot import __version__
from bot.services.knowledge import KnowledgeHolder
from bot.storage.uow import Database

PING_TIMEOUT = 3.0
"""Seconds the database has to answer before the endpoint calls it unreachable."""


@dataclass(frozen=True)
class HealthReport:
    """What the health endpoint says."""

    database: bool
    knowledge_version: str
    entries: int

    @property
    def healthy(self) -> bool:
        """True when the bot can serve users."""
        return self.database and self.entries > 0

    def as_json(self) -> str:
        """The JSON body."""
        return json.dumps(
            {
                "status": "ok" if self.healthy else "degraded",
                "database": "reachable" if self.database else "unreachable",
                "knowledge_version": self.knowledge_version,
                "entries": self.entries,
                "version": __version__,
            }
        )


Probe = Callable[[], Awaitable[HealthReport]]


def bot_probe(db: Database, knowledge: KnowledgeHolder) -> Probe:
    """The probe of a running bot: pings the database and reads the knowledge in use."""

    async def probe() -> HealthReport:
        try:
            reachable = await asyncio.wait_for(db.ping(), PING_TIMEOUT)
        except TimeoutError:
            reachable = False
        base = knowledge.base
        return HealthReport(reachable, base.version, len(base.entries))

    return probe


class _HealthHandler(tornado.web.RequestHandler):
    def initialize(self, probe: Probe) -> None:
        self.probe = probe

    async def get(self) -> None:
        report = await self.probe()
        self.set_status(200 if report.healthy else 503)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(report.as_json())


class HealthServer:
    """Serves ``/health`` on ``host:port`` inside the running event loop."""

    def __init__(self, probe: Probe, host: str, port: int) -> None:
        self.host, self.port = host, port
        app = tornado.web.Application([(r"/health", _HealthHandler, {"probe": probe})])
        self._server = tornado.httpserver.HTTPServer(app)

    def start(self) -> None:
        """Start listening (call from within the event loop)."""
        self._server.listen(self.port, address=self.host)

    async def stop(self) -> None:
        """Stop listening and close open connections."""
        self._server.stop()
        await self._server.close_all_connections()
