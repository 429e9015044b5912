"""Runs the real bot (``digestbot run``) as a subprocess against the fake Bot API server.

Used by the end-to-end tests and by ``bench/bot_latency.py``. The bot's output goes to a file,
not a pipe (a full pipe would block the bot), and tests read it back to check the logs.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from tests.fake_telegram import FakeTelegram

T = TypeVar("T")
START_TIMEOUT = 90.0  # a cold start loads spaCy in the parent and in a worker; CI is slow


def digestbot_command() -> list[str]:
    """The installed ``digestbot`` script next to this interpreter, else ``python -m bot``."""
    script = Path(sys.executable).with_name("digestbot")
    if script.exists():
        return [str(script)]
    found = shutil.which("digestbot")
    return [found] if found else [sys.executable, "-m", "bot"]


def bot_env(
    fake: FakeTelegram | None, db_url: str, extra: Mapping[str, str] | None = None
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DIGESTBOT_", "TELEGRAM_"))}
    env.update(
        DIGESTBOT_DATABASE_URL=db_url,
        DIGESTBOT_FETCH_ALLOW="127.0.0.1",
        DIGESTBOT_WORKERS="1",
        PYTHONUNBUFFERED="1",
    )
    if fake is not None:
        env["TELEGRAM_BOT_TOKEN"] = fake.token
    env.update(extra or {})
    return env


class BotProcess:
    """``digestbot run --api-url <fake>`` in a subprocess; start, wait until polling, stop."""

    def __init__(
        self,
        fake: FakeTelegram,
        db_url: str,
        log_path: Path,
        *,
        env: Mapping[str, str] | None = None,
        args: tuple[str, ...] = (),
    ) -> None:
        self.fake = fake
        self.db_url = db_url
        self.log_path = log_path
        self.env = bot_env(fake, db_url, env)
        self.args = args
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, *, wait: bool = True, timeout: float = START_TIMEOUT) -> BotProcess:
        first_call = len(self.fake.calls)
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [*digestbot_command(), "run", "--api-url", self.fake.base_url, *self.args],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.fake.watch(self.proc)
        if wait:
            self.wait_ready(first_call, timeout)
        return self

    def wait_ready(self, first_call: int = 0, timeout: float = START_TIMEOUT) -> None:
        """Polling has begun: deleteWebhook (start_polling's first call) after this start's
        commands were set. Not getUpdates: the fake records a long poll only when it ends."""

        def polling() -> bool:
            names = [c.method.lower() for c in self.fake.calls[first_call:]]
            return (
                "setmycommands" in names
                and "deletewebhook" in names[names.index("setmycommands") :]
            )

        self.fake.wait_for(polling, timeout, "the bot to start polling")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30.0) -> int:
        """Send ``sig`` and wait for the exit status (killed after ``timeout``)."""
        assert self.proc is not None
        self.fake.watch(None)
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def restart(self) -> None:
        self.stop()
        self.start()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


def run_once(
    args: list[str], env: Mapping[str, str], timeout: float = START_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """``digestbot ARGS`` to completion, output captured (for start-up failures)."""
    return subprocess.run(
        [*digestbot_command(), *args],
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def in_db(db_url: str, call: Callable[[Any], Awaitable[T]]) -> T:
    """Run ``call(db)`` against the bot's database from a synchronous test."""
    from storage.db import open_database

    async def go() -> T:
        db = await open_database(db_url)
        try:
            return await call(db)
        finally:
            await db.dispose()

    return asyncio.run(go())


def wait_until(predicate: Callable[[], T], timeout: float = 15.0, what: str = "") -> T:
    """Poll something outside the fake (the database) until it holds."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}")
        time.sleep(0.1)
