"""Stated positions: who said, claimed, urged, condemned or denied what.

Rules over one spaCy parse: quotation marks found in the text, attributed to a nearby reporting
verb (before or after, or a colon, or "the words of X"); reported speech from reporting and stance
verbs with their clause or object; "according to X"; noun cues ("his warning that"); evidence
("the report found"); feelings ("were outraged at"); and the author's own opinion where the
article argues. Speakers are resolved by `speakers.SpeakerResolver`.

The rules, one module each: `quote_marks` (finding quotes), `direct_quotes` (who said them),
`reported` (reporting and stance verbs), `according`, `noun_cues`, `feelings`, `passive`,
`hearsay` and `author` (the article's own voice); they share `context` (the article being read),
`spans`, `grammar` and `via`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.analysis import cues
from bot.analysis.positions.according import according_positions
from bot.analysis.positions.author import author_positions
from bot.analysis.positions.context import ArticleContext
from bot.analysis.positions.direct_quotes import direct_positions, is_full_quote
from bot.analysis.positions.embeds import embed_positions, find_embeds, with_embeds
from bot.analysis.positions.feelings import feeling_positions
from bot.analysis.positions.grammar import (
    is_quote_only_verb,
    is_report_verb,
    second_report,
    subject_of,
)
from bot.analysis.positions.hearsay import hearsay_positions
from bot.analysis.positions.noun_cues import noun_cue_positions, reaction_positions
from bot.analysis.positions.passive import passive_positions
from bot.analysis.positions.quote_marks import find_quotes, quote_index
from bot.analysis.positions.reported import reported_positions
from bot.analysis.speakers import AUTHOR, ISSUED_NOUNS, SpeakerResolver
from bot.types import Content, Position, Span, Speaker

REPORT_NOUN = "report"


def find_positions(doc: Doc) -> list[Position]:
    """Every stated position of the article, in text order."""
    text = doc.text
    embeds = find_embeds(text)
    quotes = with_embeds(find_quotes(text), embeds)
    resolver = SpeakerResolver(doc, text=text, quoted=[(q.open, q.close) for q in quotes])
    ctx = ArticleContext(doc, text, resolver, quotes, quote_index(doc, quotes))
    for q in quotes:
        if not q.used:  # a post's quote is taken (see embeds)
            q.full = is_full_quote(ctx, q)
    _resolve_in_text_order(ctx)
    positions = direct_positions(ctx) + embed_positions(embeds, text, resolver)
    positions += reported_positions(ctx)
    positions += according_positions(ctx)
    positions += noun_cue_positions(ctx)
    positions += reaction_positions(ctx)
    positions += feeling_positions(ctx)
    positions += passive_positions(ctx)
    positions += hearsay_positions(ctx)
    positions += author_positions(ctx, positions)
    _speak_for_issuers(positions, resolver)
    positions.sort(key=lambda p: (p.content.start, p.cue.start))
    return _drop_own_views(_dedupe(positions), ctx)


def _resolve_in_text_order(ctx: ArticleContext) -> None:
    """Meet every reporting verb's subject in the order a reader does, so that a pronoun
    resolved later (the rules run kind by kind: quotes first) can lean on who spoke just
    before it ('… and she says the grief was real. "…," she says.')."""
    for tok in ctx.doc:
        if ctx.quote_of[tok.i] >= 0 or not (is_report_verb(tok) or is_quote_only_verb(tok)):
            continue
        subj = subject_of(tok)
        if subj is not None and ctx.quote_of[subj.i] < 0:
            ctx.resolver.resolve(subj)


def _speak_for_issuers(positions: list[Position], resolver: SpeakerResolver) -> None:
    """'"…," the statement said': a statement speaks for whoever issued it, the speaker of
    the report just before it; 'the report claims' for the last body that reported, as
    people write statements but bodies publish reports (quotes are attributed before reported
    speech, so this runs once all positions are known)."""
    ordered = sorted(positions, key=lambda p: p.cue.start)
    last: Speaker | None = None
    last_body: Speaker | None = None
    for p in ordered:
        sp = p.speaker
        if sp is None:
            continue
        words = sp.resolved.lower().split()
        if len(words) == 1 and words[0] in (*ISSUED_NOUNS, REPORT_NOUN):
            issuer = last if words[0] in ISSUED_NOUNS else last_body
            if issuer is not None and sp.start - issuer.end < 1500:
                p.speaker = Speaker(sp.text, sp.start, sp.end, issuer.resolved, issuer.description)
            continue
        if sp.resolved != AUTHOR:
            last = sp
            if resolver.person_for(sp.resolved) is None:
                last_body = sp


def _dedupe(positions: list[Position]) -> list[Position]:
    """Drop a position whose cue and content repeat one already kept."""
    seen: set[tuple[int, int, int]] = set()
    out = []
    for p in positions:
        key = (p.cue.start, p.content.start, p.content.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out


def _drop_own_views(positions: list[Position], ctx: ArticleContext) -> list[Position]:
    """'Volker said he did not realize X': a speaker's own view reported inside their own
    statement is part of it, not a second position (a third party's view inside it is kept,
    and so is 'praised the plan, saying …', which is not inside a statement)."""
    doc = ctx.doc
    statements: dict[str, list[int]] = {}  # speaker -> tokens of their speech verbs
    for p in positions:
        verb = ctx.report_verbs.get(p.cue.start)
        if p.speaker is not None and verb is not None and _speech(doc[verb]):
            statements.setdefault(p.speaker.resolved, []).append(verb)
    out = []
    for p in positions:
        verb = ctx.report_verbs.get(p.cue.start)
        own = (
            p.kind == "indirect"
            and p.speaker is not None
            and verb is not None
            and any(
                _in_clause_of(doc[s], doc[verb]) for s in statements.get(p.speaker.resolved, [])
            )
        )
        if not own:
            out.append(p)
    return out


def _speech(verb: Token) -> bool:
    return verb.lemma_.lower() in cues.SPEECH_VERBS


def _in_clause_of(statement: Token, verb: Token) -> bool:
    """``verb`` lies in the clause ``statement`` reports ("said he did not realize"), not in a
    conjoined statement of its own ("said A, and he said he thinks B")."""
    if statement == verb or not statement.is_ancestor(verb):
        return False
    if verb.dep_ == "conj" and verb.head.head == statement and second_report(verb):
        return False  # "said A, and warned that B": the parser's join, not A's clause
    tok = verb
    while tok.head != statement:
        tok = tok.head
    return tok.dep_ == "ccomp"


def shift_position(p: Position, by: int) -> Position:
    """The same position in a text where its own text starts ``by`` characters in."""
    sp = p.speaker
    speaker = (
        Speaker(sp.text, sp.start + by, sp.end + by, sp.resolved, sp.description) if sp else None
    )
    parts = [(a + by, b + by) for a, b in p.content.parts] if p.content.parts else None
    content = Content(p.content.text, p.content.start + by, p.content.end + by, parts)
    cue = Span(p.cue.text, p.cue.start + by, p.cue.end + by)
    return Position(speaker, cue, content, p.kind, p.via)
