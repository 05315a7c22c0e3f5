"""The bot token and database password never appear in any log line."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import httpx
import pytest

from bot.logs import redact, setup_logging

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def test_redact_removes_token_url_and_password() -> None:
    line = f"POST https://api.telegram.org/bot{TOKEN}/sendMessage to postgresql://bot:s3cret@db/q"
    cleaned = redact(line)
    assert TOKEN not in cleaned
    assert "s3cret" not in cleaned
    assert "sendMessage" in cleaned


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    setup_logging("DEBUG", secrets=(TOKEN, "postgresql+asyncpg://bot:s3cret@db/q"), stream=stream)
    yield stream
    logging.getLogger().handlers.clear()


def test_token_never_reaches_the_log(log_output: io.StringIO) -> None:
    log = logging.getLogger("telegram.ext.Updater")
    log.info("Network error on https://api.telegram.org/bot%s/getUpdates", TOKEN)
    log.warning("token is %s", TOKEN.split(":")[1])
    try:
        raise RuntimeError(f"failed calling /bot{TOKEN}/getMe")
    except RuntimeError:
        log.exception("request failed")
    err = log_output.getvalue()
    assert "getUpdates" in err and "request failed" in err
    assert TOKEN not in err
    assert TOKEN.split(":")[1] not in err


def test_httpx_request_lines_are_silenced(log_output: io.StringIO) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={"ok": True}))
    with httpx.Client(transport=transport) as client:
        client.post(f"https://api.telegram.org/bot{TOKEN}/getMe")
    assert TOKEN not in log_output.getvalue()
