"""Compute and verify the character offsets of the development set's spans.

Annotations are written by hand in ``bench/devset/articles/<id>.json``. A span may be written as
a bare string (its text); this script finds that text in the article's ``articleBody`` and
replaces it with ``{"text", "start", "end"}``. Spans that already carry offsets are verified
(``articleBody[start:end] == text``). Any mismatch, missing text or ambiguity fails loudly.

How a bare string is located (whole-word matches, case-sensitive):
- the content (or its first part) must occur exactly once in the body, unless the position gives
  ``"occ": {"content": n}`` (0-based occurrence index); later parts are the first occurrences
  after the previous part;
- the cue and the speaker are the pair of occurrences (outside the content's parts) that
  minimises the gap from the cue to the content plus the gap from the speaker to the cue;
  ``occ.cue`` / ``occ.speaker`` override;
- in any bare string, ``⟦…⟧`` marks the span inside a longer context written around it, e.g.
  ``"civil servants, ⟦said⟧"`` is the word "said" right after "civil servants, ".
``occ`` is dropped once the offsets are written.

Usage (from the repository root)::

    python bench/devset/spans.py            # fill in offsets, verify everything, write back
    python bench/devset/spans.py --check    # verify only; exit 1 on any problem
    python bench/devset/spans.py --articles DIR --no-split   # a staging directory of new work
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
DEFAULT_CORPUS = HERE.parents[2] / "shared" / "corpus" / "ground-truth.json"

KINDS = {"direct", "indirect", "mixed", "according_to"}
SOURCE_KINDS = {"media", "official", "expert", "organization", "person", "document", "anonymous"}
GENRES = {"news", "opinion", "sport", "business", "science"}
MAX_GAP = 400  # a cue or speaker farther than this from its content is reported as suspicious


class SpanError(Exception):
    """An annotation that does not match the article text."""


def occurrences(body: str, text: str) -> list[int]:
    """Start offsets of ``text`` in ``body`` as a whole-word match (case-sensitive)."""
    if not text:
        raise SpanError("empty span text")
    left = r"(?<!\w)" if text[0].isalnum() else ""
    right = r"(?!\w)" if text[-1].isalnum() else ""
    return [m.start() for m in re.finditer(left + re.escape(text) + right, body)]


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def _candidates(body: str, text: str, what: str) -> list[tuple[int, int]]:
    """Occurrences of a bare span string; ``⟦…⟧`` marks the span inside a longer context."""
    if "⟦" in text:
        before, rest = text.split("⟦", 1)
        inner, after = rest.split("⟧", 1)
        full = before + inner + after
        spans = [(s + len(before), s + len(before) + len(inner)) for s in occurrences(body, full)]
    else:
        spans = [(s, s + len(text)) for s in occurrences(body, text)]
    if not spans:
        raise SpanError(f"{what} {text!r} not found")
    return spans


def _outside(spans: list[tuple[int, int]], avoid: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = [sp for sp in spans if all(sp[1] <= a[0] or sp[0] >= a[1] for a in avoid)]
    return out or spans


def _locate_cue_speaker(
    body: str,
    cue: str,
    speaker: str | None,
    crange: tuple[int, int],
    avoid: list[tuple[int, int]],
) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """The cue and speaker occurrences that sit closest together around the content.

    The cost of a (cue, speaker) pair is the gap from the cue to the content plus the gap from
    the speaker to the cue; ties prefer a cue after the content (``"…," she said``).
    """
    cues = _outside(_candidates(body, cue, "cue"), avoid)
    speakers = _outside(_candidates(body, speaker, "speaker"), avoid) if speaker else [None]
    best: tuple[tuple[int, bool], tuple[int, int], tuple[int, int] | None] | None = None
    for c in cues:
        for sp in speakers:
            cost = _gap(c, crange) + (_gap(sp, c) if sp else 0)
            key = (cost, c[0] < crange[0])
            if best is None or key < best[0]:
                best = (key, c, sp)
    assert best is not None
    (_, cue_se, sp_se) = best
    if _gap(cue_se, crange) > MAX_GAP or (sp_se and _gap(sp_se, cue_se) > MAX_GAP):
        raise SpanError(f"cue {cue!r} / speaker {speaker!r} are far from the content; give occ")
    return cue_se, sp_se


def _pick(body: str, text: str, occ: int | None, what: str) -> tuple[int, int]:
    spans = _candidates(body, text, what)
    if occ is None:
        if len(spans) > 1:
            starts = [s for s, _ in spans]
            raise SpanError(f"{what} {text!r} occurs {len(spans)} times at {starts}; give occ")
        occ = 0
    if occ >= len(spans):
        raise SpanError(f"{what} {text!r}: occurrence {occ} of {len(spans)} does not exist")
    return spans[occ]


def _span(body: str, start: int, end: int) -> dict[str, Any]:
    return {"text": body[start:end], "start": start, "end": end}


def _verify(body: str, span: Any, what: str) -> tuple[int, int]:
    if not isinstance(span, dict) or not {"text", "start", "end"} <= span.keys():
        raise SpanError(f"{what}: not a span object: {span!r}")
    start, end = span["start"], span["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(body)):
        raise SpanError(f"{what}: bad offsets {start}..{end}")
    if body[start:end] != span["text"]:
        raise SpanError(f"{what}: text {span['text']!r} != body[{start}:{end}] {body[start:end]!r}")
    return start, end


def resolve_position(body: str, pos: dict[str, Any]) -> dict[str, Any]:
    """Return the position with every span as an object with verified offsets."""
    occ: dict[str, int] = pos.get("occ", {})
    content = pos["content"]
    if isinstance(content, dict):
        cs, ce = _verify(body, content, "content")
        parts = content.get("parts") or [(cs, ce)]
        if len(parts) > 1:
            for ps, pe in parts:
                if not (cs <= ps < pe <= ce):
                    raise SpanError(f"content part {ps}..{pe} outside {cs}..{ce}")
            if parts[0][0] != cs or parts[-1][1] != ce:
                raise SpanError("content parts must start and end the content span")
        new_content = content
    else:
        texts = [content] if isinstance(content, str) else list(content)
        first = _pick(body, texts[0], occ.get("content"), "content")
        parts = [first]
        for t in texts[1:]:
            nxt = [sp for sp in _candidates(body, t, "content part") if sp[0] >= parts[-1][1]]
            if not nxt:
                raise SpanError(f"content part {t!r} not found after {parts[-1][1]}")
            if nxt[0][0] - parts[-1][1] > MAX_GAP:
                raise SpanError(f"content part {t!r} is far from the previous part")
            parts.append(nxt[0])
        cs, ce = parts[0][0], parts[-1][1]
        new_content = _span(body, cs, ce)
        if len(parts) > 1:
            new_content["parts"] = [list(p) for p in parts]
    crange = (cs, ce)
    avoid = [(int(a), int(b)) for a, b in parts]

    cue = pos["cue"]
    speaker = pos.get("speaker")
    if isinstance(cue, str):
        bare_speaker = speaker if isinstance(speaker, str) and "speaker" not in occ else None
        if "cue" in occ:
            cue_se = _pick(body, cue, occ["cue"], "cue")
            sp_se = None
            if bare_speaker:
                sp_se = _locate_cue_speaker(body, bare_speaker, None, cue_se, avoid)[0]
        else:
            cue_se, sp_se = _locate_cue_speaker(body, cue, bare_speaker, crange, avoid)
        cue = _span(body, *cue_se)
        if sp_se:
            speaker = _span(body, *sp_se)
    else:
        cue_se = _verify(body, cue, "cue")
    if isinstance(speaker, str):
        if "speaker" in occ:
            sp_se = _pick(body, speaker, occ["speaker"], "speaker")
        else:
            sp_se = _locate_cue_speaker(body, speaker, None, cue_se, avoid)[0]
        speaker = _span(body, *sp_se)
    elif speaker is not None:
        _verify(body, speaker, "speaker")

    if pos.get("kind") not in KINDS:
        raise SpanError(f"kind {pos.get('kind')!r} is not one of {sorted(KINDS)}")
    if not pos.get("speaker_name") and speaker is not None:
        raise SpanError("speaker_name is required (use 'the author' for the author's own view)")
    out = {
        "speaker": speaker,
        "speaker_name": pos.get("speaker_name") or None,
        "cue": cue,
        "content": new_content,
        "kind": pos["kind"],
    }
    for key in ("note",):
        if key in pos:
            out[key] = pos[key]
    return out


def check_article(doc: dict[str, Any], body: str) -> dict[str, Any]:
    """Resolve and verify one article's annotation; raise SpanError on the first problem."""
    if doc.get("genre") not in GENRES:
        raise SpanError(f"genre {doc.get('genre')!r} is not one of {sorted(GENRES)}")
    positions = []
    for i, pos in enumerate(doc.get("positions", [])):
        try:
            positions.append(resolve_position(body, pos))
        except (SpanError, KeyError, TypeError) as exc:
            raise SpanError(f"position {i} ({pos.get('cue')!r}): {exc}") from exc
    for s in doc.get("sources", []):
        if s.get("kind") not in SOURCE_KINDS or not s.get("name"):
            raise SpanError(f"bad source {s!r}")
    for f in doc.get("key_facts", []):
        if not f.get("fact") or not f.get("tokens"):
            raise SpanError(f"bad key fact {f!r}")
        low = body.lower()
        missing = [t for t in f["tokens"] if t.lower() not in low]
        if missing:
            raise SpanError(f"key fact {f['fact']!r}: tokens {missing} do not occur in the text")
    positions.sort(key=lambda p: (p["content"]["start"], p["cue"]["start"]))
    return {**doc, "positions": positions}


