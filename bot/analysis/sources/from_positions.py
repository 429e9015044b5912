"""The speakers of the positions as sources, with what their written phrase adds."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.analysis.sources.kinds import classify, display_name, is_unnamed
from bot.analysis.sources.ledger import SourceEntry, add_source
from bot.analysis.sources.written import group_name, is_truncated, written_source
from bot.analysis.speakers import AUTHOR, SpeakerResolver
from bot.types import Position


def add_position_speaker(
    found: dict[str, SourceEntry],
    resolver: SpeakerResolver,
    p: Position,
    doc: Doc,
    roles: dict[str, str],
) -> None:
    sp = p.speaker
    anonymous = sp is not None and is_unnamed(sp.resolved, resolver)
    if p.via:
        informant = display_name(sp.resolved, resolver) if sp is not None else None
        add_source(found, p.via, "media", informant if anonymous else None, p.cue.start)
        if anonymous:
            return  # "US officials reporting to the Times" are the outlet's description
    if sp is None or sp.resolved == AUTHOR or not sp.resolved.strip():
        return
    head = _head_at(doc, sp.start, sp.end)
    if head is not None:
        # The written phrase says more than the resolution: "people familiar with the talks",
        # "the company that runs X, Y Inc.", "his office".
        written = written_source(head, resolver, roles)
        if written is not None:
            name, kind, desc = written
            add_source(found, name, kind, desc, p.cue.start)
            return
    name = display_name(sp.resolved, resolver)
    if head is not None and (
        is_truncated(name, head)
        or (head.pos_ == "NOUN" and not head.ent_type_ and name.casefold() == head.lower_)
    ):
        name = group_name(head)  # "China's commerce ministry", "employees of a bakery"
    name = roles.get(name.casefold(), name)
    kind = classify(name, sp.description, resolver.label_of(sp.resolved), p)
    add_source(found, name, kind, sp.description, p.cue.start)


def _head_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None
