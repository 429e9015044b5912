"""The hand-annotated development set (bench/devset) and the scoring of bench/eval_quality.py."""

from __future__ import annotations

import importlib.util
import json
import sys
from itertools import pairwise
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "bench" / "devset" / "articles"
CORPUS = ROOT.parent / "shared" / "corpus" / "ground-truth.json"
KINDS = {"direct", "indirect", "mixed", "according_to"}
SOURCE_KINDS = {"media", "official", "expert", "organization", "person", "document", "anonymous"}


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


ev = _load("eval_quality", ROOT / "bench" / "eval_quality.py")


def _docs() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(ARTICLES.glob("*.json"))]


@pytest.fixture(scope="module")
def corpus() -> dict[str, Any]:
    if not CORPUS.exists():
        pytest.skip(f"the corpus is not here ({CORPUS}); span texts cannot be checked")
    return json.loads(CORPUS.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- the data


def test_devset_size_and_splits() -> None:
    docs = _docs()
    assert len(docs) >= 30
    assert sum(1 for d in docs if d.get("key_facts")) >= 20
    assert sum(1 for d in docs if d.get("sources")) >= 20
    splits = [d["split"] for d in docs]
    assert set(splits) == {"tune", "test"}
    assert abs(splits.count("tune") - splits.count("test")) <= 2
    assert {d["genre"] for d in docs} >= {"news", "opinion", "sport", "business"}


def test_file_names_are_ids() -> None:
    for path in ARTICLES.glob("*.json"):
        assert json.loads(path.read_text(encoding="utf-8"))["id"] == path.stem


def _check_span(body: str, span: dict[str, Any], where: str) -> None:
    assert 0 <= span["start"] < span["end"] <= len(body), where
    assert body[span["start"] : span["end"]] == span["text"], where


def test_every_span_matches_the_article_text(corpus: dict[str, Any]) -> None:
    for doc in _docs():
        body = corpus[doc["id"]]["articleBody"]
        assert doc["positions"], doc["id"]
        for i, pos in enumerate(doc["positions"]):
            where = f"{doc['id'][:12]} position {i}"
            assert pos["kind"] in KINDS, where
            _check_span(body, pos["cue"], where + " cue")
            _check_span(body, pos["content"], where + " content")
            if pos["speaker"] is not None:
                _check_span(body, pos["speaker"], where + " speaker")
                assert pos["speaker_name"], where
            parts = pos["content"].get("parts")
            if parts:
                assert len(parts) >= 2, where
                assert parts[0][0] == pos["content"]["start"], where
                assert parts[-1][1] == pos["content"]["end"], where
                assert all(a < b for a, b in parts), where
                assert all(p[1] <= q[0] for p, q in pairwise(parts)), where


def test_sources_and_facts_are_well_formed(corpus: dict[str, Any]) -> None:
    for doc in _docs():
        body = corpus[doc["id"]]["articleBody"]
        for s in doc.get("sources", []):
            assert s["name"] and s["kind"] in SOURCE_KINDS, (doc["id"], s)
            assert isinstance(s.get("aliases", []), list)
        facts = doc.get("key_facts", [])
        assert not facts or 3 <= len(facts) <= 7, doc["id"]
        for f in facts:
            assert f["fact"] and f["tokens"], f
            # the fact's own wording is a correct statement of it
            assert all(ev.has_token(f["fact"], t) for t in f["tokens"]), f
            for t in f["tokens"]:
                assert ev.has_token(body, t), (doc["id"], t)


def test_offsets_script_agrees(corpus: dict[str, Any]) -> None:
    spans = _load("devset_spans", ROOT / "bench" / "devset" / "spans.py")
    for doc in _docs():
        checked = spans.check_article(doc, corpus[doc["id"]]["articleBody"])
        assert checked["positions"] == doc["positions"], doc["id"]


def test_synthetic_set_spans_match_their_own_text() -> None:
    spans = _load("devset_spans", ROOT / "bench" / "devset" / "spans.py")
    docs = [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "bench" / "devset" / "synthetic").glob("*.json"))
    ]
    assert len(docs) >= 16
    for doc in docs:
        assert doc["split"] == "tune", doc["id"]  # tuning material, never a reported test
        checked = spans.check_article(doc, doc["text"])
        assert checked["positions"] == doc["positions"], doc["id"]


