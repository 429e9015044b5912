"""Reading a speaker's phrase from the parse: its noun phrase, the name or role beside it,
epithets ("the 45-year-old"), and the parser's usual misplacements around names. Pure
functions of the parse; ``speakers.SpeakerResolver`` decides what a phrase refers to."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from bot.analysis import cues
from bot.analysis.first_names import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES
from bot.types import Speaker

# Left modifiers that belong to a speaker's noun phrase.
NP_LEFT_DEPS = frozenset(["compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case"])
LEADING_DETS = frozenset(["the", "a", "an", "this", "that", "these", "those", "both"])
# Abbreviated titles in a written role ("Republican Gov. X") stand for these role nouns.
ROLE_ABBREVIATIONS = {
    "gov.": "governor",
    "sen.": "senator",
    "rep.": "representative",
    "gen.": "general",
    "supt.": "superintendent",
    "atty.": "attorney",
    "pres.": "president",
    "sec.": "secretary",
    "amb.": "ambassador",
}
# Possessive determiners resolve like their pronouns: "his warning that …".
POSSESSIVES = {"his": "he", "her": "she", "their": "they", "its": "it", "our": "we", "my": "i"}
# Epithets that stand for a person already named: "the 45-year-old", "the Republican".
YEAR_OLD = re.compile(r"\d+-year-old")
PARTY_MEMBERS = frozenset(["Democrat", "Republican", "Conservative", "Tory"])


def closes_subject(ent: Span) -> bool:
    """'The firm that runs the show, Acme Events, denies …': a name set off by commas right
    before the verb ends the subject's phrase, wherever the parser hung it."""
    doc = ent.doc
    if ent.root.dep_ != "appos" or ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return False
    verb = doc[ent.end + 1]
    verb = verb.head if verb.dep_ in ("aux", "neg", "advmod") else verb
    subjects = [
        c
        for c in verb.children
        if c.dep_ in ("nsubj", "nsubjpass") and c.i < ent.start and c.pos_ == "NOUN"
    ]  # a common noun: a named subject ("Andrew, brother of Charles, said") names itself
    return any(s.left_edge.i <= ent.start and ent.end <= s.right_edge.i + 1 for s in subjects)


def based_noun(head: Token) -> Token | None:
    """'The Portland, Oregon-based company': the parser makes the place the head and hangs
    the company on it; the body is what the phrase names."""
    if head.ent_type_ not in ("GPE", "LOC"):
        return None
    for c in head.rights:
        based = any(t.lower_ == "based" or t.text.endswith("based") for t in c.lefts)
        if c.dep_ == "appos" and c.lemma_.lower() in cues.ORG_NOUNS and based:
            return c
    return None


def reported_clause(tok: Token) -> bool:
    """The token lies in a clause reported by a speech verb ("testified that X told him")."""
    child = tok
    for _ in range(12):
        head = child.head
        if head is child:
            return False
        lo, hi = sorted((child.i, head.i))
        if "\n" in tok.doc[lo : hi + 1].text:
            return False  # a parse glued across a paragraph break reports nothing
        if child.dep_ == "ccomp" and head.lemma_.lower() in cues.SPEECH_VERBS:
            return True
        child = head
    return False


def name_after_hyphen(head: Token) -> Span | None:
    """'said study co-author Anezina Solomonidou': the tokenizer splits "co-author" and the
    parser makes "co" the subject; the person named right after the hyphenated role speaks."""
    doc = head.doc
    i = head.i + 1
    if entity_at(head) is not None or head.whitespace_ or i >= len(doc) or doc[i].text != "-":
        return None
    j = i + 1
    while j < len(doc) and j - i <= 3 and not doc[j].ent_type_ and doc[j].is_lower:
        j += 1
    ent = entity_at(doc[j]) if j < len(doc) else None
    return ent if ent is not None and ent.label_ == "PERSON" and ent.start == j else None


def outlet_named(pobj: Token) -> Token | None:
    """'in The Wall Street Journal', 'in the journal Nature': the name after "in", or none
    ('a report in May', 'a study in mice')."""
    ent = entity_at(pobj)
    if ent is not None:
        return pobj if ent.label_ in ("ORG", "WORK_OF_ART") else None  # not "in May"
    if is_proper(pobj):
        return pobj
    named = [c for c in pobj.children if c.dep_ == "appos" and is_proper(c)]
    if pobj.lower_ in cues.MEDIA_NOUNS | {"journal"} and named:
        return named[0]  # "the journal Nature"
    return None


