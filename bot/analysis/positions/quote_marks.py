"""Quotation marks in the text: which characters are quoted, in every mark style."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

CLOSERS = {"“": '”"', "«": "»", "„": "“”", '"': '"”', "‘": "’"}  # mixed marks happen


MIN_UNATTRIBUTED_WORDS = 6


@dataclass
class Quote:
    start: int  # content start (inside the marks)
    end: int  # content end
    open: int  # position of the opening mark
    close: int  # position just after the closing mark (or the paragraph end)
    full: bool = True  # a quoted statement, not a fragment inside a sentence
    used: bool = False


def find_quotes(text: str) -> list[Quote]:
    """Quoted spans in every mark style; a paragraph that opens a quote without closing it
    continues into the next paragraph when that one opens with a quote mark."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    quotes: list[Quote] = []
    run: tuple[int, int] | None = None  # (opening mark, content start) of a running quote
    for n, (ps, pe) in enumerate(paragraphs):
        i = ps
        continues = _next_opens(text, paragraphs, n)
        if run is not None:
            lead = ps + len(text[ps:pe]) - len(text[ps:pe].lstrip())
            close = _find_close(text, text[lead], lead + 1, pe)
            if close is None:
                if not continues:
                    quotes.append(_make_quote(text, run[1], pe, run[0], pe))
                    run = None
                continue
            quotes.append(_make_quote(text, run[1], close, run[0], close + 1))
            run, i = None, close + 1
        while i < pe:
            ch = text[i]
            if ch not in CLOSERS or (ch == "‘" and not _opens_single(text, i)):
                i += 1
                continue
            close = _find_close(text, ch, i + 1, pe)
            if close is None:
                if ch == "‘":
                    i += 1
                    continue
                if continues:
                    run = (i, i + 1)
                elif len(text[i:pe].split()) >= MIN_UNATTRIBUTED_WORDS:
                    quotes.append(_make_quote(text, i + 1, pe, i, pe))
                break
            quotes.append(_make_quote(text, i + 1, close, i, close + 1))
            i = close + 1
    if run is not None:
        quotes.append(_make_quote(text, run[1], len(text), run[0], len(text)))
    return [q for q in quotes if q.end > q.start]


def _next_opens(text: str, paragraphs: list[tuple[int, int]], n: int) -> bool:
    if n + 1 >= len(paragraphs):
        return False
    ns, ne = paragraphs[n + 1]
    return text[ns:ne].lstrip()[:1] in CLOSERS


def _opens_single(text: str, i: int) -> bool:
    """A ‘ opens a quote at a word start, not before a digit ('‘90s')."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and not after.isspace() and not after.isdigit()


def _find_close(text: str, opener: str, j: int, end: int) -> int | None:
    closers = CLOSERS[opener]
    while j < end:
        ch = text[j]
        if ch in closers:
            if opener != "‘":
                return j
            after = text[j + 1] if j + 1 < len(text) else " "
            if not after.isalnum():  # ’ followed by a letter is an apostrophe
                return j
        j += 1
    return None


def _make_quote(text: str, start: int, end: int, open_at: int, close: int) -> Quote:
    s, e = start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return Quote(s, e, open_at, close)


def quote_index(doc: Doc, quotes: list[Quote]) -> list[int]:
    """For each token, the quote it lies in (marks included), or -1."""
    out = [-1] * len(doc)
    qi = 0
    for tok in doc:
        while qi < len(quotes) and quotes[qi].close <= tok.idx:
            qi += 1
        if qi < len(quotes) and quotes[qi].open <= tok.idx < quotes[qi].close:
            out[tok.i] = qi
    return out
