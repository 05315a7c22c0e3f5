"""The container files say what the bot reads: the Dockerfile and docker-compose.yml use real
settings, the compose bot waits for a healthy PostgreSQL, and the image's HEALTHCHECK
command tells a healthy bot from an unhealthy one.

(The Dockerfile's install steps themselves run in CI: ``.ci/image_steps.py``.)
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
from pathlib import Path

import yaml

from bot.config import load_settings
from bot.health import HealthReport, HealthServer
from tests.pgserver import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (REPO_ROOT / "Dockerfile").read_text()
COMPOSE = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
NOT_SETTINGS = {"PATH", "PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "MPLCONFIGDIR"}
NOT_SETTINGS |= {"MALLOC_ARENA_MAX"}
NOT_SETTINGS |= {"PIP_NO_CACHE_DIR", "PIP_DISABLE_PIP_VERSION_CHECK", "QUALIBOT_MIGRATIONS_DIR"}


def settings_read() -> set[str]:
    """Every environment variable name load_settings looks at."""
    source = (REPO_ROOT / "bot" / "config.py").read_text()
    return set(re.findall(r'"([A-Z][A-Z0-9_]+)"', source))


def dockerfile_env() -> set[str]:
    joined = DOCKERFILE.replace("\\\n", " ")
    names: set[str] = set()
    for line in joined.splitlines():
        if line.startswith("ENV "):
            names |= set(re.findall(r"([A-Z][A-Z0-9_]+)=", line))
    return names


def test_the_image_is_multi_stage_slim_and_runs_as_a_numeric_non_root_user() -> None:
    bases = re.findall(r"^FROM (\S+)", DOCKERFILE, flags=re.MULTILINE)
    assert len(bases) == 2 and all(base.endswith("-slim") for base in bases)
    [user] = re.findall(r"^USER (\S+)", DOCKERFILE, flags=re.MULTILINE)
    assert user.isdigit() and user != "0"
    runtime = DOCKERFILE.split("AS runtime", 1)[1]
    copied = re.findall(r"^COPY (?:--from=\S+ )?(\S+)", runtime, flags=re.MULTILINE)
    assert copied == ["/opt/venv", "knowledge/", "migrations/"], "only runtime files"


def test_every_environment_variable_of_the_containers_is_a_real_setting() -> None:
    known = settings_read()
    assert dockerfile_env() - NOT_SETTINGS <= known
    bot_env = set(COMPOSE["services"]["bot"]["environment"])
    assert bot_env <= known, bot_env - known


def test_the_image_defaults_load_as_valid_settings() -> None:
    env = {"KNOWLEDGE_DIR": str(REPO_ROOT / "knowledge"), "WEBHOOK_PORT": "8080"}
    env["HEALTH_PORT"] = re.search(r"HEALTH_PORT=(\d+)", DOCKERFILE)[1]
    env["DATABASE_URL"] = re.search(r"DATABASE_URL=(\S+)", DOCKERFILE)[1]
    settings = load_settings(env, dotenv=Path("/nonexistent"))
    assert settings.health_port == 8081 and settings.is_sqlite


def test_compose_starts_the_bot_once_postgresql_is_healthy_and_keeps_its_data() -> None:
    services = COMPOSE["services"]
    assert services["bot"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    [volume] = services["db"]["volumes"]
    assert volume.split(":")[0] in COMPOSE["volumes"]
    assert services["bot"]["environment"]["DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert int(services["bot"]["stop_grace_period"].rstrip("s")) >= 10, "time to finish"


def healthcheck_command() -> list[str]:
    line = DOCKERFILE.replace("\\\n", " ").split("HEALTHCHECK", 1)[1]
    return json.loads(line.split("CMD", 1)[1].strip().splitlines()[0])


async def run_healthcheck(report: HealthReport) -> int:
    async def probe() -> HealthReport:
        return report

    port = free_port()
    server = HealthServer(probe, "127.0.0.1", port)
    server.start()
    try:
        command = healthcheck_command()
        assert command[0] == "python"
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *command[1:],
            env={**os.environ, "HEALTH_PORT": str(port)},
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        return await asyncio.wait_for(process.wait(), 20)
    finally:
        await server.stop()


async def test_the_healthcheck_command_passes_for_a_healthy_bot_and_fails_otherwise() -> None:
    assert await run_healthcheck(HealthReport(True, "abc", 80)) == 0
    assert await run_healthcheck(HealthReport(False, "abc", 80)) != 0
