"""The outbox and what each chat has been told: the delivery half of follow-ups.

Exactly once, from a user's view: an update is written here together with the item keys it
tells (one transaction), under a unique idempotency key; the sender claims rows with a lease
(``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so several processes never claim the same row) and
marks each sent right after Telegram accepts it. A process killed between those two steps is the
one window left: its claimed rows are re-sent when the lease expires (at-least-once there, since
the Bot API offers no way to ask whether a message went out).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update

from storage.chats import ensure_chat
from storage.db import Database
from storage.models import Article, Chat, Delivered, Outbox, Revision
from storage.types import utcnow
from storage.upsert import insert


@dataclass(frozen=True, slots=True)
class PendingUpdate:
    chat_id: int
    idempotency_key: str
    payload: dict[str, Any]  # {"messages": [html, ...], "plain": [text, ...]}
    item_keys: Sequence[str]  # what this update tells the chat


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    id: int
    chat_id: int
    idempotency_key: str
    payload: dict[str, Any]
    attempts: int


async def told_keys(db: Database, chat_id: int, keys: Iterable[str]) -> set[str]:
    """Which of ``keys`` the chat has already been told."""
    wanted = list(set(keys))
    if not wanted:
        return set()
    told: set[str] = set()
    async with db.session() as session:
        for start in range(0, len(wanted), 500):  # keep IN lists of a sane size
            rows = await session.execute(
                select(Delivered.item_key).where(
                    Delivered.chat_id == chat_id,
                    Delivered.item_key.in_(wanted[start : start + 500]),
                )
            )
            told.update(rows.scalars())
    return told


async def mark_told(db: Database, chat_id: int, keys: Iterable[str]) -> None:
    """Record keys as told without sending anything (what a digest already showed)."""
    rows = [{"chat_id": chat_id, "item_key": k} for k in set(keys)]
    if not rows:
        return
    async with db.session() as session:
        await ensure_chat(session, db, chat_id)
        await session.execute(
            insert(db, Delivered)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["chat_id", "item_key"])
        )


async def enqueue_updates(db: Database, updates: Sequence[PendingUpdate]) -> int:
    """Write updates and their told keys in ONE transaction; returns how many were new."""
    if not updates:
        return 0
    added = 0
    async with db.session() as session:
        for pending in updates:
            result = await session.execute(
                insert(db, Outbox)
                .values(
                    chat_id=pending.chat_id,
                    idempotency_key=pending.idempotency_key,
                    payload=pending.payload,
                    status="pending",
                    attempts=0,
                    available_at=utcnow(),
                )
                .on_conflict_do_nothing(index_elements=["idempotency_key"])
            )
            added += result.rowcount or 0
            keys = [{"chat_id": pending.chat_id, "item_key": k} for k in set(pending.item_keys)]
            if keys:
                await session.execute(
                    insert(db, Delivered)
                    .values(keys)
                    .on_conflict_do_nothing(index_elements=["chat_id", "item_key"])
                )
    return added


async def claim_outbox(
    db: Database, worker: str, *, limit: int = 100, lease: timedelta = timedelta(seconds=60)
) -> list[OutboxMessage]:
    """Claim pending rows (and rows whose claim expired) for this worker."""
    now = utcnow()
    due = or_(
        and_(Outbox.status == "pending", Outbox.available_at <= now),
        and_(Outbox.status == "claimed", Outbox.claimed_until < now),
    )
    stmt = (
        select(Outbox)
        .join(Chat, Chat.id == Outbox.chat_id)
        .where(due, Chat.active.is_(True))
        .order_by(Outbox.id)
        .limit(limit * 2)
    )
    if db.dialect == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True, of=Outbox)
    async with db.session() as session:
        rows = _one_per_chat(list((await session.execute(stmt)).scalars()), limit)
        if not rows:
            return []
        await session.execute(
            update(Outbox)
            .where(Outbox.id.in_([r.id for r in rows]))
            .values(
                status="claimed",
                claimed_by=worker,
                claimed_until=now + lease,
                attempts=Outbox.attempts + 1,
            )
        )
        return [
            OutboxMessage(r.id, r.chat_id, r.idempotency_key, r.payload, r.attempts + 1)
            for r in rows
        ]


def _one_per_chat(rows: list[Outbox], limit: int) -> list[Outbox]:
    """The oldest row of each chat: a batch is sent at once, and a chat must get its updates
    in order and no faster than Telegram's one message a second per chat."""
    seen: set[int] = set()
    kept = []
    for row in rows:
        if row.chat_id not in seen:
            seen.add(row.chat_id)
            kept.append(row)
    return kept[:limit]


