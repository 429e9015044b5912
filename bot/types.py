"""The values the pipeline passes around. Plain dataclasses: no Telegram, no database.

The JSON form (``Analysis.to_json()``) is the contract of DESIGN.md: every offset is a character
offset into ``Analysis.text``. Fields beyond the contract (``description``, ``via``, ``signals``)
are extensions; nothing of the contract is ever renamed or removed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

PositionKind = Literal["direct", "indirect", "mixed", "according_to"]
SourceKind = Literal[
    "media", "official", "expert", "organization", "person", "document", "anonymous"
]


@dataclass(slots=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Speaker:
    text: str  # as written at this mention: "he", "the diplomat", "Jean-Pierre"
    start: int
    end: int
    resolved: str  # canonical name: "Karine Jean-Pierre"; "the author" for the author's opinion
    description: str | None = None  # role kept from the article: "White House spokeswoman"


@dataclass(slots=True)
class Content:
    text: str  # the content as a reader sees it (parts joined with " … " when interrupted)
    start: int  # start of the first part
    end: int  # end of the last part
    parts: list[tuple[int, int]] | None = None  # set when the quote is split by its attribution


@dataclass(slots=True)
class Position:
    speaker: Speaker | None
    cue: Span
    content: Content
    kind: PositionKind
    via: str | None = None  # the outlet that reports it: "Financial Times"


@dataclass(slots=True)
class Source:
    name: str
    kind: SourceKind
    description: str | None = None  # "White House spokeswoman", "US officials"
    mentions: int = 1


@dataclass(slots=True)
class KeyFact:
    text: str  # may be condensed from the sentence at text[start:end]
    start: int
    end: int
    attributed_to: str | None = None


@dataclass(slots=True)
class Entity:
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, ...
    count: int


@dataclass(slots=True)
class ArticleMeta:
    """What extraction (or the caller) knows about the page, before analysis."""

    source: str  # what the user gave: a URL or a file path
    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    site: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date
    updated: str | None = None  # ISO date
    language: str = "en"


@dataclass(slots=True)
class TextAnalysis:
    """What the analysis of a text yields (computed in a worker process, picklable)."""

    summary: str
    key_facts: list[KeyFact] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # Signals about the page itself, e.g. {"update_expected": True, "opinion": True}
    signals: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Analysis:
    """One analysed article: metadata, text and analysis, plus storage ids once stored."""

    meta: ArticleMeta
    text: str
    result: TextAnalysis
    article_id: int | None = None
    story_id: int | None = None
    revision_id: int | None = None
    content_hash: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.meta.source,
            "url": self.meta.url,
            "canonical_url": self.meta.canonical_url,
            "title": self.meta.title,
            "site": self.meta.site,
            "author": self.meta.author,
            "published": self.meta.published,
            "updated": self.meta.updated,
            "language": self.meta.language,
            "text": self.text,
            **text_analysis_to_json(self.result),
            "article_id": self.article_id,
            "story_id": self.story_id,
        }


def _position_json(p: Position) -> dict[str, Any]:
    content: dict[str, Any] = {
        "text": p.content.text,
        "start": p.content.start,
        "end": p.content.end,
    }
    if p.content.parts:
        content["parts"] = [list(part) for part in p.content.parts]
    return {
        "speaker": asdict(p.speaker) if p.speaker else None,
        "cue": asdict(p.cue),
        "content": content,
        "kind": p.kind,
        "via": p.via,
    }


def position_from_json(d: dict[str, Any]) -> Position:
    """Inverse of the JSON form of a position (storage keeps positions as JSON)."""
    sp = d.get("speaker")
    c = d["content"]
    return Position(
        speaker=Speaker(**sp) if sp else None,
        cue=Span(**d["cue"]),
        content=Content(
            text=c["text"],
            start=c["start"],
            end=c["end"],
            parts=[tuple(x) for x in c["parts"]] if c.get("parts") else None,
        ),
        kind=d["kind"],
        via=d.get("via"),
    )


def text_analysis_from_json(d: dict[str, Any]) -> TextAnalysis:
    """Inverse of the analysis part of ``Analysis.to_json()`` (storage keeps it as JSON)."""
    return TextAnalysis(
        summary=d.get("summary", ""),
        key_facts=[KeyFact(**f) for f in d.get("key_facts", [])],
        sources=[Source(**s) for s in d.get("sources", [])],
        positions=[position_from_json(p) for p in d.get("positions", [])],
        entities=[Entity(**e) for e in d.get("entities", [])],
        signals=dict(d.get("signals") or {}),
    )


def text_analysis_to_json(r: TextAnalysis) -> dict[str, Any]:
    return {
        "summary": r.summary,
        "key_facts": [asdict(f) for f in r.key_facts],
        "sources": [asdict(s) for s in r.sources],
        "positions": [_position_json(p) for p in r.positions],
        "entities": [asdict(e) for e in r.entities],
        "signals": r.signals,
    }
