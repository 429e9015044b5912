"""Watched feeds: find a site's RSS/Atom feed, poll it, hand new items to the pipeline.

Every request goes through our ``Fetcher`` (SSRF guard, size and time limits). Libraries only
ever see strings: trafilatura's ``find_feed_urls`` would download by itself with urllib,
bypassing the guard, so only its parsing helper (``determine_feed``) is used. Feeds are parsed
with lxml (entities and network off) rather than trafilatura's ``extract_links``, which sorts
the links (losing newest-first order) and drops items hosted on another domain (feedburner,
aggregators).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from trafilatura.feeds import FeedParameters, determine_feed

from bot.errors import DigestError, FetchError
from bot.fetch import ARTICLE_TYPES, FEED_TYPES, Fetcher, FetchResult
from bot.urls import normalize_url, registered_domain
from storage import feeds as store
from storage.db import Database
from storage.feeds import FeedInfo
from storage.types import utcnow

log = logging.getLogger(__name__)

# Feeds are served under many types (text/html and text/plain too): the XML root decides.
PAGE_TYPES: frozenset[str] = ARTICLE_TYPES | FEED_TYPES | {"application/rdf+xml"}
_DISCOVERY_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_FEED_ROOTS = frozenset({"rss", "feed", "RDF"})  # RSS 0.9x/2.0, Atom, RSS 1.0 (rdf:RDF)
_COMMENTS = re.compile(r"\bcomments?\b", re.IGNORECASE)  # a post's comment feed is not news
MAX_CANDIDATES = 3  # discovered feed URLs tried per page: bounded work for one /watch


class FeedError(DigestError):
    """No usable feed; ``str()`` is shown to the user as is."""


@dataclass(frozen=True, slots=True)
class ResolvedFeed:
    url: str  # the feed's own URL, normalised
    title: str | None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str | None
    urls: list[str]  # item links, normalised, newest first


@dataclass(frozen=True, slots=True)
class FeedFetch:
    urls: list[str]  # empty when not_modified
    etag: str | None
    last_modified: str | None
    not_modified: bool


# --- parsing ---------------------------------------------------------------------------------


def _local(element: Any) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _children(element: Any, name: str) -> list[Any]:
    return [child for child in element if _local(child) == name]


def _text(element: Any, name: str) -> str | None:
    for child in _children(element, name):
        text = "".join(child.itertext()).strip()
        if text:
            return text
    return None


def _date(element: Any) -> datetime | None:
    """An item's date: RSS pubDate (RFC 822), dc:date or Atom updated/published (ISO 8601)."""
    for name in ("pubDate", "date", "updated", "published", "issued", "modified"):
        value = _text(element, name)
        if not value:
            continue
        try:
            parsed = (
                parsedate_to_datetime(value)
                if name == "pubDate"
                else datetime.fromisoformat(value.replace("Z", "+00:00"))
            )
        except (TypeError, ValueError, IndexError):
            continue
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def _item_link(item: Any, base: str) -> str | None:
    """The article URL of an RSS item or an Atom entry, absolute."""
    # FeedBurner rewrites links to a tracking redirect and keeps the real one here.
    original = _text(item, "origLink")
    if original:
        return urljoin(base, original)
    links = _children(item, "link")
    for link in links:  # RSS: <link>URL</link>
        if link.text and link.text.strip():
            return urljoin(base, link.text.strip())
    for link in links:  # Atom: <link rel="alternate" href="..."/>; no rel means alternate
        href = link.get("href")
        if href and link.get("rel", "alternate") == "alternate":
            return urljoin(link.base or base, href.strip())
    about = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")  # RSS 1.0
    if about:
        return urljoin(base, about)
    for guid in _children(item, "guid"):  # a permalink guid, when nothing else
        if guid.get("isPermaLink", "true") != "false" and guid.text:
            return urljoin(base, guid.text.strip())
    return None


