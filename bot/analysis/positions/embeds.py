"""Embedded social-media posts: the post's text, then its signature line
('— Arvind Kejriwal (@ArvindKejriwal) November 1, 2019'), as pages keep them after extraction.
A post is a direct quote of whoever signed it, with the signature's dash as its cue."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis.positions.quote_marks import Quote
from bot.analysis.speakers import SpeakerResolver
from bot.types import Content, Position, Span, Speaker

SIGNATURE = re.compile(
    r"^[—–-][ \t]*(?P<name>[^\n(]{2,80}?)[ \t]*\((?P<handle>@\w{1,30})\)[ \t]*"
    r"(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})[ \t]*$",
    re.MULTILINE,
)
# What a post ends with that nobody said: its picture or link.
TRAILING_LINKS = re.compile(r"(?:\s*(?:pic\.twitter\.com/\S+|https?://\S+))+\s*$")
NAME_CHARS = re.compile(r"[^\w\s.'’-]")


@dataclass
class Embed:
    start: int  # the post's text
    end: int
    dash: int  # the signature's dash: the cue
    name: str  # who signed it, without emoji
    name_start: int
    name_end: int


def find_embeds(text: str) -> list[Embed]:
    """Every signed post: the text block right above its signature line."""
    out = []
    for m in SIGNATURE.finditer(text):
        block_end = _end_before(text, m.start())
        block_start = text.rfind("\n\n", 0, block_end)
        block_start = 0 if block_start < 0 else block_start + 2
        body = text[block_start:block_end]
        trailing = TRAILING_LINKS.search(body)
        end = block_start + (trailing.start() if trailing else len(body.rstrip()))
        name = " ".join(NAME_CHARS.sub("", m.group("name")).split())
        if end - block_start < 2 or not name:
            continue
        # the name as written (emoji and all) is the speaker's span; its letters its name
        out.append(Embed(block_start, end, m.start(), name, m.start("name"), m.end("name")))
    return out


def _end_before(text: str, at: int) -> int:
    """Where the text before ``at`` ends, without the blank lines between."""
    end = at
    while end > 0 and text[end - 1] in "\n \t":
        end -= 1
    return end


def with_embeds(quotes: list[Quote], embeds: list[Embed]) -> list[Quote]:
    """The quotes, with each post as a quotation of its own (its words belong to whoever
    signed it, not to the article's narrative) in place of marks found inside it. A post's
    quote is neither a full quote to attribute nor a fragment to fold into a clause: its
    position comes from its signature."""
    if not embeds:
        return quotes
    # marks inside a post, or a quote running into one, give way to it
    outside = [q for q in quotes if not any(q.open < e.end and q.close > e.start for e in embeds)]
    posts = [Quote(e.start, e.end, e.start, e.end, full=False, used=True) for e in embeds]
    return sorted(outside + posts, key=lambda q: q.open)


def embed_positions(embeds: list[Embed], text: str, resolver: SpeakerResolver) -> list[Position]:
    out = []
    for e in embeds:
        written = text[e.name_start : e.name_end]
        speaker = Speaker(written, e.name_start, e.name_end, resolver.canonical_name(e.name))
        cue = Span(text[e.dash], e.dash, e.dash + 1)
        out.append(Position(speaker, cue, Content(text[e.start : e.end], e.start, e.end), "direct"))
    return out
