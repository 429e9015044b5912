"""Drains the outbox under Telegram's limits.

Pacing is python-telegram-bot's AIORateLimiter on the Application's bot (about 30 messages/s
overall, 20 a minute per group); one update per chat per batch keeps private chats under 1/s.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import timedelta

from telegram import Bot
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter

from bot.telegram_send import retry_after_seconds, send_html_or_plain
from storage import outbox, repository
from storage.db import Database

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


def _retry_delay(attempts: int) -> float:
    return min(600.0, 2.0**attempts)


class OutboxSender:
    def __init__(
        self, db: Database, bot: Bot, worker: str, *, batch: int = 60, lease: float = 60.0
    ) -> None:
        self.db = db
        # Renewed every lease/3 while a batch is sent (see drain), so it may be short.
        self.lease = timedelta(seconds=lease)
        self.bot = bot
        self.worker = worker
        self.batch = batch
        self.sent = 0

    async def drain(self, stopping: Callable[[], bool] = lambda: False) -> int:
        """Send until the outbox has nothing due (or ``stopping()``: a shutdown does not wait
        for a whole backlog); returns how many messages went out."""
        total = 0
        while not stopping():
            claimed = await outbox.claim_outbox(
                self.db, self.worker, limit=self.batch, lease=self.lease
            )
            if not claimed:
                return total
            # Renewed while the batch is being sent: a batch held up by flood waits is never
            # taken over (and sent twice) by another process, and the lease can stay short, so
            # the rows of a killed process are free again soon.
            heartbeat = asyncio.create_task(self._renew([m.id for m in claimed]))
            try:
                results = await asyncio.gather(*(self._deliver(m) for m in claimed))
            finally:
                heartbeat.cancel()
            total += sum(results)
        return total

    async def _renew(self, ids: list[int]) -> None:
        while True:
            await asyncio.sleep(self.lease.total_seconds() / 3)
            try:
                await outbox.renew_claims(self.db, self.worker, ids, lease=self.lease)
            except Exception:  # the next beat tries again; the lease has slack for one miss
                log.warning("could not renew outbox claims", exc_info=True)

    async def _deliver(self, message: outbox.OutboxMessage) -> bool:
        payload = message.payload
        try:
            await send_html_or_plain(
                self.bot,
                message.chat_id,
                payload.get("messages") or [],
                payload.get("plain"),
                what="an update",
            )
        except Forbidden as exc:  # blocked, kicked, deactivated: stop writing to that chat
            await repository.deactivate_chat(self.db, message.chat_id)
            await outbox.mark_failed(self.db, message.id, error=exc.message)
            log.info("chat %s is gone (%s): deactivated", message.chat_id, exc.message)
            return False
        except ChatMigrated as exc:  # the row moves with the chat; send it again there
            await repository.migrate_chat(self.db, message.chat_id, exc.new_chat_id)
            await outbox.mark_retry(self.db, message.id, delay=0, error="chat migrated")
            return False
        except RetryAfter as exc:
            await outbox.mark_retry(
                self.db, message.id, delay=retry_after_seconds(exc), error="flood"
            )
            return False
        except (NetworkError, BadRequest) as exc:
            if message.attempts >= MAX_ATTEMPTS or isinstance(exc, BadRequest):
                await outbox.mark_failed(self.db, message.id, error=exc.message)
                log.warning("update %s to chat %s failed: %s", message.id, message.chat_id, exc)
            else:
                await outbox.mark_retry(
                    self.db, message.id, delay=_retry_delay(message.attempts), error=exc.message
                )
            return False
        # Marked sent right after Telegram accepted it: the only window for a duplicate.
        await outbox.mark_sent(self.db, message.id)
        self.sent += 1
        return True
