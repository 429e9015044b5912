"""The news outlet a statement came through: 'told the New York Times', or reported speech
inside a quote from an outlet."""

from __future__ import annotations

from spacy.tokens import Token

from bot.analysis.names import is_media_name
from bot.analysis.positions.context import ArticleContext
from bot.analysis.speaker_phrases import entity_at


def via_of(ctx: ArticleContext, tok: Token) -> str | None:
    """'told the New York Times', 'in an interview with CNN', 'officials reporting to the Times':
    the medium named beside the cue (not inside the reported content)."""
    for child in tok.children:
        if child.dep_ in ("ccomp", "xcomp", "conj", "advcl", "nsubj"):
            continue
        for c in child.subtree:
            if not c.ent_type_ or c.dep_ not in ("dobj", "dative", "pobj"):
                continue
            if c.dep_ == "pobj" and c.head.lower_ not in ("to", "with", "from"):
                continue
            name = _entity_name(ctx, c)
            if name and is_media_name(name):
                return name
    return None


def _entity_name(ctx: ArticleContext, tok: Token) -> str | None:
    ent = entity_at(tok)
    return ctx.resolver.name_of(ent) if ent is not None else None


def enclosing_via(ctx: ArticleContext, tok: Token) -> str | None:
    """Reported speech inside a quote from a news outlet comes via that outlet."""
    qi = ctx.quote_of[tok.i]
    pos = ctx.quote_positions.get(qi) if qi >= 0 else None
    if pos is None or pos.speaker is None:
        return None
    if is_media_name(pos.speaker.resolved):
        return pos.speaker.resolved
    return None