def given_name_before(ent: Span) -> Token | None:
    """The tagger sometimes leaves an unfamiliar given name out of a person's entity
    ("Tomasz Nowak" tagged "Nowak"): a capitalised proper noun compounded onto it."""
    if ent.label_ != "PERSON" or ent.start == 0 or len(ent) != 1:
        return None
    prev = ent.doc[ent.start - 1]
    word = prev.text.lower().rstrip(".")
    if (
        prev.pos_ != "PROPN"
        or not prev.text[:1].isupper()
        or prev.dep_ != "compound"
        or prev.head.i != ent.start
        or prev.ent_type_
        or word in cues.TITLES
        or word in cues.PERSON_ROLES
        or word in ROLE_ABBREVIATIONS
    ):
        return None
    return prev


def owns_subject(head: Token) -> bool:
    """'Mr. Trump's theatrical embrace is …': the owner of the subject is what the sentence is
    about, as salient for a later "he" as the subject itself."""
    return head.dep_ == "poss" and head.head.dep_ in ("nsubj", "nsubjpass")


def untagged_person(span: Span) -> bool:
    """'Eswar Prasad, a trade professor at Cornell, said': a name the tagger missed is a
    person's when its first word is a common first name, a person's role stands beside it, or
    a relative clause says "who" of it."""
    words = [t.text for t in span if is_proper(t)]
    if len(words) < 2 or words[-1].lower() in cues.ORG_NAME_WORDS | cues.COMPANY_NAME_WORDS:
        return False
    first = words[0].lower()
    if first in FEMALE_FIRST_NAMES or first in MALE_FIRST_NAMES:
        return True
    for child in span.root.rights:
        lemma = child.lemma_.lower()
        role = lemma in cues.PERSON_ROLES or lemma in cues.EXPERT_WORDS
        if child.dep_ == "appos" and child.pos_ == "NOUN" and role:
            return True
    return said_who(span.root)


def said_who(root: Token) -> bool:
    """'Collins Park, who led the division, told …': "who" is said of people only."""
    return any(
        child.dep_ == "relcl"
        and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "who" for c in child.children)
        for child in root.rights
    )


def is_epithet(span: Span) -> bool:
    """'the 45-year-old', 'the 24-year-old guard', 'the Republican', 'the Swede': words that
    stand for a person already named."""
    words = span.text.split()
    if len(words) < 2 or words[0].lower() != "the":
        return False
    if YEAR_OLD.fullmatch(words[1].lower()):
        # "the 41-year-old", "the 24-year-old guard", not "the 18-year-old students"
        return len(words) == 2 or (len(words) <= 4 and span[-1].tag_ in ("NN", "NNP"))
    if len(words) != 2:
        return False
    # one member of a party or a nation: "the Swede", not "the Swedes"
    return words[1] in PARTY_MEMBERS or (span[-1].ent_type_ == "NORP" and span[-1].tag_ == "NNP")


def is_proper(tok: Token) -> bool:
    """A proper noun, not a lower-case role the tagger called one ('the senator said')."""
    return tok.pos_ == "PROPN" and tok.text[:1].isupper()


def entity_label(name: str, label: str) -> str:
    """'Dick Clark Productions' tagged PERSON is a company: its last word says so. 'Imogen
    Sallow' tagged ORG is a person: a common first name and one more name say so."""
    words = name.split()
    last = words[-1].lower() if words else ""
    org_word = last in cues.ORG_NAME_WORDS | cues.COMPANY_NAME_WORDS
    if label == "PERSON" and org_word:
        return "ORG"
    if label in ("ORG", "GPE", "NORP", "FAC") and len(words) == 2 and not org_word:
        first = words[0].lower()
        if words[1][:1].isupper() and (first in FEMALE_FIRST_NAMES or first in MALE_FIRST_NAMES):
            return "PERSON"
    return label


def role_words(description: str | None) -> str:
    """A description with abbreviated titles spelt out: 'Republican Gov.' -> '… governor'."""
    if not description:
        return ""
    words = description.lower().split()
    return " ".join(ROLE_ABBREVIATIONS.get(w, w) for w in words)


def make_speaker(span: Span, resolved: str, description: str | None) -> Speaker:
    return Speaker(span.text, span.start_char, span.end_char, resolved, description)


def strip_possessive(text: str) -> str:
    words = text.split()
    if len(words) > 1 and words[0].lower() in POSSESSIVES:
        words = words[1:]
    return " ".join(words)


