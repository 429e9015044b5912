"""Watched feeds: which chat watches which RSS/Atom feed, when to poll it, what it has shown.

Polling is scheduled in the database (``next_poll_at``), so a restart forgets nothing, and is
claimed with a lease like the revision checks: several processes on PostgreSQL never poll the
same feed at once (``FOR UPDATE SKIP LOCKED``); a process that dies mid-poll gives the feed
back when its lease ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, exists, or_, select, update

from storage.chats import ensure_chat
from storage.db import Database
from storage.models import Chat, Feed, FeedItem
from storage.types import utcnow
from storage.upsert import insert

# A feed's first poll hands on only its newest few items: the rest are old news, and a feed of
# 50 items must not flood the analysis pipeline the moment it is watched.
FIRST_POLL_LIMIT = 3
_CHUNK = 300  # rows per INSERT: far below SQLite's bound-parameter limit


@dataclass(frozen=True, slots=True)
class FeedInfo:
    id: int
    chat_id: int
    url: str
    title: str | None
    etag: str | None
    last_modified: str | None
    next_poll_at: datetime | None
    created_at: datetime


def _info(feed: Feed) -> FeedInfo:
    return FeedInfo(
        id=feed.id,
        chat_id=feed.chat_id,
        url=feed.url,
        title=feed.title,
        etag=feed.etag,
        last_modified=feed.last_modified,
        next_poll_at=feed.next_poll_at,
        created_at=feed.created_at,
    )


async def add_feed(db: Database, chat_id: int, url: str, title: str | None) -> tuple[int, bool]:
    """Watch ``url`` (already normalised) in a chat: (feed id, False if it was watched already).

    A new feed has no ``next_poll_at``, so it is due at once: its first poll marks the current
    items as seen.
    """
    stmt = (
        insert(db, Feed)
        .values(chat_id=chat_id, url=url, title=title, next_poll_at=None, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["chat_id", "url"])
    )
    async with db.session() as session:
        await ensure_chat(session, db, chat_id)
        created = (await session.execute(stmt)).rowcount == 1
        feed_id = (
            await session.execute(select(Feed.id).where(Feed.chat_id == chat_id, Feed.url == url))
        ).scalar_one()
    return feed_id, created


async def remove_feed(db: Database, chat_id: int, feed_id_or_url: int | str) -> bool:
    """Stop watching a feed, by id or by (normalised) URL; False if the chat didn't watch it.

    Its seen items go with it (cascade).
    """
    if isinstance(feed_id_or_url, int):
        target = Feed.id == feed_id_or_url
    else:
        target = Feed.url == feed_id_or_url
    async with db.session() as session:
        result = await session.execute(delete(Feed).where(Feed.chat_id == chat_id, target))
        return bool(result.rowcount)


async def list_feeds(db: Database, chat_id: int) -> list[FeedInfo]:
    """The chat's feeds, oldest first (the order /watching numbers them in)."""
    stmt = select(Feed).where(Feed.chat_id == chat_id).order_by(Feed.created_at, Feed.id)
    async with db.session() as session:
        return [_info(feed) for feed in (await session.execute(stmt)).scalars()]


async def claim_due_feeds(
    db: Database, *, limit: int = 20, lease: timedelta = timedelta(minutes=10)
) -> list[FeedInfo]:
    """Claim feeds due for a poll (``next_poll_at`` past or never set) of active chats.

    Pushing ``next_poll_at`` past the lease keeps other processes off them until this one
    records the poll (or crashes and the lease ends).
    """
    now = utcnow()
    stmt = (
        select(Feed)
        .join(Chat, Chat.id == Feed.chat_id)
        .where(or_(Feed.next_poll_at.is_(None), Feed.next_poll_at <= now), Chat.active.is_(True))
        # Never-polled feeds first (someone just typed /watch), then the most overdue.
        .order_by(Feed.next_poll_at.is_not(None), Feed.next_poll_at, Feed.id)
        .limit(limit)
    )
    if db.dialect == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True, of=Feed)
    async with db.session() as session:
        feeds = [_info(feed) for feed in (await session.execute(stmt)).scalars()]
        if feeds:
            await session.execute(
                update(Feed)
                .where(Feed.id.in_([f.id for f in feeds]))
                .values(next_poll_at=now + lease)
            )
    return feeds


async def record_poll(
    db: Database,
    feed_id: int,
    *,
    etag: str | None,
    last_modified: str | None,
    next_poll_at: datetime,
) -> None:
    """Store the validators of the last poll (for a conditional request next time) and when
    to poll again; this also ends the claim."""
    async with db.session() as session:
        await session.execute(
            update(Feed)
            .where(Feed.id == feed_id)
            .values(etag=etag, last_modified=last_modified, next_poll_at=next_poll_at)
        )


async def new_items(
    db: Database,
    feed_id: int,
    urls: Iterable[str],
    *,
    first_poll_limit: int = FIRST_POLL_LIMIT,
) -> list[str]:
    """Record the feed's item ``urls`` (newest first) as seen; return those not seen before.

    One transaction: every URL is inserted (``ON CONFLICT DO NOTHING``) and only the rows
    actually inserted come back, in the order given. On the feed's FIRST poll (it has no seen
    items yet) all current items are marked as seen but at most the newest
    ``first_poll_limit`` (3) are returned: watching a feed brings its latest news, not its
    archive. A feed that was empty when first polled counts as new until it has items.
    """
    wanted = list(dict.fromkeys(urls))
    if not wanted:
        return []
    async with db.session() as session:
        first_poll = not (
            await session.execute(select(exists().where(FeedItem.feed_id == feed_id)))
        ).scalar_one()
        now = utcnow()
        inserted: set[str] = set()
        for start in range(0, len(wanted), _CHUNK):
            rows = [
                {"feed_id": feed_id, "item_url": url, "seen_at": now}
                for url in wanted[start : start + _CHUNK]
            ]
            result = await session.execute(
                insert(db, FeedItem)
                .values(rows)
                .on_conflict_do_nothing(index_elements=["feed_id", "item_url"])
                .returning(FeedItem.item_url)
            )
            inserted.update(result.scalars())
    fresh = [url for url in wanted if url in inserted]
    return fresh[:first_poll_limit] if first_poll else fresh
