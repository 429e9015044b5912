"""Feelings as positions: 'were outraged at X', 'seem intent on Y'."""

from __future__ import annotations

from spacy.tokens import Token

from bot.analysis import cues
from bot.analysis.positions.context import ArticleContext
from bot.analysis.positions.grammar import subject_of
from bot.analysis.positions.spans import char_range, cue_span
from bot.analysis.speakers import AUTHOR
from bot.types import Content, Position


def feeling_positions(ctx: ArticleContext) -> list[Position]:
    out = []
    for tok in ctx.doc:
        if tok.lower_ not in cues.FEELING_ADJECTIVES or ctx.quote_of[tok.i] >= 0:
            continue
        subj = _feeling_holder(tok)
        content = _feeling_content(tok) if subj is not None else None
        if subj is None or content is None:
            continue
        speaker = ctx.resolver.resolve(subj)
        if speaker is None or speaker.resolved == AUTHOR:
            continue
        start, end = content
        out.append(
            Position(
                speaker,
                cue_span(tok),
                Content(ctx.text[start:end], start, end),
                "indirect",
            )
        )
    return out


def _feeling_holder(tok: Token) -> Token | None:
    """Who feels: the subject of the adjective's verb ('were outraged', 'seem intent'), or of
    the participle itself, passive ones included ('were repelled')."""
    if tok.dep_ in ("acomp", "oprd"):
        return subject_of(tok.head)
    if tok.dep_ == "ROOT" or tok.pos_ == "VERB":
        if any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children):
            return None  # "have determined what caused it" is an act, not a feeling
        passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        return passive or subject_of(tok)
    return None


def _feeling_content(tok: Token) -> tuple[int, int] | None:
    """What the feeling is about: 'at/about/by/over/with/on/of …', a clause, or 'when …'."""
    parts = [
        c
        for c in tok.rights
        if (c.dep_ == "prep" and c.lower_ in ("at", "about", "by", "over", "with", "on", "of"))
        or (c.dep_ == "prep" and c.lower_ == "to" and tok.lower_ in cues.STANCE_ADJECTIVES_TO)
        or c.dep_ in ("ccomp", "xcomp")
        or (c.dep_ == "advcl" and any(g.lower_ == "when" for g in c.children))
    ]
    if not parts:
        return None
    return char_range(parts[0].left_edge, parts[-1].right_edge)
