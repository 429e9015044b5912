"""Sources the article relies on: outlets, officials, experts, organisations, documents and
unnamed sources, merged by the speakers' resolution and ranked by how often they are cited.

Two inputs, one parse: the speakers of the positions, and a cheap scan of the same Doc for the
ways news prose cites without a position being extracted ("X reported", "told X", "a CNN
reporter", "analysts surveyed by X", "people familiar with the talks", datelines "(AP) —")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from bot.analysis import cues
from bot.analysis import source_cues as sc
from bot.analysis.positions import is_media_name
from bot.analysis.speakers import AUTHOR, SpeakerResolver, normalize_name, np_span
from bot.types import Position, Source, SourceKind

# Generic heads that stand for unnamed informants: "sources", "people familiar with".
UNNAMED = frozenset(["source", "sources", "person", "people", "someone", "insider", "insiders"])


@dataclass
class _Entry:
    name: str
    kind: SourceKind
    description: str | None
    mentions: int
    first: int


def find_sources(doc: Doc, positions: list[Position]) -> list[Source]:
    """Every source cited, most cited first."""
    resolver = SpeakerResolver(doc)
    found: dict[str, _Entry] = {}
    roles = _appos_roles(doc)
    for p in positions:
        _add_position(found, resolver, p, doc, roles)
    # positions without a speaker leave their cue to the scan (the parse may have lost the subject)
    cue_at = {p.cue.start for p in positions if p.speaker is not None}
    scan = _Scan(doc, resolver, found, cue_at, roles)
    scan.credited = _speaker_tokens(doc, positions)
    quoted = _quoted_tokens(doc, positions)
    headlines = _headline_lines(doc.text)
    for tok in doc:
        # Sources inside a quote are the speaker's; a title-case line is page furniture.
        if tok.i in quoted or any(a <= tok.idx < b for a, b in headlines):
            continue
        _add_agent(found, resolver, tok)
        scan.token(tok)
    _add_datelines(found, doc.text)
    entries = _merge(list(found.values()), resolver)
    entries = [e for e in entries if _keep(e, doc.text)]
    ranked = sorted(entries, key=lambda e: (-e.mentions, e.first))
    return [Source(e.name, e.kind, e.description, e.mentions) for e in ranked]


def _add_position(
    found: dict[str, _Entry],
    resolver: SpeakerResolver,
    p: Position,
    doc: Doc,
    roles: dict[str, str],
) -> None:
    sp = p.speaker
    anonymous = sp is not None and _is_unnamed(sp.resolved, resolver)
    if p.via:
        informant = _display_name(sp.resolved, resolver) if sp is not None else None
        _add(found, p.via, "media", informant if anonymous else None, p.cue.start)
        if anonymous:
            return  # "US officials reporting to the Times" are the outlet's description
    if sp is None or sp.resolved == AUTHOR or not sp.resolved.strip():
        return
    head = _head_at(doc, sp.start, sp.end)
    if head is not None:
        # The written phrase says more than the resolution: "people familiar with the talks",
        # "the company that runs X, Y Inc.", "his office".
        written = _written_source(head, resolver, roles)
        if written is not None:
            name, kind, desc = written
            _add(found, name, kind, desc, p.cue.start)
            return
    name = _display_name(sp.resolved, resolver)
    if head is not None and (
        _truncated(name, head)
        or (head.pos_ == "NOUN" and not head.ent_type_ and name.casefold() == head.lower_)
    ):
        name = _group_name(head)  # "China's commerce ministry", "employees of a bakery"
    name = roles.get(name.casefold(), name)
    kind = classify(name, sp.description, resolver.label_of(sp.resolved), p)
    _add(found, name, kind, sp.description, p.cue.start)


def _add_agent(found: dict[str, _Entry], resolver: SpeakerResolver, tok: Token) -> None:
    """'a hypothesis confirmed by US intelligence', 'as reported by X': passive reporting."""
    if tok.dep_ != "pobj" or tok.head.dep_ != "agent":
        return
    verb = tok.head.head
    lemma = verb.lemma_.lower()
    if lemma not in cues.SPEECH_VERBS | cues.STANCE_VERBS | sc.AGENT_VERBS:
        return
    if tok.pos_ == "PRON" or tok.lower_ in sc.NOT_SOURCES:
        return
    # "confirmed by lab testing" cites nothing: the agent must name someone or a document
    if not tok.ent_type_ and tok.pos_ != "PROPN" and not _source_noun(tok.lemma_.lower()):
        return
    speaker = resolver.resolve(tok)
    if speaker is None or speaker.resolved == AUTHOR:
        return
    name = _display_name(speaker.resolved, resolver)
    label = resolver.label_of(speaker.resolved)
    kind = classify(name, speaker.description, label, None)
    if lemma in sc.AGENT_VERBS and kind == "person" and label != "PERSON":
        kind = "organization"  # "a chart provided by X", "analysts surveyed by X": a data body
    _add(found, name, kind, speaker.description, tok.idx)


class _Scan:
    """Citations written without a position: one look at each token, no second parse."""

    def __init__(
        self,
        doc: Doc,
        resolver: SpeakerResolver,
        found: dict[str, _Entry],
        cue_at: set[int],
        roles: dict[str, str],
    ) -> None:
        self.doc = doc
        self.resolver = resolver
        self.found = found
        self.cue_at = cue_at
        self.roles = roles
        self.credited: set[int] = set()  # tokens of the positions' speakers, already counted

    def add(self, name: str, kind: SourceKind, desc: str | None, at: int) -> None:
        if name and name.casefold() not in sc.NOT_SOURCES:
            _add(self.found, name, kind, desc, at)

    def token(self, tok: Token) -> None:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            if lemma in sc.SOURCE_VERBS or (lemma == "rule" and _has_child(tok, "prt")):
                self.verb_subject(tok, lemma)
            if lemma == "tell":
                self.recipient(tok)
            if lemma in sc.TO_MEDIA_VERBS:
                self.to_outlet(tok)
            if lemma in sc.PUBLISH_VERBS:
                self.journal(tok)
            if lemma in ("say", "state", "write", "announce", "add"):
                self.said_in(tok)
            if lemma in sc.SAY_ON_VERBS:
                self.said_on_outlet(tok)
        elif tok.pos_ in ("NOUN", "PROPN") and lemma in sc.MEDIA_ROLE_NOUNS:
            self.media_role(tok, lemma)
        if tok.pos_ in ("NOUN", "PROPN") and lemma in sc.OUTLET_PIECES:
            self.said_on_outlet(tok)  # "in an interview with X", "an op-ed in X"
        if tok.pos_ == "NOUN" and (lemma in cues.DOCUMENT_NOUNS or lemma in sc.DOCUMENT_WORDS):
            self.document_owner(tok)
        if lemma in sc.SPOKES_NOUNS:
            self.spokes_for(tok)
        if tok.lower_ == "according":
            self.according(tok)
        if tok.dep_ == "nsubj" and tok.ent_type_ in ("ORG", "WORK_OF_ART", "PERSON", "GPE"):
            self.media_mention(tok)
        if (
            tok.pos_ == "NOUN"
            and tok.dep_ in ("nsubj", "nsubjpass")
            and tok.tag_ == "NNS"
            and lemma in cues.EXPERT_WORDS
            and tok.head.idx not in self.cue_at
            and any(c.dep_ in ("compound", "amod") for c in tok.lefts)
        ):
            # "Wall Street analysts are trying to assess": a named group of experts (a bare
            # "researchers" is the study's authors, already cited as the study)
            self.add(_group_name(tok), "expert", None, tok.idx)

    def verb_subject(self, verb: Token, lemma: str) -> None:
        if verb.idx in self.cue_at:
            return  # a position already names this speaker
        if lemma in sc.NEEDS_EVIDENCE_OBJECT and not any(
            c.dep_ == "dobj" and c.lemma_.lower() in sc.EVIDENCE_OBJECTS for c in verb.children
        ):
            return
        if lemma in sc.DECLINE_VERBS and not any(
            c.dep_ == "xcomp" and c.lemma_.lower() in sc.DECLINED_ACTS for c in verb.children
        ):
            return
        if lemma not in sc.CITE_WITHOUT_CLAUSE and not any(
            c.dep_ in ("ccomp", "xcomp", "parataxis") for c in verb.children
        ):
            return  # "the US maintains tariffs": only "maintains that …" cites
        if any(c.dep_ in ("agent", "auxpass", "nsubjpass") for c in verb.children):
            return  # "a claim confirmed by X": the passive subject is not the source
        subj = _subject(verb) or (_preceding_subject(verb) if lemma in SAY_VERBS else None)
        if subj is None or subj.i in self.credited:
            return
        written = _written_source(subj, self.resolver, self.roles)
        if written is not None:
            self.add(*written, verb.idx)
            return
        if subj.pos_ == "PRON" or subj.lower_ in sc.NOT_SOURCES:
            return  # pronouns are the positions' business; resolving them again adds noise
        head_lemma = subj.lemma_.lower()
        documentish = (
            head_lemma in cues.DOCUMENT_NOUNS
            or head_lemma in sc.EVIDENCE_OBJECTS
            or head_lemma in sc.DOCUMENT_WORDS
        )
        if lemma in sc.EVIDENCE_ONLY:
            if documentish and subj.pos_ == "NOUN":
                self.add(_group_name(subj), "document", None, verb.idx)
            return
        if subj.pos_ == "NOUN" and documentish and not _has_owner(subj):
            self.add(_group_name(subj), "document", None, verb.idx)
            return
        if subj.pos_ not in ("NOUN", "PROPN"):
            return
        if subj.pos_ == "NOUN" and not subj.ent_type_ and not _source_noun(head_lemma):
            return  # "the presidency condemns": only people, bodies and documents cite
        speaker = self.resolver.resolve(subj)
        if speaker is None or speaker.resolved == AUTHOR:
            return
        name = _display_name(speaker.resolved, self.resolver)
        if subj.pos_ == "NOUN" and not subj.ent_type_ and name == _strip_lead(np_span(subj).text):
            name = _group_name(subj)  # "employees of a car dealership"
        name = self.roles.get(name.casefold(), name)
        kind = classify(name, speaker.description, self.resolver.label_of(speaker.resolved), None)
        self.add(name, kind, speaker.description, verb.idx)

    def recipient(self, verb: Token) -> None:
        """'told the Argus Leader', 'tells the paper': whom news is told is the outlet."""
        for c in verb.children:
            if c.dep_ not in ("dobj", "dative", "advmod", "npadvmod") or c.i <= verb.i:
                continue
            if c.i - verb.i > 3:
                continue
            self.outlet(c, verb.idx)

    def to_outlet(self, verb: Token) -> None:
        """'declined to comment to X', 'documents leaked to X', 'spoke to X'."""
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "to":
                for g in c.children:
                    if g.dep_ == "pobj":
                        self.outlet(g, verb.idx)

    def outlet(self, tok: Token, at: int) -> None:
        if tok.lemma_.lower() in cues.MEDIA_NOUNS and not tok.ent_type_:
            # "the paper" is the outlet named last
            earlier = [e for e in self.found.values() if e.kind == "media" and e.first < tok.idx]
            if earlier and any(c.lower_ == "the" for c in tok.lefts):
                latest = max(earlier, key=lambda e: e.first)
                self.add(latest.name, "media", None, at)
            return
        if not (tok.pos_ == "PROPN" or (tok.text[:1].isupper() and tok.pos_ in ("ADV", "NOUN"))):
            return
        name = normalize_name(np_span(tok).text)
        name = self.resolver.canonical.get(name, name)
        media = is_media_name(name)  # NER often calls outlets places or people
        if not media and (
            tok.ent_type_ in ("PERSON", "GPE", "NORP", "DATE", "TIME", "LOC", "CARDINAL")
            or self.resolver.label_of(name) in ("PERSON", "GPE")
        ):
            return
        words = {w.lower() for w in re.split(r"[\s-]+", name)}
        if not media and words & (cues.OFFICIAL_WORDS | cues.ORG_NAME_WORDS):
            return  # "told Congress", "told the committee": the audience, not an outlet
        self.add(name, "media", None, at)

    def journal(self, verb: Token) -> None:
        """'published in the journal Nature', 'appeared in Science': the journal cites a study."""
        for c in verb.children:
            if c.dep_ != "prep" or c.lower_ != "in":
                continue
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                named = [a for a in g.children if a.dep_ == "appos" and a.pos_ == "PROPN"]
                tok = named[0] if g.lemma_.lower() == "journal" and named else g
                if tok.pos_ == "PROPN" and tok.ent_type_ not in ("GPE", "DATE", "PERSON"):
                    self.add(normalize_name(np_span(tok).text), "document", "journal", verb.idx)

    def said_in(self, verb: Token) -> None:
        """'said in the earnings release', 'wrote in a court filing': a named document."""
        for c in verb.children:
            if c.dep_ != "prep" or c.lower_ != "in":
                continue
            for g in c.children:
                lemma = g.lemma_.lower()
                if g.dep_ != "pobj" or (
                    lemma not in cues.DOCUMENT_NOUNS and lemma not in sc.EVIDENCE_OBJECTS
                ):
                    continue
                # a bare "in a statement" adds nothing to the speaker already cited
                if any(m.dep_ == "poss" and m.pos_ == "PRON" for m in g.lefts):
                    continue  # "in his opening statement" is the speaker's own words
                if any(m.dep_ in ("compound", "amod", "poss") for m in g.lefts):
                    self.add(_group_name(g), "document", None, verb.idx)

    def media_mention(self, tok: Token) -> None:
        """'NBC 5 has edited the video', 'the Post reviewed records': an outlet at work is
        cited, whatever its verb."""
        ent = [e for e in tok.sent.ents if e.start <= tok.i < e.end]
        if not ent or ent[0].root != tok or "," in ent[0].text:
            return
        name = self.resolver.name_of(ent[0])
        if sc.STRONG_MEDIA.search(name) and self.resolver.label_of(name) != "PERSON":
            self.add(name, "media", None, tok.head.idx)

    def said_on_outlet(self, tok: Token) -> None:
        """'said on CNN', 'wrote in the Post', 'in an interview with the BBC'."""
        for c in tok.children:
            if c.dep_ != "prep" or c.lower_ not in ("on", "in", "with", "to"):
                continue
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                name = normalize_name(np_span(g).text)
                name = self.resolver.canonical.get(name, name)
                if is_media_name(name) and self.resolver.label_of(name) != "PERSON":
                    self.add(name, "media", None, tok.idx)

    def document_owner(self, tok: Token) -> None:
        """'a Pew survey', 'the ministry's statement', 'a report by the World Bank', 'data from
        X': whoever owns a document is cited through it."""
        owners = [c for c in tok.lefts if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"]
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                owners += [g for g in c.children if g.dep_ == "pobj"]
        for owner in owners[-1:]:
            if owner.pos_ == "PRON" or owner.ent_type_ in ("DATE", "TIME", "CARDINAL", "GPE"):
                continue
            if owner.pos_ != "PROPN" and not owner.ent_type_:
                if not _source_noun(owner.lemma_.lower()):
                    continue
                name = _group_name(owner)
            else:
                ent = [e for e in owner.sent.ents if e.start <= owner.i < e.end]
                name = normalize_name(ent[0].text if ent else np_span(owner).text)
                name = self.resolver.canonical.get(name, name)
            label = self.resolver.label_of(name)
            kind = classify(name, None, label, None)
            if kind == "person" and label != "PERSON":
                kind = "organization"  # what issues reports and has no person's name
            self.add(name, kind, None, tok.idx)

    def spokes_for(self, tok: Token) -> None:
        """'a spokesperson for the ministry': the body speaks."""
        if tok.lemma_.lower() not in SPOKES_PEOPLE:
            return
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ == "for":
                for g in c.children:
                    if g.dep_ == "pobj" and (g.pos_ == "PROPN" or _source_noun(g.lemma_.lower())):
                        speaker = self.resolver.resolve(g)
                        if speaker is not None and speaker.resolved != AUTHOR:
                            name = _display_name(speaker.resolved, self.resolver)
                            label = self.resolver.label_of(speaker.resolved)
                            kind = classify(name, None, label, None)
                            if kind == "person" and label != "PERSON":
                                kind = "organization"  # a body with a spokesperson
                            self.add(name, kind, "spokesperson", tok.idx)

    def according(self, tok: Token) -> None:
        """'according to X' that no position took (the positions may have missed the clause)."""
        for c in tok.children:
            if c.dep_ != "prep" or c.lower_ != "to":
                continue
            for g in c.children:
                if g.dep_ != "pobj" or g.i in self.credited or g.pos_ == "PRON":
                    continue
                written = _written_source(g, self.resolver, self.roles)
                if written is not None:
                    self.add(*written, tok.idx)
                    continue
                speaker = self.resolver.resolve(g)
                if speaker is None or speaker.resolved == AUTHOR:
                    continue
                name = _display_name(speaker.resolved, self.resolver)
                if g.pos_ == "NOUN" and not g.ent_type_:
                    name = _group_name(g) if not _is_unnamed(name, self.resolver) else name
                label = self.resolver.label_of(speaker.resolved)
                self.add(name, classify(name, speaker.description, label, None), None, tok.idx)

    def media_role(self, tok: Token, lemma: str) -> None:
        """'an Associated Press journalist', 'the BBC interview', 'a Reuters investigation'."""
        name = _media_owner(tok, self.resolver)
        if name is not None and (lemma in sc.MEDIA_PEOPLE or is_media_name(name)):
            self.add(name, "media", None, tok.idx)


def _source_noun(lemma: str) -> bool:
    """A common noun that can name a source: a role, a body, a group of informants, a document."""
    return (
        lemma in cues.PERSON_ROLES
        or lemma in cues.ORG_NOUNS
        or lemma in cues.OFFICIAL_WORDS
        or lemma in cues.EXPERT_WORDS
        or lemma in cues.ANONYMOUS_NOUNS
        or lemma in cues.DOCUMENT_NOUNS
        or lemma in sc.DOCUMENT_WORDS
        or lemma in cues.MEDIA_NOUNS
        or lemma in UNNAMED
        or lemma in sc.PEOPLE_NOUNS
    )


def _speaker_tokens(doc: Doc, positions: list[Position]) -> set[int]:
    out: set[int] = set()
    for p in positions:
        if p.speaker is not None and p.speaker.end > p.speaker.start:
            span = doc.char_span(p.speaker.start, p.speaker.end, alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
    return out


def _quoted_tokens(doc: Doc, positions: list[Position]) -> set[int]:
    """Tokens inside direct quotes: what a quoted speaker cites is not the article's citing."""
    inside: set[int] = set()
    for p in positions:
        if p.kind != "direct":
            continue
        for start, end in p.content.parts or [(p.content.start, p.content.end)]:
            span = doc.char_span(start, end, alignment_mode="contract")
            if span is not None:
                inside.update(range(span.start, span.end))
    return inside


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Title-case lines without a final stop ('Video Shows Dramatic Rescue of Girl'): the
    headlines of related links, not the article's prose."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group().strip()
        words = [w for w in re.findall(r"[A-Za-z]+", line) if len(w) > 3]
        if len(words) < 3 or line[-1:] in ".:;,":
            continue
        if sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            out.append((m.start(), m.end()))
    return out


def _media_owner(tok: Token, resolver: SpeakerResolver) -> str | None:
    """The named owner before a noun ('the BBC interviewer' → BBC), not a person or place."""
    owners = [c for c in tok.lefts if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN"]
    if not owners:
        return None
    # "VOA Pentagon correspondent": the outlet is the owner with an outlet's name
    named = [o for o in owners if is_media_name(o.text)]
    owner = named[0] if named else owners[-1]
    if owner.ent_type_ in ("PERSON", "GPE", "NORP", "DATE"):
        return None
    ent_span = [e for e in tok.sent.ents if e.start <= owner.i < e.end]
    name = normalize_name(ent_span[0].text if ent_span else owner.text)
    name = resolver.canonical.get(name, name)
    return None if resolver.label_of(name) in ("PERSON", "GPE") else name


def _has_child(tok: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in tok.children)


def _has_owner(tok: Token) -> bool:
    return any(c.dep_ == "poss" for c in tok.children)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, through conjunctions and participles ('…, saying'), or the head of
    a relative clause ('X, who said')."""
    tok = verb
    for _ in range(4):
        for c in tok.children:
            if c.dep_ == "nsubj":
                return c
        if tok.dep_ == "relcl":
            # "X, who said": only an active relative subject ("the gain that was expected" no)
            rel = [c for c in tok.children if c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT")]
            return tok.head if rel else None
        if tok.dep_ in ("conj", "advcl") and tok.head is not tok:
            tok = tok.head
            continue
        return None
    return None


# Verbs of plain saying: a noun right before them is their subject even when the parse lost it.
SAY_VERBS = frozenset(["say", "tell", "add", "write", "report", "state", "claim", "explain"])


def _preceding_subject(verb: Token) -> Token | None:
    """'…, chairman and CEO Craig Menear said', 'after employees of a dealer said': the noun
    phrase ending right before the verb, climbing out of an 'of' phrase to its head."""
    if verb.i == 0:
        return None
    tok = verb.doc[verb.i - 1]
    if tok.pos_ not in ("NOUN", "PROPN") or tok.sent != verb.sent:
        return None
    while tok.dep_ in ("compound", "nmod") and tok.head.i > tok.i and tok.head.i < verb.i:
        tok = tok.head
    for _ in range(2):
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
            tok = tok.head.head
    return tok


def _written_source(
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
        owner = _media_owner(head, resolver)
        if owner is not None:
            return owner, "media", None
    # "Alibaba's spokesperson", "an Alibaba spokesperson", "his office": the owner speaks
    if lemma in sc.SPOKES_NOUNS and head.pos_ == "NOUN":
        desc = lemma if lemma in cues.PERSON_ROLES else None  # "spokesperson", not "office"
        for c in head.lefts:
            if c.dep_ == "poss" and c.lower_ in ("his", "her"):
                person = _last_person(resolver, head)
                if person:
                    return person, _kind_of(person, resolver), desc
            if (
                c.dep_ in ("poss", "compound")
                and c.pos_ == "PROPN"
                and c.i == head.i - 1 - (c.dep_ == "poss")
            ):
                ent = [e for e in head.sent.ents if e.start <= c.i < e.end]
                name = normalize_name(ent[0].text if ent else c.text)
                name = resolver.canonical.get(name, name)
                if lemma == "office" and resolver.label_of(name) != "PERSON":
                    break  # "Bolivia's public defender's office" is the office itself
                kind = _kind_of(name, resolver)
                if kind == "person" and resolver.label_of(name) != "PERSON":
                    kind = "organization"  # what has a spokesperson and no person's name
                return name, kind, desc
    # "the company that runs X, Y Inc.": a named apposition the resolution missed
    if head.pos_ == "NOUN" and lemma in cues.ORG_NOUNS | cues.PERSON_ROLES:
        for c in head.subtree:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > head.i and c.i - head.i <= 12:
                name = normalize_name(np_span(c).text)
                name = resolver.canonical.get(name, name)
                return name, _kind_of(name, resolver), None
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
        name = _group_name(head)
        return name, classify(name, None, None, None), None
    if head.pos_ == "NOUN" and lemma in roles:
        name = roles[lemma]
        return name, _kind_of(name, resolver), lemma
    return None


def _kind_of(name: str, resolver: SpeakerResolver) -> SourceKind:
    return classify(name, resolver.descriptions.get(name), resolver.label_of(name), None)


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


def _group_name(head: Token) -> str:
    """A common-noun source with its modifiers and an 'of' phrase: 'employees of a car dealer'."""
    doc = head.doc
    first = _first_content(head)
    last = head.i
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ == "of" and c.right_edge.i - head.i <= 6:
            last = c.right_edge.i
    return _tidy(doc[first : last + 1].text)


def _truncated(name: str, head: Token) -> bool:
    """The resolved name is a piece of the written common-noun phrase that lost its head."""
    if head.pos_ not in ("NOUN", "PROPN") or head.lower_ in name.lower().split():
        return False
    return name.lower() in np_span(head).text.lower()


def _split_role(name: str) -> tuple[str, str | None]:
    """'Taiwanese publication DigiTimes' → ('DigiTimes', 'Taiwanese publication'): a written
    role before a proper name is its description (function words like 'of' do not count)."""
    words = name.split()
    cut = max(
        (i for i, w in enumerate(words) if w.islower() and w not in sc.FUNCTION_WORDS),
        default=-1,
    )
    rest = words[cut + 1 :]
    if cut < 0 or not rest or not all(w[:1].isupper() for w in rest):
        return name, None
    return " ".join(rest), " ".join(words[: cut + 1])


def _singular(word: str) -> str:
    """'ministries' → 'ministry', 'officials' → 'official' (enough for role words)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _tidy(name: str) -> str:
    """Trim what a name picks up from the parse: 'the', a possessive, trailing punctuation."""
    name = re.sub(r"[’']s$", "", name.strip(' ,;:-–—\n"“”'))
    words = name.split()
    while len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    # "one legal expert", "Some consumers": the count is not part of the description
    while len(words) > 1 and words[0].lower() in sc.LEADING_WORDS and words[-1].islower():
        words = words[1:]
    return " ".join(words)


def _strip_lead(text: str) -> str:
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


def _head_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _appos_roles(doc: Doc) -> dict[str, str]:
    """'The suspect, Michael Webb, …': later 'the suspect' is that person."""
    roles: dict[str, str] = {}
    for tok in doc:
        if tok.dep_ != "appos" or tok.ent_type_ != "PERSON":
            continue
        head = tok.head
        if head.pos_ != "NOUN" or not any(c.lower_ == "the" for c in head.lefts):
            continue
        ent = [e for e in tok.sent.ents if e.start <= tok.i < e.end]
        if ent:
            roles.setdefault(head.lemma_.lower(), normalize_name(ent[0].text))
    return roles


def _add_datelines(found: dict[str, _Entry], text: str) -> None:
    """'HAYWARD, Calif. (AP) —', 'LONDON (Reuters) -': the wire that filed the story."""
    for m in sc.DATELINE.finditer(text):
        name = m.group(1).strip()
        if is_media_name(name) or (name.isupper() and 2 <= len(name) <= 5):
            _add(found, name, "media", "news agency", m.start(1))


def _merge(entries: list[_Entry], resolver: SpeakerResolver) -> list[_Entry]:
    """Fold variants into one source: 'Scissors' and 'Derek Scissors', 'Chronicle' and 'San
    Francisco Chronicle', 'AP' and 'Associated Press', a role equal to a named source's role."""
    by_length = sorted(entries, key=lambda e: -len(e.name.split()))
    kept: list[_Entry] = []
    for e in by_length:
        target = _variant_of(e, kept, resolver)
        if target is None:
            kept.append(e)
            continue
        if e.kind == target.kind == "anonymous" and e.first < target.first:
            target.name = e.name  # an unnamed source keeps the words of its first mention
        elif _role_prefixed(target.name, e.name):
            target.name = e.name  # "spokeswoman Karine Jean-Pierre" is "Karine Jean-Pierre"
        target.mentions += e.mentions
        target.first = min(target.first, e.first)
        target.description = target.description or e.description
        if e.kind == "media" and target.kind != "media" and is_media_name(target.name):
            target.kind = "media"
    return kept


def _variant_of(e: _Entry, kept: list[_Entry], resolver: SpeakerResolver) -> _Entry | None:
    low = e.name.casefold()
    canon = resolver.canonical.get(e.name)
    words = low.replace("’", "'").split()
    for k in kept:
        kl = k.name.casefold()
        kw = kl.replace("’", "'").split()
        if canon and canon != e.name and canon.casefold() == kl:
            return k
        if (
            k.description
            and k.description.casefold() == low
            and e.kind != "media"
            and len(words) > 1
        ):
            return k  # "China's ambassador" is the named ambassador
        # a capitalised name never folds into a lower-case description
        proper_ok = not e.name[:1].isupper() or k.name[:1].isupper()
        if len(words) < len(kw) and words[-1] == kw[-1] and _contiguous(words, kw) and proper_ok:
            return k
        if e.kind == k.kind == "anonymous" and _modifier(low) and _modifier(low) == _modifier(kl):
            return k  # "a person briefed on the call" and "people briefed on the talks"
        if low in STUDY_AUTHORS and k.kind == "document" and k.first < e.first:
            return k  # "the authors wrote": the study already cited
        compact = e.name.replace(".", "")
        if compact.isupper() and len(compact) >= 2 and len(kw) >= 2:
            initials = "".join(w[0] for w in k.name.replace("-", " ").split() if w[:1].isupper())
            if initials == compact:
                return k
    return None


SPOKES_PEOPLE = frozenset(["spokesman", "spokeswoman", "spokesperson"])
# A study's own authors, cited as the study.
STUDY_AUTHORS = frozenset(["authors", "researchers", "study authors", "scientists"])


def _modifier(name: str) -> str | None:
    """The modifier that describes an unnamed source: 'familiar', 'briefed', 'close'."""
    return next((w for w in name.split() if w in sc.ANONYMOUS_MODIFIERS), None)


def _role_prefixed(long: str, short: str) -> bool:
    """`long` is `short` after a role written in lower case ('White House spokeswoman X')."""
    if not long.endswith(" " + short) or not short[:1].isupper():
        return False
    return any(w.islower() for w in long[: -len(short)].split())


def _contiguous(short: list[str], long: list[str]) -> bool:
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _keep(e: _Entry, text: str) -> bool:
    """Drop what is not a source: a quantifier, or a place only named in a dateline."""
    if e.name.casefold() in sc.NOT_SOURCES or not e.name.strip():
        return False
    first = e.name.split()[0].casefold()
    if first in ("no", "any", "every") and len(e.name.split()) <= 2:
        return False
    place = re.compile(
        rf"(?:^|\n){re.escape(e.name)}(?:,[^\n(—–]{{0,25}})?(?:\s*\([^)\n]*\))?\s*[—–-]\s"
    )
    mentions = len(re.findall(rf"\b{re.escape(e.name)}\b", text))
    return not (mentions and len(place.findall(text)) >= mentions)


def _add(found: dict[str, _Entry], name: str, kind: SourceKind, desc: str | None, at: int) -> None:
    name = _tidy(name)
    parts = name.split(" and ")
    if len(parts) == 2 and all(p[:1].isupper() and len(p.split()) >= 2 for p in parts):
        for part in parts:  # "Senator A B and congresswoman C D": two sources
            _add(found, part, kind, desc, at)
        return
    if not name:
        return
    name, role = _split_role(name)
    desc = desc or role
    key = name.casefold()
    entry = found.get(key)
    if entry is None:
        found[key] = _Entry(name, kind, desc, 1, at)
        return
    entry.mentions += 1
    entry.description = entry.description or desc
    if kind == "media" and entry.kind != "media":
        entry.kind = kind


def _display_name(resolved: str, resolver: SpeakerResolver) -> str:
    if _is_unnamed(resolved, resolver):
        words = resolved.split()
        head = words[-1].lower() if words else ""
        if head in UNNAMED and len(words) <= 2:
            plural = head.endswith("s") or head == "people"
            return "unnamed sources" if plural else "an unnamed source"
    return resolved


def _is_unnamed(resolved: str, resolver: SpeakerResolver) -> bool:
    if resolver.label_of(resolved):
        return False
    words = resolved.split()
    if not words:
        return True
    head = words[-1].lower().rstrip("s")
    return (
        head in {w.rstrip("s") for w in UNNAMED | cues.ANONYMOUS_NOUNS}
        and not any(
            w[:1].isupper() and w.lower() not in ("some", "several", "two", "three")
            for w in words[:-1]
            if w.lower() not in cues.OFFICIAL_WORDS
        )
    ) or _only_generic(words)


def _only_generic(words: list[str]) -> bool:
    """'officials', 'some sources', 'US officials': no name, only a group of informants."""
    head = words[-1].lower()
    return head in ("officials", "sources", "people", "diplomats", "insiders", "aides")


def classify(
    name: str, description: str | None, label: str | None, p: Position | None
) -> SourceKind:
    """Kind of a source by its name, role and entity label (general rules, no name lists)."""
    words = set(re.split(r"[\s-]+", f"{name} {description or ''}".lower()))
    last = name.split()[-1] if name.split() else ""
    # NER calls some papers people: then the outlet word must end the name ("Morning Tribune")
    if (
        label not in ("GPE", None)
        and is_media_name(name)
        and (label in ("ORG", "WORK_OF_ART") or is_media_name(last))
    ):
        return "media"
    desc_words = set((description or "").lower().split())
    media_words = {w for w in desc_words if w.rstrip("s") in cues.MEDIA_NOUNS | sc.MORE_MEDIA_NOUNS}
    if media_words - sc.AMBIGUOUS_MEDIA_NOUNS or (media_words and desc_words & sc.NEWS_WORDS):
        return "media"  # "the newspaper", "news agency"; not "space agency" or "TV network"
    if label is None:
        head = name.split()[-1].lower() if name.split() else ""
        if name.startswith("unnamed") or _only_generic(name.split()):
            return "anonymous"
        if head.rstrip("s") in cues.DOCUMENT_NOUNS or head in cues.DOCUMENT_NOUNS:
            return "document"
        if head in sc.DOCUMENT_WORDS or head.rstrip("s") in sc.DOCUMENT_WORDS:
            return "document"
    if words & cues.EXPERT_WORDS or {w.rstrip("s") for w in words} & cues.EXPERT_WORDS:
        return "expert"
    bare = {w.strip(".,") for w in words}
    official = {_singular(w) for w in words} & cues.OFFICIAL_WORDS
    official -= SPOKES_PEOPLE  # companies have spokespeople too: the office must show elsewhere
    if label == "GPE" or official or bare & sc.OFFICIAL_TITLES:
        return "official"
    if any(w.lower().strip(".,") in sc.COMPANY_WORDS for w in name.split()[1:]):
        return "organization"  # NER calls "X Productions" a person
    if label == "PERSON":
        return "person"
    if label in ("ORG", "NORP", "FAC"):
        return "organization"
    parts = re.split(r"[\s-]+", name)
    if parts and parts[-1].islower() and _singular(parts[-1]) in sc.COMPANY_NOUNS:
        return "organization"  # "the German automaker", "a regional lender"
    if any(w.lower() in cues.ORG_NAME_WORDS for w in parts):
        return "organization"
    if any(w.isupper() and len(w) > 1 for w in parts):
        return "organization"  # an unlabelled acronym is a body, not a person
    return "person" if name[:1].isupper() else "anonymous"


__all__ = ["classify", "find_sources", "normalize_name", "np_span"]
