"""The example article, as plain text and inside a realistic HTML page, meets every item of
its expected digest (tests/data/crocus-city-hall.expected.json, copied from shared/examples)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.fetch import Fetcher
from bot.render import render_digest
from bot.service import DigestService
from bot.settings import Settings
from bot.worker import AnalysisPool
from tests.expectations import unmet_expectations

DATA = Path(__file__).parent / "data"
EXPECTED = json.loads((DATA / "crocus-city-hall.expected.json").read_text())
# One event loop for the module, so the service (and its loaded model) is shared by the tests.
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def service() -> AsyncIterator[DigestService]:
    settings = Settings(fetch_allow=("127.0.0.1",))
    pool = AnalysisPool(settings.spacy_model, workers=0)  # in-process: one model load
    async with Fetcher(settings) as fetcher:
        yield DigestService(settings, pool, fetcher, db=None)
    await pool.close()


def _digest_texts(analysis) -> list[str]:
    return [m for fmt in ("html", "text", "markdown") for m in render_digest(analysis, fmt)]


@pytest.mark.parametrize("name", ["crocus-city-hall.txt", "crocus-city-hall.html"])
async def test_example_digest_meets_every_expectation(service: DigestService, name: str) -> None:
    analysis = await service.digest(str(DATA / name))
    assert unmet_expectations(analysis, _digest_texts(analysis), EXPECTED) == []


async def test_plain_text_is_kept_exactly_and_offsets_point_into_it(
    service: DigestService,
) -> None:
    path = DATA / "crocus-city-hall.txt"
    analysis = await service.digest(str(path))
    text = path.read_text(encoding="utf-8")
    assert analysis.text == text
    for p in analysis.result.positions:
        for start, end in p.content.parts or [(p.content.start, p.content.end)]:
            assert 0 <= start < end <= len(text)
        assert text[p.cue.start : p.cue.end].split()[0] in p.cue.text
    for fact in analysis.result.key_facts:
        assert 0 <= fact.start < fact.end <= len(text)


async def test_update_signal_is_seen(service: DigestService) -> None:
    analysis = await service.digest(str(DATA / "crocus-city-hall.txt"))
    assert analysis.result.signals.get("update_expected") is True