async def renew_claims(
    db: Database, worker: str, outbox_ids: Sequence[int], *, lease: timedelta
) -> None:
    """Extend this worker's claims on rows it is still sending (a live sender's heartbeat)."""
    if not outbox_ids:
        return
    async with db.session() as session:
        await session.execute(
            update(Outbox)
            .where(
                Outbox.id.in_(list(outbox_ids)),
                Outbox.status == "claimed",
                Outbox.claimed_by == worker,
            )
            .values(claimed_until=utcnow() + lease)
        )


async def mark_sent(db: Database, outbox_id: int) -> None:
    async with db.session() as session:
        await session.execute(
            update(Outbox)
            .where(Outbox.id == outbox_id)
            .values(status="sent", sent_at=utcnow(), claimed_until=None)
        )


async def mark_retry(db: Database, outbox_id: int, *, delay: float, error: str) -> None:
    async with db.session() as session:
        await session.execute(
            update(Outbox)
            .where(Outbox.id == outbox_id)
            .values(
                status="pending",
                available_at=utcnow() + timedelta(seconds=delay),
                claimed_until=None,
                last_error=error[:500],
            )
        )


async def mark_failed(db: Database, outbox_id: int, *, error: str) -> None:
    async with db.session() as session:
        await session.execute(
            update(Outbox)
            .where(Outbox.id == outbox_id)
            .values(status="failed", claimed_until=None, last_error=error[:500])
        )


async def outbox_counts(db: Database) -> dict[str, int]:
    """Rows per status (for tests, benchmarks and the operator)."""
    from sqlalchemy import func

    async with db.session() as session:
        rows = await session.execute(select(Outbox.status, func.count()).group_by(Outbox.status))
        return {status: count for status, count in rows}


async def claim_due_checks(
    db: Database, *, limit: int = 20, lease: timedelta = timedelta(minutes=5)
) -> list[int]:
    """Claim articles whose revision check is due: pushing next_check_at past the lease keeps
    other processes off them until this one reschedules (or crashes and the lease ends)."""
    now = utcnow()
    stmt = (
        select(Article.id)
        .where(Article.next_check_at <= now)
        .order_by(Article.next_check_at, Article.id)
        .limit(limit)
    )
    if db.dialect == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    async with db.session() as session:
        ids = list((await session.execute(stmt)).scalars())
        if ids:
            await session.execute(
                update(Article).where(Article.id.in_(ids)).values(next_check_at=now + lease)
            )
        return ids


@dataclass(frozen=True, slots=True)
class CheckState:
    step: int
    unchanged_since: datetime | None
    next_check_at: datetime | None


async def check_state(db: Database, article_id: int) -> CheckState:
    """Where an article is in its backoff schedule."""
    stmt = select(Article.check_step, Article.unchanged_since, Article.next_check_at).where(
        Article.id == article_id
    )
    async with db.session() as session:
        row = (await session.execute(stmt)).one_or_none()
    return CheckState(row[0] or 0, row[1], row[2]) if row else CheckState(0, None, None)


async def reschedule(
    db: Database,
    article_id: int,
    *,
    next_check_at: datetime | None,
    check_step: int,
    unchanged_since: datetime | None,
) -> None:
    async with db.session() as session:
        await session.execute(
            update(Article)
            .where(Article.id == article_id)
            .values(
                next_check_at=next_check_at,
                check_step=check_step,
                unchanged_since=unchanged_since,
            )
        )


async def told_by_chat(db: Database, chat_ids: Sequence[int]) -> dict[int, list[str]]:
    """Every key each chat has been told (one query per 500 chats, not one per chat)."""
    told: dict[int, list[str]] = {chat_id: [] for chat_id in chat_ids}
    async with db.session() as session:
        for start in range(0, len(chat_ids), 500):
            rows = await session.execute(
                select(Delivered.chat_id, Delivered.item_key).where(
                    Delivered.chat_id.in_(chat_ids[start : start + 500])
                )
            )
            for chat_id, key in rows:
                told[chat_id].append(key)
    return told


async def mark_notified(db: Database, revision_id: int) -> None:
    """The revision's updates are queued (or it had no one to tell)."""
    async with db.session() as session:
        await session.execute(
            update(Revision).where(Revision.id == revision_id).values(notified_at=utcnow())
        )


async def unnotified_revisions(
    db: Database, *, older_than: timedelta, within: timedelta = timedelta(days=2), limit: int = 20
) -> list[tuple[int, int]]:
    """(article_id, revision_id) of recent revisions whose updates were never queued: a crash
    came between storing them and notifying, or another process (the CLI) stored them."""
    now = utcnow()
    stmt = (
        select(Revision.article_id, Revision.id)
        # Only an article's current revision: an older one would tell what was since revised.
        .join(Article, Article.current_revision_id == Revision.id)
        .where(
            Revision.notified_at.is_(None),
            Revision.fetched_at <= now - older_than,
            Revision.fetched_at >= now - within,
        )
        .order_by(Revision.id)
        .limit(limit)
    )
    async with db.session() as session:
        return [(a, r) for a, r in await session.execute(stmt)]
