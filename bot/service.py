"""The digest service: SOURCE -> stored ``Analysis``. Used by the CLI and by the bot.

Order of work for a link: storage (analysed recently?) -> fetch (conditional) -> extract ->
unchanged text? -> analyse -> store. Requests for the same URL in flight at once share one task.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from bot.errors import DigestError, FetchError
from bot.extract import Extracted
from bot.fetch import Fetcher, decode_html
from bot.inputs import decode_text_file, is_url, read_file_source, title_of_text
from bot.settings import Settings
from bot.story_assignment import assign_article_to_story
from bot.types import Analysis, ArticleMeta
from bot.urls import choose_canonical, normalize_url
from bot.worker import AnalysisPool
from storage import repository
from storage.db import Database
from storage.types import utcnow

log = logging.getLogger(__name__)


class DigestService:
    def __init__(
        self,
        settings: Settings,
        pool: AnalysisPool,
        fetcher: Fetcher,
        db: Database | None = None,
    ) -> None:
        self.settings = settings
        self.pool = pool
        self.fetcher = fetcher
        self.db = db
        self._inflight: dict[str, asyncio.Task[Analysis]] = {}
        # Called with every newly stored revision (the bot's follow-ups listen here).
        self.on_new_revision: Callable[[Analysis], Awaitable[None]] | None = None
        # Counters for tests and benchmarks: how much real work was done.
        self.fetches = 0
        self.analyses = 0

    async def digest(self, source: str, *, refresh: bool = False) -> Analysis:
        """Digest a URL or a file. Raises ``DigestError`` with a user-facing message."""
        if is_url(source):
            return await self.digest_url(source, refresh=refresh)
        return await self.digest_file(source)

    # -- links -------------------------------------------------------------------------------

    async def digest_url(self, url: str, *, refresh: bool = False) -> Analysis:
        try:
            key = normalize_url(url)
        except ValueError as exc:  # not http(s), or not a link at all
            raise FetchError(str(exc)) from exc
        task = self._inflight.get(key)
        if task is None:
            task = asyncio.create_task(self._digest_url(url, key, refresh))
            self._inflight[key] = task
            task.add_done_callback(lambda _t: self._inflight.pop(key, None))
        # shield: one caller giving up (a cancelled handler) must not cancel the others' work.
        analysis = await asyncio.shield(task)
        return _with_source(analysis, url)

    async def _digest_url(self, url: str, key: str, refresh: bool) -> Analysis:
        stored = await self._find(key)
        if stored is not None and not refresh and _fresh(stored, self.settings.reuse_within):
            return stored.analysis
        self.fetches += 1
        page = await self.fetcher.fetch(
            url,
            etag=stored.etag if stored else None,
            last_modified=stored.last_modified if stored else None,
        )
        if page.not_modified and stored is not None:
            await self._touch(stored, page.etag, page.last_modified)
            return stored.analysis
        extracted = await self.pool.extract(page.text, page.final_url)
        canonical = choose_canonical(page.final_url, extracted.declared_canonical)
        if stored is None and canonical != key:
            stored = await self._find(canonical)
        meta = _meta(url, extracted, url=normalize_url(page.final_url), canonical_url=canonical)
        return await self._analyse_and_store(
            meta, extracted.text, stored, etag=page.etag, last_modified=page.last_modified
        )

    # -- files -------------------------------------------------------------------------------

    async def digest_file(self, source: str) -> Analysis:
        file = read_file_source(source)
        if file.kind == "text":
            text = decode_text_file(file)
            meta = ArticleMeta(
                source=source,
                title=title_of_text(text),
                canonical_url=Path(source).resolve().as_uri(),
            )
        else:
            html = decode_html(file.body, None)
            extracted = await self.pool.extract(html, None)
            canonical = _declared_or_file(extracted.declared_canonical, source)
            meta = _meta(source, extracted, url=None, canonical_url=canonical)
            text = extracted.text
        stored = await self._find(meta.canonical_url or "")
        return await self._analyse_and_store(meta, text, stored)

    # -- shared ------------------------------------------------------------------------------

    async def _analyse_and_store(
        self,
        meta: ArticleMeta,
        text: str,
        stored: repository.StoredArticle | None,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Analysis:
        digest_hash = repository.content_hash(text)
        if stored is not None and stored.analysis.content_hash == digest_hash:
            # Same article text: the stored analysis stands (dates or ads may have changed).
            await self._touch(stored, etag, last_modified)
            return _with_source(stored.analysis, meta.source)
        self.analyses += 1
        result = await self.pool.analyse(text, meta.title)
        analysis = Analysis(meta=meta, text=text, result=result, content_hash=digest_hash)
        if self.db is None:
            return analysis
        saved = await repository.save_analysis(
            self.db, analysis, etag=etag, last_modified=last_modified
        )
        if saved.story_id is None:
            saved = replace(saved, story_id=await assign_article_to_story(self.db, saved))
        if self.on_new_revision is not None:
            try:
                await self.on_new_revision(saved)
            except Exception:  # follow-ups must never cost the reader the digest
                log.exception("follow-up hook failed for article %s", saved.article_id)
        return saved

    async def _find(self, canonical_url: str) -> repository.StoredArticle | None:
        if self.db is None or not canonical_url:
            return None
        stored = await repository.find_article_by_url(self.db, canonical_url)
        # An article row without an analysis (never completed) is as good as none.
        return stored if stored is not None and stored.analysis is not None else None

    async def _touch(
        self, stored: repository.StoredArticle, etag: str | None, last_modified: str | None
    ) -> None:
        if self.db is not None:
            await repository.touch_fetched(
                self.db, stored.article_id, etag=etag, last_modified=last_modified
            )


def _declared_or_file(declared: str | None, source: str) -> str:
    """A saved page is stored under the URL it declares, else under its file path."""
    if declared:
        try:
            return normalize_url(declared)
        except ValueError:
            pass  # relative or not http(s): no use without the page's own URL
    return Path(source).resolve().as_uri()


def _fresh(stored: repository.StoredArticle, within_seconds: float) -> bool:
    # Storage's UTCDateTime always reads back timezone-aware UTC.
    fetched = stored.last_fetched_at
    return fetched is not None and utcnow() - fetched < timedelta(seconds=within_seconds)


def _meta(source: str, ex: Extracted, *, url: str | None, canonical_url: str) -> ArticleMeta:
    return ArticleMeta(
        source=source,
        url=url,
        canonical_url=canonical_url,
        title=ex.title,
        site=ex.site,
        author=ex.author,
        published=ex.published,
        updated=ex.updated,
    )


def _with_source(analysis: Analysis, source: str) -> Analysis:
    """The same stored analysis, reported for the SOURCE this caller gave."""
    if analysis.meta.source == source:
        return analysis
    return replace(analysis, meta=replace(analysis.meta, source=source))


__all__ = ["DigestError", "DigestService"]
