"""Configuration from environment variables (and an optional ``.env`` file)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(Exception):
    """A missing or malformed setting; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    """Everything the bot reads from its environment."""

    token: str | None = None
    api_base_url: str = DEFAULT_API_BASE_URL
    database_url: str = f"sqlite+aiosqlite:///{DEFAULT_DATA_DIR / 'qualibot.sqlite3'}"
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    timezone: str = "Europe/Paris"
    knowledge_dir: Path = PROJECT_ROOT / "knowledge"
    log_level: str = "INFO"
    webhook_listen: str = "0.0.0.0"  # noqa: S104 - a container listens on all interfaces
    webhook_port: int = 8080
    webhook_path: str = "telegram"
    webhook_url: str | None = None
    webhook_secret: str | None = None
    health_port: int = 8081
    """The health endpoint's port; 0 turns it off."""
    send_rate: float = 30.0
    question_retention_days: int = 365

    @property
    def is_sqlite(self) -> bool:
        """True when the database is SQLite."""
        return self.database_url.startswith("sqlite")


def read_dotenv(path: Path) -> dict[str, str]:
    """Parse a minimal ``.env`` file: ``KEY=value`` lines, ``#`` comments, optional quotes."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.strip().removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key] = value
    return values


def _int(env: Mapping[str, str], name: str, default: int, minimum: int = 0) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, got {raw!r}")
    return value


def _admin_ids(raw: str) -> frozenset[int]:
    ids: set[int] = set()
    for part in raw.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            ids.add(int(part))
        except ValueError:
            raise ConfigError(
                f"ADMIN_IDS must be comma-separated Telegram user ids, got {part!r}"
            ) from None
    return frozenset(ids)


def _database_url(raw: str) -> str:
    if not raw:
        return Settings.database_url
    if raw.startswith("postgres://") or raw.startswith("postgresql://"):
        return "postgresql+asyncpg://" + raw.split("://", 1)[1]
    if raw.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
        return raw
    if raw.startswith("sqlite://"):
        return "sqlite+aiosqlite://" + raw.split("://", 1)[1]
    scheme = raw.split("://", 1)[0] if "://" in raw else "(none)"
    raise ConfigError(
        "DATABASE_URL must start with sqlite+aiosqlite:// or postgresql+asyncpg://, "
        f"got scheme {scheme!r}"
    )


def load_settings(environ: Mapping[str, str] | None = None, dotenv: Path | None = None) -> Settings:
    """Read the settings; the process environment wins over the ``.env`` file."""
    env: dict[str, str] = read_dotenv(dotenv or Path.cwd() / ".env")
    env.update(os.environ if environ is None else environ)

    timezone = env.get("QUALIBOT_TIMEZONE", "").strip() or Settings.timezone
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"QUALIBOT_TIMEZONE is not a known time zone: {timezone!r}") from None

    log_level = (env.get("LOG_LEVEL", "").strip() or "INFO").upper()
    if log_level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {log_level!r}")

    knowledge_raw = env.get("KNOWLEDGE_DIR", "").strip()
    knowledge_dir = Path(knowledge_raw) if knowledge_raw else Settings.knowledge_dir
    if not knowledge_dir.is_dir():
        raise ConfigError(f"KNOWLEDGE_DIR is not a directory: {str(knowledge_dir)!r}")

    token = env.get("TELEGRAM_BOT_TOKEN", "").strip() or None
    if token is not None and (":" not in token or any(c.isspace() for c in token)):
        raise ConfigError("TELEGRAM_BOT_TOKEN does not look like a BotFather token (id:secret)")

    api_base_url = env.get("TELEGRAM_API_BASE_URL", "").strip() or DEFAULT_API_BASE_URL
    if not api_base_url.startswith(("http://", "https://")):
        raise ConfigError("TELEGRAM_API_BASE_URL must start with http:// or https://")

    return Settings(
        token=token,
        api_base_url=api_base_url,
        database_url=_database_url(env.get("DATABASE_URL", "").strip()),
        admin_ids=_admin_ids(env.get("ADMIN_IDS", "")),
        timezone=timezone,
        knowledge_dir=knowledge_dir,
        log_level=log_level,
        webhook_listen=env.get("WEBHOOK_LISTEN", "").strip() or Settings.webhook_listen,
        webhook_port=_int(env, "WEBHOOK_PORT", Settings.webhook_port, minimum=1),
        webhook_path=(env.get("WEBHOOK_PATH", "").strip() or Settings.webhook_path).strip("/"),
        webhook_url=env.get("WEBHOOK_URL", "").strip() or None,
        webhook_secret=env.get("WEBHOOK_SECRET_TOKEN", "").strip() or None,
        health_port=_int(env, "HEALTH_PORT", Settings.health_port, minimum=0),
        send_rate=_float(env, "QUALIBOT_SEND_RATE", Settings.send_rate),
        question_retention_days=_int(
            env, "QUESTION_RETENTION_DAYS", Settings.question_retention_days, minimum=1
        ),
    )
