"""From text to ``TextAnalysis``: one spaCy parse, then the rules of each analysis module.

Runs inside a worker process (see ``bot.worker``); knows nothing of Telegram or storage.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language

from bot.analysis import cues
from bot.analysis.entities import count_entities
from bot.analysis.facts import select_key_facts
from bot.analysis.positions import find_positions, shift_position
from bot.analysis.signals import page_signals
from bot.analysis.sources import find_sources
from bot.analysis.summary import summarize
from bot.cleanup import PreparedText
from bot.types import Content, KeyFact, Position, Span, Speaker, TextAnalysis


def analyse_prepared(
    nlp: Language, prepared: PreparedText, *, title: str | None, source_text: str | None = None
) -> TextAnalysis:
    """Analyse ``prepared.text`` and report every offset in the original text
    (``source_text``, where a headline line the cleanup set aside may still be found)."""
    doc = nlp(prepared.text)
    positions = find_positions(doc)
    sources = find_sources(doc, positions)
    facts = select_key_facts(doc, positions, title=title)
    summary = summarize(doc, facts, title=title)
    entities = count_entities(doc)
    # Cleanup's signals (an update announced) and the page's own (opinion, not news).
    signals = {**page_signals(doc, title), **prepared.signals}
    return TextAnalysis(
        summary=summary,
        key_facts=[_map_fact(prepared, f) for f in facts],
        sources=sources,
        positions=_with_headline(
            _headline_positions(nlp, title, source_text, positions),
            [_map_position(prepared, p) for p in positions],
        ),
        entities=entities,
        signals=signals,
    )


def _headline_positions(
    nlp: Language, title: str | None, source: str | None, body: list[Position]
) -> list[Position]:
    """'Austria says house of dictator will become police station': a headline that reports
    is a position too, when the headline stands in the text (a plain-text article's first
    line), so that its offsets point into it. Headlines of pages are metadata: skipped.
    A role in the headline ('mayor says …') is the person the body describes so."""
    if not title or not source:
        return []
    at = source.find(title, 0, 500)
    if at < 0:
        return []
    roles: dict[str, Speaker] = {}
    for p in body:
        if p.speaker is not None and p.speaker.description:
            for word in p.speaker.description.lower().split():
                roles.setdefault(word, p.speaker)
    out = []
    for p in find_positions(nlp(title)):
        if p.speaker is None:
            continue
        words = p.speaker.resolved.split()
        role = words[-1].lower() if words else ""
        described = words and (words[-1].islower() or role in cues.PERSON_ROLES)
        named = roles.get(role) if described else None
        if named is not None:
            sp = p.speaker
            p.speaker = Speaker(sp.text, sp.start, sp.end, named.resolved, named.description)
        out.append(shift_position(p, at))
    return out


def _with_headline(headline: list[Position], body: list[Position]) -> list[Position]:
    """The headline's positions first, unless the cleanup kept the headline in the body too
    (then the body already has them, at the same offsets)."""
    seen = {p.cue.start for p in body}
    return [p for p in headline if p.cue.start not in seen] + body


def _map_fact(prepared: PreparedText, fact: KeyFact) -> KeyFact:
    start, end = prepared.map_span(fact.start, fact.end)
    return replace(fact, start=start, end=end)


def _map_position(prepared: PreparedText, p: Position) -> Position:
    speaker = None
    if p.speaker is not None:
        s, e = prepared.map_span(p.speaker.start, p.speaker.end)
        speaker = Speaker(p.speaker.text, s, e, p.speaker.resolved, p.speaker.description)
    cs, ce = prepared.map_span(p.cue.start, p.cue.end)
    ts, te = prepared.map_span(p.content.start, p.content.end)
    parts = [prepared.map_span(a, b) for a, b in p.content.parts] if p.content.parts else None
    return Position(
        speaker=speaker,
        cue=Span(p.cue.text, cs, ce),
        content=Content(p.content.text, ts, te, parts),
        kind=p.kind,
        via=p.via,
    )
