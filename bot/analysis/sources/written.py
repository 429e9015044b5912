"""What the written noun phrase of a source says beyond its resolved name: 'people familiar
with the talks', 'an AP reporter', 'his office', 'China's commerce ministry'."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from bot.analysis import cues
from bot.analysis import source_cues as sc
from bot.analysis.names import is_media_name, normalize_name
from bot.analysis.sources.kinds import classify, kind_of
from bot.analysis.sources.ledger import tidy_name
from bot.analysis.speaker_phrases import entity_at, np_span
from bot.analysis.speakers import SpeakerResolver
from bot.types import SourceKind


def written_source(
    head: Token, resolver: SpeakerResolver, roles: dict[str, str]
) -> tuple[str, SourceKind, str | None] | None:
    """What the written phrase of a speaker tells beyond its resolution, if anything."""
    lemma = head.lemma_.lower()
    # "people familiar with the talks", "a source close to the company"
    if lemma in sc.ANONYMOUS_HEADS and head.pos_ == "NOUN" and not _has_proper_left(head):
        for c in head.rights:
            if c.lower_ in sc.ANONYMOUS_MODIFIERS or (
                c.dep_ == "prep" and c.lower_ == "with" and _pobj_lemma(c) == "knowledge"
            ):
                last = min(c.right_edge.i, c.i + 8)
                first = _first_content(head)
                return head.doc[first : last + 1].text, "anonymous", None
    # "an Associated Press journalist", "the BBC interviewer": the outlet
    if lemma in sc.MEDIA_PEOPLE and head.pos_ == "NOUN":
        owner = media_owner(head, resolver)
        if owner is not None:
            return owner, "media", None
    # "Alibaba's spokesperson", "an Alibaba spokesperson", "his office": the owner speaks
    if lemma in sc.SPOKES_NOUNS and head.pos_ == "NOUN":
        desc = lemma if lemma in cues.PERSON_ROLES else None  # "spokesperson", not "office"
        for c in head.lefts:
            if c.dep_ == "poss" and c.lower_ in ("his", "her"):
                person = _last_person(resolver, head)
                if person:
                    return person, kind_of(person, resolver), desc
            if (
                c.dep_ in ("poss", "compound")
                and c.pos_ == "PROPN"
                and c.i == head.i - 1 - (c.dep_ == "poss")
            ):
                ent = entity_at(c)
                name = resolver.canonical_name(ent.text if ent is not None else c.text)
                if lemma == "office" and resolver.label_of(name) != "PERSON":
                    break  # "Bolivia's public defender's office" is the office itself
                kind = kind_of(name, resolver)
                if kind == "person" and resolver.label_of(name) != "PERSON":
                    kind = "organization"  # what has a spokesperson and no person's name
                return name, kind, desc
    # "the company that runs X, Y Inc.": a named apposition the resolution missed
    if head.pos_ == "NOUN" and lemma in cues.ORG_NOUNS | cues.PERSON_ROLES:
        for c in head.subtree:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > head.i and c.i - head.i <= 12:
                name = resolver.canonical_name(np_span(c).text)
                return name, kind_of(name, resolver), None
    # "the Afghan government", "China's commerce ministry": a body named by its country is itself
    # the source; resolving "the government" back to the last organisation would mislead
    if (
        not head.ent_type_
        and lemma in cues.ORG_NOUNS | cues.OFFICIAL_WORDS
        and any(
            c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in ("GPE", "NORP")
            for c in head.lefts
        )
    ):
        name = group_name(head)
        return name, classify(name, None, None, None), None
    if head.pos_ == "NOUN" and lemma in roles:
        name = roles[lemma]
        return name, kind_of(name, resolver), lemma
    return None


def _has_proper_left(tok: Token) -> bool:
    return any(c.pos_ == "PROPN" for c in tok.lefts)


def _pobj_lemma(prep: Token) -> str:
    return next((g.lemma_.lower() for g in prep.children if g.dep_ == "pobj"), "")


def _first_content(head: Token) -> int:
    """The first token of the noun phrase after determiners and counts ("Two people" → people)."""
    first = np_span(head).start
    while first < head.i and head.doc[first].lower_ in sc.LEADING_WORDS | {"two", "a"}:
        first += 1
    while first < head.i and head.doc[first].pos_ == "NUM":
        first += 1
    return first


def group_name(head: Token) -> str:
    """A common-noun source with its modifiers and an 'of' phrase: 'employees of a car dealer'."""
    doc = head.doc
    first = _first_content(head)
    last = head.i
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ == "of" and c.right_edge.i - head.i <= 6:
            last = c.right_edge.i
    return tidy_name(doc[first : last + 1].text)


def is_truncated(name: str, head: Token) -> bool:
    """The resolved name is a piece of the written common-noun phrase that lost its head."""
    if head.pos_ not in ("NOUN", "PROPN") or head.lower_ in name.lower().split():
        return False
    return name.lower() in np_span(head).text.lower()


def strip_leading_words(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in sc.LEADING_WORDS:
        words = words[1:]
    return " ".join(words)


def _last_person(resolver: SpeakerResolver, tok: Token) -> str | None:
    """'his office', 'her spokeswoman': the latest person named before, in the last paragraphs."""
    para = resolver.paragraph(tok.idx)
    people = [
        m
        for m in resolver.mentions
        if m.label == "PERSON"
        and m.token < tok.i
        and para - resolver.paragraph(tok.doc[m.token].idx) <= 2
    ]
    return people[-1].name if people else None


def media_owner(tok: Token, resolver: SpeakerResolver) -> str | None:
    """The named owner before a noun ('the BBC interviewer' → BBC), not a person or place."""
    owners = [c for c in tok.lefts if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN"]
    if not owners:
        return None
    # "VOA Pentagon correspondent": the outlet is the owner with an outlet's name
    named = [o for o in owners if is_media_name(o.text)]
    owner = named[0] if named else owners[-1]
    if owner.ent_type_ in ("PERSON", "GPE", "NORP", "DATE"):
        return None
    ent = entity_at(owner)
    name = resolver.canonical_name(ent.text if ent is not None else owner.text)
    return None if resolver.label_of(name) in ("PERSON", "GPE") else name


def appos_roles(doc: Doc) -> dict[str, str]:
    """'The suspect, Michael Webb, …': later 'the suspect' is that person."""
    roles: dict[str, str] = {}
    for tok in doc:
        if tok.dep_ != "appos" or tok.ent_type_ != "PERSON":
            continue
        head = tok.head
        if head.pos_ != "NOUN" or not any(c.lower_ == "the" for c in head.lefts):
            continue
        ent = entity_at(tok)
        if ent is not None:
            roles.setdefault(head.lemma_.lower(), normalize_name(ent.text))
    return roles
