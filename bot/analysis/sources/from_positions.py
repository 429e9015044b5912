"""The speakers of the positions as sources, with what their written phrase adds."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.analysis import cues
from bot.analysis import source_cues as sc
from bot.analysis.sources.kinds import classify, display_name, is_unnamed
from bot.analysis.sources.ledger import SourceEntry, add_source
from bot.analysis.sources.written import group_name, is_truncated, written_source
from bot.analysis.speakers import AUTHOR, SpeakerResolver
from bot.types import Position


def add_position_speaker(
    found: dict[str, SourceEntry],
    resolver: SpeakerResolver,
    p: Position,
    doc: Doc,
    roles: dict[str, str],
) -> None:
    sp = p.speaker
    anonymous = sp is not None and is_unnamed(sp.resolved, resolver)
    if p.via:
        informant = display_name(sp.resolved, resolver) if sp is not None else None
        # "US officials told the Times": the outlet, described by whom it heard; the unnamed
        # officials are a source of their own too (below)
        add_source(found, p.via, "media", informant if anonymous else None, p.cue.start)
    if sp is None or sp.resolved == AUTHOR or not sp.resolved.strip():
        return
    head = _head_at(doc, sp.start, sp.end)
    if head is not None and is_quantity(head):
        # "Fifty-one percent said", "a large proportion blames": a share of a group is no
        # source; the poll or survey it comes from is
        poll = _survey_in(head.sent)
        if poll is not None:
            add_source(found, group_name(poll), "document", None, p.cue.start)
        return
    if head is not None and _place_without_voice(head, doc, p):
        return  # "Beijing wants …", "a vote of confidence from Beijing": a place, not a voice
    if head is not None and _group_state_of_mind(head, doc, p):
        return  # "leaders may still believe …": the article's reading of a group, no citing
    if head is not None:
        # The written phrase says more than the resolution: "people familiar with the talks",
        # "the company that runs X, Y Inc.", "his office".
        written = written_source(head, resolver, roles)
        if written is not None:
            name, kind, desc = written
            add_source(found, name, kind, desc, p.cue.start)
            return
    name = display_name(sp.resolved, resolver)
    if head is not None and (
        is_truncated(name, head)
        or (head.pos_ == "NOUN" and not head.ent_type_ and name.casefold() == head.lower_)
    ):
        name = group_name(head)  # "China's commerce ministry", "employees of a bakery"
    name = roles.get(name.casefold(), name)
    kind = classify(name, sp.description, resolver.label_of(sp.resolved), p)
    add_source(found, name, kind, sp.description, p.cue.start)


def _head_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def is_quantity(head: Token) -> bool:
    """A percentage, a number or a quantifier phrase: '51 percent', 'an overwhelming 70
    percent', 'a large proportion', 'Two-thirds', 'half of voters'."""
    if head.lower_ == "%" or head.like_num or head.ent_type_ in ("PERCENT", "CARDINAL", "QUANTITY"):
        return True
    return head.lemma_.lower() in sc.QUANTITY_NOUNS


def _survey_in(sent: object) -> Token | None:
    """The poll or survey a share is quoted from, in the same sentence."""
    polls = [t for t in sent if t.pos_ == "NOUN" and t.lemma_.lower() in sc.SURVEY_NOUNS]
    return polls[0] if polls else None


def _place_without_voice(head: Token, doc: Doc, p: Position) -> bool:
    """A country or city is a source only when it speaks ('China said', 'the UK urged'), not
    when the article tells what it wants, believes or gets."""
    if head.ent_type_ != "GPE":
        return False
    cue = doc.char_span(p.cue.start, p.cue.end, alignment_mode="expand")
    if cue is None or not len(cue):
        return False
    lemma = cue.root.lemma_.lower()
    return lemma not in cues.SPEECH_VERBS or lemma in sc.MENTAL_VERBS


def _group_state_of_mind(head: Token, doc: Doc, p: Position) -> bool:
    """An unnamed plural group ('leaders', 'US officials') only said to believe, want or
    wonder, in the article's own words (no quote): nobody is cited."""
    if p.kind != "indirect" or head.pos_ != "NOUN" or head.tag_ != "NNS":
        return False
    cue = doc.char_span(p.cue.start, p.cue.end, alignment_mode="expand")
    return cue is not None and len(cue) > 0 and cue.root.lemma_.lower() in sc.MENTAL_VERBS
