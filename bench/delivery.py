"""Delivery benchmark: one story update to N subscribers through the outbox and the rate limiter.

    python bench/delivery.py [--subscribers 10000] [--db URL]

The real sender (bot.followups.sender) with python-telegram-bot's AIORateLimiter talks to the
fake Bot API over loopback. Prints the delivery time beside the ideal N/30 s (Telegram's ~30
messages/s overall), duplicates and lost messages counted at the fake server, and the process's
resident memory sampled during the drain (it should stay flat: the sender claims in batches).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import resource
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def serve_fake_telegram(conn: Connection) -> None:
    """The fake Bot API in its own process, so its record of every message does not count in
    the sender's memory. Protocol: receive chat ids, send (token, base_url), receive "done",
    send the number of messages each chat got."""
    from tests.fake_telegram import FakeTelegram

    fake = FakeTelegram().start()
    for chat_id in conn.recv():
        fake.add_chat(chat_id)
    conn.send((fake.token, fake.base_url))
    conn.recv()
    conn.send({c: len(fake.chat_messages(c)) for c in fake.chats})
    fake.stop()


async def run(subscribers: int, db_url: str) -> dict[str, float]:
    from telegram.ext import AIORateLimiter, ExtBot

    from bot.followups.sender import OutboxSender
    from storage import outbox
    from storage.db import open_database
    from storage.models import Chat
    from storage.outbox import PendingUpdate

    ours, theirs = multiprocessing.Pipe()
    server = multiprocessing.get_context("spawn").Process(
        target=serve_fake_telegram, args=(theirs,), daemon=True
    )
    server.start()
    db = await open_database(db_url)
    chat_ids = list(range(10_000_000, 10_000_000 + subscribers))
    ours.send(chat_ids)
    token, base_url = ours.recv()
    async with db.session() as session:
        session.add_all(Chat(id=c, type="private", title=None, active=True) for c in chat_ids)
    message = "🔄 <b>Update on</b> Riverton floods: 1 new fact\n• Levee repairs start Thursday."
    await outbox.enqueue_updates(
        db,
        [
            PendingUpdate(c, f"update:story:{c}:1", {"messages": [message]}, ["fact:levee"])
            for c in chat_ids
        ],
    )
    samples: list[float] = []

    async def sample() -> None:
        while True:
            samples.append(rss_mb())
            await asyncio.sleep(1.0)

    sampler = asyncio.create_task(sample())
    limiter = AIORateLimiter(max_retries=3)
    async with ExtBot(token, base_url=base_url, rate_limiter=limiter) as bot:
        sender = OutboxSender(db, bot, "bench")
        start = time.perf_counter()
        sent = await sender.drain()
        elapsed = time.perf_counter() - start
    sampler.cancel()
    ours.send("done")
    per_chat: dict[int, int] = ours.recv()
    server.join(10)
    await db.dispose()
    return {
        "subscribers": subscribers,
        "sent": sent,
        "seconds": elapsed,
        "ideal_seconds": subscribers / 30,
        "duplicates": sum(n - 1 for n in per_chat.values() if n > 1),
        "lost": sum(1 for c in chat_ids if per_chat.get(c, 0) == 0),
        "rss_first_mb": samples[0] if samples else rss_mb(),
        "rss_max_mb": max(samples) if samples else rss_mb(),
        "rss_last_mb": samples[-1] if samples else rss_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db_url = args.db or f"sqlite+aiosqlite:///{tmp}/delivery.sqlite"
        r = asyncio.run(run(args.subscribers, db_url))
    print(f"subscribers: {r['subscribers']}, sent: {r['sent']}")
    print(
        f"delivery: {r['seconds']:.1f} s (ideal N/30 = {r['ideal_seconds']:.1f} s, "
        f"ratio {r['seconds'] / r['ideal_seconds']:.2f})"
    )
    print(f"duplicates: {r['duplicates']}, lost: {r['lost']}")
    print(
        f"RSS during drain: first {r['rss_first_mb']:.0f} MB, max {r['rss_max_mb']:.0f} MB, "
        f"last {r['rss_last_mb']:.0f} MB"
    )


if __name__ == "__main__":
    main()
