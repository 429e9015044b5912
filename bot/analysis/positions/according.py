"""'According to X': the clause the phrase attaches to is X's position."""

from __future__ import annotations

from spacy.tokens import Token

from bot.analysis.positions.context import ArticleContext, mark_fragments
from bot.analysis.positions.grammar import is_according, pobj_of
from bot.analysis.positions.spans import char_range, cue_span, line_break_at, tokens_in
from bot.analysis.positions.via import enclosing_via, via_of
from bot.types import Content, Position
from bot.types import Span as TextSpan

# Verbs of telling and publishing in "as X reported": "as you know" or "as the data
# suggested" cite no one.
AS_REPORTED_VERBS = frozenset(
    ["report", "say", "explain", "note", "write", "tell", "describe", "announce", "reveal"]
)
# "In X's view, …": nouns of opinion that make the sentence X's.
VIEW_NOUNS = frozenset(["view", "opinion", "estimation", "judgment", "judgement", "mind", "words"])


def according_positions(ctx: ArticleContext) -> list[Position]:
    out = [p for p in (_in_view_of(ctx, t) for t in ctx.doc) if p is not None]
    out += [p for p in (_as_reported(ctx, t) for t in ctx.doc) if p is not None]
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


def _as_reported(ctx: ArticleContext, verb: Token) -> Position | None:
    """'HP, as Gizmodo recently explained, is a rare condition', '…, as reported by The
    Independent', 'As first reported by Axios, …': the sentence around the as-clause is the
    position of whoever reported it."""
    if verb.dep_ != "advcl" or verb.i in ctx.used_cues or ctx.quote_of[verb.i] >= 0:
        return None
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"), None)
    if mark is None or verb.lemma_.lower() not in AS_REPORTED_VERBS:
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "conj") for c in verb.children):
        return None  # "as most companies reported results": a reason, what they reported
    if mark.i > verb.sent.start and verb.doc[mark.i - 1].text != ",":
        return None  # set off like a source ("…, as X reported"), not "as far apart as …"
    source = next((c for c in verb.children if c.dep_ == "nsubj"), None) or pobj_of(verb, "by")
    if source is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    speaker = ctx.resolver.resolve(source) if source is not None else None
    content = _clause_without(ctx, verb)
    if speaker is None or content is None:
        return None
    start, end = content
    ctx.used_cues.add(verb.i)
    kind = "mixed" if mark_fragments(ctx, start, end) else "according_to"
    return Position(speaker, cue_span(verb), Content(ctx.text[start:end], start, end), kind)


def _in_view_of(ctx: ArticleContext, tok: Token) -> Position | None:
    """'In Hart's view, the tax is unfair': the sentence is Hart's."""
    if tok.lower_ != "in" or tok.dep_ != "prep" or ctx.quote_of[tok.i] >= 0:
        return None
    noun = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if noun is None or noun.lemma_.lower() not in VIEW_NOUNS:
        return None
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    speaker = ctx.resolver.resolve(holder) if holder is not None else None
    content = _clause_without(ctx, tok)
    if speaker is None or content is None:
        return None
    start, end = content
    cue = ctx.doc[tok.i : noun.i + 1]
    kind = "mixed" if mark_fragments(ctx, start, end) else "according_to"
    return Position(
        speaker,
        TextSpan(cue.text, cue.start_char, cue.end_char),
        Content(ctx.text[start:end], start, end),
        kind,
    )
