"""What the rest of the application calls. Every function takes the ``Database`` first and runs
in its own transaction; the implementations live in small modules next to this one."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.articles import (
    ArticleHit,
    ChatStory,
    RevisionInfo,
    StoredArticle,
    StoryInfo,
    article_key,
    content_hash,
    create_story,
    due_checks,
    find_article_by_url,
    get_story,
    list_revisions,
    load_analysis,
    recent_stories,
    save_analysis,
    schedule_check,
    search_articles,
    set_article_story,
    stories_for_chat,
    touch_fetched,
    update_story,
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
from storage.feeds import (
    FeedInfo,
    add_feed,
    claim_due_feeds,
    list_feeds,
    new_items,
    record_poll,
    remove_feed,
)
from storage.follows import (
    Following,
    follow,
    follower_kinds,
    followers,
    is_following,
    list_following,
    unfollow,
)
from storage.models import Base

__all__ = [
    "ArticleHit",
    "ChatDigestInfo",
    "ChatSettings",
    "ChatStory",
    "Database",
    "FeedInfo",
    "Following",
    "RevisionInfo",
    "StoredArticle",
    "StoryInfo",
    "add_feed",
    "article_key",
    "claim_due_feeds",
    "content_hash",
    "count_rows",
    "create_story",
    "deactivate_chat",
    "due_checks",
    "find_article_by_url",
    "follow",
    "follower_kinds",
    "followers",
    "forget_chat",
    "get_chat_settings",
    "get_story",
    "is_following",
    "last_chat_digest",
    "list_feeds",
    "list_following",
    "list_revisions",
    "load_analysis",
    "migrate_chat",
    "new_items",
    "open_database",
    "recent_chat_digest",
    "recent_stories",
    "record_chat_digest",
    "record_poll",
    "remove_feed",
    "save_analysis",
    "schedule_check",
    "search_articles",
    "set_article_story",
    "stories_for_chat",
    "touch_fetched",
    "unfollow",
    "update_chat_settings",
    "update_story",
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
