"""Watched feeds: storage (SQLite and PostgreSQL), discovery, polling, the poller, the commands.

Everything is offline: feeds and pages come from the loopback ``article_server``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from types import SimpleNamespace
from typing import Any

import pytest
from telegram.constants import ChatMemberStatus

from bot.errors import DigestError, ExtractionError, FetchError
from bot.fetch import Fetcher
from bot.followups.feeds import (
    FeedError,
    FeedPoller,
    discover_feed_urls,
    parse_feed,
    poll_feed,
    resolve_feed,
)
from bot.runtime import RUNTIME_KEY
from bot.settings import Settings
from handlers import feeds as feed_commands
from storage import repository
from storage.db import Database, open_database
from storage.feeds import (
    add_feed,
    claim_due_feeds,
    list_feeds,
    new_items,
    record_poll,
    remove_feed,
)
from storage.types import utcnow
from tests.article_server import ArticleServer, Route

ALLOW = Settings(fetch_allow=("127.0.0.1",))
RSS_TYPE = {"Content-Type": "application/rss+xml; charset=utf-8"}
ATOM_TYPE = {"Content-Type": "application/atom+xml"}
CHAT = 1001
GROUP = -100777


def rss(items: list[str], title: str = "Example News") -> str:
    """An RSS 2.0 feed; ``items`` are links, newest first (as feeds list them)."""
    entries = "".join(
        f"<item><title>Item {n}</title><link>{link}</link><guid>{link}</guid></item>"
        for n, link in enumerate(items)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://example.com/</link>{entries}</channel></rss>"
    )


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.org/">
  <title type="text">Atom  Daily</title>
  <link rel="self" href="https://atom.example.org/feed.atom"/>
  <entry><title>Older</title><link href="/2024/older"/>
    <updated>2024-05-01T08:00:00Z</updated></entry>
  <entry><title>Newest</title>
    <link rel="related" href="https://elsewhere.example/x"/>
    <link rel="alternate" type="text/html" href="news/newest?utm_source=rss"/>
    <updated>2024-05-03T08:00:00Z</updated></entry>
  <entry><title>Middle</title><link href="https://atom.example.org/2024/middle"/>
    <published>2024-05-02T08:00:00+00:00</published></entry>
</feed>"""


@pytest.fixture
async def db(db_url: str) -> AsyncIterator[Database]:
    database = await open_database(db_url)
    yield database
    await database.dispose()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(ALLOW) as f:
        yield f


# --- storage ---------------------------------------------------------------------------------


async def test_add_twice_keeps_one_row_and_lists_in_order(db: Database) -> None:
    first, created = await add_feed(db, CHAT, "https://a.example/feed", "A")
    again, created_again = await add_feed(db, CHAT, "https://a.example/feed", "A again")
    second, _ = await add_feed(db, CHAT, "https://b.example/rss", None)
    await add_feed(db, CHAT + 1, "https://a.example/feed", "A")  # another chat: its own row
    assert created and not created_again and first == again
    feeds = await list_feeds(db, CHAT)
    assert [(f.id, f.url, f.title) for f in feeds] == [
        (first, "https://a.example/feed", "A"),
        (second, "https://b.example/rss", None),
    ]
    assert (await repository.count_rows(db))["feeds"] == 3


async def test_remove_by_id_or_url_only_in_own_chat(db: Database) -> None:
    feed_id, _ = await add_feed(db, CHAT, "https://a.example/feed", "A")
    await add_feed(db, CHAT, "https://b.example/rss", "B")
    assert not await remove_feed(db, CHAT + 1, feed_id)  # not that chat's feed
    assert await remove_feed(db, CHAT, feed_id)
    assert not await remove_feed(db, CHAT, feed_id)
    assert await remove_feed(db, CHAT, "https://b.example/rss")
    assert await list_feeds(db, CHAT) == []


async def test_new_items_dedupe_and_first_poll_cap(db: Database) -> None:
    feed_id, _ = await add_feed(db, CHAT, "https://a.example/feed", "A")
    archive = [f"https://a.example/{n}" for n in range(50, 0, -1)]  # newest first
    # First poll: all 50 are marked seen, only the newest 3 come back.
    assert await new_items(db, feed_id, archive) == archive[:3]
    assert await new_items(db, feed_id, archive) == []
    later = ["https://a.example/52", "https://a.example/51", *archive[:-2]]
    assert await new_items(db, feed_id, [*later, "https://a.example/52"]) == later[:2]
    # Seen items belong to a feed: the same URL is new to another chat's feed.
    other, _ = await add_feed(db, CHAT + 1, "https://a.example/feed", "A")
    assert await new_items(db, other, ["https://a.example/50"]) == ["https://a.example/50"]
    assert await new_items(db, feed_id, []) == []


