"""``digestbot run`` start-up failures and signals: one clear line, non-zero exit, no traceback,
and never the token in the output."""

from __future__ import annotations

import signal
import socket
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.bot_harness import BotProcess, bot_env, run_once
from tests.fake_telegram import FakeTelegram

pytestmark = pytest.mark.slow


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _assert_one_clear_line(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    ours = [line for line in result.stderr.splitlines() if line.startswith("digestbot:")]
    assert len(ours) == 1, output
    for fragment in fragments:
        assert fragment in ours[0], ours[0]
    return ours[0]


WRONG_TOKEN = "987654321:AAwrongTokenThatTelegramDoesNotKnow_xyz"


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


@pytest.fixture(scope="module")
def outcomes(
    fake: FakeTelegram, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every failing start at once: each pays the bot's import time, in parallel."""
    sqlite = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('startup') / 'bot.sqlite'}"
    closed = _closed_port()
    api = ["run", "--api-url", fake.base_url]
    cases: dict[str, tuple[list[str], dict[str, str]]] = {
        "missing_token": (api, bot_env(None, sqlite)),
        "rejected_token": (api, bot_env(fake, sqlite, {"TELEGRAM_BOT_TOKEN": WRONG_TOKEN})),
        "unreachable_api": (
            ["run", "--api-url", f"http://127.0.0.1:{closed}/bot"],
            bot_env(None, sqlite, {"TELEGRAM_BOT_TOKEN": "123:abc"}),
        ),
        "database_unreachable": (
            api,
            bot_env(fake, f"postgresql+asyncpg://digestbot:secret@127.0.0.1:{closed}/digestbot"),
        ),
        "model_missing": (
            api,
            bot_env(fake, sqlite, {"DIGESTBOT_SPACY_MODEL": "no_such_pipeline"}),
        ),
    }
    with ThreadPoolExecutor(len(cases)) as pool:
        futures = {name: pool.submit(run_once, *case) for name, case in cases.items()}
        return {name: future.result() for name, future in futures.items()}


def test_missing_token(outcomes: dict[str, subprocess.CompletedProcess[str]]) -> None:
    assert outcomes["missing_token"].returncode == 2
    _assert_one_clear_line(outcomes["missing_token"], "TELEGRAM_BOT_TOKEN")


def test_rejected_token_is_never_printed(
    outcomes: dict[str, subprocess.CompletedProcess[str]], fake: FakeTelegram
) -> None:
    result = outcomes["rejected_token"]
    _assert_one_clear_line(result, "rejected the token")
    assert WRONG_TOKEN not in result.stdout + result.stderr
    assert 401 in [c.status for c in fake.calls_to("getMe")]


def test_unreachable_bot_api(outcomes: dict[str, subprocess.CompletedProcess[str]]) -> None:
    result = outcomes["unreachable_api"]
    _assert_one_clear_line(result, "cannot reach the Bot API server")
    assert "123:abc" not in result.stdout + result.stderr


def test_database_unreachable(outcomes: dict[str, subprocess.CompletedProcess[str]]) -> None:
    line = _assert_one_clear_line(outcomes["database_unreachable"], "cannot open the database")
    assert "secret" not in line


def test_spacy_model_missing(outcomes: dict[str, subprocess.CompletedProcess[str]]) -> None:
    _assert_one_clear_line(outcomes["model_missing"], "no_such_pipeline", "not installed")


def test_sigterm_during_start_up_exits_cleanly(fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    """(SIGINT on a running bot: test_bot_e2e's restart test.)"""
    sqlite = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite'}"
    bot = BotProcess(fake_telegram, sqlite, tmp_path / "bot.log").start(wait=False)
    fake_telegram.wait_for_call("getMe", timeout=60)  # the model loads after this
    assert bot.stop(signal.SIGTERM) == 0, bot.output()
    assert "Traceback" not in bot.output()
    assert not fake_telegram.calls_to("getUpdates")  # it never began polling


def test_webhook_mode(fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    """--webhook-url/--listen/--port: Telegram posts updates to the bot, under the token path."""
    port = _closed_port()
    sqlite = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite'}"
    bot = BotProcess(
        fake_telegram,
        sqlite,
        tmp_path / "bot.log",
        args=(
            "--webhook-url",
            f"http://127.0.0.1:{port}",
            "--listen",
            "127.0.0.1",
            "--port",
            str(port),
        ),
    ).start(wait=False)
    try:
        fake_telegram.wait_for(lambda: fake_telegram.webhook, 60, "setWebhook")
        assert fake_telegram.webhook["url"] == f"http://127.0.0.1:{port}/{fake_telegram.token}"
        sent = fake_telegram.send_command(1, "help")
        fake_telegram.wait_for_message(1, lambda m: "How to use me" in m.text, 20, after=sent)
        assert not fake_telegram.calls_to("getUpdates")
    finally:
        assert bot.stop() == 0, bot.output()
    assert fake_telegram.token not in bot.output()
