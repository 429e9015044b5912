"""Per-chat flood control for incoming links: a sliding window, in memory.

Losing this state on restart is harmless (a minute of leniency), so it is not stored.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable


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