def parse_feed(body: bytes, base_url: str) -> ParsedFeed | None:
    """Title and item URLs of an RSS or Atom document, or None if ``body`` is not one.

    Items come newest first: sorted by their dates when every item has one, else in document
    order (which feeds use for newest first). Non-http(s) links are dropped.
    """
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, recover=True, huge_tree=False
    )
    try:
        root = etree.fromstring(body, parser, base_url=base_url)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None or _local(root) not in _FEED_ROOTS:
        return None
    if _local(root) == "feed":
        title = _text(root, "title")
        items = _children(root, "entry")
    else:
        channel = next(iter(_children(root, "channel")), root)
        title = _text(channel, "title")
        items = [element for element in root.iter("{*}item") if isinstance(element.tag, str)]
    dated = [(_date(item), _item_link(item, base_url)) for item in items]
    if dated and all(when is not None for when, _ in dated):
        dated.sort(key=lambda pair: pair[0], reverse=True)  # type: ignore[arg-type, return-value]
    urls: list[str] = []
    for _, link in dated:
        try:
            url = normalize_url(link) if link else None
        except ValueError:  # mailto:, javascript:, garbage
            continue
        if url and url not in urls:
            urls.append(url)
    return ParsedFeed(title=" ".join(title.split()) if title else None, urls=urls)


def discover_feed_urls(html: str, page_url: str) -> list[str]:
    """Feed URLs a page advertises, best first: <link rel="alternate"> of an RSS/Atom type,
    then trafilatura's wider guesses (links that look like feeds). Comment feeds are left out.
    """
    found: list[str] = []
    try:
        document = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        document = None
    if document is not None:
        for link in document.iter("link"):
            rel = (link.get("rel") or "").lower().split()
            kind = (link.get("type") or "").split(";")[0].strip().lower()
            href = (link.get("href") or "").strip()
            wanted = "alternate" in rel and kind in _DISCOVERY_TYPES and href
            if wanted and not _COMMENTS.search(f"{href} {link.get('title') or ''}"):
                found.append(urljoin(page_url, href))
    host = urlsplit(page_url).hostname or ""
    params = FeedParameters(page_url, registered_domain(page_url) or host, page_url)
    found.extend(determine_feed(html, params))  # parses the string; fetches nothing
    unique: list[str] = []
    for url in found:
        try:
            url = normalize_url(url)
        except ValueError:
            continue
        if url not in unique and not _COMMENTS.search(url):
            unique.append(url)
    return unique


# --- fetching --------------------------------------------------------------------------------


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


async def resolve_feed(fetcher: Fetcher, url: str) -> ResolvedFeed:
    """The feed to watch for ``url``: the URL itself if it is a feed, else the feed its page
    advertises. Raises ``FeedError``/``FetchError`` with a message for the user."""
    try:
        url = normalize_url(url)
    except ValueError as exc:
        raise FeedError(str(exc)) from None
    page = await fetcher.fetch(url, accept=PAGE_TYPES)
    parsed = parse_feed(page.body, page.final_url)
    if parsed is not None:
        return ResolvedFeed(normalize_url(page.final_url), parsed.title)
    for candidate in discover_feed_urls(page.text, page.final_url)[:MAX_CANDIDATES]:
        try:
            feed_page = await fetcher.fetch(candidate, accept=PAGE_TYPES)
        except FetchError as exc:
            log.info("feed candidate %s of %s: %s", candidate, url, exc)
            continue
        parsed = parse_feed(feed_page.body, feed_page.final_url)
        if parsed is not None:
            return ResolvedFeed(normalize_url(feed_page.final_url), parsed.title)
    raise FeedError(f"no RSS or Atom feed found at {_host(url)}")


async def fetch_feed(
    fetcher: Fetcher, url: str, *, etag: str | None = None, last_modified: str | None = None
) -> FeedFetch:
    """Fetch a feed conditionally: its item URLs (newest first) and the new validators."""
    page: FetchResult = await fetcher.fetch(
        url, etag=etag, last_modified=last_modified, accept=PAGE_TYPES
    )
    if page.not_modified:
        return FeedFetch([], page.etag, page.last_modified, True)
    parsed = parse_feed(page.body, page.final_url)
    if parsed is None:
        raise FeedError(f"{_host(url)} no longer serves an RSS or Atom feed at this address")
    return FeedFetch(parsed.urls, page.etag, page.last_modified, False)


