"""Every page of the shared corpus goes through the whole pipeline: a digest or a clear reason.

88 real pages (news, blogs, product pages, other languages). Skipped where ../shared is absent.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.errors import DigestError
from bot.fetch import Fetcher
from bot.render import render_digest
from bot.service import DigestService
from bot.settings import Settings
from bot.worker import AnalysisPool
from tests.conftest import SHARED

CORPUS = SHARED / "corpus"
PAGES = sorted((CORPUS / "html").glob("*.html.gz"))
pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.skipif(not PAGES, reason="../shared/corpus is not beside the checkout"),
]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def service() -> AsyncIterator[DigestService]:
    settings = Settings()
    pool = AnalysisPool(settings.spacy_model, workers=0)
    async with Fetcher(settings) as fetcher:
        yield DigestService(settings, pool, fetcher, db=None)
    await pool.close()


async def test_every_corpus_page_gives_a_digest_or_a_clear_reason(service: DigestService):
    truth = json.loads((CORPUS / "ground-truth.json").read_text())
    refused: dict[str, str] = {}
    for page in PAGES:
        try:
            analysis = await service.digest(str(page))
        except DigestError as exc:
            refused[page.name] = str(exc)
            continue
        assert analysis.text.strip()
        assert analysis.result.summary
        assert len(analysis.result.key_facts) <= 7
        for message in render_digest(analysis, "html"):
            assert len(message.encode("utf-16-le")) // 2 <= 4096
    # Only pages in other languages are refused, each with the language named.
    assert all(reason.startswith("articles in ") for reason in refused.values()), refused
    assert len(refused) <= 10
    assert len(PAGES) == len(truth)
