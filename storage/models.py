"""The schema. Alembic migrations in storage/migrations must create exactly this.

Articles, their revisions and the rows derived from each revision (facts, sources, positions,
entities) are shared by all chats. Everything that belongs to a chat (subscriptions, what it has
been told, its outbox, feeds, digests) cascades from ``chats`` so that /forget is one DELETE.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage.types import JSONType, UTCDateTime, utcnow

# Deterministic constraint names, identical on both dialects: migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _created() -> Mapped[datetime]:
    return mapped_column(UTCDateTime, default=utcnow)


# --- articles and what was read in them ----------------------------------------------------


class Story(Base):
    """One event across outlets; the matcher keeps its centroid/terms in ``terms``."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    terms: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    canonical_url: Mapped[str] = mapped_column(Text, unique=True)
    url: Mapped[str | None] = mapped_column(Text)
    site: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40))  # ISO date as the page gives it
    language: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # No FK: articles and revisions would reference each other (a cycle PostgreSQL can only
    # create with ALTER, SQLite not at all); save_analysis sets it in the same transaction.
    current_revision_id: Mapped[int | None] = mapped_column(Integer)
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="SET NULL"), index=True
    )
    # HTTP validators of the last fetch, for conditional requests.
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Revision-check scheduling (follow-ups): next due check, position in the backoff schedule,
    # and since when the content has not changed.
    next_check_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    check_step: Mapped[int] = mapped_column(Integer, default=0)
    unchanged_since: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Revision(Base):
    __tablename__ = "revisions"
    __table_args__ = (Index(None, "article_id", "content_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    content_hash: Mapped[str] = mapped_column(String(64))  # sha256 hex of ``text``
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    meta: Mapped[dict[str, Any]] = mapped_column(JSONType)  # ArticleMeta as a dict
    analysis: Mapped[dict[str, Any]] = mapped_column(JSONType)  # text_analysis_to_json()
    # Set once its followers' updates are queued; NULL rows are swept (a crash in between).
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


# Rows derived from a revision's analysis, for queries; the JSON on the revision is the truth.


class Fact(Base):
    __tablename__ = "facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("revisions.id", ondelete="CASCADE"), index=True
    )
    rank: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    attributed_to: Mapped[str | None] = mapped_column(Text)


class CitedSource(Base):
    __tablename__ = "cited_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("revisions.id", ondelete="CASCADE"), index=True
    )
    rank: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    description: Mapped[str | None] = mapped_column(Text)
    mentions: Mapped[int] = mapped_column(Integer, default=1)


class PositionRow(Base):
    __tablename__ = "positions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("revisions.id", ondelete="CASCADE"), index=True
    )
    rank: Mapped[int] = mapped_column(Integer)
    speaker_name: Mapped[str | None] = mapped_column(Text)  # resolved (canonical) name
    speaker_text: Mapped[str | None] = mapped_column(Text)  # as written: "he", "the diplomat"
    cue: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    via: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class EntityRow(Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("revisions.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    # Python's str.lower() of text: a plain indexed column works on both dialects (an index on
    # lower(text) does not reflect on SQLite) and folds non-ASCII, which SQLite's lower() doesn't.
    norm: Mapped[str] = mapped_column(Text, index=True)
    label: Mapped[str] = mapped_column(String(32))
    count: Mapped[int] = mapped_column(Integer, default=1)


# --- chats and what belongs to them -------------------------------------------------------


def _chat_fk() -> Mapped[int]:
    return mapped_column(BigInteger, ForeignKey("chats.id", ondelete="CASCADE"), index=True)


class Chat(Base):
    __tablename__ = "chats"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    type: Mapped[str] = mapped_column(String(16))  # private | group | supergroup | channel
    title: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    settings: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[datetime] = _created()
    # Set when a group became a supergroup: its rows moved to this id. Not a FK: the old row is
    # only a forwarding note and must not hold the new chat hostage.
    migrated_to: Mapped[int | None] = mapped_column(BigInteger, index=True)


class Subscription(Base):
    """A chat follows one article or one story (exactly one of the two is set)."""

    __tablename__ = "subscriptions"
    # NULLs are distinct in unique constraints, so an article subscription and a story
    # subscription each get a unique constraint on (chat, target) with the other column unused.
    __table_args__ = (
        UniqueConstraint("chat_id", "article_id"),
        UniqueConstraint("chat_id", "story_id"),
        CheckConstraint("(article_id IS NULL) <> (story_id IS NULL)", name="one_target"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = _chat_fk()
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = _created()


class Delivered(Base):
    """What a chat has been told: item keys from bot.updates ("fact:<content words>", ...)."""

    __tablename__ = "delivered"
    __table_args__ = (UniqueConstraint("chat_id", "item_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("chats.id", ondelete="CASCADE"))
    item_key: Mapped[str] = mapped_column(Text)  # bot.updates keys: content words, unbounded
    created_at: Mapped[datetime] = _created()


class Outbox(Base):
    """Messages to send; written in the transaction that decides them, drained by the sender."""

    __tablename__ = "outbox"
    __table_args__ = (Index(None, "status", "available_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = _chat_fk()
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONType)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # claimed|sent|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    available_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _created()


class Feed(Base):
    __tablename__ = "feeds"
    __table_args__ = (UniqueConstraint("chat_id", "url"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("chats.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    next_poll_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = _created()


class FeedItem(Base):
    __tablename__ = "feed_items"
    __table_args__ = (UniqueConstraint("feed_id", "item_url"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"))
    item_url: Mapped[str] = mapped_column(Text)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ChatDigest(Base):
    """A digest posted in a chat: "the last article" for /facts, "already digested here"."""

    __tablename__ = "chat_digests"
    __table_args__ = (Index(None, "chat_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("chats.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = _created()
