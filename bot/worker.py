"""The analysis pool: extraction and spaCy analysis in worker processes, behind an async API.

Both are CPU-bound (tens to hundreds of milliseconds a page), so they never run on the event
loop. Each worker process loads the spaCy pipeline once, in its initializer. ``workers=0`` runs
the same functions in one thread of this process (for tests and benchmarks that want one process).
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from spacy.language import Language

from bot.analysis.nlp import MAX_CHARS, load_nlp
from bot.analysis.pipeline import analyse_prepared
from bot.cleanup import prepare_for_analysis
from bot.errors import DigestError
from bot.extract import Extracted, extract_article
from bot.language import ensure_english
from bot.types import TextAnalysis

_nlp: Language | None = None


def _init_worker(model: str) -> None:
    global _nlp
    _nlp = load_nlp(model)


def _ready() -> bool:
    return _nlp is not None


def _extract(html: str, url: str | None) -> Extracted:
    return extract_article(html, url)


def _analyse(text: str, title: str | None) -> TextAnalysis:
    assert _nlp is not None, "worker not initialised"
    text = text[:MAX_CHARS]
    prepared = prepare_for_analysis(text, title=title)
    ensure_english(prepared.text)
    return analyse_prepared(_nlp, prepared, title=title, source_text=text)


class AnalysisPool:
    def __init__(self, model: str, workers: int) -> None:
        self.model = model
        self.workers = workers
        self._executor: Executor | None = None

    def _make_executor(self) -> Executor:
        if self.workers == 0:
            return ThreadPoolExecutor(1, initializer=_init_worker, initargs=(self.model,))
        # spawn, not fork: the parent runs an event loop and threads (PTB, httpx).
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.model,),
        )

    async def start(self) -> None:
        """Start the workers and wait until each has loaded the model (the cold start)."""
        if self._executor is None:
            self._executor = self._make_executor()
        await asyncio.gather(*(self._run(_ready) for _ in range(max(1, self.workers))))

    async def _run(self, fn, *args):  # type: ignore[no-untyped-def]
        if self._executor is None:
            self._executor = self._make_executor()
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor, fn, *args)
        except BrokenProcessPool as exc:
            # A worker died (out of memory, killed): start afresh for the next request.
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
            raise DigestError("the analysis worker stopped unexpectedly; please try again") from exc

    async def extract(self, html: str, url: str | None) -> Extracted:
        return await self._run(_extract, html, url)

    async def analyse(self, text: str, title: str | None) -> TextAnalysis:
        return await self._run(_analyse, text, title)

    async def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    async def __aenter__(self) -> AnalysisPool:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()