async def poll_feed(fetcher: Fetcher, feed: FeedInfo) -> list[str]:
    """Item URLs of a watched feed, newest first; [] when unchanged (HTTP 304)."""
    fetched = await fetch_feed(fetcher, feed.url, etag=feed.etag, last_modified=feed.last_modified)
    return fetched.urls


# --- the poller ------------------------------------------------------------------------------


class FeedPoller:
    """Polls due feeds and hands each new item to ``digest`` (the pipeline: analyse, store,
    match to a story; story subscribers are notified downstream).

    An item is recorded as seen before it is digested: one that fails (not an article, a
    paywall) is not retried every poll, and a crash mid-poll loses at most that poll's items
    rather than digesting them twice.
    """

    def __init__(
        self,
        db: Database,
        fetcher: Fetcher,
        digest: Callable[[str], Awaitable[Any]],
        interval_s: float,
        *,
        batch: int = 20,
        concurrency: int = 4,
        lease: timedelta = timedelta(minutes=10),
        max_items: int = 20,
    ) -> None:
        self.db = db
        self.fetcher = fetcher
        self.digest = digest
        self.interval = timedelta(seconds=interval_s)
        self.batch = batch
        self.lease = lease
        self.max_items = max_items  # per feed and poll: a burst must not swamp the workers
        self._slots = asyncio.Semaphore(concurrency)

    async def poll_due(self) -> int:
        """Poll the feeds that are due (at most ``batch``); returns how many were claimed."""
        feeds = await store.claim_due_feeds(self.db, limit=self.batch, lease=self.lease)
        await asyncio.gather(*(self._poll_guarded(feed) for feed in feeds))
        return len(feeds)

    async def run(self, tick_s: float = 30.0) -> None:
        """Poll forever (until cancelled): again at once while feeds are backed up."""
        while True:
            try:
                claimed = await self.poll_due()
            except Exception:  # the database away for a moment: try again next tick
                log.exception("feed polling failed")
                claimed = 0
            if claimed < self.batch:
                await asyncio.sleep(tick_s)

    async def _poll_guarded(self, feed: FeedInfo) -> None:
        async with self._slots:
            try:
                await self._poll(feed)
            except Exception:
                log.exception("polling feed %s (%s) failed", feed.id, feed.url)
                # Try again next interval, not in a tight loop; the lease would also end it.
                await store.record_poll(
                    self.db,
                    feed.id,
                    etag=feed.etag,
                    last_modified=feed.last_modified,
                    next_poll_at=utcnow() + self.interval,
                )

    async def _poll(self, feed: FeedInfo) -> None:
        try:
            fetched = await fetch_feed(
                self.fetcher, feed.url, etag=feed.etag, last_modified=feed.last_modified
            )
        except DigestError as exc:  # the site down or changed: expected, keep the feed
            log.info("feed %s (%s): %s", feed.id, feed.url, exc)
            fetched = FeedFetch([], feed.etag, feed.last_modified, True)
        fresh: list[str] = []
        if not fetched.not_modified:
            fresh = await store.new_items(self.db, feed.id, fetched.urls)
        if len(fresh) > self.max_items:
            log.info(
                "feed %s: %d new items, digesting the newest %d",
                feed.id,
                len(fresh),
                self.max_items,
            )
            fresh = fresh[: self.max_items]
        # Oldest first, so a story's timeline is built in publication order.
        for url in reversed(fresh):
            await self._digest_one(feed, url)
        await store.record_poll(
            self.db,
            feed.id,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            next_poll_at=utcnow() + self.interval,
        )

    async def _digest_one(self, feed: FeedInfo, url: str) -> None:
        try:
            await self.digest(url)
        except DigestError as exc:  # not an article, paywalled, unsupported language...
            log.info("feed %s item %s: %s", feed.id, url, exc)
        except Exception:
            log.exception("feed %s item %s failed", feed.id, url)


__all__ = [
    "FeedError",
    "FeedFetch",
    "FeedPoller",
    "ParsedFeed",
    "ResolvedFeed",
    "discover_feed_urls",
    "fetch_feed",
    "parse_feed",
    "poll_feed",
    "resolve_feed",
]
