"""What the rules share while reading one article: the parse, the quotes, the cues already
used, and the checks of a content range against the quotes."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from bot.analysis.positions.quote_marks import Quote
from bot.analysis.speakers import SpeakerResolver
from bot.types import Position


@dataclass
class ArticleContext:
    doc: Doc
    text: str  # doc.text, cached: spaCy rebuilds it on every access
    resolver: SpeakerResolver
    quotes: list[Quote]
    quote_of: list[int]  # token index -> quote index or -1
    used_cues: set[int] = field(default_factory=set)
    quote_positions: dict[int, Position] = field(default_factory=dict)
    report_verbs: dict[int, int] = field(default_factory=dict)  # cue start char -> verb token


def mark_fragments(ctx: ArticleContext, start: int, end: int) -> bool:
    """Fragments quoted inside reported content make it a mixed position."""
    found = False
    for q in ctx.quotes:
        if not q.full and not q.used and start <= q.open and q.close <= end + 1:
            q.used = True
            found = True
    return found


def inside_used_quote(ctx: ArticleContext, start: int, end: int) -> bool:
    """The content is (or starts with) a quote already given as a direct position."""
    for qi, q in enumerate(ctx.quotes):
        if q.full and q.used and q.open <= start <= q.start + 1:
            return True
        if qi in ctx.quote_positions and q.open <= start + 1 and end <= q.close:
            pos = ctx.quote_positions[qi]
            if pos.via is None:
                return True
        if q.full and q.used and start <= q.start and q.end <= end + 1:
            return (q.end - q.start) >= 0.6 * (end - start)
    return False
