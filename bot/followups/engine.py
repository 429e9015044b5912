"""Follow-ups: who is told what, and when articles are checked again.

What a chat has been told is stored as item keys (bot.updates). Every time an article gets a new
revision (a re-check, a reader's link, a feed item), each follower is sent what the revision says
that the chat was not told yet — a revision update for a followed article, a story update for a
followed story. The outbox rows and the told keys are written in one transaction; comparing with
what was *told* (not with the previous revision) means a crash between storing a revision and
writing its updates loses nothing: the next check finds the same difference.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta

from bot.errors import DigestError
from bot.followups.schedule import first_check, next_check
from bot.service import DigestService
from bot.settings import Settings
from bot.story_assignment import assign_article_to_story
from bot.types import Analysis
from bot.updates import diff_items, idempotency_key, items_of, keys_of, render_update
from bot.updates.diff import update_keys
from storage import outbox, repository
from storage.db import Database
from storage.outbox import PendingUpdate
from storage.types import utcnow

log = logging.getLogger(__name__)


class FollowUps:
    def __init__(self, settings: Settings, db: Database, service: DigestService) -> None:
        self.settings = settings
        self.db = db
        self.service = service
        service.on_new_revision = self.notify

    # -- subscribing ---------------------------------------------------------------------------

    async def follow_article(self, chat_id: int, article_id: int) -> bool:
        """Follow an article: what its digest showed counts as told; checks get scheduled."""
        added = await repository.follow(self.db, chat_id, article_id=article_id)
        analysis = await repository.load_analysis(self.db, article_id)
        if analysis is not None:
            await outbox.mark_told(
                self.db, chat_id, keys_of(items_of(analysis.result, analysis.text))
            )
            await self._schedule_first_check(analysis)
        return added

    async def follow_story(self, chat_id: int, story_id: int) -> bool:
        """Follow a story: everything its articles say so far counts as told."""
        added = await repository.follow(self.db, chat_id, story_id=story_id)
        story = await repository.get_story(self.db, story_id)
        for article_id in story.article_ids if story else []:
            analysis = await repository.load_analysis(self.db, article_id)
            if analysis is not None:
                keys = keys_of(items_of(analysis.result, analysis.text))
                await outbox.mark_told(self.db, chat_id, keys)
                await self._schedule_first_check(analysis)
        return added

    async def _schedule_first_check(self, analysis: Analysis) -> None:
        assert analysis.article_id is not None
        if not (analysis.meta.url or "").startswith(("http://", "https://")):
            return  # a file: nothing to fetch again
        state = await outbox.check_state(self.db, analysis.article_id)
        if state.next_check_at is not None:
            return  # already on a schedule
        at = first_check(self.settings.recheck_schedule, now=utcnow())
        await outbox.reschedule(
            self.db, analysis.article_id, next_check_at=at, check_step=0, unchanged_since=None
        )

    # -- telling what is new -------------------------------------------------------------------

    async def notify(self, analysis: Analysis) -> int:
        """Queue an update for every follower told less than this revision says."""
        if analysis.article_id is None or analysis.revision_id is None:
            return 0
        added = await self._queue_updates(analysis)
        await outbox.mark_notified(self.db, analysis.revision_id)
        return added

    async def sweep_unnotified(self, *, older_than: float = 30.0) -> int:
        """Notify for revisions stored but never notified (a crash, or the CLI stored them)."""
        pending = await outbox.unnotified_revisions(
            self.db, older_than=timedelta(seconds=older_than)
        )
        for article_id, revision_id in pending:
            analysis = await repository.load_analysis(self.db, article_id, revision_id)
            if analysis is None:
                continue
            if analysis.story_id is None:
                # Stored without a story (the CLI with an older process, or a crash): match it.
                story_id = await assign_article_to_story(self.db, analysis)
                analysis = replace(analysis, story_id=story_id)
            await self.notify(analysis)
        return len(pending)

    async def _queue_updates(self, analysis: Analysis) -> int:
        assert analysis.article_id is not None and analysis.revision_id is not None
        kinds = await repository.follower_kinds(self.db, analysis.article_id)
        if not kinds:
            return 0
        items = items_of(analysis.result, analysis.text)
        told = await outbox.told_by_chat(self.db, list(kinds))
        story = (
            await repository.get_story(self.db, analysis.story_id) if analysis.story_id else None
        )
        story_title = (story.title if story else None) or analysis.meta.title or "your story"
        pending: list[PendingUpdate] = []
        for chat_id, kind in kinds.items():
            update = diff_items(told[chat_id], items)
            if update.is_empty:
                continue
            update_kind = "revision" if kind == "article" else "story"
            headline = analysis.meta.title if update_kind == "revision" else None
            messages = render_update(
                update,
                story_title=headline or story_title,
                article_title=analysis.meta.title,
                url=analysis.meta.url,
                kind=update_kind,
            )
            pending.append(
                PendingUpdate(
                    chat_id=chat_id,
                    idempotency_key=idempotency_key(chat_id, analysis.revision_id, update_kind),
                    payload={"messages": messages},
                    item_keys=update_keys(update),
                )
            )
        added = await outbox.enqueue_updates(self.db, pending)
        if added:
            log.info("queued %d updates for article %s", added, analysis.article_id)
        return added

    # -- checking followed articles again ------------------------------------------------------

    async def check_due(self, *, limit: int = 20) -> int:
        """Re-fetch the followed articles whose check is due; returns how many were checked."""
        await self.sweep_unnotified()
        ids = await outbox.claim_due_checks(self.db, limit=limit)
        for article_id in ids:
            await self.check_article(article_id)
        return len(ids)

    async def check_article(self, article_id: int) -> None:
        before = await repository.load_analysis(self.db, article_id)
        if before is None or not before.meta.url:
            await outbox.reschedule(
                self.db, article_id, next_check_at=None, check_step=0, unchanged_since=None
            )
            return
        state = await outbox.check_state(self.db, article_id)
        changed = False
        update_expected = bool(before.result.signals.get("update_expected"))
        try:
            after = await self.service.digest_url(before.meta.url, refresh=True)
        except DigestError as exc:  # gone, paywalled, down: try again later on the schedule
            log.info("re-check of article %s failed: %s", article_id, exc)
        else:
            changed = after.revision_id != before.revision_id
            update_expected = bool(after.result.signals.get("update_expected"))
            if not changed:
                # Same text: nothing new, unless a crash interrupted an earlier notification.
                await self.notify(after)
        planned = next_check(
            self.settings.recheck_schedule,
            now=utcnow(),
            step=state.step,
            changed=changed,
            unchanged_since=state.unchanged_since,
            update_expected=update_expected,
        )
        await outbox.reschedule(
            self.db,
            article_id,
            next_check_at=planned.at,
            check_step=planned.step,
            unchanged_since=planned.unchanged_since,
        )
