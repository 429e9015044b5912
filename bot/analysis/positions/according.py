"""'According to X': the clause the phrase attaches to is X's position."""

from __future__ import annotations

from spacy.tokens import Token

from bot.analysis.positions.context import ArticleContext, mark_fragments
from bot.analysis.positions.grammar import is_according, pobj_of
from bot.analysis.positions.spans import char_range, line_break_at, tokens_in
from bot.analysis.positions.via import enclosing_via, via_of
from bot.types import Content, Position
from bot.types import Span as TextSpan


def according_positions(ctx: ArticleContext) -> list[Position]:
    out = []
    for tok in ctx.doc:
        if not is_according(tok) or tok.i in ctx.used_cues:
            continue
        via = enclosing_via(ctx, tok)
        if ctx.quote_of[tok.i] >= 0 and via is None:
            continue
        pobj = pobj_of(tok, "to")
        if pobj is None:
            continue
        speaker = ctx.resolver.resolve(pobj)
        content = _clause_without(ctx, tok)
        if speaker is None or content is None:
            continue
        start, end = content
        kind = "mixed" if mark_fragments(ctx, start, end) else "according_to"
        via = via or via_of(ctx, pobj)
        cue = ctx.doc[tok.i : pobj.i + 1] if pobj.i - tok.i <= 2 else ctx.doc[tok.i : tok.i + 2]
        out.append(
            Position(
                speaker,
                TextSpan(cue.text, cue.start_char, cue.end_char),
                Content(ctx.text[start:end], start, end),
                kind if kind == "mixed" else "according_to",
                via,
            )
        )
    return out


def _clause_without(ctx: ArticleContext, tok: Token) -> tuple[int, int] | None:
    """The sentence a phrase like 'according to X' attaches to, minus the phrase (and within
    the quote when the phrase is quoted)."""
    sent, doc = tok.sent, tok.doc
    lo, hi = sent.start, sent.end
    qi = ctx.quote_of[tok.i]
    if qi >= 0:
        qspan = tokens_in(doc, ctx.quotes[qi].start, ctx.quotes[qi].end)
        if qspan is not None:
            lo, hi = max(lo, qspan.start), min(hi, qspan.end)
    a, b = tok.left_edge.i, tok.right_edge.i
    for k in range(a - 1, lo - 1, -1):  # stay in the phrase's paragraph
        if line_break_at(doc[k]):
            lo = k + 1
            break
    left = doc[lo:a]
    right = doc[b + 1 : hi]
    side = right if len(right) > len(left) else left
    if len(side) < 3:
        return None
    return char_range(side[0], side[-1])