async def test_claim_with_lease(db: Database) -> None:
    ids = [(await add_feed(db, CHAT, f"https://s{n}.example/feed", None))[0] for n in range(3)]
    lease = timedelta(minutes=5)
    first = await claim_due_feeds(db, limit=2, lease=lease)
    rest = await claim_due_feeds(db, limit=2, lease=lease)
    assert [f.id for f in first] == ids[:2] and [f.id for f in rest] == ids[2:]
    assert await claim_due_feeds(db, limit=10, lease=lease) == []  # all leased
    claimed = (await list_feeds(db, CHAT))[0].next_poll_at
    assert claimed is not None and claimed > utcnow() + timedelta(minutes=4)
    # Recording a poll ends the claim: due again when next_poll_at passes.
    await record_poll(
        db, ids[1], etag='"v2"', last_modified=None, next_poll_at=utcnow() - timedelta(seconds=1)
    )
    again = await claim_due_feeds(db, limit=10, lease=lease)
    assert [(f.id, f.etag) for f in again] == [(ids[1], '"v2"')]
    # A lease that ran out (a crashed poller) makes the feed due again.
    expired = await claim_due_feeds(db, limit=10, lease=timedelta(seconds=-1))
    assert expired == []  # none due now...
    await record_poll(db, ids[0], etag=None, last_modified=None, next_poll_at=utcnow())
    crashed = await claim_due_feeds(db, limit=10, lease=timedelta(seconds=-1))
    assert [f.id for f in crashed] == [ids[0]]
    assert [f.id for f in await claim_due_feeds(db, limit=10, lease=lease)] == [ids[0]]


async def test_concurrent_claims_are_disjoint(db: Database) -> None:
    for n in range(8):
        await add_feed(db, CHAT, f"https://s{n}.example/feed", None)
    batches = await asyncio.gather(
        *(claim_due_feeds(db, limit=3, lease=timedelta(minutes=5)) for _ in range(4))
    )
    claimed = [f.id for batch in batches for f in batch]
    assert len(claimed) == len(set(claimed)) == 8


async def test_inactive_chats_are_not_polled(db: Database) -> None:
    await add_feed(db, CHAT, "https://a.example/feed", None)
    await repository.deactivate_chat(db, CHAT)
    assert await claim_due_feeds(db, limit=10, lease=timedelta(minutes=5)) == []


async def test_forgetting_a_chat_deletes_its_feeds_and_items(db: Database) -> None:
    feed_id, _ = await add_feed(db, CHAT, "https://a.example/feed", None)
    await new_items(db, feed_id, ["https://a.example/1", "https://a.example/2"])
    kept, _ = await add_feed(db, CHAT + 1, "https://a.example/feed", None)
    await new_items(db, kept, ["https://a.example/1"])
    assert await repository.forget_chat(db, CHAT)
    rows = await repository.count_rows(db)
    assert rows["feeds"] == 1 and rows["feed_items"] == 1


# --- parsing and discovery -------------------------------------------------------------------


def test_parse_rss_keeps_order_normalises_and_skips_non_http() -> None:
    body = rss(
        [
            "https://Example.com/b?utm_source=rss#top",
            "javascript:alert(1)",
            "/relative/a",
            "https://example.com/b",
        ]
    ).encode()
    parsed = parse_feed(body, "https://example.com/feed.xml")
    assert parsed is not None and parsed.title == "Example News"
    assert parsed.urls == ["https://example.com/b", "https://example.com/relative/a"]


def test_parse_rss_sorts_by_date_and_prefers_feedburner_original() -> None:
    body = b"""<rss xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"><channel>
      <item><link>https://ex.com/old</link><pubDate>Mon, 01 Apr 2024 10:00:00 GMT</pubDate></item>
      <item><link>https://feeds.feedburner.com/~r/x/1</link>
        <feedburner:origLink>https://ex.com/new</feedburner:origLink>
        <pubDate>Wed, 03 Apr 2024 10:00:00 +0200</pubDate></item>
      <item><guid isPermaLink="true">https://ex.com/mid</guid>
        <pubDate>Tue, 02 Apr 2024 10:00:00 GMT</pubDate></item>
    </channel></rss>"""
    parsed = parse_feed(body, "https://ex.com/rss")
    assert parsed is not None
    assert parsed.urls == ["https://ex.com/new", "https://ex.com/mid", "https://ex.com/old"]