# --------------------------------------------------------------------------- the scoring


def _pos(start: int, end: int, speaker: str | None = None, **extra: Any) -> dict[str, Any]:
    content: dict[str, Any] = {"text": "x", "start": start, "end": end}
    if "parts" in extra:
        content["parts"] = extra.pop("parts")
    sp = None if speaker is None else {"text": speaker, "start": 0, "end": 1}
    return {
        "speaker": sp,
        "speaker_name": speaker,
        "cue": {"text": "said"},
        "content": content,
        "kind": extra.get("kind", "direct"),
    }


def test_overlap_thresholds() -> None:
    gold = [_pos(0, 100, "Jane Doe")]
    half = [_pos(50, 150, "Jane Doe")]  # covers 0.5 of the annotated content
    assert ev.match_positions(gold, half, 0.3) == [(0, 0)]
    assert ev.match_positions(gold, half, 0.8) == []
    most = [_pos(10, 100, "Jane Doe")]  # covers 0.9
    assert ev.match_positions(gold, most, 0.8) == [(0, 0)]
    tiny = [_pos(0, 20, "Jane Doe")]  # 0.2
    assert ev.match_positions(gold, tiny, 0.3) == []


def test_both_ways_rejects_overlong_predictions() -> None:
    gold = [_pos(100, 150, "A")]
    whole_text = [_pos(0, 1000, "A")]  # covers all of gold, but gold is 5% of it
    assert ev.match_positions(gold, whole_text, 0.3) == [(0, 0)]
    assert ev.match_positions(gold, whole_text, 0.3, both_ways=0.3) == []


def test_parts_are_character_sets() -> None:
    # "A," she said. "B." — the parts are 0..40 and 60..100; the attribution 40..60 is not content
    gold = [_pos(0, 100, "A", parts=[[0, 40], [60, 100]])]
    only_attribution = [_pos(40, 60, "A")]
    assert ev.match_positions(gold, only_attribution, 0.3) == []
    second_part = [_pos(60, 100, "A")]  # 40 of 80 content characters = 0.5
    assert ev.match_positions(gold, second_part, 0.3) == [(0, 0)]
    assert ev.match_positions(gold, second_part, 0.8) == []
    assert ev.char_set({"start": 0, "end": 10, "parts": [[0, 2], [5, 7]]}) == {0, 1, 5, 6}


def test_speaker_matching() -> None:
    def sp(text: str, resolved: str | None = None) -> dict[str, Any]:
        return {"text": text, "start": 0, "end": 1, "resolved": resolved}

    assert ev.speaker_matches(sp("he", "Karine Jean-Pierre"), "Karine Jean-Pierre")
    assert ev.speaker_matches(sp("Jean-Pierre"), "Karine Jean-Pierre")  # contained
    assert ev.speaker_matches(sp("White House spokeswoman Karine Jean-Pierre"), "Jean-Pierre")
    assert ev.speaker_matches(sp("Ms. Jean-Pierre"), "Karine Jean-Pierre")  # surname
    assert ev.speaker_matches(sp("Dr Colin Clarke's"), "Colin Clarke")
    assert ev.speaker_matches(sp("PROSECUTORS"), "prosecutors")
    assert not ev.speaker_matches(sp("he", "Donald Trump"), "Karine Jean-Pierre")
    assert not ev.speaker_matches(sp("he"), "Stephen Smith")  # no substring inside words
    assert not ev.speaker_matches(sp("Chinese officials"), "US officials")  # not a surname
    assert not ev.speaker_matches(None, "Jane Doe")
    assert ev.speaker_matches(None, None)
    assert not ev.speaker_matches(sp("Reuters"), None)
    # "reportedly": the annotated source (Reuters) has no span; no predicted speaker is fine
    assert ev.speaker_matches(None, "Reuters", gold_implicit=True)
    assert ev.speaker_matches(sp("Reuters"), "Reuters", gold_implicit=True)
    gold = [_pos(0, 100, "Jane Doe")]
    assert ev.match_positions(gold, [_pos(0, 100, "John Roe")], 0.3) == [(0, 0)]
    assert ev.match_positions(gold, [_pos(0, 100, "John Roe")], 0.3, need_speaker=True) == []


