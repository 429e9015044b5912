"""Alembic environment.

The application runs migrations through ``storage.db.Database.migrate()``, which passes its own
connection (inside a transaction it owns) in ``config.attributes["connection"]``. Run by hand
(``alembic -c storage/alembic.ini upgrade head`` with DIGESTBOT_DATABASE_URL set), this opens
an async engine itself.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import Connection

from storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        # SQLite can't ALTER most things: future migrations rebuild tables ("batch" mode).
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_standalone(url: str) -> None:
    from storage.db import Database  # its engine sets the SQLite pragmas (foreign keys, WAL)

    db = Database(url)
    await db.connect()
    try:
        async with db.engine.begin() as conn:
            await conn.run_sync(run_with)
    finally:
        await db.dispose()


def database_url() -> str:
    from bot.settings import Settings  # only for the command line; the app passes a connection

    return config.get_main_option("sqlalchemy.url") or Settings.from_env().database_url


if context.is_offline_mode():
    raise SystemExit("offline (--sql) mode is not supported; run against a database")

connection = config.attributes.get("connection")
if connection is not None:
    run_with(connection)
else:
    asyncio.run(run_standalone(database_url()))
