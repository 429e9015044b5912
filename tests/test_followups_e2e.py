"""Follow-ups end to end: the real bot (``digestbot run``) against the fake Bot API and a local
article server that serves successive revisions of a page, on SQLite and PostgreSQL.

- follow -> a revision with a new paragraph -> exactly one update with exactly its items; a
  revision that changes only boilerplate -> nothing;
- a second outlet's article on a followed story -> a story update with only the new items;
- ``kill -9`` while 1,000 subscribers are being sent an update, then restart -> every chat gets
  it, and the only possible duplicates (sent, killed before marked sent) are counted exactly;
- two processes on one PostgreSQL (the second ``--jobs-only``) -> one revision check, one
  message per chat, both sending a share;
- (in process) a batch that outlasts its claim's lease keeps it: the sender renews it.

The schedule runs in seconds (DIGESTBOT_RECHECK_SCHEDULE), so checks happen within the test.
"""

from __future__ import annotations

import asyncio
import random
import signal
import statistics
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.updates import items_of, keys_of
from storage import outbox, repository
from storage.db import Database
from storage.models import Chat, Outbox, Revision, Subscription
from storage.outbox import PendingUpdate
from storage.types import utcnow
from tests.article_server import ArticleServer
from tests.bot_harness import BotProcess, in_db, wait_until
from tests.conftest import temporary_database
from tests.fake_telegram import FakeTelegram, Message
from tests.news_pages import RIVERTON, RIVERTON_NEW_PARAGRAPH, RIVERTON_OTHER_OUTLET, news_page

pytestmark = pytest.mark.slow

TITLE = "Floods force thousands from homes in Riverton"
OTHER_TITLE = "Riverton floods: levee repairs to start Thursday"
DIGEST_TIMEOUT = 60.0  # the first digest of a process runs the analysis cold
UPDATE_TIMEOUT = 20.0  # a check is due 1 s after following; analysis and sending take a few s
# Checks 1 s after following, then 2 s, 4 s, then daily: a test sees several checks quickly.
FAST_SCHEDULE = {"DIGESTBOT_RECHECK_SCHEDULE": "1s,2s,4s"}


def is_update(message: Message) -> bool:
    return "Update on" in (message.text or "")


def bot_messages_after(fake: FakeTelegram, chat_id: int, after: int) -> list[Message]:
    return [m for m in fake.chat_messages(chat_id) if m.message_id > after]


# ------------------------------------------------------------------ one bot for tests 1 and 2


@dataclass
class Env:
    fake: FakeTelegram
    articles: ArticleServer
    bot: BotProcess
    db_url: str

    def digest(self, chat_id: int, url: str) -> Message:
        """Send a link from a private chat; the placeholder once edited into a digest."""
        sent = self.fake.send_user_message(chat_id, url)
        placeholder = self.fake.wait_for_message(
            chat_id, lambda m: (m.history[0].text or "").startswith("Reading"), after=sent
        )
        self.fake.wait_for(
            lambda: "Key facts" in (placeholder.text or ""), DIGEST_TIMEOUT, "the digest"
        )
        return placeholder

    def follow(self, chat_id: int, digest: Message) -> Message:
        """Press 🔔 Follow under a digest; returns the offer to follow the whole story."""
        query = self.fake.press_button(chat_id, digest.message_id, text="Follow")
        assert self.fake.wait_for_callback_answer(query).text == "Following this article."
        return self.fake.wait_for_message(
            chat_id, lambda m: "Follow the whole story" in (m.text or ""), after=digest
        )


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    directory = tmp_path_factory.mktemp(f"followups-{request.param}")
    with temporary_database(request.param, directory) as db_url:
        fake = FakeTelegram().start()
        articles = ArticleServer().start()
        bot = BotProcess(fake, db_url, directory / "bot.log", env=FAST_SCHEDULE)
        try:
            bot.start()
            yield Env(fake, articles, bot, db_url)
            assert bot.stop(signal.SIGTERM) == 0, bot.output()[-3000:]
            assert "Traceback" not in bot.output(), bot.output()[-3000:]
        finally:
            if bot.running:
                bot.stop()
            fake.stop()
            articles.stop()