def test_one_to_one_greedy_matching() -> None:
    gold = [_pos(0, 100, "A"), _pos(200, 300, "B")]
    # one long prediction covering both annotated contents can match only one of them
    pred = [_pos(0, 300, "A")]
    assert len(ev.match_positions(gold, pred, 0.3)) == 1
    # two predictions for one annotated position: only the better one counts
    gold1 = [_pos(0, 100, "A")]
    pred2 = [_pos(0, 40, "A"), _pos(0, 95, "A")]
    assert ev.match_positions(gold1, pred2, 0.3) == [(0, 1)]
    # greedy by overlap: the best pair is taken first
    gold2 = [_pos(0, 100, "A"), _pos(50, 150, "A")]
    pred1 = [_pos(50, 150, "A")]
    assert ev.match_positions(gold2, pred1, 0.3) == [(1, 0)]
    counts = ev.MatchCounts(tp=1, n_pred=2, n_gold=4)
    assert counts.precision == 0.5 and counts.recall == 0.25
    assert counts.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)


def test_lead_and_fact_recall() -> None:
    text = (
        'Over 130 people died in Moscow. ISIS-K claimed the attack. "We warned them," an '
        "official said. Oil rose to $85.\n\nA new paragraph"
    )
    assert ev.lead(text, 2) == ["Over 130 people died in Moscow.", "ISIS-K claimed the attack."]
    assert len(ev.sentences(text)) == 5
    assert ev.lead(text, 0) == []
    facts = [
        {"fact": "130 dead", "tokens": ["130", "died"]},
        {"fact": "oil at 85", "tokens": ["$85"]},
        {"fact": "claimed", "tokens": ["ISIS-K", "claim"]},
    ]
    assert ev.facts_recalled(facts, ev.lead(text, 2)) == [True, False, True]
    assert ev.facts_recalled(facts, ev.lead(text, 3)) == [True, False, True]
    assert ev.facts_recalled(facts, ev.lead(text, 4)) == [True, True, True]
    assert not ev.has_token("1300 people", "130")
    assert ev.has_token("he was suspended", "SUSPEN")
    assert not ev.has_token("the theme", "he")


def test_sources_recall() -> None:
    gold = [
        {"name": "New York Times", "kind": "media", "aliases": ["NYT"]},
        {"name": "Colin Clarke", "kind": "expert", "aliases": []},
        {"name": "US intelligence", "kind": "official", "aliases": []},
    ]
    pred = [{"name": "The New York Times"}, {"name": "nyt"}, {"name": "Clarke"}]
    assert ev.sources_recalled(gold, pred) == [True, True, False]


def test_score_article_counts() -> None:
    body = "x" * 300
    gold = {
        "id": "a" * 64,
        "split": "tune",
        "positions": [_pos(0, 100, "Jane Doe", kind="direct"), _pos(200, 300, "Bob", kind="mixed")],
        "sources": [{"name": "Jane Doe", "kind": "person", "aliases": []}],
        "key_facts": [{"fact": "x", "tokens": ["xxx"]}],
    }
    pred = {
        "text": body,
        "positions": [_pos(0, 100, "Jane Doe")],
        "sources": [{"name": "Doe"}],
        "key_facts": [{"text": "nothing"}],
    }
    scores = ev.Scores()
    ev.score_article(gold, body, pred, scores)
    main = scores.positions[ev.MAIN]
    assert (main.tp, main.n_pred, main.n_gold) == (1, 1, 2)
    data = scores.as_json()
    assert data["recall_by_kind"]["direct"]["recall_content_0.3_speaker"] == 1.0
    assert data["recall_by_kind"]["mixed"]["recall_content_0.3_speaker"] == 0.0
    assert data["sources"]["recall"] == 1.0
    assert data["key_facts"]["recall_ours"] == 0.0
    assert data["key_facts"]["recall_lead_3"] == 1.0  # the lead (one "sentence") has "xxx"
    assert not scores.errors