def test_parse_atom_and_rdf() -> None:
    parsed = parse_feed(ATOM.encode(), "https://atom.example.org/feed.atom")
    assert parsed is not None and parsed.title == "Atom Daily"
    assert parsed.urls == [
        "https://atom.example.org/news/newest",
        "https://atom.example.org/2024/middle",
        "https://atom.example.org/2024/older",
    ]
    rdf = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        xmlns="http://purl.org/rss/1.0/"><channel><title>RDF site</title></channel>
        <item rdf:about="https://rdf.example/1"><link>https://rdf.example/1</link></item>
        <item rdf:about="https://rdf.example/2"></item></rdf:RDF>"""
    parsed = parse_feed(rdf, "https://rdf.example/index.rdf")
    assert parsed is not None and parsed.title == "RDF site"
    assert parsed.urls == ["https://rdf.example/1", "https://rdf.example/2"]


def test_parse_refuses_html_and_never_resolves_external_entities() -> None:
    assert parse_feed(b"<html><body><p>Hi</p></body></html>", "https://x.example/") is None
    assert parse_feed(b"not xml at all", "https://x.example/") is None
    evil = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <rss><channel><title>T&x;</title><item><link>https://x.example/1</link></item>
        </channel></rss>"""
    parsed = parse_feed(evil, "https://x.example/rss")
    assert parsed is not None and "root" not in (parsed.title or "")


def test_discovery_prefers_rss_links_and_skips_comment_feeds() -> None:
    page = """<html><head>
      <link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/1">
      <link rel="alternate" type="application/rss+xml" title="Comments Feed" href="/comments/feed/">
      <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="/atom.xml">
      <link rel="alternate" type="application/rss+xml" href="https://ex.com/feed/">
    </head><body><a href="/rss">RSS</a></body></html>"""
    found = discover_feed_urls(page, "https://ex.com/2024/story")
    assert found[:2] == ["https://ex.com/atom.xml", "https://ex.com/feed/"]
    assert not any("comments" in url for url in found)


# --- resolving and polling over HTTP ---------------------------------------------------------


async def test_resolve_rss_feed(article_server: ArticleServer, fetcher: Fetcher) -> None:
    url = article_server.add("/feed.xml", rss(["https://example.com/1"]), headers=RSS_TYPE)
    resolved = await resolve_feed(fetcher, url)
    assert (resolved.url, resolved.title) == (url, "Example News")


async def test_resolve_atom_feed_served_as_xml(
    article_server: ArticleServer, fetcher: Fetcher
) -> None:
    url = article_server.add("/atom", ATOM, headers={"Content-Type": "text/xml"})
    resolved = await resolve_feed(fetcher, url)
    assert (resolved.url, resolved.title) == (url, "Atom Daily")


async def test_resolve_discovers_the_feed_of_a_page(
    article_server: ArticleServer, fetcher: Fetcher
) -> None:
    feed_url = article_server.add("/news/atom.xml", ATOM, headers=ATOM_TYPE)
    page = article_server.add(
        "/news/",
        '<html><head><title>News</title><link rel="alternate" type="application/rss+xml" '
        'href="/missing.rss"><link rel="alternate" type="application/atom+xml" '
        'href="atom.xml"></head><body><p>Front page</p></body></html>',
    )
    resolved = await resolve_feed(fetcher, page)
    assert (resolved.url, resolved.title) == (feed_url, "Atom Daily")
    assert article_server.fetch_count("/missing.rss") == 1  # a dead candidate is skipped


async def test_resolve_page_without_feed(article_server: ArticleServer, fetcher: Fetcher) -> None:
    page = article_server.add("/plain", "<html><body><p>No feeds here.</p></body></html>")
    with pytest.raises(FeedError, match=r"^no RSS or Atom feed found at 127\.0\.0\.1$"):
        await resolve_feed(fetcher, page)
    with pytest.raises(FeedError):  # a link that is no web link at all
        await resolve_feed(fetcher, "ftp://example.com/feed")


