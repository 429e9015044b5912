"""Articles, their revisions and the rows derived from them; search."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.types import (
    Analysis,
    ArticleMeta,
    TextAnalysis,
    text_analysis_from_json,
    text_analysis_to_json,
)
from storage.db import Database
from storage.models import (
    Article,
    ChatDigest,
    CitedSource,
    EntityRow,
    Fact,
    PositionRow,
    Revision,
    Story,
    Subscription,
)
from storage.types import utcnow
from storage.upsert import escape_like, insert

_META_FIELDS = {f.name for f in fields(ArticleMeta)}


@dataclass(frozen=True, slots=True)
class StoredArticle:
    article_id: int
    story_id: int | None
    canonical_url: str
    etag: str | None
    last_modified: str | None
    last_fetched_at: datetime | None
    next_check_at: datetime | None
    check_step: int
    analysis: Analysis | None  # the current revision, ids filled


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    revision_id: int
    fetched_at: datetime
    content_hash: str
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class ArticleHit:
    article_id: int
    story_id: int | None
    canonical_url: str
    url: str | None
    title: str | None
    site: str | None
    published: str | None


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_key(meta: ArticleMeta) -> str:
    """What identifies an article: its canonical URL, else its URL, else the source (a file)."""
    key = meta.canonical_url or meta.url or meta.source
    if not key:
        raise ValueError("an article needs a canonical_url, url or source to be stored")
    return key


def _analysis_of(article: Article, revision: Revision) -> Analysis:
    meta = ArticleMeta(**{k: v for k, v in revision.meta.items() if k in _META_FIELDS})
    return Analysis(
        meta=meta,
        text=revision.text,
        result=text_analysis_from_json(revision.analysis),
        article_id=article.id,
        story_id=article.story_id,
        revision_id=revision.id,
        content_hash=revision.content_hash,
    )


def _article_columns(meta: ArticleMeta) -> dict[str, Any]:
    return {
        "url": meta.url,
        "site": meta.site,
        "title": meta.title,
        "author": meta.author,
        "published": meta.published,
        "language": meta.language,
    }


def _derived_rows(revision_id: int, result: TextAnalysis) -> list[Any]:
    """The queryable rows of one revision: facts, cited sources, positions, entities."""
    rows: list[Any] = [
        Fact(
            revision_id=revision_id,
            rank=rank,
            text=f.text,
            start=f.start,
            end=f.end,
            attributed_to=f.attributed_to,
        )
        for rank, f in enumerate(result.key_facts)
    ]
    rows += [
        CitedSource(
            revision_id=revision_id,
            rank=rank,
            name=src.name,
            kind=src.kind,
            description=src.description,
            mentions=src.mentions,
        )
        for rank, src in enumerate(result.sources)
    ]
    rows += [
        PositionRow(
            revision_id=revision_id,
            rank=rank,
            speaker_name=p.speaker.resolved if p.speaker else None,
            speaker_text=p.speaker.text if p.speaker else None,
            cue=p.cue.text,
            content=p.content.text,
            kind=p.kind,
            via=p.via,
            start=p.content.start,
            end=p.content.end,
        )
        for rank, p in enumerate(result.positions)
    ]
    rows += [
        EntityRow(
            revision_id=revision_id, text=e.text, norm=e.text.lower(), label=e.label, count=e.count
        )
        for e in result.entities
    ]
    return rows


async def _current_revision(session: AsyncSession, article: Article) -> Revision | None:
    if article.current_revision_id is None:
        return None
    return await session.get(Revision, article.current_revision_id)


async def save_analysis(
    db: Database,
    analysis: Analysis,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    fetched_at: datetime | None = None,
) -> Analysis:
    """Store an analysed fetch in one transaction; a new revision only if the text changed.

    ``etag``/``last_modified`` are this fetch's HTTP validators. Returns ``analysis`` with
    article_id, revision_id, story_id and content_hash set. ``analysis.story_id``, when set,
    links the article to that story.
    """
    now = fetched_at or utcnow()
    key = article_key(analysis.meta)
    digest = content_hash(analysis.text)
    async with db.session() as session:
        # Writing first matters: on SQLite it takes the write lock; on PostgreSQL a concurrent
        # insert of the same URL waits for the first transaction, then does nothing.
        await session.execute(
            insert(db, Article)
            .values(
                canonical_url=key,
                created_at=now,
                updated_at=now,
                check_step=0,
                **_article_columns(analysis.meta),
            )
            .on_conflict_do_nothing(index_elements=["canonical_url"])
        )
        # The row lock serialises concurrent saves of one article (SQLite ignores FOR UPDATE
        # but holds the database write lock already).
        article = (
            await session.execute(
                select(Article).where(Article.canonical_url == key).with_for_update()
            )
        ).scalar_one()
        article.last_fetched_at = now
        article.etag = etag
        article.last_modified = last_modified
        if analysis.story_id is not None:
            article.story_id = analysis.story_id

        revision = await _current_revision(session, article)
        if revision is None or revision.content_hash != digest:
            revision = Revision(
                article_id=article.id,
                content_hash=digest,
                fetched_at=now,
                etag=etag,
                last_modified=last_modified,
                text=analysis.text,
                meta=asdict(analysis.meta),
                analysis=text_analysis_to_json(analysis.result),
            )
            session.add(revision)
            await session.flush()  # the revision id, for the derived rows
            session.add_all(_derived_rows(revision.id, analysis.result))
            article.current_revision_id = revision.id
            for column, value in _article_columns(analysis.meta).items():
                setattr(article, column, value)
            article.updated_at = now
            article.unchanged_since = now
        await session.flush()
        return replace(
            analysis,
            article_id=article.id,
            revision_id=revision.id,
            story_id=article.story_id,
            content_hash=digest,
        )


async def touch_fetched(
    db: Database,
    article_id: int,
    *,
    etag: str | None,
    last_modified: str | None,
    fetched_at: datetime | None = None,
) -> None:
    """Record a fetch that found nothing new (a 304, or the same text). None keeps a value."""
    values: dict[str, Any] = {"last_fetched_at": fetched_at or utcnow()}
    if etag is not None:
        values["etag"] = etag
    if last_modified is not None:
        values["last_modified"] = last_modified
    async with db.session() as session:
        await session.execute(update(Article).where(Article.id == article_id).values(**values))


async def find_article_by_url(db: Database, canonical_url: str) -> StoredArticle | None:
    async with db.session() as session:
        article = (
            await session.execute(
                # The URL a page was fetched at finds it too, before its canonical is known.
                select(Article)
                .where(or_(Article.canonical_url == canonical_url, Article.url == canonical_url))
                .order_by(Article.canonical_url != canonical_url)
                .limit(1)
            )
        ).scalar_one_or_none()
        if article is None:
            return None
        revision = await _current_revision(session, article)
        return StoredArticle(
            article_id=article.id,
            story_id=article.story_id,
            canonical_url=article.canonical_url,
            etag=article.etag,
            last_modified=article.last_modified,
            last_fetched_at=article.last_fetched_at,
            next_check_at=article.next_check_at,
            check_step=article.check_step,
            analysis=_analysis_of(article, revision) if revision else None,
        )


async def load_analysis(
    db: Database, article_id: int, revision_id: int | None = None
) -> Analysis | None:
    """The article's current revision, or the given one (None if it isn't this article's)."""
    async with db.session() as session:
        article = await session.get(Article, article_id)
        if article is None:
            return None
        wanted = revision_id if revision_id is not None else article.current_revision_id
        revision = await session.get(Revision, wanted) if wanted is not None else None
        if revision is None or revision.article_id != article_id:
            return None
        return _analysis_of(article, revision)


