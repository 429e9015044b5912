"""What the rest of the application calls. Every function takes the ``Database`` first and runs
in its own transaction; the implementations live in small modules next to this one."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.articles import (
    ArticleHit,
    RevisionInfo,
    StoredArticle,
    article_key,
    content_hash,
    create_story,
    due_checks,
    find_article_by_url,
    list_revisions,
    load_analysis,
    save_analysis,
    schedule_check,
    search_articles,
    set_article_story,
    touch_fetched,
)
from storage.chats import (
    ChatDigestInfo,
    ChatSettings,
    deactivate_chat,
    forget_chat,
    get_chat_settings,
    last_chat_digest,
    migrate_chat,
    recent_chat_digest,
    record_chat_digest,
    update_chat_settings,
    upsert_chat,
)
from storage.db import Database, open_database
from storage.follows import Following, follow, followers, is_following, list_following, unfollow
from storage.models import Base

__all__ = [
    "ArticleHit",
    "ChatDigestInfo",
    "ChatSettings",
    "Database",
    "Following",
    "RevisionInfo",
    "StoredArticle",
    "article_key",
    "content_hash",
    "count_rows",
    "create_story",
    "deactivate_chat",
    "due_checks",
    "find_article_by_url",
    "follow",
    "followers",
    "forget_chat",
    "get_chat_settings",
    "is_following",
    "last_chat_digest",
    "list_following",
    "list_revisions",
    "load_analysis",
    "migrate_chat",
    "open_database",
    "recent_chat_digest",
    "record_chat_digest",
    "save_analysis",
    "schedule_check",
    "search_articles",
    "set_article_story",
    "touch_fetched",
    "unfollow",
    "update_chat_settings",
    "upsert_chat",
]


async def count_rows(db: Database) -> dict[str, int]:
    """Rows per table (tests use it to check that nothing is left behind)."""
    async with db.session() as session:
        return {
            table.name: (
                await session.execute(select(func.count()).select_from(table))
            ).scalar_one()
            for table in Base.metadata.sorted_tables
        }
