"""Alembic migrations: applied on start, idempotent, concurrent-safe, same schema as the models."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Connection, Integer, MetaData, inspect, text

from storage.db import MIGRATIONS, Database, alembic_config, open_database
from storage.models import Base


def _schema_diff(conn: Connection, metadata: MetaData) -> list[object]:
    context = MigrationContext.configure(conn, opts={"compare_type": True})
    return compare_metadata(context, metadata)


async def _version(db: Database) -> str | None:
    async with db.engine.connect() as conn:
        return await conn.run_sync(lambda c: MigrationContext.configure(c).get_current_revision())


def test_migrations_are_found_next_to_the_package() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert MIGRATIONS.is_dir()
    assert script.get_heads() == ["0001"]


async def test_migrate_empty_database_then_again(db_url: str) -> None:
    db = await open_database(db_url)
    try:
        assert await _version(db) == "0001"
        await db.migrate()  # idempotent: nothing to do, no error
        assert await _version(db) == "0001"
        async with db.engine.connect() as conn:
            tables = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
        assert set(Base.metadata.tables) <= tables
    finally:
        await db.dispose()
    again = await open_database(db_url)  # a restart
    await again.dispose()


async def test_migration_creates_exactly_the_models_schema(db_url: str) -> None:
    db = await open_database(db_url)
    try:
        async with db.engine.connect() as conn:
            assert await conn.run_sync(_schema_diff, Base.metadata) == []
            # The comparison is not vacuous: a column the database lacks is reported.
            altered = MetaData()
            for table in Base.metadata.sorted_tables:
                table.to_metadata(altered)
            altered.tables["chats"].append_column(Column("extra", Integer))
            diff = await conn.run_sync(_schema_diff, altered)
            assert [d[0] for d in diff] == ["add_column"]
    finally:
        await db.dispose()


async def test_processes_starting_at_once_migrate_once(db_url: str) -> None:
    dbs = [Database(db_url) for _ in range(3)]
    for db in dbs:
        await db.connect()
    try:
        await asyncio.gather(*(db.migrate() for db in dbs))
        assert await _version(dbs[0]) == "0001"
    finally:
        for db in dbs:
            await db.dispose()


async def test_downgrade_to_base_and_up_again(db_url: str) -> None:
    db = await open_database(db_url)
    try:
        async with db.engine.begin() as conn:
            await conn.run_sync(lambda c: command.downgrade(alembic_config(c), "base"))
        async with db.engine.connect() as conn:
            tables = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
        assert not tables & set(Base.metadata.tables)
        await db.migrate()
        assert await _version(db) == "0001"
    finally:
        await db.dispose()


async def test_sqlite_connection_settings(db_url: str, tmp_path: Path) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite only: PostgreSQL needs none of these")
    nested = db_url.replace("digestbot.sqlite", "a/b/digestbot.sqlite")
    db = await open_database(nested)  # creates the missing directories
    try:
        assert (tmp_path / "a" / "b" / "digestbot.sqlite").exists()
        async with db.engine.connect() as conn:
            assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
            assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1
            assert (await conn.execute(text("PRAGMA busy_timeout"))).scalar() >= 1000
    finally:
        await db.dispose()