def test_revision_update_has_exactly_the_new_items_and_boilerplate_sends_nothing(
    env: Env,
) -> None:
    chat, path = 2001, "/local/riverton-floods"
    url = env.articles.add(path, news_page(TITLE, RIVERTON))
    digest = env.digest(chat, url)
    offer = env.follow(chat, digest)

    # The next check (1 s after following) finds a new paragraph: a new quote, a new figure.
    env.articles.add(path, news_page(TITLE, [*RIVERTON, RIVERTON_NEW_PARAGRAPH]))
    update = env.fake.wait_for_message(chat, is_update, UPDATE_TIMEOUT, after=offer)
    text = update.text or ""
    assert "1 new fact, 1 new statement" in text, text
    assert "Maria Lopez" in text and "never seen the river rise" in text  # the new quote
    assert "120 people" in text  # the new figure
    for told in ("3,000", "Governor", "Nine people", "12,000", "10 centimetres"):
        assert told not in text, (told, text)
    assert update.parse_mode == "HTML"

    # Only furniture changes now: a new timestamp and new related links.
    env.articles.add(
        path,
        news_page(
            TITLE,
            [*RIVERTON, RIVERTON_NEW_PARAGRAPH],
            stamp="Updated 11:05 AM",
            related=("Photos: the flood from above", "Opinion: build the levee higher"),
        ),
    )
    fetched = env.articles.fetch_count(path)
    # Two more checks (the schedule restarted at 1 s after the change, then 2 s), then the
    # sender's tick: nothing may arrive.
    wait_until(lambda: env.articles.fetch_count(path) >= fetched + 2, 15, "two more checks")
    time.sleep(1.5)
    assert bot_messages_after(env.fake, chat, offer.message_id) == [update], env.fake.describe(chat)


def test_second_outlet_gives_a_story_update_with_only_the_new_items(env: Env) -> None:
    follower, reader = 2101, 2102
    first = env.articles.add("/valley/riverton", news_page(TITLE, RIVERTON))
    digest = env.digest(follower, first)
    offer = env.follow(follower, digest)
    query = env.fake.press_button(follower, offer.message_id, text="whole story")
    assert env.fake.wait_for_callback_answer(query).text == "Following the whole story."

    # Someone else reads another outlet's report on the same floods.
    other = env.articles.add(
        "/herald/levee",
        news_page(OTHER_TITLE, RIVERTON_OTHER_OUTLET, site="Plains Herald"),
    )
    env.digest(reader, other)
    update = env.fake.wait_for_message(follower, is_update, UPDATE_TIMEOUT, after=offer)
    text = update.text or ""
    assert "levee" in text and "$4" in text, text  # the new fact, with its figure
    for told in ("3,000", "state of emergency", "Nine people", "nine people"):
        assert told not in text, (told, text)
    assert "Plains Herald" in text or OTHER_TITLE in text, text  # says where it comes from
    time.sleep(1.5)  # a sender tick or two: nothing else follows
    assert [m for m in bot_messages_after(env.fake, follower, offer.message_id)] == [update]
    assert not [m for m in env.fake.chat_messages(reader) if is_update(m)]


# ------------------------------------------------------------------ kill -9 mid-delivery

SUBSCRIBERS = 1000
FIRST_CHAT = 30_000_000
UPDATE_TEXT = "🔄 <b>Update on</b> Riverton floods: 1 new fact\n• Levee repairs start Thursday."


async def seed_story_update(db: Database, chat_ids: list[int]) -> int:
    """Chats following one story, and one update to each of them in the outbox."""
    story_id = await repository.create_story(db, "Riverton floods", {})
    async with db.session() as session:
        session.add_all(Chat(id=c, type="private", title=None, active=True) for c in chat_ids)
    async with db.session() as session:
        session.add_all(Subscription(chat_id=c, story_id=story_id) for c in chat_ids)
    return await outbox.enqueue_updates(
        db,
        [
            PendingUpdate(c, f"update:story:{c}:1", {"messages": [UPDATE_TEXT]}, ["fact:levee"])
            for c in chat_ids
        ],
    )


async def sent_times(db: Database) -> dict[int, float]:
    """When each chat's row was marked sent (wall clock, seconds)."""
    async with db.session() as session:
        rows = await session.execute(
            select(Outbox.chat_id, Outbox.sent_at).where(Outbox.status == "sent")
        )
        return {c: (t if t.tzinfo else t.replace(tzinfo=UTC)).timestamp() for c, t in rows}


def ambiguity_window_ms(fake: FakeTelegram, db_url: str) -> float:
    """Median time from Telegram receiving a message to the row being marked sent: a kill in
    that window (and only there) makes a duplicate. An estimate: both ends are approximate."""
    to_wall = time.time() - time.monotonic()  # the fake runs here and records monotonic time
    marked = in_db(db_url, sent_times)
    with fake._cond:
        received = {
            c.params.get("chat_id"): c.time + to_wall
            for c in fake.calls
            if c.ok and c.method == "sendMessage"
        }
    gaps = [marked[c] - received[c] for c in marked if c in received]
    return statistics.median(gaps) * 1000 if gaps else float("nan")