async def test_resolve_is_ssrf_guarded(article_server: ArticleServer) -> None:
    url = article_server.add("/feed.xml", rss([]), headers=RSS_TYPE)
    async with Fetcher(Settings()) as guarded:  # loopback not allowed
        with pytest.raises(FetchError, match="loopback"):
            await resolve_feed(guarded, url)


def conditional(body: str, etag: str) -> Callable[[BaseHTTPRequestHandler], None]:
    """A route answering 304 when the request carries the current ETag."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        if request.headers.get("If-None-Match") == etag:
            request.send_response(304)
            request.send_header("ETag", etag)
            request.end_headers()
            return
        data = body.encode()
        request.send_response(200)
        request.send_header("Content-Type", "application/rss+xml")
        request.send_header("ETag", etag)
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    return handle


async def test_poll_feed_conditional_304(article_server: ArticleServer, fetcher: Fetcher) -> None:
    items = ["https://example.com/2", "https://example.com/1"]
    url = article_server.url("/feed.xml")
    article_server.routes["/feed.xml"] = Route(body=conditional(rss(items), '"v1"'))
    feed = SimpleNamespace(url=url, etag=None, last_modified=None)
    assert await poll_feed(fetcher, feed) == items  # type: ignore[arg-type]
    feed.etag = '"v1"'
    assert await poll_feed(fetcher, feed) == []  # type: ignore[arg-type]
    assert article_server.requests[-1][1].get("If-None-Match") == '"v1"'


# --- the poller ------------------------------------------------------------------------------


class FakeDigest:
    """Stands in for DigestService.digest: records calls, fails for chosen URLs."""

    def __init__(self, failing: dict[str, Exception] | None = None) -> None:
        self.calls: list[str] = []
        self.failing = failing or {}

    async def __call__(self, url: str) -> Any:
        self.calls.append(url)
        if url in self.failing:
            raise self.failing[url]
        return SimpleNamespace(url=url)


async def test_poller_end_to_end(
    db: Database, article_server: ArticleServer, fetcher: Fetcher
) -> None:
    site = [article_server.url(f"/a/{n}") for n in range(10, 0, -1)]  # newest first
    state = {"items": site, "etag": '"1"'}

    def serve(request: BaseHTTPRequestHandler) -> None:
        conditional(rss(state["items"]), state["etag"])(request)

    article_server.routes["/feed.xml"] = Route(body=serve)
    url = article_server.url("/feed.xml")
    feed_id, _ = await add_feed(db, CHAT, url, "Example News")
    digest = FakeDigest(
        failing={
            article_server.url("/a/12"): ExtractionError("no article text"),
            article_server.url("/a/13"): RuntimeError("boom"),
        }
    )
    poller = FeedPoller(db, fetcher, digest, interval_s=0)

    # First poll: the 10 current items are marked seen, only the newest 3 are digested.
    assert await poller.poll_due() == 1
    assert sorted(digest.calls) == sorted(site[:3])
    assert digest.calls == list(reversed(site[:3]))  # oldest first: story timelines in order
    feed = (await list_feeds(db, CHAT))[0]
    assert feed.etag == '"1"' and feed.next_poll_at is not None

    # Unchanged feed: a conditional request, 304, nothing digested.
    digest.calls.clear()
    assert await poller.poll_due() == 1
    assert digest.calls == []
    assert article_server.requests[-1][1].get("If-None-Match") == '"1"'

    # Two new items: exactly those two.
    new = [article_server.url("/a/12"), article_server.url("/a/11")]
    state.update(items=new + site, etag='"2"')
    await poller.poll_due()
    assert digest.calls == list(reversed(new))

    # Failing items (a DigestError, an unexpected error) don't stop the others.
    digest.calls.clear()
    newer = [article_server.url(f"/a/{n}") for n in (15, 14, 13)]
    state.update(items=newer + new + site, etag='"3"')
    await poller.poll_due()
    assert digest.calls == list(reversed(newer))
    assert (await list_feeds(db, CHAT))[0].etag == '"3"'
    assert await new_items(db, feed_id, newer) == []  # recorded as seen: not retried

    # A feed that fails to load is rescheduled, not dropped, and nothing is digested.
    digest.calls.clear()
    del article_server.routes["/feed.xml"]
    await poller.poll_due()
    assert digest.calls == [] and len(await list_feeds(db, CHAT)) == 1


async def test_poller_schedules_next_poll_by_interval(
    db: Database, article_server: ArticleServer, fetcher: Fetcher
) -> None:
    url = article_server.add("/feed.xml", rss([article_server.url("/a/1")]), headers=RSS_TYPE)
    await add_feed(db, CHAT, url, None)
    poller = FeedPoller(db, fetcher, FakeDigest(), interval_s=900)
    assert await poller.poll_due() == 1
    assert await poller.poll_due() == 0  # not due before the interval
    next_poll = (await list_feeds(db, CHAT))[0].next_poll_at
    assert next_poll is not None
    assert timedelta(seconds=890) < next_poll - datetime.now(UTC) <= timedelta(seconds=900)


# --- the commands ----------------------------------------------------------------------------


class FakeMessage:
    def __init__(self) -> None:
        self.replies: list[str] = []
        self.reply_to_message = None

    async def reply_text(self, text: str, **_: Any) -> None:
        self.replies.append(text)


def command(
    db: Database, fetcher: Fetcher, args: list[str], *, chat: int = CHAT, status: str = "member"
) -> tuple[Any, Any, FakeMessage]:
    """An Update and a context as PTB passes them to a command callback, reduced to what the
    feed commands use."""
    message = FakeMessage()

    async def get_chat_member(chat_id: int, user_id: int) -> Any:
        return SimpleNamespace(status=status)

    update = SimpleNamespace(
        effective_message=message,
        effective_chat=SimpleNamespace(id=chat, type="private" if chat > 0 else "supergroup"),
        effective_user=SimpleNamespace(id=42),
    )
    context = SimpleNamespace(
        args=args,
        bot=SimpleNamespace(get_chat_member=get_chat_member),
        application=SimpleNamespace(
            bot_data={RUNTIME_KEY: SimpleNamespace(db=db, fetcher=fetcher)}
        ),
    )
    return update, context, message


async def test_watch_watching_unwatch(
    db: Database, article_server: ArticleServer, fetcher: Fetcher
) -> None:
    feed_url = article_server.add("/feed.xml", rss([]), headers=RSS_TYPE)
    page = article_server.add(
        "/", '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    )
    update, context, message = command(db, fetcher, [page])
    await feed_commands.watch(update, context)
    assert message.replies == [
        f"Watching Example News ({feed_url}). New articles will be digested and added to "
        "their stories; follow a story to get its updates."
    ]
    update, context, message = command(db, fetcher, [feed_url])
    await feed_commands.watch(update, context)
    assert message.replies == [f"Already watching Example News ({feed_url})."]

    update, context, message = command(db, fetcher, [article_server.url("/nothing")])
    await feed_commands.watch(update, context)
    assert message.replies[0].startswith("Could not watch") and "404" in message.replies[0]

    update, context, message = command(db, fetcher, [])
    await feed_commands.watching(update, context)
    assert f"1. Example News ({feed_url})" in message.replies[0]

    update, context, message = command(db, fetcher, ["2"])
    await feed_commands.unwatch(update, context)
    assert message.replies == ["There is no feed number 2. /watching lists them."]
    update, context, message = command(db, fetcher, [page])  # the site's URL finds its feed
    await feed_commands.unwatch(update, context)
    assert message.replies == ["Stopped watching Example News."]
    assert await list_feeds(db, CHAT) == []


async def test_only_group_admins_change_feeds(
    db: Database, article_server: ArticleServer, fetcher: Fetcher
) -> None:
    feed_url = article_server.add("/feed.xml", rss([]), headers=RSS_TYPE)
    update, context, message = command(db, fetcher, [feed_url], chat=GROUP)
    await feed_commands.watch(update, context)
    assert message.replies == [feed_commands.ADMINS_ONLY]
    assert article_server.requests == []  # refused before fetching anything
    update, context, message = command(
        db, fetcher, [feed_url], chat=GROUP, status=ChatMemberStatus.ADMINISTRATOR
    )
    await feed_commands.watch(update, context)
    assert message.replies[0].startswith("Watching")
    update, context, message = command(db, fetcher, ["1"], chat=GROUP)
    await feed_commands.unwatch(update, context)
    assert message.replies == [feed_commands.ADMINS_ONLY]
    update, context, message = command(db, fetcher, [], chat=GROUP)  # anyone may list
    await feed_commands.watching(update, context)
    assert "1. Example News" in message.replies[0]


def test_feed_error_is_a_digest_error() -> None:
    assert issubclass(FeedError, DigestError)
