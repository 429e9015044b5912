"""Hearsay adverbs: 'X reportedly did Y', 'allegedly': the clause comes from an unnamed
source."""

from __future__ import annotations

from bot.analysis import cues
from bot.analysis.positions.context import ArticleContext
from bot.analysis.positions.spans import char_range, cue_span
from bot.types import Content, Position


def hearsay_positions(ctx: ArticleContext) -> list[Position]:
    """'X reportedly did Y', 'allegedly': the clause comes from an unnamed source."""
    out = []
    for tok in ctx.doc:
        if tok.lower_ not in cues.HEARSAY_ADVERBS or ctx.quote_of[tok.i] >= 0:
            continue
        head = tok.head
        if head.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        para = ctx.resolver.paragraph(tok.idx)
        subjects = [
            c.i
            for c in head.children
            # a subject in another paragraph is a parse glued over a headline line
            if c.dep_ in ("nsubj", "nsubjpass") and ctx.resolver.paragraph(c.idx) == para
        ]
        lo = min([tok.i, *subjects])
        lo_tok = tok.doc[lo]
        if lo_tok.dep_ in ("nsubj", "nsubjpass"):
            lo_tok = lo_tok.left_edge
        elif lo_tok == tok:
            lo_tok = tok.doc[tok.i + 1]
        found = char_range(lo_tok, head.right_edge)
        if found is None:
            continue
        start, end = found
        if ctx.resolver.paragraph(start) != ctx.resolver.paragraph(tok.idx):
            continue
        out.append(
            Position(None, cue_span(tok), Content(ctx.text[start:end], start, end), "according_to")
        )
    return out
