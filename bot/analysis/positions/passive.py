"""Passive reports: 'X is expected to …', 'it is alleged that …' (no speaker) and 'a claim
denied by X' (the agent speaks)."""

from __future__ import annotations

from spacy.tokens import Token

from bot.analysis import cues
from bot.analysis.positions.context import ArticleContext, inside_used_quote, mark_fragments
from bot.analysis.positions.grammar import plausible_stance_subject
from bot.analysis.positions.spans import char_range, cue_span
from bot.analysis.speakers import AUTHOR
from bot.types import Content, Position

# The preposition that carries what is said of the subject, where it is not "as".
PASSIVE_PREPS = {"estimate": "at", "accuse": "of", "suspect": "of"}


def passive_positions(ctx: ArticleContext) -> list[Position]:
    """'X is expected to …', 'is seen as …', 'it is alleged that …' (no speaker), and
    'a claim denied by X', 'the figure touted by X' (the agent speaks)."""
    out = []
    for tok in ctx.doc:
        if tok.pos_ != "VERB" or tok.tag_ != "VBN" or tok.i in ctx.used_cues:
            continue
        if ctx.quote_of[tok.i] >= 0:
            continue
        lemma = tok.lemma_.lower()
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None:
            pos = _agent_report(ctx, tok, agent)
        elif lemma in cues.PASSIVE_CUES:
            pos = _impersonal_report(ctx, tok)
        else:
            pos = None
        if pos is not None:
            ctx.used_cues.add(tok.i)
            out.append(pos)
    return out


def _impersonal_report(ctx: ArticleContext, verb: Token) -> Position | None:
    kids = list(verb.children)
    if not any(c.dep_ == "auxpass" for c in kids) and verb.dep_ != "acl":
        return None
    subj = next((c for c in kids if c.dep_ in ("nsubjpass", "expl")), None)
    clause = [c for c in verb.rights if c.dep_ in ("ccomp", "xcomp")]
    # "is seen as Y", "is estimated at 40,000", "have been accused of Y"
    prep = PASSIVE_PREPS.get(verb.lemma_.lower(), "as")
    as_obj = [c for c in verb.rights if c.dep_ == "prep" and c.lower_ == prep]
    if clause and (subj is None or subj.lower_ == "it" or verb.lemma_ == "tell"):
        first, last = clause[0], clause[-1]  # "it is alleged that …": the clause alone
    elif subj is not None and (clause or as_obj):
        first, last = subj, (clause or as_obj)[-1]  # "X is seen as Y": all of it
    elif verb.dep_ == "acl" and clause:  # "a deal, once expected to close in May"
        first, last = verb.head, clause[-1]
    else:
        return None
    found = char_range(first.left_edge, last.right_edge)
    if found is None or ctx.resolver.paragraph(found[0]) != ctx.resolver.paragraph(verb.idx):
        return None
    start, end = found
    if inside_used_quote(ctx, start, end):
        return None
    kind = "mixed" if mark_fragments(ctx, start, end) else "indirect"
    return Position(None, cue_span(verb), Content(ctx.text[start:end], start, end), kind)


def _agent_report(ctx: ArticleContext, verb: Token, agent: Token) -> Position | None:
    lemma = verb.lemma_.lower()
    if lemma not in cues.STANCE_VERBS and lemma not in cues.AGENT_CUES:
        return None
    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
    target = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if target is None and verb.dep_ == "acl":
        target = verb.head  # "the figure touted by X"
    if pobj is None or target is None or not plausible_stance_subject(pobj):
        return None
    # The target's words before the cue: its own clause when passive, the noun phrase up to
    # the participle when the cue modifies it.
    before = [t for t in target.subtree if t.i < verb.i]
    found = char_range(before[0], before[-1]) if len(before) >= 2 else None
    speaker = ctx.resolver.resolve(pobj)
    if found is None or speaker is None or speaker.resolved == AUTHOR:
        return None
    start, end = found
    kind = "mixed" if mark_fragments(ctx, start, end) else "indirect"
    return Position(speaker, cue_span(verb), Content(ctx.text[start:end], start, end), kind)
