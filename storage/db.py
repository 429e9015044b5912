"""The database handle: engine, sessions, migrations. Same code on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Arbitrary constant: the key of the PostgreSQL advisory lock held while migrating.
MIGRATION_LOCK_KEY = 0x6469676573740001
SQLITE_BUSY_TIMEOUT_MS = 10_000


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic configured in code (no ini needed), from files next to this module."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _upgrade_head(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" hook issue BEGIN itself (see _sqlite_on_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # The busy timeout first: switching to WAL needs a lock another process may hold.
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    _use_wal(cursor)  # readers don't block the writer
    cursor.execute("PRAGMA foreign_keys=ON")  # cascades (/forget) rely on it
    cursor.close()


def _use_wal(cursor: Any) -> None:
    """Switch a new database file to WAL (the mode is stored in the file: once is enough).

    The switch needs an exclusive lock, and SQLite answers "database is locked" at once, busy
    timeout or not, while another process that is creating the same file holds one; so the
    switch is retried for as long as the busy timeout would have waited. Only processes
    racing to create the database ever retry."""
    cursor.execute("PRAGMA journal_mode")
    if str(cursor.fetchone()[0]).lower() == "wal":
        return
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except Exception as exc:  # the driver's OperationalError, wrapped by the adapter
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_on_begin(conn: Connection) -> None:
    # Take the write lock up front: a deferred transaction that reads and then writes fails with
    # SQLITE_BUSY at once (no busy wait) when another connection wrote in between.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: AsyncEngine | None = None
        self._sessions: async_sessionmaker[AsyncSession] | None = None

    @property
    def engine(self) -> AsyncEngine:
        if self._engine is None:
            raise RuntimeError("Database.connect() was not called")
        return self._engine

    @property
    def dialect(self) -> str:
        return make_url(self.url).get_backend_name()

    async def connect(self) -> None:
        if self._engine is not None:
            return
        url = make_url(self.url)
        if self.dialect == "sqlite":
            path = url.database
            if path and path != ":memory:" and not path.startswith("file:"):
                Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            engine = create_async_engine(url)
            event.listen(engine.sync_engine, "connect", _sqlite_on_connect)
            event.listen(engine.sync_engine, "begin", _sqlite_on_begin)
        else:
            engine = create_async_engine(url, pool_pre_ping=True)
        self._engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    async def migrate(self) -> None:
        """Alembic ``upgrade head``, in one transaction; safe with several processes starting."""
        async with self.engine.begin() as conn:
            if self.dialect == "postgresql":
                # Released at commit; a second process waits, then finds nothing to do.
                await conn.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
                )
            # On SQLite, BEGIN IMMEDIATE already serialises migrating processes.
            await conn.run_sync(_upgrade_head)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """One transaction: commits on exit, rolls back if the block raises."""
        if self._sessions is None:
            raise RuntimeError("Database.connect() was not called")
        async with self._sessions() as session, session.begin():
            yield session

    async def dispose(self) -> None:
        if self._engine is not None:
            await self._engine.dispose()
        self._engine = None
        self._sessions = None


async def open_database(url: str) -> Database:
    """Connect and bring the schema up to date (what the bot and the CLI do on start)."""
    db = Database(url)
    await db.connect()
    try:
        await db.migrate()
    except BaseException:
        await db.dispose()
        raise
    return db
