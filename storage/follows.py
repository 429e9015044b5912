"""Subscriptions: a chat follows an article or a story."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, delete, or_, select

from storage.chats import ensure_chat
from storage.db import Database
from storage.models import Article, Chat, Story, Subscription
from storage.types import utcnow
from storage.upsert import insert


@dataclass(frozen=True, slots=True)
class Following:
    article_id: int | None
    story_id: int | None
    title: str | None  # the article's or the story's
    url: str | None  # the article's canonical URL
    created_at: datetime


def _target(article_id: int | None, story_id: int | None) -> ColumnElement[bool]:
    if (article_id is None) == (story_id is None):
        raise ValueError("give exactly one of article_id and story_id")
    if article_id is not None:
        return Subscription.article_id == article_id
    return Subscription.story_id == story_id


async def follow(
    db: Database, chat_id: int, *, article_id: int | None = None, story_id: int | None = None
) -> bool:
    """Follow an article or a story; False if the chat already did."""
    _target(article_id, story_id)
    stmt = (
        insert(db, Subscription)
        .values(chat_id=chat_id, article_id=article_id, story_id=story_id, created_at=utcnow())
        .on_conflict_do_nothing()
    )
    async with db.session() as session:
        await ensure_chat(session, db, chat_id)
        return (await session.execute(stmt)).rowcount == 1


async def unfollow(
    db: Database, chat_id: int, *, article_id: int | None = None, story_id: int | None = None
) -> bool:
    """False if the chat didn't follow it."""
    stmt = delete(Subscription).where(
        Subscription.chat_id == chat_id, _target(article_id, story_id)
    )
    async with db.session() as session:
        return bool((await session.execute(stmt)).rowcount)


async def is_following(
    db: Database, chat_id: int, *, article_id: int | None = None, story_id: int | None = None
) -> bool:
    stmt = select(Subscription.id).where(
        Subscription.chat_id == chat_id, _target(article_id, story_id)
    )
    async with db.session() as session:
        return (await session.execute(stmt)).first() is not None


async def list_following(db: Database, chat_id: int) -> list[Following]:
    """What the chat follows, oldest subscription first."""
    stmt = (
        select(Subscription, Article.title, Article.canonical_url, Story.title)
        .outerjoin(Article, Article.id == Subscription.article_id)
        .outerjoin(Story, Story.id == Subscription.story_id)
        .where(Subscription.chat_id == chat_id)
        .order_by(Subscription.created_at, Subscription.id)
    )
    async with db.session() as session:
        rows = (await session.execute(stmt)).all()
    return [
        Following(
            article_id=sub.article_id,
            story_id=sub.story_id,
            title=article_title if sub.article_id is not None else story_title,
            url=url,
            created_at=sub.created_at,
        )
        for sub, article_title, url, story_title in rows
    ]


async def followers(db: Database, article_id: int) -> list[int]:
    """Active chats following the article, directly or through its story."""
    story_id = select(Article.story_id).where(Article.id == article_id).scalar_subquery()
    stmt = (
        select(Subscription.chat_id)
        .join(Chat, Chat.id == Subscription.chat_id)
        .where(
            Chat.active.is_(True),
            or_(
                Subscription.article_id == article_id,
                and_(Subscription.story_id.is_not(None), Subscription.story_id == story_id),
            ),
        )
        .distinct()
        .order_by(Subscription.chat_id)
    )
    async with db.session() as session:
        return list((await session.execute(stmt)).scalars())


async def follower_kinds(db: Database, article_id: int) -> dict[int, str]:
    """Active followers of an article: chat id -> "article" (follows it) or "story" (its story)."""
    story_id = select(Article.story_id).where(Article.id == article_id).scalar_subquery()
    stmt = (
        select(Subscription.chat_id, Subscription.article_id)
        .join(Chat, Chat.id == Subscription.chat_id)
        .where(
            Chat.active.is_(True),
            or_(
                Subscription.article_id == article_id,
                and_(Subscription.story_id.is_not(None), Subscription.story_id == story_id),
            ),
        )
    )
    kinds: dict[int, str] = {}
    async with db.session() as session:
        for chat_id, followed_article in await session.execute(stmt):
            if followed_article is not None or chat_id not in kinds:
                kinds[chat_id] = "article" if followed_article is not None else "story"
    return kinds