async def list_revisions(db: Database, article_id: int) -> list[RevisionInfo]:
    """Oldest first."""
    async with db.session() as session:
        rows = await session.execute(
            select(Revision).where(Revision.article_id == article_id).order_by(Revision.id)
        )
        return [
            RevisionInfo(r.id, r.fetched_at, r.content_hash, r.etag, r.last_modified)
            for r in rows.scalars()
        ]


# --- stories and revision checks: the hooks the matcher and the scheduler use ---------------


async def create_story(db: Database, title: str | None, terms: dict[str, Any]) -> int:
    async with db.session() as session:
        story = Story(title=title, terms=terms)
        session.add(story)
        await session.flush()
        return story.id


async def set_article_story(db: Database, article_id: int, story_id: int | None) -> None:
    async with db.session() as session:
        await session.execute(
            update(Article).where(Article.id == article_id).values(story_id=story_id)
        )


async def schedule_check(
    db: Database, article_id: int, *, next_check_at: datetime | None, check_step: int
) -> None:
    async with db.session() as session:
        await session.execute(
            update(Article)
            .where(Article.id == article_id)
            .values(next_check_at=next_check_at, check_step=check_step)
        )


async def due_checks(db: Database, now: datetime | None = None, limit: int = 100) -> list[int]:
    """Ids of articles whose revision check is due, most overdue first."""
    async with db.session() as session:
        rows = await session.execute(
            select(Article.id)
            .where(Article.next_check_at <= (now or utcnow()))
            .order_by(Article.next_check_at, Article.id)
            .limit(limit)
        )
        return list(rows.scalars())


