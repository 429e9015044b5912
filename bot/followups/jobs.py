"""The follow-up work of a running bot, as JobQueue jobs: revision checks, feed polls, sending.

The schedule itself lives in the database (articles.next_check_at, feeds.next_poll_at, the
outbox), so a restart forgets nothing; these jobs only look for due work. Each claims its rows
with a lease, so several bot processes on one PostgreSQL share the work without duplicates.
"""

from __future__ import annotations

import logging
import os
import socket

from telegram.ext import Application, ContextTypes

from bot.flood import BULK
from bot.followups.engine import FollowUps
from bot.followups.feeds import FeedPoller
from bot.followups.sender import OutboxSender
from bot.service import DigestService
from bot.settings import Settings
from storage.db import Database

log = logging.getLogger(__name__)
FOLLOWUPS_KEY = "digestbot.followups"


class FollowUpJobs:
    def __init__(
        self, settings: Settings, db: Database, service: DigestService, application: Application
    ) -> None:
        worker = f"{socket.gethostname()}:{os.getpid()}"
        self.settings = settings
        self.engine = FollowUps(settings, db, service)
        self.sender = OutboxSender(db, application.bot, worker, lease=settings.outbox_lease)
        self.feeds = FeedPoller(db, service.fetcher, service.digest, settings.feed_interval)

    def start(self, application: Application) -> None:
        queue = application.job_queue
        if queue is None:  # the job-queue extra is a dependency; this only guards misuse
            raise RuntimeError("python-telegram-bot's JobQueue is not available")
        # Due work is found quickly; an overlapping run is skipped, never doubled.
        once = {"max_instances": 1, "coalesce": True}
        check_tick = max(1.0, min(30.0, self.settings.recheck_schedule[0] / 2))
        feed_tick = max(1.0, min(60.0, self.settings.feed_interval / 2))
        queue.run_repeating(_drain, interval=1.0, first=1.0, name="outbox", job_kwargs=once)
        queue.run_repeating(
            _check, interval=check_tick, first=check_tick, name="revisions", job_kwargs=once
        )
        queue.run_repeating(
            _poll, interval=feed_tick, first=feed_tick, name="feeds", job_kwargs=once
        )
        # APScheduler warns at every skipped overlapping run; that is the design, not a problem.
        logging.getLogger("apscheduler").setLevel(logging.ERROR)


def _jobs(context: ContextTypes.DEFAULT_TYPE) -> FollowUpJobs:
    return context.application.bot_data[FOLLOWUPS_KEY]


async def _drain(context: ContextTypes.DEFAULT_TYPE) -> None:
    BULK.set(True)  # follow-ups queue behind replies to commands (this job's own context)
    application = context.application
    sent = await _jobs(context).sender.drain(stopping=lambda: not application.running)
    if sent:
        log.info("sent %d follow-up messages", sent)


async def _check(context: ContextTypes.DEFAULT_TYPE) -> None:
    checked = await _jobs(context).engine.check_due()
    if checked:
        log.info("checked %d followed articles", checked)


async def _poll(context: ContextTypes.DEFAULT_TYPE) -> None:
    await _jobs(context).feeds.poll_due()