async def outbox_rows(db: Database) -> list[tuple[int, str, str | None]]:
    async with db.session() as session:
        rows = await session.execute(select(Outbox.chat_id, Outbox.status, Outbox.claimed_by))
        return [(c, s, w) for c, s, w in rows]


def delivered_counts(fake: FakeTelegram, chat_ids: list[int]) -> Counter[int]:
    """Messages each chat got: sendMessage calls Telegram accepted."""
    wanted = set(chat_ids)
    with fake._cond:  # the calls list grows while we count
        return Counter(
            c.params.get("chat_id")
            for c in fake.calls
            if c.ok and c.method == "sendMessage" and c.params.get("chat_id") in wanted
        )


def test_kill_9_during_delivery_to_1000_subscribers(
    db_url: str, fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    fake = fake_telegram
    chat_ids = list(range(FIRST_CHAT, FIRST_CHAT + SUBSCRIBERS))
    for chat_id in chat_ids:
        fake.add_chat(chat_id)
    assert in_db(db_url, lambda db: seed_story_update(db, chat_ids)) == SUBSCRIBERS
    # A short claim lease (renewed while a batch is sent): the rows the killed process had
    # claimed but not sent are free again a few seconds after the kill.
    bot = BotProcess(fake, db_url, tmp_path / "bot.log", env={"DIGESTBOT_OUTBOX_LEASE": "5s"})
    try:
        bot.start()
        fake.wait_for(
            lambda: sum(delivered_counts(fake, chat_ids).values()) >= 300, 60, "300 deliveries"
        )
        # A crash is not timed on a delivery: kill at a random moment after the 300th.
        time.sleep(random.uniform(0.0, 0.5))
        bot.stop(signal.SIGKILL)
        before = delivered_counts(fake, chat_ids)
        rows = in_db(db_url, outbox_rows)
        statuses = Counter(s for _, s, _ in rows)
        # Sent by Telegram, but the process died before marking it sent: the ambiguous rows.
        ambiguous = {c for c, s, _ in rows if s == "claimed" and before[c]}
        # Nothing is marked sent that Telegram did not accept (never a lost update).
        assert all(before[c] for c, s, _ in rows if s == "sent")
        assert not [c for c, n in before.items() if n > 1]

        bot.start()
        fake.wait_for(
            lambda: len(delivered_counts(fake, chat_ids)) == SUBSCRIBERS, 90, "every chat"
        )
        wait_until(
            lambda: Counter(s for _, s, _ in in_db(db_url, outbox_rows)) == {"sent": SUBSCRIBERS},
            15,
            f"every outbox row sent (at the kill: {dict(statuses)}, {sum(before.values())} sent)",
        )
        time.sleep(1.5)  # a sender tick: nothing more goes out
        after = delivered_counts(fake, chat_ids)
        duplicates = {c for c, n in after.items() if n > 1}
        window = ambiguity_window_ms(fake, db_url)
        print(
            f"\n[{db_url.split(':', 1)[0]}] before kill -9: {sum(before.values())} delivered, "
            f"outbox {dict(statuses)}; ambiguous (sent, not marked): {len(ambiguous)}; "
            f"duplicates after restart: {len(duplicates)}; received->marked sent: median "
            f"{window:.1f} ms per message (at 30/s, a random kill lands in one with "
            f"p~{min(1.0, window * 30 / 1000):.2f})"
        )
        assert set(after) == set(chat_ids), "a chat lost its update"
        assert duplicates == ambiguous
        assert max(after.values()) <= 2
    finally:
        if bot.running:
            bot.stop()


# ------------------------------------------------------------------ two processes, one database

FOLLOWERS = 500
FIRST_FOLLOWER = 40_000_000


async def seed_article_followers(db: Database, reader: int, chat_ids: list[int]) -> int:
    """Chats following the article ``reader`` digested, told what its digest showed."""
    digest = await repository.last_chat_digest(db, reader)
    assert digest is not None
    analysis = await repository.load_analysis(db, digest.article_id)
    assert analysis is not None
    told = keys_of(items_of(analysis.result, analysis.text))
    async with db.session() as session:
        session.add_all(Chat(id=c, type="private", title=None, active=True) for c in chat_ids)
    for chat_id in chat_ids:
        await repository.follow(db, chat_id, article_id=digest.article_id)
        await outbox.mark_told(db, chat_id, told)
    return digest.article_id


async def make_check_due(db: Database, article_id: int) -> None:
    await outbox.reschedule(
        db,
        article_id,
        next_check_at=utcnow() - timedelta(seconds=1),
        check_step=0,
        unchanged_since=None,
    )


async def revision_count(db: Database, article_id: int) -> int:
    async with db.session() as session:
        stmt = select(func.count()).select_from(Revision).where(Revision.article_id == article_id)
        return (await session.execute(stmt)).scalar_one()


def test_two_processes_share_checks_and_sending_without_duplicates(
    db_url: str, fake_telegram: FakeTelegram, article_server: ArticleServer, tmp_path: Path
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("several processes share a database on PostgreSQL; SQLite runs one")
    fake, reader, path = fake_telegram, 4001, "/metro/riverton"
    chat_ids = list(range(FIRST_FOLLOWER, FIRST_FOLLOWER + FOLLOWERS))
    url = article_server.add(path, news_page(TITLE, RIVERTON))
    # Checks every 3 s in each process; after a check the next one is 6 s away.
    settings = {"DIGESTBOT_RECHECK_SCHEDULE": "6s,1h", "DIGESTBOT_OUTBOX_LEASE": "5s"}
    polling = BotProcess(fake, db_url, tmp_path / "polling.log", env=settings)
    jobs = BotProcess(fake, db_url, tmp_path / "jobs.log", env=settings, args=("--jobs-only",))
    try:
        polling.start()
        Env(fake, article_server, polling, db_url).digest(reader, url)
        for chat_id in chat_ids:
            fake.add_chat(chat_id)
        article_id = in_db(db_url, lambda db: seed_article_followers(db, reader, chat_ids))
        jobs.start(wait=False)
        wait_until(lambda: "follow-up jobs only" in jobs.output(), 90, "the jobs-only process")
        assert jobs.running, jobs.output()[-3000:]

        # A new paragraph, and the check due now: both processes look for due checks.
        article_server.add(path, news_page(TITLE, [*RIVERTON, RIVERTON_NEW_PARAGRAPH]))
        fetched = article_server.fetch_count(path)
        in_db(db_url, lambda db: make_check_due(db, article_id))
        wait_until(lambda: article_server.fetch_count(path) > fetched, 15, "the check")
        time.sleep(4.0)  # a full check tick of both processes, short of the next due check
        assert article_server.fetch_count(path) == fetched + 1, "checked twice"
        assert in_db(db_url, lambda db: revision_count(db, article_id)) == 2

        fake.wait_for(
            lambda: len(delivered_counts(fake, chat_ids)) == FOLLOWERS, 60, "every follower"
        )
        wait_until(
            lambda: Counter(s for _, s, _ in in_db(db_url, outbox_rows)) == {"sent": FOLLOWERS},
            15,
            "every outbox row sent",
        )
        time.sleep(1.5)  # a sender tick in each process: nothing more goes out
        counts = delivered_counts(fake, chat_ids)
        assert set(counts) == set(chat_ids) and set(counts.values()) == {1}
        texts = {m.text for c in chat_ids[:: FOLLOWERS // 10] for m in fake.chat_messages(c)}
        assert all("Maria Lopez" in (t or "") and "3,000" not in (t or "") for t in texts)
        workers = Counter(w for _, _, w in in_db(db_url, outbox_rows))
        assert len(workers) == 2, workers  # both processes sent a share
        print(f"\n[postgresql] {FOLLOWERS} updates sent by two processes: {dict(workers)}")
        for process in (jobs, polling):
            assert process.stop(signal.SIGTERM) == 0, process.output()[-3000:]
    finally:
        for process in (jobs, polling):
            if process.running:
                process.stop()


# ------------------------------------------------------------------ the lease's heartbeat


class SlowBot:
    """Stands in for the Bot: Telegram accepting each message only after ``delay`` seconds
    (as under flood waits), so a batch outlasts its claim's lease."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.sent: list[int] = []

    async def send_message(self, chat_id: int, text: str, **kwargs: object) -> None:
        await asyncio.sleep(self.delay)
        self.sent.append(chat_id)


async def test_a_batch_slower_than_its_lease_is_not_taken_over(db_url: str) -> None:
    from bot.followups.sender import OutboxSender
    from storage.db import open_database

    db = await open_database(db_url)
    try:
        chat_ids = [50_000_001, 50_000_002]
        await seed_story_update(db, chat_ids)
        bot = SlowBot(delay=1.5)
        sender = OutboxSender(db, bot, "first", lease=0.6)  # type: ignore[arg-type]
        draining = asyncio.create_task(sender.drain())
        await asyncio.sleep(1.0)  # past the lease: only the heartbeat keeps the claims
        assert await outbox.claim_outbox(db, "second", lease=timedelta(seconds=0.6)) == []
        assert await draining == 2
        assert sorted(bot.sent) == chat_ids
        assert await outbox.outbox_counts(db) == {"sent": 2}
    finally:
        await db.dispose()
