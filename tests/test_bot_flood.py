"""Flood control: incoming links per chat, and the outgoing priority bucket."""

from __future__ import annotations

import asyncio
import time

from bot.flood import FloodGate, PriorityBucket


def test_flood_gate_window_and_single_warning() -> None:
    now = [0.0]
    gate = FloodGate(limit=10, period=60, clock=lambda: now[0])
    assert all(gate.allow(1) for _ in range(10))
    assert not gate.allow(1) and gate.allow(2)  # per chat
    assert gate.should_warn(1) and not gate.should_warn(1)
    assert 1 <= gate.retry_in(1) <= 61
    now[0] = 60.0
    assert gate.allow(1) and gate.should_warn(1)


async def test_priority_bucket_serves_interactive_first() -> None:
    bucket = PriorityBucket(rate=20, period=1.0)
    for _ in range(20):  # use up the burst
        await bucket.acquire()
    order: list[str] = []

    async def take(name: str, priority: int) -> None:
        await bucket.acquire(priority)
        order.append(name)

    started = time.monotonic()
    bulk = [asyncio.create_task(take(f"bulk{n}", 1)) for n in range(5)]
    await asyncio.sleep(0)
    await take("help", 0)
    assert order == ["help"]  # ahead of the bulk sends queued before it
    await asyncio.gather(*bulk)
    assert order[1:] == [f"bulk{n}" for n in range(5)]
    assert time.monotonic() - started >= 0.25  # 6 tokens at 20/s, no burst left
