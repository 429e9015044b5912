"""The repository, on SQLite and on PostgreSQL (the ``db_url`` fixture gives both)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

import storage.articles
from bot.types import (
    Analysis,
    ArticleMeta,
    Content,
    Entity,
    KeyFact,
    Position,
    Source,
    Span,
    Speaker,
    TextAnalysis,
)
from storage import repository as repo
from storage.db import Database, open_database
from storage.models import (
    Article,
    Chat,
    ChatDigest,
    Delivered,
    Feed,
    FeedItem,
    Outbox,
    Subscription,
)

URL = "https://news.example/2024/03/crocus"
TEXT = (
    "Over 130 people died in the attack on Crocus City Hall. "
    "“ISIS is a common enemy,” Jean-Pierre said. “It must be defeated everywhere.” "
    "According to the Financial Times, the US urged Ukraine to stop the strikes."
)
GROUP, SUPERGROUP, USER = -1001, -100_2000_000_001, 42


def make_analysis(text: str = TEXT, url: str = URL, title: str = "Crocus City Hall") -> Analysis:
    quote_a = text.index("ISIS is")
    quote_b = text.index("It must")
    cue = text.index("said")
    speaker = text.index("Jean-Pierre")
    ft = text.index("According")
    reported = text.index("the US urged")
    return Analysis(
        meta=ArticleMeta(
            source=url,
            url=url + "?utm_source=x",
            canonical_url=url,
            title=title,
            site="News Example",
            author="A. Writer",
            published="2024-03-25",
            updated=None,
            language="en",
        ),
        text=text,
        result=TextAnalysis(
            summary="After the attack, Washington called ISIS a common enemy.",
            key_facts=[
                KeyFact("Over 130 dead in the attack on Crocus City Hall.", 0, 56),
                KeyFact("The US urged Ukraine to stop strikes.", reported, len(text), "FT"),
            ],
            sources=[
                Source("Financial Times", "media", None, 1),
                Source("Karine Jean-Pierre", "official", "White House spokeswoman", 2),
            ],
            positions=[
                Position(
                    speaker=Speaker(
                        "Jean-Pierre",
                        speaker,
                        speaker + 11,
                        "Karine Jean-Pierre",
                        "White House spokeswoman",
                    ),
                    cue=Span("said", cue, cue + 4),
                    content=Content(
                        "ISIS is a common enemy … It must be defeated everywhere.",
                        quote_a,
                        quote_b + 29,
                        parts=[(quote_a, quote_a + 22), (quote_b, quote_b + 29)],
                    ),
                    kind="direct",
                ),
                Position(
                    speaker=None,
                    cue=Span("According to", ft, ft + 12),
                    content=Content(
                        "the US urged Ukraine to stop the strikes", reported, len(text) - 1
                    ),
                    kind="according_to",
                    via="Financial Times",
                ),
            ],
            entities=[
                Entity("Crocus City Hall", "FAC", 1),
                Entity("Ukraine", "GPE", 1),
                Entity("Financial Times", "ORG", 1),
            ],
            signals={"update_expected": True},
        ),
    )


@pytest.fixture
async def db(db_url: str) -> AsyncIterator[Database]:
    database = await open_database(db_url)
    yield database
    await database.dispose()


async def nonzero_rows(db: Database) -> dict[str, int]:
    return {table: n for table, n in (await repo.count_rows(db)).items() if n}


# --- articles and revisions ----------------------------------------------------------------


async def test_save_and_load_round_trip(db: Database) -> None:
    analysis = make_analysis()
    saved = await repo.save_analysis(db, analysis, etag='"v1"', last_modified="Mon, 25 Mar 2024")
    assert saved.article_id and saved.revision_id
    assert saved.content_hash == repo.content_hash(TEXT) and len(saved.content_hash) == 64
    assert saved.story_id is None
    assert replace(saved, article_id=None, revision_id=None, content_hash=None) == analysis

    loaded = await repo.load_analysis(db, saved.article_id)
    assert loaded == saved
    assert loaded.result.positions[0].content.parts == analysis.result.positions[0].content.parts
    assert loaded.to_json() == saved.to_json()

    stored = await repo.find_article_by_url(db, URL)
    assert stored is not None
    assert (stored.article_id, stored.etag, stored.last_modified) == (
        saved.article_id,
        '"v1"',
        "Mon, 25 Mar 2024",
    )
    assert stored.last_fetched_at is not None and stored.last_fetched_at.tzinfo is not None
    assert stored.analysis == saved
    assert await repo.find_article_by_url(db, URL + "/other") is None
    assert await repo.load_analysis(db, 999_999) is None

    rows = await nonzero_rows(db)
    assert rows == {
        "articles": 1,
        "revisions": 1,
        "facts": 2,
        "cited_sources": 2,
        "positions": 2,
        "entities": 3,
    }


async def test_same_content_adds_no_revision(db: Database) -> None:
    first = await repo.save_analysis(db, make_analysis(), etag='"a"')
    later = datetime(2030, 1, 1, tzinfo=UTC)
    second = await repo.save_analysis(db, make_analysis(), etag='"b"', fetched_at=later)
    assert (second.article_id, second.revision_id) == (first.article_id, first.revision_id)
    assert len(await repo.list_revisions(db, first.article_id)) == 1
    stored = await repo.find_article_by_url(db, URL)
    assert stored is not None
    assert stored.etag == '"b"' and stored.last_fetched_at == later
    assert (await repo.count_rows(db))["facts"] == 2


async def test_changed_content_adds_a_revision_and_keeps_the_old(db: Database) -> None:
    first = await repo.save_analysis(db, make_analysis())
    changed = make_analysis(TEXT + " Update: a fourth suspect was arrested.", title="Updated")
    second = await repo.save_analysis(db, changed)
    assert second.article_id == first.article_id
    assert second.revision_id != first.revision_id
    revisions = await repo.list_revisions(db, first.article_id)
    assert [r.revision_id for r in revisions] == [first.revision_id, second.revision_id]
    assert revisions[0].content_hash != revisions[1].content_hash

    assert await repo.load_analysis(db, first.article_id) == second
    old = await repo.load_analysis(db, first.article_id, first.revision_id)
    assert old == first and old.text == TEXT
    stored = await repo.find_article_by_url(db, URL)
    assert stored is not None and stored.analysis == second
    rows = await repo.count_rows(db)
    assert (rows["revisions"], rows["facts"], rows["entities"]) == (2, 4, 6)


async def test_concurrent_saves_of_one_url_make_one_article(db_url: str) -> None:
    dbs = [await open_database(db_url) for _ in range(2)]
    try:
        results = await asyncio.gather(*(repo.save_analysis(d, make_analysis()) for d in dbs))
        assert results[0].article_id == results[1].article_id
        assert results[0].revision_id == results[1].revision_id
        rows = await repo.count_rows(dbs[0])
        assert (rows["articles"], rows["revisions"], rows["facts"]) == (1, 1, 2)
    finally:
        for d in dbs:
            await d.dispose()


async def test_failure_mid_save_leaves_nothing(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_args: object) -> list[object]:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(storage.articles, "_derived_rows", explode)
    with pytest.raises(RuntimeError, match="disk on fire"):
        await repo.save_analysis(db, make_analysis())
    assert await nonzero_rows(db) == {}
    assert await repo.find_article_by_url(db, URL) is None

    monkeypatch.undo()
    first = await repo.save_analysis(db, make_analysis())
    before = await repo.count_rows(db)
    monkeypatch.setattr(storage.articles, "_derived_rows", explode)
    with pytest.raises(RuntimeError):
        await repo.save_analysis(db, make_analysis(TEXT + " More."), etag='"new"')
    assert await repo.count_rows(db) == before
    stored = await repo.find_article_by_url(db, URL)
    assert stored is not None and stored.analysis == first and stored.etag is None


async def test_touch_fetched(db: Database) -> None:
    saved = await repo.save_analysis(db, make_analysis(), etag='"a"', last_modified="lm")
    when = datetime(2031, 5, 6, 7, 8, 9, tzinfo=UTC)
    await repo.touch_fetched(db, saved.article_id, etag='"b"', last_modified=None, fetched_at=when)
    stored = await repo.find_article_by_url(db, URL)
    assert stored is not None
    assert (stored.etag, stored.last_modified, stored.last_fetched_at) == ('"b"', "lm", when)
    assert len(await repo.list_revisions(db, saved.article_id)) == 1


async def test_datetimes_are_utc_aware_and_naive_ones_are_refused(db: Database) -> None:
    saved = await repo.save_analysis(db, make_analysis())
    paris = datetime(2030, 1, 1, 12, 0, tzinfo=UTC).astimezone(ZoneInfo("Europe/Paris"))
    await repo.schedule_check(db, saved.article_id, next_check_at=paris, check_step=2)
    stored = await repo.find_article_by_url(db, URL)
    assert stored is not None and stored.next_check_at is not None
    assert stored.next_check_at.tzinfo is UTC and stored.next_check_at == paris
    assert stored.check_step == 2
    assert await repo.due_checks(db, paris - timedelta(seconds=1)) == []
    assert await repo.due_checks(db, paris) == [saved.article_id]
    with pytest.raises(Exception, match="naive"):
        await repo.touch_fetched(
            db, saved.article_id, etag=None, last_modified=None, fetched_at=datetime(2030, 1, 1)
        )


async def test_story_link(db: Database) -> None:
    story = await repo.create_story(db, "Crocus attack", {"terms": {"crocus": 1.0}})
    saved = await repo.save_analysis(db, replace(make_analysis(), story_id=story))
    assert saved.story_id == story
    other = await repo.save_analysis(db, make_analysis(url=URL + "-2"))
    assert other.story_id is None
    await repo.set_article_story(db, other.article_id, story)
    stored = await repo.find_article_by_url(db, URL + "-2")
    assert stored is not None and stored.story_id == story and stored.analysis is not None
    assert stored.analysis.story_id == story


# --- chats -----------------------------------------------------------------------------------


async def test_chat_settings(db: Database) -> None:
    assert await repo.get_chat_settings(db, GROUP) == repo.ChatSettings()
    await repo.upsert_chat(db, GROUP, "group", "Newsroom")
    assert await repo.update_chat_settings(db, GROUP, auto_digest=True) == repo.ChatSettings(
        auto_digest=True
    )
    assert await repo.update_chat_settings(db, GROUP, short=True) == repo.ChatSettings(True, True)
    assert await repo.get_chat_settings(db, GROUP) == repo.ChatSettings(True, True)

    await repo.deactivate_chat(db, GROUP)
    async with db.session() as session:
        chat = await session.get(Chat, GROUP)
        assert chat is not None and not chat.active
    await repo.upsert_chat(db, GROUP, "group", "Newsroom 2")  # heard from again
    async with db.session() as session:
        chat = await session.get(Chat, GROUP)
        assert chat is not None and chat.active and chat.title == "Newsroom 2"
    assert await repo.get_chat_settings(db, GROUP) == repo.ChatSettings(True, True)


async def test_follow_unfollow_list(db: Database) -> None:
    story = await repo.create_story(db, "Crocus attack", {})
    article = (await repo.save_analysis(db, replace(make_analysis(), story_id=story))).article_id
    other = (await repo.save_analysis(db, make_analysis(url=URL + "-other"))).article_id

    assert await repo.follow(db, USER, article_id=article) is True
    assert await repo.follow(db, USER, article_id=article) is False
    assert await repo.follow(db, USER, story_id=story) is True
    assert await repo.follow(db, USER, story_id=story) is False
    assert await repo.follow(db, GROUP, article_id=other) is True
    assert await repo.is_following(db, USER, article_id=article)
    assert not await repo.is_following(db, USER, article_id=other)

    following = await repo.list_following(db, USER)
    assert [(f.article_id, f.story_id, f.title) for f in following] == [
        (article, None, "Crocus City Hall"),
        (None, story, "Crocus attack"),
    ]
    assert following[0].url == URL
    assert await repo.followers(db, article) == [USER]
    await repo.set_article_story(db, other, story)
    assert await repo.followers(db, other) == [GROUP, USER]  # GROUP directly, USER by story

    assert await repo.unfollow(db, USER, article_id=article) is True
    assert await repo.unfollow(db, USER, article_id=article) is False
    assert [f.story_id for f in await repo.list_following(db, USER)] == [story]
    with pytest.raises(ValueError):
        await repo.follow(db, USER)
    with pytest.raises(ValueError):
        await repo.follow(db, USER, article_id=article, story_id=story)


async def test_chat_digests(db: Database) -> None:
    a = (await repo.save_analysis(db, make_analysis())).article_id
    b = (await repo.save_analysis(db, make_analysis(url=URL + "-b"))).article_id
    assert await repo.last_chat_digest(db, GROUP) is None
    await repo.record_chat_digest(db, GROUP, a, 100)
    await repo.record_chat_digest(db, GROUP, b, 101)
    last = await repo.last_chat_digest(db, GROUP)
    assert last is not None and (last.article_id, last.message_id) == (b, 101)
    recent = await repo.recent_chat_digest(db, GROUP, a, timedelta(hours=1))
    assert recent is not None and recent.message_id == 100
    later = datetime.now(UTC) + timedelta(hours=2)
    assert await repo.recent_chat_digest(db, GROUP, a, timedelta(hours=1), now=later) is None
    assert await repo.recent_chat_digest(db, USER, a, timedelta(hours=1)) is None


async def _give_chat_everything(db: Database, chat_id: int, article_id: int, key: str) -> None:
    await repo.upsert_chat(db, chat_id, "group", f"chat {chat_id}")
    await repo.follow(db, chat_id, article_id=article_id)
    await repo.record_chat_digest(db, chat_id, article_id, 7)
    async with db.session() as session:
        session.add(Delivered(chat_id=chat_id, item_key="fact:shared"))
        session.add(Delivered(chat_id=chat_id, item_key=f"fact:{key}"))
        session.add(Outbox(chat_id=chat_id, idempotency_key=f"upd:{key}", payload={"text": "x"}))
        feed = Feed(chat_id=chat_id, url="https://news.example/feed.xml")
        session.add(feed)
        await session.flush()
        session.add(FeedItem(feed_id=feed.id, item_url=f"https://news.example/{key}"))


async def _rows_of_chat(db: Database, chat_id: int) -> dict[str, int]:
    counts = {}
    async with db.session() as session:
        for model in (Subscription, Delivered, Outbox, Feed, ChatDigest):
            rows = await session.execute(select(model.id).where(model.chat_id == chat_id))
            counts[model.__tablename__] = len(rows.all())
        chats = await session.execute(
            select(Chat.id).where((Chat.id == chat_id) | (Chat.migrated_to == chat_id))
        )
        counts["chats"] = len(chats.all())
    return counts


async def test_migrate_chat_moves_everything(db: Database) -> None:
    article = (await repo.save_analysis(db, make_analysis())).article_id
    await _give_chat_everything(db, GROUP, article, "old")
    await repo.update_chat_settings(db, GROUP, auto_digest=True)
    await repo.migrate_chat(db, GROUP, SUPERGROUP)

    old = await _rows_of_chat(db, GROUP)
    assert old == {
        "subscriptions": 0,
        "delivered": 0,
        "outbox": 0,
        "feeds": 0,
        "chat_digests": 0,
        "chats": 1,  # the old row, kept as a forwarding note
    }
    new = await _rows_of_chat(db, SUPERGROUP)
    assert new == {
        "subscriptions": 1,
        "delivered": 2,
        "outbox": 1,
        "feeds": 1,
        "chat_digests": 1,
        "chats": 2,  # itself and the old row pointing at it
    }
    assert await repo.is_following(db, SUPERGROUP, article_id=article)
    assert await repo.get_chat_settings(db, SUPERGROUP) == repo.ChatSettings(auto_digest=True)
    async with db.session() as session:
        old_chat = await session.get(Chat, GROUP)
        assert old_chat is not None and not old_chat.active
        assert old_chat.migrated_to == SUPERGROUP


async def test_migrate_chat_into_a_chat_that_has_the_same_rows(db: Database) -> None:
    article = (await repo.save_analysis(db, make_analysis())).article_id
    await _give_chat_everything(db, GROUP, article, "old")
    await _give_chat_everything(db, SUPERGROUP, article, "new")
    await repo.migrate_chat(db, GROUP, SUPERGROUP)
    new = await _rows_of_chat(db, SUPERGROUP)
    # Duplicates (same article, same delivered key, same feed URL) are kept once.
    assert (new["subscriptions"], new["delivered"], new["feeds"]) == (1, 3, 1)
    assert (new["outbox"], new["chat_digests"]) == (2, 2)
    assert sum((await _rows_of_chat(db, GROUP)).values()) == 1  # the forwarding note


async def test_forget_chat_leaves_no_row_of_it(db: Database) -> None:
    article = (await repo.save_analysis(db, make_analysis())).article_id
    await _give_chat_everything(db, GROUP, article, "old")
    await repo.migrate_chat(db, GROUP, SUPERGROUP)
    await _give_chat_everything(db, USER, article, "user")
    before = await repo.count_rows(db)

    assert await repo.forget_chat(db, SUPERGROUP) is True
    assert sum((await _rows_of_chat(db, SUPERGROUP)).values()) == 0
    assert sum((await _rows_of_chat(db, GROUP)).values()) == 0
    after = await repo.count_rows(db)
    assert after["feed_items"] == before["feed_items"] - 1
    assert after["chats"] == 1
    assert (after["articles"], after["revisions"]) == (before["articles"], before["revisions"])
    assert await _rows_of_chat(db, USER) == {
        "subscriptions": 1,
        "delivered": 2,
        "outbox": 1,
        "feeds": 1,
        "chat_digests": 1,
        "chats": 1,
    }
    assert await repo.forget_chat(db, SUPERGROUP) is False


# --- search ----------------------------------------------------------------------------------


async def test_search_by_title_entity_and_speaker(db: Database) -> None:
    crocus = await repo.save_analysis(db, make_analysis())
    other = make_analysis(url=URL + "-markets", title="Oil Prices Rise 15%")
    other.result.entities = [Entity("OPEC", "ORG", 2)]
    other.result.positions = []
    markets = await repo.save_analysis(db, other)

    async def ids(chat_id: int | None, text: str) -> list[int]:
        return [hit.article_id for hit in await repo.search_articles(db, chat_id, text)]

    assert await ids(None, "crocus city") == [crocus.article_id]  # title, any case
    assert await ids(None, "opec") == [markets.article_id]  # entity
    assert await ids(None, "karine") == [crocus.article_id]  # resolved speaker
    assert await ids(None, "15%") == [markets.article_id]  # a literal percent sign
    assert await ids(None, "%") == [markets.article_id]
    assert await ids(None, "nothing like this") == []
    assert await ids(None, "  ") == []

    # Within a chat: only what it was shown or follows.
    assert await ids(GROUP, "crocus") == []
    await repo.record_chat_digest(db, GROUP, crocus.article_id, 1)
    assert await ids(GROUP, "crocus") == [crocus.article_id]
    story = await repo.create_story(db, "Markets", {})
    await repo.set_article_story(db, markets.article_id, story)
    await repo.follow(db, USER, story_id=story)
    assert await ids(USER, "opec") == [markets.article_id]
    assert await ids(USER, "crocus") == []
    hit = (await repo.search_articles(db, None, "OPEC"))[0]
    assert (hit.title, hit.story_id) == ("Oil Prices Rise 15%", story)
    assert hit.canonical_url == URL + "-markets"


async def test_count_rows_covers_every_table(db: Database) -> None:
    counts = await repo.count_rows(db)
    assert set(counts) >= {"articles", "chats", "outbox", "feed_items", "chat_digests"}
    assert set(counts.values()) == {0}
    async with db.session() as session:
        assert (await session.execute(select(Article))).first() is None
