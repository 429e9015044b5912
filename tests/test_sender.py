"""The outbox sender against the fake Bot API, with the real PTB Bot and AIORateLimiter."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy import select
from telegram import Bot
from telegram.ext import AIORateLimiter, ExtBot

from bot.followups.sender import OutboxSender
from storage import outbox, repository
from storage.db import Database, open_database
from storage.models import Outbox
from storage.outbox import PendingUpdate
from storage.types import utcnow
from tests.fake_telegram import FakeTelegram


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    server = FakeTelegram().start()
    yield server
    server.stop()


@pytest.fixture
async def db(db_url: str) -> AsyncIterator[Database]:
    database = await open_database(db_url)
    yield database
    await database.dispose()


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    limiter = AIORateLimiter(max_retries=2)
    async with ExtBot(fake.token, base_url=fake.base_url, rate_limiter=limiter) as ext_bot:
        yield ext_bot


async def queue(db: Database, fake: FakeTelegram, chat_ids: list[int], tag: str = "r1") -> None:
    for chat_id in chat_ids:
        fake.add_chat(chat_id)
        await repository.upsert_chat(db, chat_id, "private", None)
    updates = [
        PendingUpdate(
            chat_id=c,
            idempotency_key=f"update:story:{c}:{tag}",
            payload={"messages": [f"🔄 <b>Update on</b> floods: 1 new fact ({tag})"]},
            item_keys=[f"fact:{tag}"],
        )
        for c in chat_ids
    ]
    await outbox.enqueue_updates(db, updates)


def sent_to(fake: FakeTelegram, chat_id: int) -> list[str]:
    return [m.text for m in fake.chat_messages(chat_id)]


async def test_each_chat_gets_its_update_once(db: Database, fake: FakeTelegram, bot: Bot) -> None:
    chats = list(range(5000, 5040))
    await queue(db, fake, chats)
    await queue(db, fake, chats)  # the same idempotency keys again: nothing new
    sender = OutboxSender(db, bot, "test")
    assert await sender.drain() == len(chats)
    assert await sender.drain() == 0
    for chat_id in chats:
        assert len(sent_to(fake, chat_id)) == 1
    assert (await outbox.outbox_counts(db)) == {"sent": len(chats)}
    # What was told is recorded: the same item is never queued again for these chats.
    assert await outbox.told_keys(db, chats[0], ["fact:r1", "fact:r2"]) == {"fact:r1"}


async def test_blocked_chat_is_deactivated_and_skipped(
    db: Database, fake: FakeTelegram, bot: Bot
) -> None:
    await queue(db, fake, [7001, 7002])
    fake.fail_always(7001, "sendMessage", "blocked")
    sender = OutboxSender(db, bot, "test")
    assert await sender.drain() == 1
    assert sent_to(fake, 7002) and not sent_to(fake, 7001)
    later = PendingUpdate(7001, "update:story:7001:r2", {"messages": ["later"]}, ["fact:r2"])
    await outbox.enqueue_updates(db, [later])
    assert await sender.drain() == 0  # inactive chats are not even claimed
    assert (await outbox.outbox_counts(db)).get("failed") == 1


async def test_flood_is_retried_and_migration_follows_the_chat(
    db: Database, fake: FakeTelegram, bot: Bot
) -> None:
    await queue(db, fake, [7101])
    fake.fail_next(7101, "sendMessage", "flood", retry_after=1)
    sender = OutboxSender(db, bot, "test")
    await sender.drain()
    assert len(sent_to(fake, 7101)) == 1  # AIORateLimiter waited and retried

    group, supergroup = -7200, -1007200
    fake.add_chat(group, "group")
    fake.add_chat(supergroup, "supergroup")
    await repository.upsert_chat(db, group, "group", "Newsroom")
    await outbox.enqueue_updates(
        db,
        [PendingUpdate(group, "update:story:g:1", {"messages": ["update"]}, ["fact:g"])],
    )
    fake.fail_next(group, "sendMessage", "migrated", migrate_to=supergroup)
    await sender.drain()
    await sender.drain()
    assert sent_to(fake, supergroup) == ["update"]


async def test_a_batch_holds_one_update_per_chat_oldest_first(db: Database, fake: FakeTelegram):
    await queue(db, fake, [7301, 7302], tag="r1")
    await queue(db, fake, [7301], tag="r2")
    first = await outbox.claim_outbox(db, "test", limit=10)
    assert sorted((m.chat_id, m.idempotency_key) for m in first) == [
        (7301, "update:story:7301:r1"),
        (7302, "update:story:7302:r1"),
    ]
    for message in first:
        await outbox.mark_sent(db, message.id)
    second = await outbox.claim_outbox(db, "test", limit=10)
    assert [(m.chat_id, m.idempotency_key) for m in second] == [(7301, "update:story:7301:r2")]


async def test_flood_wait_given_as_timedelta_delays_the_retry(
    db: Database, fake: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # RetryAfter.retry_after is then a timedelta
    await queue(db, fake, [7401])
    fake.fail_next(7401, "sendMessage", "flood", retry_after=90)
    async with Bot(fake.token, base_url=fake.base_url) as plain_bot:  # no limiter: no retry
        assert await OutboxSender(db, plain_bot, "test").drain() == 0
    async with db.session() as session:
        row = (await session.execute(select(Outbox))).scalar_one()
    assert (row.status, row.last_error) == ("pending", "flood")
    assert 80 < (row.available_at - utcnow()).total_seconds() <= 90  # not the old 30 s guess


async def test_rejected_html_update_goes_out_as_plain_text(
    db: Database, fake: FakeTelegram, bot: Bot
) -> None:
    fake.add_chat(7501)
    await repository.upsert_chat(db, 7501, "private", None)
    payload = {"messages": ["<b>Update</i> on floods"], "plain": ["Update on floods"]}
    await outbox.enqueue_updates(db, [PendingUpdate(7501, "update:7501", payload, ["fact:x"])])
    assert await OutboxSender(db, bot, "test").drain() == 1
    assert [(m.text, m.parse_mode) for m in fake.chat_messages(7501)] == [
        ("Update on floods", None)
    ]
