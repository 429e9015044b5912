"""Positions held through a noun: 'his warning that …', 'a statement from X', 'X issued a
demand to …'."""

from __future__ import annotations

from spacy.tokens import Token

from bot.analysis import cues
from bot.analysis.positions.context import ArticleContext, mark_fragments
from bot.analysis.positions.grammar import pobj_of, subject_of
from bot.analysis.positions.spans import char_range, cue_span
from bot.types import Content, Position

NOUN_CUE_VERBS = frozenset(
    [
        "issue",
        "release",
        "make",
        "give",
        "express",
        "voice",
        "raise",
        "send",
        "post",
        "publish",
        "deliver",
        "repeat",
    ]
)


def noun_cue_positions(ctx: ArticleContext) -> list[Position]:
    out = []
    for tok in ctx.doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in cues.NOUN_CUES:
            continue
        if ctx.quote_of[tok.i] >= 0 or tok.lemma_.lower() in cues.WORDS_OF:
            continue
        content = _noun_content(tok)
        holder = _noun_holder(tok)
        if content is None or holder is None:
            continue
        speaker = ctx.resolver.resolve(holder)
        if speaker is None:
            continue
        start, end = content
        kind = "mixed" if mark_fragments(ctx, start, end) else "indirect"
        for c in tok.children:
            ctx.used_cues.add(c.i)
        out.append(Position(speaker, cue_span(tok), Content(ctx.text[start:end], start, end), kind))
    return out


def _noun_content(noun: Token) -> tuple[int, int] | None:
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        # "Hart's position is that the tax should go"
        clause = [c for c in noun.head.rights if c.dep_ in ("ccomp", "attr")]
        if clause and any(g.lower_ == "that" and g.dep_ == "mark" for g in clause[0].children):
            return char_range(clause[0].left_edge, clause[0].right_edge)
    for c in noun.rights:
        if c.dep_ in ("acl", "ccomp", "relcl") and any(
            g.lower_ == "that" and g.dep_ == "mark" for g in c.children
        ):
            return char_range(c.left_edge, c.right_edge)
        if c.dep_ == "acl" and c.lemma_.lower() in cues.SPEECH_VERBS:
            inner = [g for g in c.rights if g.dep_ in ("ccomp", "xcomp")]
            if inner:
                return char_range(inner[0].left_edge, inner[-1].right_edge)
        if (
            c.dep_ == "prep"
            and c.lower_ in ("about", "over", "on", "of", "against", "in", "for")
            and noun.lemma_.lower() in cues.NOUN_PREP_CUES
        ):
            inner = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if inner:  # "confidence in the winger": the object, not the preposition
                return char_range(inner[0].left_edge, c.right_edge)
        if c.dep_ == "acl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return char_range(c.left_edge, c.right_edge)  # "advice not to go", "demands to"
    return None


def reaction_positions(ctx: ArticleContext) -> list[Position]:
    """'The move drew criticism from environmental groups', 'sparked outrage among fans':
    the group reacts to the subject of the verb."""
    out = []
    for noun in ctx.doc:
        if noun.lemma_.lower() not in cues.REACTION_NOUNS or noun.dep_ != "dobj":
            continue
        verb = noun.head
        if verb.lemma_.lower() not in cues.REACTION_VERBS or ctx.quote_of[noun.i] >= 0:
            continue
        holder = next(
            (pobj_of(h, p) for h in (noun, verb) for p in ("from", "among") if pobj_of(h, p)),
            None,
        )
        target = subject_of(verb)
        if holder is None or target is None:
            continue
        speaker = ctx.resolver.resolve(holder)
        content = char_range(target.left_edge, target.right_edge)
        if speaker is None or content is None:
            continue
        start, end = content
        out.append(
            Position(speaker, cue_span(noun), Content(ctx.text[start:end], start, end), "indirect")
        )
    return out


def _noun_holder(noun: Token) -> Token | None:
    """Who holds a noun cue: 'his warning', 'a statement from X', 'X issued a statement'."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ in ("from", "by"):
            pobj = pobj_of(noun, c.lower_)
            if pobj is not None:
                return pobj
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in NOUN_CUE_VERBS:
        return subject_of(head)
    if noun.dep_ == "pobj" and head.lower_ in ("for", "of") and head.head.pos_ == "VERB":
        return subject_of(head.head)  # "quit for fear that …", "out of concern that …"
    return None
