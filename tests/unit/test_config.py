"""Settings come from the environment; a bad value gets one clear line naming the variable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

REPO = Path(__file__).resolve().parents[2]


def test_defaults_use_sqlite_and_paris(tmp_path: Path) -> None:
    settings = load_settings({}, dotenv=tmp_path / "none")
    assert settings.database_url.startswith("sqlite+aiosqlite:///")
    assert settings.timezone == "Europe/Paris"
    assert settings.token is None
    assert settings.admin_ids == frozenset()
    assert (settings.knowledge_dir / "README.md").exists()


def test_values_are_parsed(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": "123456:ABCdef",
            "ADMIN_IDS": "12, 34",
            "DATABASE_URL": "postgres://u:p@localhost/q",
            "LOG_LEVEL": "debug",
        },
        dotenv=tmp_path / "none",
    )
    assert settings.admin_ids == frozenset({12, 34})
    assert settings.database_url == "postgresql+asyncpg://u:p@localhost/q"
    assert settings.log_level == "DEBUG"


def test_dotenv_is_read_and_environment_wins(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text('# comment\nQUALIBOT_TIMEZONE="America/Cayenne"\nLOG_LEVEL=WARNING\n')
    settings = load_settings({"LOG_LEVEL": "ERROR"}, dotenv=dotenv)
    assert settings.timezone == "America/Cayenne"
    assert settings.log_level == "ERROR"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ADMIN_IDS", "12,abc"),
        ("QUALIBOT_TIMEZONE", "Mars/Olympus"),
        ("DATABASE_URL", "mysql://root@db/q"),
        ("LOG_LEVEL", "LOUD"),
        ("KNOWLEDGE_DIR", "/nonexistent/knowledge"),
        ("TELEGRAM_BOT_TOKEN", "not a token"),
        ("WEBHOOK_PORT", "eighty"),
    ],
)
def test_malformed_value_names_the_variable(name: str, value: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=name):
        load_settings({name: value}, dotenv=tmp_path / "none")


def test_cli_reports_config_error_in_one_line_without_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "db", "upgrade"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "ADMIN_IDS": "oops"},
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "ADMIN_IDS" in result.stderr
    assert "Traceback" not in result.stderr