def split_key(article_id: str) -> str:
    return hashlib.sha256(f"digestbot-devset/{article_id}".encode()).hexdigest()


def assign_splits(docs: dict[str, dict[str, Any]]) -> None:
    """Give a split to articles that have none, keeping each genre balanced.

    Articles that already have a split keep it (so a half you never tuned on stays untouched).
    New articles of a genre, in the order of ``split_key``, go to the half with fewer articles of
    that genre; on a tie, to "tune" when the first hex digit of ``split_key`` is even.
    """
    for genre in sorted({d["genre"] for d in docs.values()}):
        ids = [i for i, d in docs.items() if d["genre"] == genre]
        count = {"tune": 0, "test": 0}
        for i in ids:
            if docs[i].get("split") in count:
                count[docs[i]["split"]] += 1
        for i in sorted((i for i in ids if docs[i].get("split") not in count), key=split_key):
            if count["tune"] == count["test"]:
                split = "tune" if int(split_key(i)[0], 16) % 2 == 0 else "test"
            else:
                split = "tune" if count["tune"] < count["test"] else "test"
            docs[i]["split"] = split
            count[split] += 1


def load_corpus(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        raise SystemExit(f"corpus not found: {path} (give --corpus)")
    return json.loads(path.read_text(encoding="utf-8"))


ORDER = ["id", "url", "genre", "split", "text", "positions", "sources", "key_facts", "notes"]


def dump_article(doc: dict[str, Any]) -> str:
    """The article's JSON, laid out for review: one line per field of each position."""

    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    ordered = {k: doc[k] for k in ORDER if k in doc}
    ordered.update({k: v for k, v in doc.items() if k not in ordered})
    lines = ["{"]
    items = list(ordered.items())
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        if isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f" {one(key)}: [")
            for m, item in enumerate(value):
                item_comma = "," if m < len(value) - 1 else ""
                if key == "positions":
                    fields = [f"   {one(k)}: {one(v)}" for k, v in item.items()]
                    lines.append("  {")
                    lines.append(",\n".join(fields))
                    lines.append("  }" + item_comma)
                else:
                    lines.append(f"  {one(item)}{item_comma}")
            lines.append(f" ]{comma}")
        else:
            lines.append(f" {one(key)}: {one(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="verify only, do not write")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--articles", type=Path, default=ARTICLES, help="directory of annotation files"
    )
    parser.add_argument(
        "--no-split",
        action="store_true",
        help="leave splits unassigned (for a staging directory: splits are given once, "
        "when the articles join the set, so they do not depend on the order of the work)",
    )
    args = parser.parse_args(argv)
    corpus = load_corpus(args.corpus)
    docs: dict[str, dict[str, Any]] = {}
    paths: dict[str, Path] = {}
    failed = False
    for path in sorted(args.articles.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        aid = doc.get("id", path.stem)
        own_text = "text" in doc  # the synthetic set carries its text
        if aid != path.stem or not (own_text or aid in corpus):
            print(f"{path.name}: id {aid!r} does not match the file name or the corpus")
            failed = True
            continue
        try:
            docs[aid] = check_article(doc, doc["text"] if own_text else corpus[aid]["articleBody"])
        except SpanError as exc:
            print(f"{path.name}: {exc}")
            failed = True
            continue
        if not own_text:
            docs[aid]["url"] = corpus[aid]["url"]
        paths[aid] = path
    if failed:
        return 1
    if args.check:
        missing = [i for i, d in docs.items() if d.get("split") not in ("tune", "test")]
        if args.no_split:
            missing = []
        if missing:
            print(f"articles without a split: {missing}")
            return 1
        print(f"ok: {len(docs)} articles")
        return 0
    if not args.no_split:
        assign_splits(docs)
    for aid, doc in docs.items():
        text = dump_article(doc)
        json.loads(text)  # the layout must stay valid JSON
        if paths[aid].read_text(encoding="utf-8") != text:
            paths[aid].write_text(text, encoding="utf-8")
    n_pos = sum(len(d.get("positions", [])) for d in docs.values())
    print(f"ok: {len(docs)} articles, {n_pos} positions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
