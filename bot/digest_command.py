"""``digestbot digest``: several sources per call, results in input order, progress on stderr."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from dataclasses import dataclass

from bot.errors import DigestError
from bot.fetch import Fetcher
from bot.render import render_digest
from bot.service import DigestService
from bot.settings import Settings
from bot.types import Analysis
from bot.worker import AnalysisPool

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Outcome:
    source: str
    analysis: Analysis | None = None
    error: str | None = None


async def run_digest(args: argparse.Namespace, settings: Settings) -> int:
    sources: list[str] = args.sources
    db = None
    if not args.no_store:
        from storage.db import open_database

        try:
            db = await open_database(settings.database_url)
        except Exception as exc:  # any driver error: one line, no traceback
            log.debug("database open failed", exc_info=True)
            print(f"digestbot: cannot open the database: {_reason(exc)}", file=sys.stderr)
            return 1
    workers = max(1, min(settings.workers, len(sources)))
    pool = AnalysisPool(settings.spacy_model, workers)
    failed = False
    try:
        async with Fetcher(settings) as fetcher:
            service = DigestService(settings, pool, fetcher, db)
            # Bounded concurrency: enough to keep the workers busy while others fetch.
            gate = asyncio.Semaphore(workers * 2 + 2)
            tasks = [asyncio.create_task(_digest_one(service, s, gate)) for s in sources]
            for index, task in enumerate(tasks, 1):
                outcome = await task
                failed |= outcome.error is not None
                _emit(outcome, args)
                if len(sources) > 1:
                    status = "ok" if outcome.error is None else f"failed: {outcome.error}"
                    print(f"[{index}/{len(sources)}] {outcome.source}: {status}", file=sys.stderr)
    finally:
        await pool.close()
        if db is not None:
            await db.dispose()
    return 1 if failed else 0


async def _digest_one(service: DigestService, source: str, gate: asyncio.Semaphore) -> Outcome:
    async with gate:
        try:
            return Outcome(source, analysis=await service.digest(source))
        except DigestError as exc:
            return Outcome(source, error=str(exc))
        except Exception as exc:  # a bug must cost one source, never the whole run
            log.exception("unexpected error on %s", source)
            return Outcome(source, error=f"unexpected error ({type(exc).__name__}); see --debug")


def _emit(outcome: Outcome, args: argparse.Namespace) -> None:
    if args.json:
        obj = (
            outcome.analysis.to_json()
            if outcome.analysis is not None
            else {"source": outcome.source, "error": outcome.error}
        )
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    elif outcome.analysis is not None:
        for message in render_digest(outcome.analysis, args.format):
            sys.stdout.write(message + "\n\n")
    else:
        print(f"digestbot: {outcome.source}: {outcome.error}", file=sys.stderr)
    sys.stdout.flush()


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
