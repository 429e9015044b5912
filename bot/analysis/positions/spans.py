"""Character ranges and token spans of one parse: what a position's cue and content cover.

A paragraph break ends every range: the parser's sentences sometimes run across one."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from bot.types import Span as TextSpan


def tokens_in(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def char_range(first: Token, last: Token) -> tuple[int, int] | None:
    """Characters from `first` to `last`, without edge punctuation and within one paragraph
    (the parser's sentences sometimes run across a paragraph break)."""
    doc = first.doc
    i, j = first.i, last.i
    for k in range(i, j + 1):
        if line_break_at(doc[k]):
            j = k - 1 if "\n" in doc[k].text else k
            break
    while i <= j and (doc[i].is_punct and doc[i].text not in '“‘"«„'):
        i += 1
    while j >= i and doc[j].is_punct and doc[j].text not in '”’"»%':
        j -= 1  # "rose 4%" keeps its sign
    if j - i + 1 < 2:
        return None
    return doc[i].idx, doc[j].idx + len(doc[j])


def cue_span(tok: Token) -> TextSpan:
    """The cue word with its particle and negation: 'did not say', 'called on'."""
    doc = tok.doc
    lo, hi = tok.i, tok.i
    # a "not" across punctuation is the quote's, which the parser hung on the verb
    # ('"Absolutely not," he said')
    neg = [c for c in tok.children if c.dep_ == "neg" and not _punct_between(c, tok)]
    if neg:
        aux = [c for c in tok.children if c.dep_ == "aux" and c.i < tok.i]
        lo = min([*neg, *aux], key=lambda t: t.i).i
    for c in tok.children:
        particle = c.dep_ == "prt" or (
            c.dep_ == "prep" and c.lower_ == "on" and tok.lemma_ == "call"
        )
        if particle and c.i == hi + 1:
            hi = c.i
    span = doc[lo : hi + 1]
    return TextSpan(span.text, span.start_char, span.end_char)


def breaks_between(a: Token, b: Token) -> bool:
    """A paragraph break between two tokens (``a`` first)."""
    lo, hi = min(a.i, b.left_edge.i), max(a.i, b.left_edge.i)
    return any(line_break_at(t) for t in a.doc[lo:hi])


def opens_paragraph(tok: Token) -> bool:
    return tok.i == 0 or line_break_at(tok.doc[tok.i - 1])


def line_break_at(tok: Token) -> bool:
    """The token is, or is followed by, a line break."""
    return "\n" in tok.text or "\n" in tok.whitespace_


def _punct_between(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.i, b.i))
    return any(t.is_punct for t in a.doc[lo + 1 : hi])