def strip_det(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in LEADING_DETS:
        words = words[1:]
    return " ".join(words)


def entity_at(token: Token) -> Span | None:
    """The named entity a token belongs to, if any."""
    if not token.ent_type_:
        return None
    for ent in token.sent.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def named_appos(head: Token) -> Span | Token | None:
    """'The company's chief executive, Tim Cook, said' -> the entity Tim Cook; a proper name
    the tagger gave no entity still names ('The label, Big Arrow, said')."""
    lemma = head.lemma_.lower()
    if lemma not in cues.PERSON_ROLES and lemma not in cues.ORG_NOUNS:
        # any person's noun names them: "one witness, Jane Doe, said"; a name right after
        # any noun is what the noun describes: "the market tracker Quadrant Mobile Research"
        for child in head.rights:
            ent = entity_at(child) if child.dep_ == "appos" else None
            # "one witness, Jane Doe", "one of those inspectors, Yusuf Rahimi"
            if not (head.pos_ == "NOUN" or head.lower_ == "one") or ent is None:
                continue
            adjacent = ent.start == head.i + 1
            if ent.label_ == "PERSON" or (adjacent and ent.label_ == "ORG"):
                return ent
        return None
    for child in head.rights:
        if child.dep_ == "prep" and lemma in cues.PERSON_ROLES:
            # "the chief executive of Acme, Lisa Tan, said": the parser hangs the name on
            # the nearest noun, the role's object.
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                for c in pobj.rights:
                    ent = entity_at(c) if c.dep_ == "appos" else None
                    if ent is not None and ent.label_ == "PERSON":
                        return ent
        if child.dep_ == "appos":
            ent = entity_at(child)
            if ent is not None and ent.label_ in ("PERSON", "ORG"):
                return ent
            for c in child.conjuncts:  # "chairman, CEO and president Ann Lee said"
                other = entity_at(c)
                if other is not None and other.label_ == "PERSON":
                    return other
            if ent is None and child.pos_ == "PROPN":
                return child
        if child.dep_ == "relcl":
            # "The firm that runs the show, Acme Events, said": the parser hangs the name on
            # the clause's last noun; a name right before the verb's comma is the head's.
            for t in child.subtree:
                if t.dep_ == "appos" and t.pos_ == "PROPN" and t.i > child.i:
                    nxt = t.right_edge.i + 1
                    doc = head.doc
                    if nxt + 1 < len(doc) and doc[nxt].text == "," and doc[nxt + 1] == head.head:
                        ent = entity_at(t)
                        return ent if ent is not None else t
    return None


def np_span(head: Token) -> Span:
    """The compact noun phrase of a speaker: left modifiers and the head (no clauses)."""
    doc = head.doc
    left = head.i
    for child in head.lefts:
        if child.dep_ in NP_LEFT_DEPS:
            left = min(left, child.left_edge.i)
    right = head.i
    ent = entity_at(head)
    if ent is not None:
        left, right = min(left, ent.start), max(right, ent.end - 1)
    while left < head.i and "\n" in doc[left : head.i].text:  # one paragraph only
        left += 1
    while right > left and doc[right].is_punct:
        right -= 1
    return doc[left : right + 1]


def role_description(ent: Span) -> str | None:
    """The role around a named mention, if the article writes one."""
    doc = ent.doc
    root = ent.root
    left = ent.start
    for child in root.lefts:
        if child.dep_ in NP_LEFT_DEPS and child.i < ent.start:
            left = min(left, child.left_edge.i)
    before = strip_det(doc[left : ent.start].text.strip(" ,"))
    words = re.split(r"[\s-]+", before)
    if before and _is_role(words):
        return before
    for child in root.rights:
        if child.dep_ == "appos" and not child.ent_type_:
            sub = doc[child.left_edge.i : child.right_edge.i + 1]
            text = strip_det(sub.text.strip(" ,"))
            if text and len(text.split()) <= 8 and _is_role(re.split(r"[\s-]+", text)):
                return text
    head = root.head
    person_noun = head.lemma_.lower() in cues.PERSON_ROLES | cues.KIN_NOUNS
    if root.dep_ == "appos" and head.pos_ == "NOUN" and person_noun:
        # "The suspect, Michael Webb, …", "His daughter, Karen Webb, …": the noun the name
        # stands beside is the role.
        return strip_det(np_span(head).text) or None
    return None


def _is_role(words: list[str]) -> bool:
    """A role has a common noun ('analyst') or a title ('President'), not just 'R' or 'D-Minn.'"""
    return any(
        (w.islower() and len(w) >= 3)
        or w.lower() in cues.PERSON_ROLES
        or w.lower() in ROLE_ABBREVIATIONS
        for w in words
    )


def person_of_org(name: str) -> str | None:
    """'Hanne Lindqvist of Nordlys Pictures', tagged as one organisation: a person, named by a
    common first name, of the organisation after "of"."""
    before, sep, _ = name.partition(" of ")
    words = before.split()
    if not sep or len(words) != 2 or not all(w[:1].isupper() for w in words):
        return None
    first = words[0].lower()
    return before if first in FEMALE_FIRST_NAMES or first in MALE_FIRST_NAMES else None