# --- search --------------------------------------------------------------------------------


async def search_articles(
    db: Database, chat_id: int | None, text: str, limit: int = 10
) -> list[ArticleHit]:
    """Articles whose title, an entity or a speaker contains ``text`` (case-insensitive).

    With a chat, only articles digested in it or followed by it (directly or by story).
    Newest first. Only the current revision's entities and speakers count.
    """
    needle = text.strip().lower()
    if not needle:
        return []
    pattern = f"%{escape_like(needle)}%"
    current = Article.current_revision_id
    matches = or_(
        func.lower(Article.title).like(pattern, escape="\\"),
        exists().where(EntityRow.revision_id == current, EntityRow.norm.like(pattern, escape="\\")),
        exists().where(
            PositionRow.revision_id == current,
            func.lower(PositionRow.speaker_name).like(pattern, escape="\\"),
        ),
    )
    stmt = select(Article).where(matches)
    if chat_id is not None:
        digested = exists().where(
            ChatDigest.chat_id == chat_id, ChatDigest.article_id == Article.id
        )
        followed = exists().where(
            Subscription.chat_id == chat_id,
            or_(
                Subscription.article_id == Article.id,
                and_(Article.story_id.is_not(None), Subscription.story_id == Article.story_id),
            ),
        )
        stmt = stmt.where(or_(digested, followed))
    stmt = stmt.order_by(Article.updated_at.desc(), Article.id.desc()).limit(limit)
    async with db.session() as session:
        return [
            ArticleHit(a.id, a.story_id, a.canonical_url, a.url, a.title, a.site, a.published)
            for a in (await session.execute(stmt)).scalars()
        ]


@dataclass(frozen=True, slots=True)
class StoryInfo:
    story_id: int
    title: str | None
    terms: dict[str, Any]
    article_ids: list[int]  # oldest first


async def get_story(db: Database, story_id: int) -> StoryInfo | None:
    async with db.session() as session:
        story = await session.get(Story, story_id)
        if story is None:
            return None
        ids = await session.execute(
            select(Article.id).where(Article.story_id == story_id).order_by(Article.id)
        )
        return StoryInfo(story.id, story.title, dict(story.terms or {}), list(ids.scalars()))


async def recent_stories(db: Database, *, since: datetime, limit: int = 500) -> list[StoryInfo]:
    """Stories updated since ``since``: the candidates a new article may join."""
    async with db.session() as session:
        rows = await session.execute(
            select(Story)
            .where(Story.updated_at >= since)
            .order_by(Story.updated_at.desc())
            .limit(limit)
        )
        return [StoryInfo(s.id, s.title, dict(s.terms or {}), []) for s in rows.scalars()]


async def update_story(db: Database, story_id: int, *, title: str | None, terms: dict[str, Any]):
    async with db.session() as session:
        await session.execute(
            update(Story)
            .where(Story.id == story_id)
            .values(title=title, terms=terms, updated_at=utcnow())
        )


@dataclass(frozen=True, slots=True)
class ChatStory:
    story_id: int
    title: str | None
    articles: int
    followed: bool


async def stories_for_chat(db: Database, chat_id: int, limit: int = 10) -> list[ChatStory]:
    """Stories the chat follows or has read an article of, the most recently active first."""
    from storage.models import ChatDigest, Subscription

    followed = select(Subscription.story_id).where(
        Subscription.chat_id == chat_id, Subscription.story_id.is_not(None)
    )
    read = (
        select(Article.story_id)
        .join(ChatDigest, ChatDigest.article_id == Article.id)
        .where(ChatDigest.chat_id == chat_id, Article.story_id.is_not(None))
    )
    count = select(func.count(Article.id)).where(Article.story_id == Story.id).scalar_subquery()
    stmt = (
        select(Story.id, Story.title, count, Story.id.in_(followed))
        .where(or_(Story.id.in_(followed), Story.id.in_(read)))
        .order_by(Story.updated_at.desc(), Story.id.desc())
        .limit(limit)
    )
    async with db.session() as session:
        rows = await session.execute(stmt)
        return [ChatStory(sid, title, n, bool(f)) for sid, title, n, f in rows]
