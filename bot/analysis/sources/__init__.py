"""Sources the article relies on: outlets, officials, experts, organisations, documents and
unnamed sources, merged by the speakers' resolution and ranked by how often they are cited.

Two inputs, one parse: the speakers of the positions, and a cheap scan of the same Doc for the
ways news prose cites without a position being extracted ("X reported", "told X", "a CNN
reporter", "analysts surveyed by X", "people familiar with the talks", datelines "(AP) —").

Modules: `from_positions` (the positions' speakers), `scan` (the cheap scan), `written` (what
a written phrase adds to a resolved name), `ledger` (found sources and merging variants), `kinds`
(the kind of a source)."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from bot.analysis.sources.from_positions import add_position_speaker
from bot.analysis.sources.kinds import classify
from bot.analysis.sources.ledger import SourceEntry, is_source, merge_variants
from bot.analysis.sources.scan import (
    CitationScan,
    add_datelines,
    add_passive_agent,
    headline_lines,
    quoted_tokens,
    speaker_tokens,
)
from bot.analysis.sources.written import appos_roles
from bot.analysis.speakers import SpeakerResolver
from bot.types import Position, Source


def find_sources(doc: Doc, positions: list[Position]) -> list[Source]:
    """Every source cited, most cited first."""
    resolver = SpeakerResolver(doc)
    found: dict[str, SourceEntry] = {}
    roles = appos_roles(doc)
    headlines = headline_lines(doc.text)
    for p in positions:
        if p.speaker is not None and _inside(p.speaker.start, headlines):
            continue  # a speaker in a related link's headline is page furniture, not prose
        if p.speaker is not None and _only_in(p.speaker.resolved, doc.text, headlines):
            # "the governor" resolved to a name only a headline line holds: keep the words
            p = replace(p, speaker=replace(p.speaker, resolved=p.speaker.text, description=None))
        add_position_speaker(found, resolver, p, doc, roles)
    # positions without a speaker leave their cue to the scan (the parse may have lost the subject)
    cue_at = {p.cue.start for p in positions if p.speaker is not None}
    scan = CitationScan(doc, resolver, found, cue_at, roles)
    scan.credited = speaker_tokens(doc, positions)
    quoted = quoted_tokens(doc, positions)
    for tok in doc:
        # Sources inside a quote are the speaker's; a title-case line is page furniture.
        if tok.i in quoted or _inside(tok.idx, headlines):
            continue
        add_passive_agent(found, resolver, tok)
        scan.token(tok)
    add_datelines(found, doc.text)
    entries = merge_variants(list(found.values()), resolver)
    entries = [
        e for e in entries if is_source(e, doc.text) and not _only_in(e.name, doc.text, headlines)
    ]
    ranked = sorted(entries, key=lambda e: (-e.mentions, e.first))
    return [Source(e.name, e.kind, e.description, e.mentions) for e in ranked]


def _inside(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= at < b for a, b in spans)


def _only_in(name: str, text: str, spans: list[tuple[int, int]]) -> bool:
    """Every mention of `name` lies inside `spans` (a name only a headline line holds)."""
    if not spans or not name.strip():
        return False
    hits = [m.start() for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    return bool(hits) and all(_inside(h, spans) for h in hits)


__all__ = ["classify", "find_sources"]
