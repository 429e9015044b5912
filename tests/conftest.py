"""Shared fixtures: a loopback article server and database URLs for SQLite and PostgreSQL.

PostgreSQL tests run when DIGESTBOT_TEST_POSTGRES_URL names a server (an admin URL such as
``postgresql+asyncpg://postgres@127.0.0.1:5432/postgres``); each test gets a fresh database.
In CI that variable is always set, so PostgreSQL is never silently skipped there.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.article_server import ArticleServer
from tests.fake_telegram import FakeTelegram

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"
POSTGRES_ADMIN_URL = os.environ.get("DIGESTBOT_TEST_POSTGRES_URL", "")


@pytest.fixture
def article_server() -> Iterator[ArticleServer]:
    server = ArticleServer().start()
    yield server
    server.stop()


@pytest.fixture
def fake_telegram() -> Iterator[FakeTelegram]:
    server = FakeTelegram().start()
    yield server
    server.stop()


async def _admin_execute(admin_url: str, statement: str) -> None:
    """Run one statement on the admin database, outside any transaction (as CREATE DATABASE
    and DROP DATABASE must)."""
    import asyncpg
    from sqlalchemy.engine import make_url

    url = make_url(admin_url)
    conn = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database or "postgres",
    )
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


async def _create_pg_database(admin_url: str) -> tuple[str, str]:
    from sqlalchemy.engine import make_url

    name = f"digestbot_test_{uuid.uuid4().hex[:12]}"
    await _admin_execute(admin_url, f'CREATE DATABASE "{name}"')
    url = make_url(admin_url).set(database=name)
    return url.render_as_string(hide_password=False), name


async def _drop_pg_database(admin_url: str, name: str) -> None:
    await _admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh, empty database URL: SQLite in tmp_path, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'digestbot.sqlite'}"
        return
    if not POSTGRES_ADMIN_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must set DIGESTBOT_TEST_POSTGRES_URL")
        pytest.skip("DIGESTBOT_TEST_POSTGRES_URL is not set")
    url, name = await _create_pg_database(POSTGRES_ADMIN_URL)
    yield url
    await _drop_pg_database(POSTGRES_ADMIN_URL, name)


@contextmanager
def temporary_database(kind: str, directory: Path) -> Iterator[str]:
    """Like ``db_url``, for fixtures of a wider scope (one bot process per test module)."""
    if kind == "sqlite":
        yield f"sqlite+aiosqlite:///{directory / 'digestbot.sqlite'}"
        return
    if not POSTGRES_ADMIN_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must set DIGESTBOT_TEST_POSTGRES_URL")
        pytest.skip("DIGESTBOT_TEST_POSTGRES_URL is not set")
    url, name = asyncio.run(_create_pg_database(POSTGRES_ADMIN_URL))
    try:
        yield url
    finally:
        asyncio.run(_drop_pg_database(POSTGRES_ADMIN_URL, name))
