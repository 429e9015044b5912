"""The author's own opinion, where the article argues in its own voice."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from bot.analysis import cues
from bot.analysis.positions.context import ArticleContext
from bot.analysis.positions.spans import char_range, cue_span
from bot.analysis.speakers import AUTHOR
from bot.types import Content, Position, Speaker

MAX_AUTHOR_POSITIONS = 2


def author_positions(ctx: ArticleContext, found: list[Position]) -> list[Position]:
    """Where the article argues in its own voice: 'we must', 'it is time', an evaluative
    conclusion in the last paragraph. At most two, the latest ones."""
    doc = ctx.doc
    paras = [m for m in re.finditer(r"[^\n]+", ctx.text) if len(m.group().split()) >= 8]
    last_para = paras[-1].start() if paras else len(ctx.text)
    taken = [(p.content.start, p.content.end) for p in found]
    out: list[Position] = []
    for sent in doc.sents:
        if any(ctx.quote_of[t.i] >= 0 for t in sent):
            continue
        if any(a < sent.end_char and sent.start_char < b for a, b in taken):
            continue
        marker = _opinion_marker(sent, final=sent.start_char >= last_para)
        if marker is None:
            continue
        s, e = char_range(sent[0], sent[-1]) or (sent.start_char, sent.end_char)
        speaker = Speaker("", marker.idx, marker.idx, AUTHOR, "opinion")
        out.append(Position(speaker, cue_span(marker), Content(ctx.text[s:e], s, e), "indirect"))
    return out[-MAX_AUTHOR_POSITIONS:]


def _opinion_marker(sent: Span, *, final: bool) -> Token | None:
    words = [t.lower_ for t in sent]
    for t in sent:
        low = t.lower_
        nxt = sent.doc[t.i + 1].lower_ if t.i + 1 < len(sent.doc) else ""
        if low in ("we", "us", "our") and any(w in cues.OPINION_MODALS for w in words):
            return next(x for x in sent if x.lower_ in cues.OPINION_MODALS)
        if low == "i" and nxt in ("think", "believe", "argue"):
            return sent.doc[t.i + 1]
        before = [sent.doc[t.i - 2].lower_, sent.doc[t.i - 1].lower_] if t.i >= 2 else []
        if low == "time" and before in (["it", "is"], ["it", "'s"]):
            return t
    if final:
        for t in sent:
            if t.lower_ in cues.EVALUATIVE_WORDS and t.pos_ == "ADJ":
                return t
    return None
