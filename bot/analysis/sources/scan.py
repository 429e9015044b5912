"""Citations written without a position: 'X reported', 'told X', 'a CNN reporter', 'analysts
surveyed by X', datelines '(AP) —'; one look at each token, no second parse."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from bot.analysis import cues
from bot.analysis import source_cues as sc
from bot.analysis.names import is_media_name, normalize_name
from bot.analysis.sources.from_positions import is_quantity
from bot.analysis.sources.kinds import (
    SPOKES_PEOPLE,
    classify,
    display_name,
    is_source_noun,
    is_unnamed,
)
from bot.analysis.sources.ledger import SourceEntry, add_source
from bot.analysis.sources.written import (
    group_name,
    media_owner,
    strip_leading_words,
    written_source,
)
from bot.analysis.speaker_phrases import entity_at, np_span
from bot.analysis.speakers import AUTHOR, SpeakerResolver
from bot.types import Position, SourceKind


class CitationScan:
    """Citations written without a position: one look at each token, no second parse."""

    def __init__(
        self,
        doc: Doc,
        resolver: SpeakerResolver,
        found: dict[str, SourceEntry],
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
            add_source(self.found, name, kind, desc, at)

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
            self.add(group_name(tok), "expert", None, tok.idx)

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
        written = written_source(subj, self.resolver, self.roles)
        if written is not None:
            self.add(*written, verb.idx)
            return
        if subj.pos_ == "PRON" or subj.lower_ in sc.NOT_SOURCES or is_quantity(subj):
            return  # pronouns are the positions' business; resolving them again adds noise
        head_lemma = subj.lemma_.lower()
        documentish = (
            head_lemma in cues.DOCUMENT_NOUNS
            or head_lemma in sc.EVIDENCE_OBJECTS
            or head_lemma in sc.DOCUMENT_WORDS
        )
        if lemma in sc.EVIDENCE_ONLY:
            if documentish and subj.pos_ == "NOUN":
                self.add(group_name(subj), "document", None, verb.idx)
            return
        if subj.pos_ == "NOUN" and documentish and not _has_owner(subj):
            self.add(group_name(subj), "document", None, verb.idx)
            return
        if subj.pos_ not in ("NOUN", "PROPN"):
            return
        if subj.pos_ == "NOUN" and not subj.ent_type_ and not is_source_noun(head_lemma):
            return  # "the presidency condemns": only people, bodies and documents cite
        speaker = self.resolver.resolve(subj)
        if speaker is None or speaker.resolved == AUTHOR:
            return
        name = display_name(speaker.resolved, self.resolver)
        if (
            subj.pos_ == "NOUN"
            and not subj.ent_type_
            and name == strip_leading_words(np_span(subj).text)
        ):
            name = group_name(subj)  # "employees of a car dealership"
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
        name = self.resolver.canonical_name(np_span(tok).text)
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
                    self.add(group_name(g), "document", None, verb.idx)

    def media_mention(self, tok: Token) -> None:
        """'NBC 5 has edited the video', 'the Post reviewed records': an outlet at work is
        cited, whatever its verb."""
        ent = entity_at(tok)
        if ent is None or ent.root != tok or "," in ent.text:
            return
        name = self.resolver.name_of(ent)
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
                name = self.resolver.canonical_name(np_span(g).text)
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
                if not is_source_noun(owner.lemma_.lower()):
                    continue
                name = group_name(owner)
            else:
                ent = entity_at(owner)
                name = self.resolver.canonical_name(
                    ent.text if ent is not None else np_span(owner).text
                )
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
                    if g.dep_ == "pobj" and (g.pos_ == "PROPN" or is_source_noun(g.lemma_.lower())):
                        speaker = self.resolver.resolve(g)
                        if speaker is not None and speaker.resolved != AUTHOR:
                            name = display_name(speaker.resolved, self.resolver)
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
                written = written_source(g, self.resolver, self.roles)
                if written is not None:
                    self.add(*written, tok.idx)
                    continue
                speaker = self.resolver.resolve(g)
                if speaker is None or speaker.resolved == AUTHOR:
                    continue
                name = display_name(speaker.resolved, self.resolver)
                if g.pos_ == "NOUN" and not g.ent_type_:
                    name = group_name(g) if not is_unnamed(name, self.resolver) else name
                label = self.resolver.label_of(speaker.resolved)
                self.add(name, classify(name, speaker.description, label, None), None, tok.idx)

    def media_role(self, tok: Token, lemma: str) -> None:
        """'an Associated Press journalist', 'the BBC interview', 'a Reuters investigation'."""
        name = media_owner(tok, self.resolver)
        if name is not None and (lemma in sc.MEDIA_PEOPLE or is_media_name(name)):
            self.add(name, "media", None, tok.idx)


def add_passive_agent(found: dict[str, SourceEntry], resolver: SpeakerResolver, tok: Token) -> None:
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
    if not tok.ent_type_ and tok.pos_ != "PROPN" and not is_source_noun(tok.lemma_.lower()):
        return
    speaker = resolver.resolve(tok)
    if speaker is None or speaker.resolved == AUTHOR:
        return
    name = display_name(speaker.resolved, resolver)
    label = resolver.label_of(speaker.resolved)
    kind = classify(name, speaker.description, label, None)
    if lemma in sc.AGENT_VERBS and kind == "person" and label != "PERSON":
        kind = "organization"  # "a chart provided by X", "analysts surveyed by X": a data body
    add_source(found, name, kind, speaker.description, tok.idx)


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


def _has_child(tok: Token, dep: str) -> bool:
    return any(c.dep_ == dep for c in tok.children)


def _has_owner(tok: Token) -> bool:
    return any(c.dep_ == "poss" for c in tok.children)


def speaker_tokens(doc: Doc, positions: list[Position]) -> set[int]:
    out: set[int] = set()
    for p in positions:
        if p.speaker is not None and p.speaker.end > p.speaker.start:
            span = doc.char_span(p.speaker.start, p.speaker.end, alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
    return out


def quoted_tokens(doc: Doc, positions: list[Position]) -> set[int]:
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


def headline_lines(text: str) -> list[tuple[int, int]]:
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


def add_datelines(found: dict[str, SourceEntry], text: str) -> None:
    """'HAYWARD, Calif. (AP) —', 'LONDON (Reuters) -': the wire that filed the story."""
    for m in sc.DATELINE.finditer(text):
        name = m.group(1).strip()
        if is_media_name(name) or (name.isupper() and 2 <= len(name) <= 5):
            add_source(found, name, "media", "news agency", m.start(1))
