"""Flood control: incoming links per chat (a sliding window, in memory), and the outgoing
rate limiter.

Losing this state on restart is harmless (a minute of leniency), so it is not stored.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections import defaultdict, deque
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from telegram.ext import AIORateLimiter


class FloodGate:
    def __init__(
        self, limit: int = 10, period: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.period = period
        self._clock = clock
        self._events: dict[int, deque[float]] = defaultdict(deque)
        self._warned_until: dict[int, float] = {}

    def allow(self, chat_id: int) -> bool:
        """Count one link for the chat; False when the chat is over its limit."""
        now = self._clock()
        events = self._events[chat_id]
        while events and now - events[0] >= self.period:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        return True

    def retry_in(self, chat_id: int) -> int:
        """Seconds until the chat may send a link again."""
        events = self._events.get(chat_id)
        if not events:
            return 0
        return max(1, int(self.period - (self._clock() - events[0])) + 1)

    def should_warn(self, chat_id: int) -> bool:
        """Warn once per window, so the warning itself does not flood the chat."""
        now = self._clock()
        if self._warned_until.get(chat_id, 0.0) > now:
            return False
        self._warned_until[chat_id] = now + self.period
        return True


# -- outgoing: Telegram's overall limit, with interactive replies ahead of bulk digest traffic

# Set by the digest path (placeholders, digests): everything it sends queues behind replies
# to commands and buttons, so /help stays quick while many digests go out.
BULK: ContextVar[bool] = ContextVar("digestbot_bulk", default=False)


class PriorityBucket:
    """A token bucket (``rate`` per ``period``, bursts up to ``rate``) whose waiters are served
    by priority, then in order of arrival."""

    def __init__(self, rate: float, period: float = 1.0) -> None:
        self.capacity = rate
        self.per_second = rate / period
        self.tokens = rate
        self.updated = time.monotonic()
        self._waiters: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()
        self._drainer: asyncio.Task[None] | None = None

    def _refill(self) -> None:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.per_second)
        self.updated = now

    async def acquire(self, priority: int = 0) -> None:
        self._refill()
        if not self._waiters and self.tokens >= 1:
            self.tokens -= 1
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (priority, next(self._order), future))
        if self._drainer is None or self._drainer.done():
            self._drainer = asyncio.create_task(self._drain())
        await future

    async def _drain(self) -> None:
        while self._waiters:
            self._refill()
            if self.tokens < 1:
                await asyncio.sleep((1 - self.tokens) / self.per_second)
                continue
            _, _, future = heapq.heappop(self._waiters)
            if not future.done():  # a cancelled waiter gives its turn away
                self.tokens -= 1
                future.set_result(None)


class PriorityRateLimiter(AIORateLimiter):
    """PTB's AIORateLimiter (20/min per group, RetryAfter honoured, retries) with the overall
    limit (about 30 messages/s) done by a ``PriorityBucket``: replies to commands and buttons
    first, digest traffic (``BULK``) after. Chat actions skip it: they are not messages, and
    refreshing "typing…" for many digests must not delay real replies."""

    UNQUEUED = frozenset({"sendChatAction"})

    def __init__(self, overall_max_rate: float = 30, max_retries: int = 3) -> None:
        super().__init__(overall_max_rate=0, max_retries=max_retries)  # no FIFO base limiter
        self.bucket = PriorityBucket(overall_max_rate)

    async def process_request(  # type: ignore[override]
        self,
        callback: Any,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        if endpoint in self.UNQUEUED:
            return await callback(*args, **kwargs)
        if data.get("chat_id") is not None:
            await self.bucket.acquire(1 if BULK.get() else 0)
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )
