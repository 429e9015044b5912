"""Chats: settings, group→supergroup migration, /forget, and the digests posted in them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.db import Database
from storage.models import Chat, ChatDigest, Delivered, Feed, Outbox, Subscription
from storage.types import utcnow
from storage.upsert import insert

# Rows that belong to a chat and move with it when a group becomes a supergroup.
CHAT_OWNED = (Subscription, Delivered, Outbox, Feed, ChatDigest)


@dataclass(frozen=True, slots=True)
class ChatSettings:
    auto_digest: bool = False  # digest every link posted in the chat, without /digest
    short: bool = False  # shorter digests

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> ChatSettings:
        data = data or {}
        return cls(auto_digest=bool(data.get("auto_digest")), short=bool(data.get("short")))

    def to_json(self) -> dict[str, Any]:
        return {"auto_digest": self.auto_digest, "short": self.short}


@dataclass(frozen=True, slots=True)
class ChatDigestInfo:
    chat_id: int
    article_id: int
    message_id: int | None
    created_at: datetime


async def ensure_chat(session: AsyncSession, db: Database, chat_id: int) -> None:
    """Create a placeholder chat row if there is none (rows of a chat need one)."""
    # Positive Telegram ids are users, so their chat is private; others are learnt later.
    kind = "private" if chat_id > 0 else "unknown"
    await session.execute(
        insert(db, Chat)
        .values(id=chat_id, type=kind, active=True, settings={}, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["id"])
    )


async def upsert_chat(db: Database, chat_id: int, type: str, title: str | None) -> None:
    """Record a chat we heard from; hearing from it again makes it active again."""
    stmt = insert(db, Chat).values(
        id=chat_id, type=type, title=title, active=True, settings={}, created_at=utcnow()
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["id"], set_={"type": type, "title": title, "active": True}
    )
    async with db.session() as session:
        await session.execute(stmt)


async def get_chat_settings(db: Database, chat_id: int) -> ChatSettings:
    """The chat's settings; defaults for a chat we don't know."""
    async with db.session() as session:
        chat = await session.get(Chat, chat_id)
        return ChatSettings.from_json(chat.settings if chat else None)


async def update_chat_settings(
    db: Database, chat_id: int, *, auto_digest: bool | None = None, short: bool | None = None
) -> ChatSettings:
    """Change the given settings (None keeps one); returns the new settings."""
    async with db.session() as session:
        await ensure_chat(session, db, chat_id)
        chat = (
            await session.execute(select(Chat).where(Chat.id == chat_id).with_for_update())
        ).scalar_one()
        current = ChatSettings.from_json(chat.settings)
        new = ChatSettings(
            auto_digest=current.auto_digest if auto_digest is None else auto_digest,
            short=current.short if short is None else short,
        )
        # A new dict, not an in-place change: plain JSON columns don't track mutation.
        chat.settings = {**(chat.settings or {}), **new.to_json()}
        return new


async def deactivate_chat(db: Database, chat_id: int) -> None:
    """The bot was blocked or removed: stop sending there, keep the data."""
    async with db.session() as session:
        await session.execute(update(Chat).where(Chat.id == chat_id).values(active=False))


async def migrate_chat(db: Database, old_id: int, new_id: int) -> None:
    """A group became a supergroup: move everything of ``old_id`` to ``new_id``.

    Rows the new chat already has (same subscription, delivered item, feed) are dropped from the
    old chat rather than duplicated. The old row stays, inactive, with ``migrated_to`` set.
    """
    async with db.session() as session:
        old = await session.get(Chat, old_id)
        if old is None or old_id == new_id:
            return
        if await session.get(Chat, new_id) is None:
            session.add(
                Chat(
                    id=new_id,
                    type="supergroup",
                    title=old.title,
                    active=True,
                    settings=dict(old.settings or {}),
                )
            )
            await session.flush()
        await _drop_duplicates(session, old_id, new_id)
        for model in CHAT_OWNED:
            await session.execute(
                update(model)
                .where(model.chat_id == old_id)
                .values(chat_id=new_id)
                .execution_options(synchronize_session=False)
            )
        await session.execute(
            update(Chat).where(Chat.migrated_to == old_id).values(migrated_to=new_id)
        )
        old.active = False
        old.migrated_to = new_id


async def _drop_duplicates(session: AsyncSession, old_id: int, new_id: int) -> None:
    sub = aliased(Subscription)
    seen = aliased(Delivered)
    feed = aliased(Feed)
    duplicates = [
        delete(Subscription).where(
            Subscription.chat_id == old_id,
            exists().where(
                sub.chat_id == new_id,
                sub.article_id.is_not_distinct_from(Subscription.article_id),
                sub.story_id.is_not_distinct_from(Subscription.story_id),
            ),
        ),
        delete(Delivered).where(
            Delivered.chat_id == old_id,
            exists().where(seen.chat_id == new_id, seen.item_key == Delivered.item_key),
        ),
        delete(Feed).where(
            Feed.chat_id == old_id,
            exists().where(feed.chat_id == new_id, feed.url == Feed.url),
        ),
    ]
    for stmt in duplicates:
        await session.execute(stmt.execution_options(synchronize_session=False))


async def forget_chat(db: Database, chat_id: int) -> bool:
    """Delete the chat and, by cascade, everything of it. False if there was nothing."""
    async with db.session() as session:
        result = await session.execute(
            delete(Chat)
            .where(or_(Chat.id == chat_id, Chat.migrated_to == chat_id))
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)


async def record_chat_digest(
    db: Database, chat_id: int, article_id: int, message_id: int | None
) -> None:
    async with db.session() as session:
        await ensure_chat(session, db, chat_id)
        session.add(ChatDigest(chat_id=chat_id, article_id=article_id, message_id=message_id))


def _digest_info(row: ChatDigest | None) -> ChatDigestInfo | None:
    if row is None:
        return None
    return ChatDigestInfo(row.chat_id, row.article_id, row.message_id, row.created_at)


async def last_chat_digest(db: Database, chat_id: int) -> ChatDigestInfo | None:
    """The last digest posted in the chat ("/facts" of the last article)."""
    stmt = (
        select(ChatDigest)
        .where(ChatDigest.chat_id == chat_id)
        .order_by(ChatDigest.created_at.desc(), ChatDigest.id.desc())
        .limit(1)
    )
    async with db.session() as session:
        return _digest_info((await session.execute(stmt)).scalar_one_or_none())


async def recent_chat_digest(
    db: Database,
    chat_id: int,
    article_id: int,
    within: timedelta,
    now: datetime | None = None,
) -> ChatDigestInfo | None:
    """The latest digest of this article in this chat, if posted within ``within``."""
    since = (now or utcnow()) - within
    stmt = (
        select(ChatDigest)
        .where(
            ChatDigest.chat_id == chat_id,
            ChatDigest.article_id == article_id,
            ChatDigest.created_at >= since,
        )
        .order_by(ChatDigest.created_at.desc(), ChatDigest.id.desc())
        .limit(1)
    )
    async with db.session() as session:
        return _digest_info((await session.execute(stmt)).scalar_one_or_none())
