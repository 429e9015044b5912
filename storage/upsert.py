"""INSERT .. ON CONFLICT for the two supported dialects (both spell it the same way)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite

from storage.db import Database


def insert(db: Database, model: Any) -> Any:
    """A dialect INSERT that has ``on_conflict_do_nothing`` / ``on_conflict_do_update``."""
    if db.dialect == "postgresql":
        return postgresql.insert(model)
    if db.dialect == "sqlite":
        return sqlite.insert(model)
    raise NotImplementedError(f"unsupported database: {db.dialect} (use SQLite or PostgreSQL)")


def escape_like(text: str) -> str:
    """Make ``text`` literal inside a LIKE pattern whose escape character is a backslash."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
