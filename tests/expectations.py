"""Checks an analysis against an ``*.expected.json`` file (format: its "about" field)."""

from __future__ import annotations

import re
from typing import Any

from bot.types import Analysis


def _matches_name(candidate: str | None, wanted: str) -> bool:
    if not candidate:
        return False
    if candidate.casefold() == wanted.casefold():
        return True
    # "IS" must match the word IS, not the letters in "this"
    return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", candidate, re.IGNORECASE) is not None


def unmet_expectations(analysis: Analysis, digest_texts: list[str], expected: dict[str, Any]):
    """Every expectation the analysis fails, as readable strings (empty list: all met)."""
    r = analysis.result
    problems: list[str] = []
    facts = [f.text.casefold() for f in r.key_facts]
    for alternatives in expected.get("key_facts", []):
        if not any(a.casefold() in f for f in facts for a in alternatives):
            problems.append(f"no key fact with any of {alternatives}")
    source_names = [s.name for s in r.sources]
    for name in expected.get("sources", []):
        if not any(_matches_name(s, name) or _matches_name(name, s) for s in source_names):
            problems.append(f"source {name!r} missing from {source_names}")
    for want in expected.get("positions", []):
        found = False
        for p in r.positions:
            names = [p.speaker.text, p.speaker.resolved] if p.speaker else []
            if any(_matches_name(n, s) for n in names for s in want["speaker"]) and any(
                c.casefold() in p.content.text.casefold() for c in want["content"]
            ):
                found = True
                break
        if not found:
            problems.append(f"no position by {want['speaker']} with {want['content']}")
    for banned in expected.get("must_not_appear", []):
        for text in digest_texts:
            if banned.casefold() in text.casefold():
                problems.append(f"{banned!r} appears in the digest")
                break
    n = len(r.key_facts)
    if not 3 <= n <= 7:
        problems.append(f"{n} key facts (want 3 to 7)")
    return problems
