"""Article-body extraction quality on the shared corpus: ours beside plain trafilatura.

The metric is the one of the article-extraction-benchmark: per page, the true and extracted
bodies become multisets of word 4-shingles (tokens by the regex ``\\w+``, case kept as in the
benchmark's evaluate.py); TP/FP/FN are normalised per page; precision and recall are averaged
over pages and F1 is their harmonic mean. A refused page counts as empty output.

Rows:
- ``trafilatura.extract``: plain ``trafilatura.extract(html)``, default settings;
- ``ours (extraction)``: ``extract_article`` with the language check off (extraction quality);
- ``ours (pipeline)``: ``extract_article`` as the bot runs it, non-English pages refused.
The same rows are then given on the English pages only, where the pipeline refuses nothing.

Run from the repository root: ``python bench/extraction_f1.py [--corpus DIR] [--details]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.errors import ExtractionError
from bot.extract import extract_article
from bot.language import detect_language

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TOKEN_RE = re.compile(r"\w+")
SHINGLE = 4

Scores = tuple[float, float, float]  # normalised TP, FP, FN of one page


def load_corpus(corpus: Path) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {}
    for key in sorted(truth):
        with gzip.open(corpus / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as f:
            pages[key] = f.read()
    return truth, pages


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = TOKEN_RE.findall(text or "")
    count = max(1, len(tokens) - SHINGLE + 1)
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(count) if tokens[i : i + SHINGLE])


def page_scores(true: str, pred: str) -> Scores:
    t, p = shingles(true), shingles(pred)
    tp, fp, fn = sum((t & p).values()), sum((p - t).values()), sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def metrics(rows: list[Scores]) -> tuple[float, float, float]:
    p = statistics.mean([precision(*r) for r in rows if r[0] + r[1] > 0] or [0.0])
    r = statistics.mean([recall(*r) for r in rows if r[0] + r[2] > 0] or [0.0])
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ours(require_english: bool) -> Callable[[str, str | None], str]:
    def run(html: str, url: str | None) -> str:
        try:
            return extract_article(html, url, require_english=require_english).text
        except ExtractionError:
            return ""

    return run


def plain(html: str, url: str | None) -> str:
    return trafilatura.extract(html) or ""


def run_extractor(
    fn: Callable[[str, str | None], str],
    truth: dict[str, dict[str, str]],
    pages: dict[str, str],
    repeat: int = 1,
) -> tuple[dict[str, str], float]:
    """Outputs per page, and the best wall time of ``repeat`` runs over all pages."""
    best = float("inf")
    outputs: dict[str, str] = {}
    for _ in range(repeat):
        start = time.perf_counter()
        outputs = {key: fn(html, truth[key].get("url")) for key, html in pages.items()}
        best = min(best, time.perf_counter() - start)
    return outputs, best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--details", action="store_true", help="per-page F1 where they differ")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is shown")
    args = parser.parse_args(argv)

    truth, pages = load_corpus(args.corpus)
    english = {k for k, v in truth.items() if detect_language(v["articleBody"])[0] == "en"}
    # Warm up the lazy loads (language model, lexicon) so they are not timed on page one.
    ours(True)(next(iter(pages.values())), None)

    extractors = {
        "trafilatura.extract": plain,
        "ours (extraction)": ours(require_english=False),
        "ours (pipeline)": ours(require_english=True),
    }
    results = {
        name: run_extractor(fn, truth, pages, args.repeat) for name, fn in extractors.items()
    }

    for label, keys in (("all pages", set(pages)), ("English pages", english)):
        print(f"\n{label} ({len(keys)})")
        head = f"{'extractor':<22}{'precision':>10}{'recall':>10}{'F1':>10}{'refused':>9}"
        print(head + (f"{'time s':>9}" if keys == set(pages) else ""))
        for name, (outputs, seconds) in results.items():
            rows = [page_scores(truth[k]["articleBody"], outputs[k]) for k in sorted(keys)]
            p, r, f1 = metrics(rows)
            refused = sum(1 for k in keys if not outputs[k])
            line = f"{name:<22}{p:>10.4f}{r:>10.4f}{f1:>10.4f}{refused:>9}"
            print(line + (f"{seconds:>9.2f}" if keys == set(pages) else ""))
    print("\ntime: best of", args.repeat, "runs over all pages, lazy loads warmed up")

    if args.details:
        base, mine = results["trafilatura.extract"][0], results["ours (extraction)"][0]
        for key in sorted(pages):
            a = metrics([page_scores(truth[key]["articleBody"], base[key])])[2]
            b = metrics([page_scores(truth[key]["articleBody"], mine[key])])[2]
            if abs(a - b) > 0.001:
                print(f"{key[:12]}  plain {a:.3f}  ours {b:.3f}  {truth[key].get('url', '')[:70]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
