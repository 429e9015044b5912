"""Sources the article relies on: outlets, officials, experts, organisations, documents and
unnamed sources, merged by the speakers' resolution and ranked by how often they are cited."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from bot.analysis import cues
from bot.analysis.positions import is_media_name
from bot.analysis.speakers import AUTHOR, SpeakerResolver, normalize_name, np_span
from bot.types import Position, Source, SourceKind

# Generic heads that stand for unnamed informants: "sources", "people familiar with".
UNNAMED = frozenset(["source", "sources", "person", "people", "someone", "insider", "insiders"])


@dataclass
class _Entry:
    name: str
    kind: SourceKind
    description: str | None
    mentions: int
    first: int


def find_sources(doc: Doc, positions: list[Position]) -> list[Source]:
    """Every source cited, most cited first."""
    resolver = SpeakerResolver(doc)
    found: dict[str, _Entry] = {}
    for p in positions:
        _add_position(found, resolver, p)
    for tok in doc:
        _add_agent(found, resolver, tok)
    ranked = sorted(found.values(), key=lambda e: (-e.mentions, e.first))
    return [Source(e.name, e.kind, e.description, e.mentions) for e in ranked]


def _add_position(found: dict[str, _Entry], resolver: SpeakerResolver, p: Position) -> None:
    sp = p.speaker
    anonymous = sp is not None and _is_unnamed(sp.resolved, resolver)
    if p.via:
        informant = _display_name(sp.resolved, resolver) if sp is not None else None
        _add(found, p.via, "media", informant if anonymous else None, p.cue.start)
        if anonymous:
            return  # "US officials reporting to the Times" are the outlet's description
    if sp is None or sp.resolved == AUTHOR or not sp.resolved.strip():
        return
    name = _display_name(sp.resolved, resolver)
    kind = classify(name, sp.description, resolver.label_of(sp.resolved), p)
    _add(found, name, kind, sp.description, p.cue.start)


def _add_agent(found: dict[str, _Entry], resolver: SpeakerResolver, tok: Token) -> None:
    """'a hypothesis confirmed by US intelligence', 'as reported by X': passive reporting."""
    if tok.dep_ != "pobj" or tok.head.dep_ != "agent":
        return
    verb = tok.head.head
    lemma = verb.lemma_.lower()
    if lemma not in cues.SPEECH_VERBS and lemma not in cues.STANCE_VERBS:
        return
    speaker = resolver.resolve(tok)
    if speaker is None or speaker.resolved == AUTHOR:
        return
    name = _display_name(speaker.resolved, resolver)
    kind = classify(name, speaker.description, resolver.label_of(speaker.resolved), None)
    _add(found, name, kind, speaker.description, tok.idx)


def _add(found: dict[str, _Entry], name: str, kind: SourceKind, desc: str | None, at: int) -> None:
    key = name.casefold()
    entry = found.get(key)
    if entry is None:
        found[key] = _Entry(name, kind, desc, 1, at)
        return
    entry.mentions += 1
    entry.description = entry.description or desc
    if kind == "media" and entry.kind != "media":
        entry.kind = kind


def _display_name(resolved: str, resolver: SpeakerResolver) -> str:
    if _is_unnamed(resolved, resolver):
        words = resolved.split()
        head = words[-1].lower() if words else ""
        if head in UNNAMED and len(words) <= 2:
            plural = head.endswith("s") or head == "people"
            return "unnamed sources" if plural else "an unnamed source"
    return resolved


def _is_unnamed(resolved: str, resolver: SpeakerResolver) -> bool:
    if resolver.label_of(resolved):
        return False
    words = resolved.split()
    if not words:
        return True
    head = words[-1].lower().rstrip("s")
    return (
        head in {w.rstrip("s") for w in UNNAMED | cues.ANONYMOUS_NOUNS}
        and not any(
            w[:1].isupper() and w.lower() not in ("some", "several", "two", "three")
            for w in words[:-1]
            if w.lower() not in cues.OFFICIAL_WORDS
        )
    ) or _only_generic(words)


def _only_generic(words: list[str]) -> bool:
    """'officials', 'some sources', 'US officials': no name, only a group of informants."""
    head = words[-1].lower()
    return head in ("officials", "sources", "people", "diplomats", "insiders", "aides")


def classify(
    name: str, description: str | None, label: str | None, p: Position | None
) -> SourceKind:
    """Kind of a source by its name, role and entity label (general rules, no name lists)."""
    words = set(re.split(r"[\s-]+", f"{name} {description or ''}".lower()))
    last = name.split()[-1] if name.split() else ""
    # NER calls some papers people: then the outlet word must end the name ("Morning Tribune")
    if (
        label not in ("GPE", None)
        and is_media_name(name)
        and (label in ("ORG", "WORK_OF_ART") or is_media_name(last))
    ):
        return "media"
    if any(w.rstrip("s") in cues.MEDIA_NOUNS for w in (description or "").lower().split()):
        return "media"
    if label is None:
        head = name.split()[-1].lower() if name.split() else ""
        if name.startswith("unnamed") or _only_generic(name.split()):
            return "anonymous"
        if head.rstrip("s") in cues.DOCUMENT_NOUNS or head in cues.DOCUMENT_NOUNS:
            return "document"
    if words & cues.EXPERT_WORDS or {w.rstrip("s") for w in words} & cues.EXPERT_WORDS:
        return "expert"
    if label == "GPE" or words & cues.OFFICIAL_WORDS:
        return "official"
    if label == "PERSON":
        return "person"
    if label in ("ORG", "NORP", "FAC"):
        return "organization"
    parts = re.split(r"[\s-]+", name)
    if any(w.lower() in cues.ORG_NAME_WORDS for w in parts):
        return "organization"
    if any(w.isupper() and len(w) > 1 for w in parts):
        return "organization"  # an unlabelled acronym is a body, not a person
    return "person" if name[:1].isupper() else "anonymous"


__all__ = ["classify", "find_sources", "normalize_name", "np_span"]
