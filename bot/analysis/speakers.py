"""Who is speaking: speaker spans, name variants, roles, pronouns and descriptions.

spaCy's small English pipeline has no coreference, so resolution is by rules: a pronoun or a
definite role noun ("the diplomat") refers to the most recent compatible named mention; name
variants ("Clarke", "Colin Clarke") merge to their longest full form.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from bot.analysis import cues
from bot.analysis.first_names import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES
from bot.analysis.names import initials, is_media_name, is_variant, normalize_name
from bot.analysis.speaker_phrases import (
    POSSESSIVES,
    based_noun,
    closes_subject,
    entity_at,
    entity_label,
    given_name_before,
    is_epithet,
    is_proper,
    make_speaker,
    name_after_hyphen,
    named_appos,
    np_span,
    outlet_named,
    owns_subject,
    person_of_org,
    reported_clause,
    role_description,
    role_words,
    said_who,
    strip_det,
    strip_possessive,
    untagged_person,
)
from bot.types import Speaker

NAMED_LABELS = frozenset(
    ["PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART"]
)  # papers are often WORK_OF_ART
GROUP_LABELS = frozenset(["ORG", "GPE", "NORP", "FAC"])
FEMALE = frozenset(["ms", "ms.", "mrs", "mrs.", "spokeswoman", "chairwoman", "congresswoman"])
MALE = frozenset(["mr", "mr.", "spokesman", "chairman", "congressman"])
AUTHOR = "the author"
MAX_ANTECEDENT_PARAGRAPHS = 4
# Nouns of a body that speaks as one, though not in ORG_NOUNS: "the US military said".
BODY_NOUNS = frozenset(["military", "police", "army", "navy", "government", "ministry"])
# What a person has that speaks for them: "his office said" -> "X's office".
OWNED_NOUNS = frozenset(["office", "campaign", "administration", "government", "family"])
# What an organisation issues: "the statement said" speaks for whoever issued it.
ISSUED_NOUNS = frozenset(["statement", "release", "letter", "email", "post", "notice"])
# Who speaks for a body: "a Brightwater spokeswoman", "a company spokesperson".
SPOKES_ROLES = frozenset(["spokesman", "spokeswoman", "spokesperson", "representative"])

# Last words of public bodies' names: "National Transportation Safety Board".
PUBLIC_BODY_WORDS = frozenset(
    [
        "board",
        "administration",
        "agency",
        "department",
        "commission",
        "committee",
        "council",
        "court",
        "ministry",
        "office",
        "police",
        "service",
        "senate",
        "house",
        "congress",
        "parliament",
        "government",
        "authority",
        "bureau",
        "university",
        "union",
        "party",
    ]
)


def is_public_body(name: str) -> bool:
    words = name.lower().split()
    return bool(words) and words[-1] in PUBLIC_BODY_WORDS


# Bodies a story may call after their country: "the government" of Niger.
STATE_NOUNS = frozenset(["government", "administration", "ministry", "state", "regime"])

# Plural nouns of people that a later "they" can mean: "local officials", "police".
GROUP_NOUNS = (
    cues.OFFICIAL_WORDS
    | cues.ANONYMOUS_NOUNS
    | cues.EXPERT_WORDS
    | cues.PERSON_ROLES
    | frozenset(["police", "protester", "critic", "supporter", "resident", "worker", "voter"])
)
ISSUER_LABELS = frozenset(["PERSON", "ORG", "GPE"])  # who issues documents and has offices
# Participles between a document and who issued it: "figures released by X".
ISSUING_VERBS = frozenset(
    ["release", "publish", "issue", "compile", "produce", "conduct", "collect", "gather"]
)


@dataclass
class Mention:
    token: int  # index of the mention's last token
    name: str  # canonical name
    label: str
    subject: bool
    quoted: bool = False  # inside a quotation: another voice's words, not the narrative
    core: bool = True  # a subject or direct object, not buried in a phrase ("of X's")
    embedded: bool = False  # inside a clause someone reports ("He testified that Rahimi …")


@dataclass
class SpeakerResolver:
    """Resolves speaker tokens of one Doc. Build once per Doc (cheap: one pass over entities)."""

    doc: Doc
    text: str = ""  # doc.text, when the caller has it already
    canonical: dict[str, str] = field(default_factory=dict)  # normalized variant -> canonical
    labels: dict[str, str] = field(default_factory=dict)  # canonical -> entity label
    descriptions: dict[str, str] = field(default_factory=dict)  # canonical -> role
    gender: dict[str, str] = field(default_factory=dict)  # canonical -> "f" | "m"
    mentions: list[Mention] = field(default_factory=list)
    para_starts: list[int] = field(default_factory=list)
    history: list[Mention] = field(default_factory=list)  # resolved speakers, for salience
    quoted: list[tuple[int, int]] = field(default_factory=list)  # quotation char ranges
    in_reports: dict[int, bool] = field(default_factory=dict)  # token -> inside a report
    untagged: list[Span] = field(default_factory=list)  # people's names the tagger missed

    def __post_init__(self) -> None:
        self.text = self.text or self.doc.text
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n+", self.text)]
        self._build_names()

    # -- names ---------------------------------------------------------------------------
    def _build_names(self) -> None:
        names: dict[str, str] = {}
        persons_of_orgs: dict[str, str] = {}
        for ent in self.doc.ents:
            if ent.label_ in NAMED_LABELS:
                name = normalize_name(ent.text)
                person = person_of_org(name)
                if person is not None:  # "Hanne Lindqvist of Nordlys Pictures" tagged ORG
                    names.setdefault(person, "PERSON")
                    persons_of_orgs[name] = person
                    continue
                if name and name not in names:
                    names[name] = entity_label(name, ent.label_)
                if names.get(name) in GROUP_LABELS and said_who(ent.root):
                    names[name] = "PERSON"  # "Collins Park, who led …", tagged as a place
                given = given_name_before(ent)
                if given is not None:  # "Tomasz Nowak" tagged as just "Nowak"
                    names.setdefault(normalize_name(f"{given.text} {ent.text}"), "PERSON")
        self.untagged = self._untagged_people()
        for span in self.untagged:
            # known before the names merge, so "Adeyemi-Park" (tagged FAC) is this person
            names.setdefault(normalize_name(span.text), "PERSON")
        self.people = [n for n, lab in names.items() if lab == "PERSON"]
        by_word: dict[str, list[str]] = {}  # word -> names containing it, to avoid n² pairs
        by_initials: dict[str, list[str]] = {}
        for n in names:
            for w in set(n.split()):
                by_word.setdefault(w, []).append(n)
            by_initials.setdefault(initials(n), []).append(n)
        for name, label in names.items():
            group = label == "PERSON"
            words = name.split()
            pool = by_word.get(words[0], []) + by_initials.get(name.replace(".", ""), [])
            longer = [
                n
                for n in pool
                if len(n) > len(name)
                and is_variant(name, n)
                and ((names[n] == "PERSON") == group or self._is_surname(name, n))
                # a place is not what is named after it: "Hong Kong" vs "Hong Kong University";
                # but a lone word the tagger called a place may be a person's surname.
                and (label != "GPE" or names[n] == "GPE" or self._is_surname(name, n))
            ]
            best = max(longer, key=lambda n: len(n.split()), default=name)
            self.canonical[name] = best
            self.labels.setdefault(best, names[best])
        for full, person in persons_of_orgs.items():
            self.canonical[full] = self.canonical.get(person, person)
        for ent in self.doc.ents:
            if ent.label_ in NAMED_LABELS:
                name = self.name_of(ent)
                head = ent.root
                subj = head.dep_ in ("nsubj", "nsubjpass") or any(
                    a.dep_ in ("nsubj",) for a in [head.head] if head.dep_ == "appos"
                )
                subj = subj or closes_subject(ent) or owns_subject(head)
                # "Collins" tagged alone, compounded onto the subject "Adeyemi-Park"
                subj = subj or (
                    head.dep_ == "compound"
                    and head.head.dep_ in ("nsubj", "nsubjpass")
                    and is_proper(head.head)
                )
                quoted = self.in_quote(ent.start_char)
                # A surname the tagger called ORG is still the person it names.
                label = "PERSON" if name in self.people else entity_label(name, ent.label_)
                core = subj or head.dep_ in ("dobj", "attr")
                self.mentions.append(Mention(ent.end - 1, name, label, subj, quoted, core))
                self._learn_role(ent)
                if ent.label_ == "PERSON":
                    self._learn_pair(ent, name, subj, quoted)
        self._learn_untagged_mentions()
        self.mentions.sort(key=lambda m: m.token)
        self._learn_described_subjects()
        self.mentions.sort(key=lambda m: m.token)
        for m in self.mentions:
            if m.subject:  # only subjects compete as antecedents by this
                m.embedded = reported_clause(self.doc[m.token])
        for name in self.people:
            self._learn_gender(self.canonical.get(name, name))

    def _learn_gender(self, name: str) -> None:
        """A person's gender from a common first name, for "he" and "she"."""
        words = [w for w in name.split() if w[:1].isalpha()]
        if not words or len(words) > 2:  # "Kim Jong Un": the family name may come first
            return
        first = words[0].lower()
        if first in FEMALE_FIRST_NAMES:
            self.gender.setdefault(name, "f")
        elif first in MALE_FIRST_NAMES:
            self.gender.setdefault(name, "m")

    def _learn_untagged_mentions(self) -> None:
        """The tagger misses names it found elsewhere ('Big Machine have denied …', a lone
        surname): every other occurrence of a known name, or of a person's surname, is a
        mention too, so pronouns can refer back to it."""
        tagged = {t for ent in self.doc.ents for t in range(ent.start, ent.end)}
        self._learn_untagged_people(tagged)
        targets: dict[str, str] = {}
        for name, best in self.canonical.items():
            if len(name) >= 3 and name[:1].isupper():
                targets.setdefault(name, best)
            if best in self.people and " " in best:
                last = best.split()[-1]
                if len(last) >= 3 and last[:1].isupper():
                    targets.setdefault(last, best)
        if not targets:
            return
        # One pattern for all names, longest first, so the scan is a single pass.
        alternatives = "|".join(re.escape(v) for v in sorted(targets, key=len, reverse=True))
        for m in re.finditer(r"(?<!\w)(?:" + alternatives + r")(?!\w)", self.text):
            best = targets[m.group()]
            label = "PERSON" if best in self.people else self.labels.get(best, "ORG")
            span = self.doc.char_span(m.start(), m.end())
            if span is None or any(t.i in tagged for t in span) or span.root.pos_ != "PROPN":
                continue
            head = span.root
            subj = head.dep_ in ("nsubj", "nsubjpass") or owns_subject(head)
            quoted = self.in_quote(m.start())
            core = subj or head.dep_ in ("dobj", "attr")
            self.mentions.append(Mention(span.end - 1, best, label, subj, quoted, core))
            tagged.update(t.i for t in span)

    def _untagged_people(self) -> list[Span]:
        """Subjects the tagger gave no entity but that read as a person's name ("Eswar
        Prasad, a trade professor at Cornell, said")."""
        out = []
        for tok in self.doc:
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.ent_type_ or not is_proper(tok):
                continue
            span = np_span(tok)
            if untagged_person(span):
                out.append(span)
        return out

    def _learn_untagged_people(self, tagged: set[int]) -> None:
        """An untagged person's name is a person, whichever rule meets it."""
        for span in self.untagged:
            if any(t.i in tagged for t in span):
                continue
            name = normalize_name(span.text)
            best = self.canonical.setdefault(name, name)
            if best not in self.people:
                self.people.append(best)
                self.labels.setdefault(best, "PERSON")
            quoted = self.in_quote(span.start_char)
            self.mentions.append(Mention(span.end - 1, best, "PERSON", True, quoted))
            tagged.update(t.i for t in span)

    def _learn_described_subjects(self) -> None:
        """'Local officials ordered an evacuation. They said …', 'A spokeswoman declined to
        comment. She said …': a subject described rather than named is what a later pronoun
        can mean."""
        for tok in self.doc:
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ != "NOUN" or tok.ent_type_:
                continue
            if self.in_quote(tok.idx) or named_appos(tok) is not None:
                continue
            lemma = tok.lemma_.lower()
            span = np_span(tok)
            if any(t.dep_ == "poss" for t in span):
                continue  # "his lawyer": whose, the resolver decides when it speaks
            if (tok.tag_ == "NNS" or lemma == "police") and lemma in GROUP_NOUNS:
                name = self._police_of(tok, span) or strip_det(span.text)
                self.mentions.append(Mention(tok.i, name, "GROUP", True))
            elif tok.tag_ == "NN" and lemma in cues.PERSON_ROLES:
                # "The chief defended the response. "…," he said": the person described as
                # chief is the subject, and so what "he" means.
                named = self._antecedent(tok, {"PERSON"}, None, role=lemma, strict=True, reach=50)
                if named is not None and span[0].lower_ == "the":
                    self.mentions.append(Mention(tok.i, named.name, "PERSON", True))
                    continue
                # Unnamed, only before anyone is named: after, "the royal", "a legal expert"
                # are as often epithets of a named person, whom "he" then still means.
                if any(m.token < tok.i and m.label == "PERSON" for m in self.mentions):
                    continue
                name = strip_det(span.text)
                self.mentions.append(Mention(tok.i, name, "PERSON", True))
                if lemma in FEMALE or lemma in MALE:
                    self.gender.setdefault(name, "f" if lemma in FEMALE else "m")

    def _learn_pair(self, ent: Span, name: str, subj: bool, quoted: bool) -> None:
        """'Senator A and congresswoman B' can be 'they' later: one group mention for both."""
        for c in ent.root.children:
            if c.dep_ != "conj":
                continue
            other = entity_at(c)
            if other is not None and other.label_ in ("PERSON", "ORG"):
                pair = f"{name} and {self.name_of(other)}"
                self.mentions.append(Mention(other.end - 1, pair, "GROUP", subj, quoted))
                return
            if other is None and c.tag_ == "NNS":  # "Gov. A and leaders of the party"
                words = [t for t in c.subtree if t.i >= c.left_edge.i and t.dep_ != "relcl"]
                phrase = self.doc[words[0].i : c.right_edge.i + 1]
                if len(phrase) <= 8 and "\n" not in phrase.text:
                    pair = f"{name} and {strip_det(phrase.text)}"
                    self.mentions.append(Mention(c.i, pair, "GROUP", subj, quoted))
                return

    def in_quote(self, char: int) -> bool:
        """True when ``char`` lies inside one of the quotations given to the resolver."""
        i = bisect_right(self.quoted, (char, len(self.text) + 1)) - 1
        return i >= 0 and self.quoted[i][0] <= char < self.quoted[i][1]

    def _is_surname(self, name: str, person: str) -> bool:
        """NER often labels a lone surname ORG: 'Heyward' still names 'Cam Heyward'."""
        return " " not in name and person.split()[-1] == name and person in self.people

    def person_for(self, text: str) -> str | None:
        """The full PERSON name a bare proper noun refers to, if any."""
        name = normalize_name(text)
        if self.canonical.get(name) in self.people:
            return self.canonical[name]
        fits = [p for p in self.people if is_variant(name, p)]
        return max(fits, key=lambda p: len(p.split())) if fits else None

    def canonical_name(self, text: str) -> str:
        """A written name in its normal form, then as its longest variant in the article."""
        name = normalize_name(text)
        return self.canonical.get(name, name)

    def name_of(self, ent: Span) -> str:
        return self.canonical_name(ent.text)

    def label_of(self, name: str) -> str | None:
        return self.labels.get(name)

    def _learn_role(self, ent: Span) -> None:
        """Keep the role written next to a name: 'spokeswoman X', 'X, a terrorism analyst'."""
        name = self.name_of(ent)
        left = self.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if left in FEMALE:
            self.gender.setdefault(name, "f")
        elif left in MALE:
            self.gender.setdefault(name, "m")
        role = role_description(ent)
        if role and name not in self.descriptions:
            self.descriptions[name] = role
            words = set(role.lower().split())
            if words & FEMALE:
                self.gender.setdefault(name, "f")
            elif words & MALE:
                self.gender.setdefault(name, "m")

    # -- paragraphs ----------------------------------------------------------------------
    def paragraph(self, char: int) -> int:
        return bisect_right(self.para_starts, char) - 1

    # -- resolution ----------------------------------------------------------------------
    def resolve(self, head: Token, *, in_quote: bool = False) -> Speaker | None:
        """The speaker whose noun phrase is headed by `head`, resolved to a canonical name."""
        if head.lower_ in cues.RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            head = head.head.head
        description = None
        hyphened = name_after_hyphen(head)
        if hyphened is not None:
            head = hyphened.root
        based = based_noun(head)
        if based is not None:
            head = based  # "The Portland, Oregon-based company said": the company speaks
        appos = named_appos(head)
        if appos is not None and not head.ent_type_:
            description = strip_det(np_span(head).text)
            head = appos.root if isinstance(appos, Span) else appos
        span = np_span(head)
        low = head.lower_
        if (low in cues.ALL_PRONOUNS or low in POSSESSIVES) and head.pos_ == "PRON":
            return self._resolve_pronoun(head, in_quote)
        if is_epithet(span):
            # "the 45-year-old said", "the Democrat said": the person named before
            found = self._antecedent(head, {"PERSON"}, None)
            if found is not None:
                self.history.append(Mention(head.i, found.name, "PERSON", True))
                return make_speaker(span, found.name, self.descriptions.get(found.name))
        ent = entity_at(head)
        if ent is not None and ent.label_ in NAMED_LABELS:
            name = self.name_of(ent)
            desc = description or role_description(ent) or self.descriptions.get(name)
            self._remember(head, name, ent.label_)
            return make_speaker(span, name, desc)
        return self._resolve_common(head, span, description)

    def resolve_epithet(self, span: Span) -> Speaker | None:
        """A speaker's phrase the parser left without a head ('the 34-year-old', 'the coach'):
        the person named before it."""
        last = span[-1]
        if is_epithet(span):
            found = self._antecedent(last, {"PERSON"}, None)
        elif last.lemma_.lower() in cues.PERSON_ROLES:
            found = self._role_antecedent(last, last.lemma_.lower())
        else:
            return None
        if found is None:
            return None
        self.history.append(Mention(last.i, found.name, "PERSON", True))
        return make_speaker(span, found.name, self.descriptions.get(found.name))

    def _resolve_pronoun(self, head: Token, in_quote: bool) -> Speaker | None:
        low = POSSESSIVES.get(head.lower_, head.lower_)  # "his claim" is his: "he"
        if low in cues.AUTHOR_PRONOUNS:
            if in_quote:
                return None
            return Speaker(head.text, head.idx, head.idx + len(head), AUTHOR)
        if low in cues.PERSON_PRONOUNS:
            gender = "f" if low in ("she", "her") else "m"
            found = self._antecedent(head, {"PERSON"}, gender)
            if found is not None:
                # "she" meant Taylor Swift once: a later "he" does not mean her
                self.gender.setdefault(found.name, gender)
        elif low in cues.PLURAL_PRONOUNS:
            found = self._antecedent(head, GROUP_LABELS | {"GROUP", "BODY", "PROPN"}, None)
        else:
            found = self._antecedent(head, GROUP_LABELS | {"BODY", "PROPN"}, None)
        if found is None:
            found = self._same_sentence_entity(head)
        if found is None:
            return None
        self.history.append(Mention(head.i, found.name, found.label, True))
        return Speaker(
            head.text, head.idx, head.idx + len(head), found.name, self.descriptions.get(found.name)
        )

    def _resolve_common(self, head: Token, span: Span, description: str | None) -> Speaker | None:
        text = strip_det(span.text)
        if not text or head.pos_ == "PRON":
            return None
        if is_proper(head):
            person = self.person_for(span.text) or self.person_for(head.text)
            name = person or normalize_name(span.text)
            if person is None and untagged_person(span):
                person = name
                self._learn_gender(name)
            self.history.append(Mention(head.i, name, "PERSON" if person else "PROPN", True))
            return make_speaker(span, name, description or self.descriptions.get(name))
        spokes = self._spokesperson_of(head, span)
        if spokes is not None:
            return make_speaker(span, spokes, description or text)
        definite = any(t.lower_ in ("the", "this", "that") for t in span[:1])
        if head.dep_ == "appos":  # "The Portland, Oregon-based company": "The" is the place's
            definite = definite or any(c.lower_ == "the" for c in head.head.lefts)
        proper = any(is_proper(t) for t in span)
        # "the Afghan government" names itself, as "the US military" does.
        self_named = proper or any(t.ent_type_ in ("NORP", "GPE") for t in span)
        if self_named and all(t.ent_type_ in ("GPE", "") or not is_proper(t) for t in span):
            # "the Portland, Oregon-based company": a place says where it is, not who
            self_named = not any(t.lower_ == "based" or t.text.endswith("-based") for t in span)
        lemma = head.lemma_.lower()
        singular = head.tag_ not in ("NNS", "NNPS")
        if lemma in OWNED_NOUNS and head.i > 0 and head.doc[head.i - 1].dep_ == "poss":
            owner = head.doc[head.i - 1]  # "his office said": the office of whom "his" means
            if owner.lower_ in cues.PERSON_PRONOUNS | {"his", "her", "their", "its"}:
                person = owner.lower_ in ("his", "her")
                gender = {"his": "m", "her": "f"}.get(owner.lower_)
                found = self._antecedent(owner, {"PERSON"} if person else GROUP_LABELS, gender)
                if found is not None:
                    return make_speaker(span, f"{found.name}'s {head.text}", None)
        if span[0].lower_ in ("his", "her", "their") and singular and not proper:
            # "according to his daughter", after "His daughter, Karen Webb, said …"
            kin = self._antecedent(head, {"PERSON"}, None, role=lemma, strict=True, reach=50)
            if kin is not None:
                return make_speaker(span, kin.name, self.descriptions.get(kin.name))
        if definite and not proper and singular and lemma in cues.PERSON_ROLES:
            found = self._role_antecedent(head, lemma)
            if found is not None:
                desc = self.descriptions.get(found.name) or (text if found.label else None)
                return make_speaker(span, found.name, desc)
            introduced = self._introduced_after(head, lemma)
            if introduced is not None:
                return make_speaker(span, introduced, text)
        place = self._place_owned(head, span) or self._police_of(head, span)
        if place is not None:
            self.history.append(Mention(head.i, place, "GROUP", True))  # "they" refers back
            return make_speaker(span, place, description)
        if definite and not self_named and singular and lemma in cues.ORG_NOUNS:
            # "the government" may mean a country; "the company", "the newspaper" never do
            labels = {"ORG", "BODY", "PROPN"} | ({"GPE"} if lemma in STATE_NOUNS else set())
            found = self._named_with(head, lemma) or self._antecedent(
                head, labels, None, business=lemma in cues.BUSINESS_NOUNS
            )
            if found is not None:
                return make_speaker(span, found.name, self.descriptions.get(found.name))
            main = self._main_company(head) if lemma not in STATE_NOUNS else None
            if main is not None:  # "the retailer", pages after it was named
                return make_speaker(span, main, self.descriptions.get(main))
        if singular and lemma in cues.PERSON_ROLES and not definite:
            later = self._named_later(head, span) or self._named_next(head, span, lemma)
            if later is not None:
                return make_speaker(span, later, self.descriptions.get(later) or text)
        owner = self._issuer(head, lemma)
        if owner is not None:
            return make_speaker(span, owner, description or text)
        resolved = strip_possessive(text)  # "his doctor" is, unnamed, "doctor"
        if not singular:
            self.history.append(Mention(head.i, resolved, "GROUP", True))
        elif lemma in BODY_NOUNS or lemma in cues.ORG_NOUNS:
            self.history.append(Mention(head.i, resolved, "BODY", True))  # "it" refers back
        elif lemma in cues.PERSON_ROLES or lemma in cues.EXPERT_WORDS:
            self.history.append(Mention(head.i, resolved, "DESC:" + lemma, True))
        return make_speaker(span, resolved, description)

    def _spokesperson_of(self, head: Token, span: Span) -> str | None:
        """'A Brightwater spokeswoman' speaks for Brightwater Outfitters, as the article names
        it; 'a company spokesperson' for the company the article is about."""
        if head.lemma_.lower() not in SPOKES_ROLES:
            return None
        owners = [t for t in span if t.i < head.i and t.dep_ == "compound"]
        named = [t for t in owners if is_proper(t)]
        if named:
            body = self.canonical_name(self.doc[named[0].i : named[-1].i + 1].text)
            longer = [n for n, lab in self.labels.items() if lab == "ORG" and is_variant(body, n)]
            body = max(longer, key=len, default=body)  # "Brightwater" is Brightwater Outfitters
            return f"{body} {head.text}"
        kind = next((t for t in owners if t.lemma_.lower() in cues.ORG_NOUNS), None)
        if kind is not None:
            # "a union spokesman": the union the article named; "a company spokesperson": the
            # company it is about
            found = self._named_with(kind, kind.lemma_.lower())
            if found is not None:
                return f"{found.name} {head.text}"
            main = self._main_company(head)
            if main is not None:
                return f"{main} {head.text}"
        return None

    def _named_with(self, head: Token, noun: str) -> Mention | None:
        """'the union' after 'the Brewery and Bottling Workers Union', 'the committee' after
        'the Monetary Policy Committee': the latest organisation whose name has the noun."""
        fits = [
            m
            for m in self.mentions
            if m.token < head.i
            and m.label == "ORG"
            and not m.quoted
            and noun in m.name.lower().split()
        ]
        return fits[-1] if fits else None

    def _public_body(self, m: Mention) -> bool:
        return is_public_body(self.canonical.get(m.name, m.name))

    def _main_company(self, head: Token) -> str | None:
        """The company the story names most before ``head`` (not a news outlet, not a public
        body)."""
        counts: dict[str, int] = {}
        for m in self.mentions:
            if (
                m.token < head.i
                and m.label == "ORG"
                and not m.quoted
                and not is_media_name(m.name)
                and not self._public_body(m)
            ):
                counts[m.name] = counts.get(m.name, 0) + 1
        return max(counts, key=lambda n: counts[n]) if counts else None

    def _issuer(self, head: Token, lemma: str) -> str | None:
        """'a report by the Acme Institute', 'data from X', 'figures released by X', 'X's
        report', 'a spokeswoman for X', 'Lee's office': an unnamed document or role speaks for
        the named body or person it comes from. A document is its issuer ('Acme Institute'); a
        role or an office is the issuer's ('Acme Institute spokeswoman', 'Ann Lee's office')."""
        document = (
            lemma in cues.DOCUMENT_NOUNS
            or head.lower_ in cues.DOCUMENT_NOUNS  # "data" has the lemma "datum"
            or lemma in ISSUED_NOUNS
            or lemma == "result"  # "results from the Board of Elections": who counted them
        )
        owned = lemma in OWNED_NOUNS
        if not (document or owned or lemma in cues.PERSON_ROLES):
            return None
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        if poss is not None and (document or owned):
            ent = entity_at(poss)
            between = head.doc[poss.i + 1 : head.i]
            # "X's latest report", not "X's public defender's office" (the defender's)
            allowed = ("case", "amod") if document else ("case",)
            plain = all(t.dep_ in allowed for t in between)
            if ent is not None and ent.root == poss and plain and ent.label_ in ISSUER_LABELS:
                name = self.name_of(ent)
                return name if document else f"{name}'s {head.text}"
            if document and plain and ent is None and poss.lemma_.lower() in cues.ORG_NOUNS:
                # "the company's annual report": the company the article means
                owner = self.resolve(poss)
                if owner is not None and owner.resolved.lower() != poss.lower_:
                    return owner.resolved
            return None
        # "a report in The Wall Street Journal", "a study published in Nature": "in" names
        # the outlet, when what follows it is a name.
        preps = ("by", "from", "of", "in") if document else ("for", "at", "of", "from")
        heads = [head]
        if document:  # "figures released by X": through the participle to its agent
            heads += [c for c in head.rights if c.dep_ == "acl" and c.lemma_ in ISSUING_VERBS]
        for h in heads:
            for prep in h.rights:
                if prep.dep_ not in ("prep", "agent") or prep.lower_ not in preps:
                    continue
                if prep.i - h.i > 2:
                    continue
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if prep.lower_ == "in" and pobj is not None:
                    pobj = outlet_named(pobj)
                ent = entity_at(pobj) if pobj is not None else None
                untagged = ent is None or ent.label_ not in ISSUER_LABELS
                if document and untagged and pobj is not None and is_proper(pobj):
                    # "reports from The Wrap and Deadline": whatever the tagger called the
                    # name (a title, nothing), a document comes from who is named.
                    return self.canonical_name(np_span(pobj).text)
                if ent is None or untagged:
                    continue
                if ent.label_ == "PERSON" and not document:
                    continue  # "a lawyer for Ann Lee" speaks for her, but is not her
                name = self.name_of(ent)
                return name if document else f"{name} {head.text}"
        return None

    def _place_owned(self, head: Token, span: Span) -> str | None:
        """'the city's police' names the police of the place the article is about: the place
        it names most often ('Hong Kong police'), the latest one on a tie."""
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is None or owner.lower_ not in cues.PLACE_NOUNS:
            return None
        if not any(c.lower_ == "the" for c in owner.children):
            return None
        top = self._main_place(owner.i)
        if top is None:
            return None
        after = [t.text for t in span if t.i > owner.i and t.dep_ != "case"]
        if owner.lower_ in ("state", "province"):  # "South Dakota state …", not "… city …"
            after.insert(0, owner.lower_)
        return f"{top} {' '.join(after) or head.text}"

    def _police_of(self, head: Token, span: Span) -> str | None:
        """Bare 'police' or 'officers' in a story about a place are that place's police: the
        police force the article names ('Fort Worth Police Department'), else the place it
        names most often ('Hong Kong police')."""
        if head.lower_ not in ("police", "officers") or len(span) > 2:
            return None
        if len(span) == 2 and span[0].lower_ != "the":
            return None
        if head.lower_ == "officers" and "police" not in self.text[: head.idx].lower():
            return None  # officers of an army or a company
        before = [m for m in self.mentions if m.token < head.i and not m.quoted]
        forces = [m for m in before if m.label == "ORG" and "police" in m.name.lower()]
        if forces:
            return forces[-1].name
        top = self._main_place(head.i)
        return f"{top} police" if top is not None else None

    def _main_place(self, before: int) -> str | None:
        """The place the article names most often (the latest on a tie), among those it has
        named before token ``before``."""
        places = [m for m in self.mentions if m.label == "GPE" and not m.quoted]
        counts: dict[str, int] = {}
        for m in places:
            counts[m.name] = counts.get(m.name, 0) + 1
        named = [m for m in places if m.token < before]
        return max(named, key=lambda m: (counts[m.name], m.token)).name if named else None

    def _role_antecedent(self, head: Token, role: str) -> Mention | None:
        """'the governor': a person described as governor, else an unnamed 'a legal expert'
        met before, else the latest person in reach."""
        # A person the article described by this very role is meant however far back.
        named = self._antecedent(head, {"PERSON"}, None, role=role, strict=True, reach=50)
        if named is not None:
            return named
        unnamed = self._antecedent(head, {"DESC:" + role}, None)
        if unnamed is not None:
            return Mention(unnamed.token, unnamed.name, "", True)
        latest = self._antecedent(head, {"PERSON"}, None)
        # "Lee Carter told the paper that the governor said …": not Lee Carter.
        if latest is not None and latest.token >= head.sent.start:
            return None
        return latest

    def _named_later(self, head: Token, span: Span) -> str | None:
        """'China's envoy to Chile said …' and later 'China's envoy to Chile Li Wei': the role
        written right before a name anywhere in the article names the person."""
        doc = head.doc
        right = head.i
        for c in head.rights:  # "ambassador to Britain"
            if c.dep_ == "prep" and c.right_edge.i - head.i <= 4:
                right = c.right_edge.i
        phrase = doc[span.start : right + 1].text
        if len(phrase.split()) < 2:
            return None
        at = self.text.find(phrase, span.end_char)
        while at >= 0:
            after = self.text[at + len(phrase) : at + len(phrase) + 1]
            if after == " ":
                name = self._person_starting(at + len(phrase) + 1)
                if name is not None:
                    return name
            at = self.text.find(phrase, at + 1)
        return None

    def _named_next(self, head: Token, span: Span, role: str) -> str | None:
        """'A transit chief says …' then 'Interim Police Chief Ann Lee told reporters …': a
        lead's unnamed role is the speaker the next sentences introduce with that role."""
        if span[0].lower_ not in ("a", "an"):
            return None
        sent = head.sent
        limit = sent.end
        for _ in range(2):  # the next two sentences
            if limit >= len(self.doc):
                break
            limit = self.doc[limit].sent.end
        for ent in self.doc.ents:
            if ent.start < sent.end or ent.label_ != "PERSON" or self.in_quote(ent.start_char):
                continue
            if ent.start >= limit:
                break
            verb = ent.root.head
            if ent.root.dep_ != "nsubj" or verb.lemma_.lower() not in cues.SPEECH_VERBS:
                continue  # the one introduced speaks too, not 'Officer Lee was hurt'
            name = self.name_of(ent)
            described = role_words(role_description(ent) or self.descriptions.get(name))
            if role in described.split():
                return name
        return None

    def _introduced_after(self, head: Token, role: str) -> str | None:
        """'The former head of safety at Meridian testified …', and the next paragraph opens
        'Collins Park, who led …': a lead that describes before it names (delayed
        identification) means the first person the text then introduces, unless the
        article named someone before or the one introduced has another role."""
        named = set(self.people)  # described subjects ("the chief said") name no one
        if any(m.name in named and m.token < head.i for m in self.mentions):
            return None
        para = self.paragraph(head.idx)
        for m in self.mentions:
            if m.token <= head.i or m.name not in named or m.quoted:
                continue
            if self.paragraph(self.doc[m.token].idx) > para + 1:
                return None
            if not m.subject:
                continue
            described = role_words(self.descriptions.get(m.name))
            if described and role not in described.split():
                return None
            return m.name
        return None

    def _person_starting(self, char: int) -> str | None:
        for ent in self.doc.ents:
            if ent.start_char <= char < ent.end_char and ent.label_ == "PERSON":
                if ent.start_char == char:
                    return self.name_of(ent)
                # the tagger glued the role's last word on: "Peru Marta Rojas"
                return self.canonical_name(self.text[char : ent.end_char])
            if ent.start_char > char:
                break
        return None

    def _antecedent(
        self,
        head: Token,
        labels: set[str] | frozenset[str],
        gender: str | None,
        role: str = "",
        strict: bool = False,
        reach: int = MAX_ANTECEDENT_PARAGRAPHS,
        business: bool = False,
    ) -> Mention | None:
        """Most recent compatible mention, preferring subjects and earlier speakers. A
        ``business`` ("the company", "the retailer") is no public body ("the NTSB")."""
        para = self.paragraph(head.idx)
        pool = [m for m in (*self.mentions, *self.history) if m.token < head.i]
        pool = [m for m in pool if m.label in labels]
        if business:
            pool = [m for m in pool if not self._public_body(m)]
        if "PERSON" not in labels:  # "it"/"they"/"the company" never mean a known person
            pool = [m for m in pool if self.canonical.get(m.name, m.name) not in self.people]
        pool = [m for m in pool if not gender or self.gender.get(m.name, gender) == gender]
        if self.quoted and not self.in_quote(head.idx):
            # Names inside a quotation belong to the quoted voice, not to the narrative.
            pool = [m for m in pool if not m.quoted]
        if role:
            # "the governor" prefers the person described as governor
            fitting = [m for m in pool if role in role_words(self.descriptions.get(m.name))]
            pool = fitting if fitting or strict else pool
        near = [m for m in pool if para - self.paragraph(self.doc[m.token].idx) <= reach]
        if not near:
            return None
        # The last sentence first: its subject, else whoever it mentions ("Nobody saw Ames.
        # His office said …"); then subjects in reach beat later object mentions (centering).
        sent_start = head.sent.start
        prev_start = self.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        recent = [m for m in near if m.token >= prev_start and m.core and not self._embedded(m)]
        if not recent and labels == {"PERSON"}:
            # "For Buckley, the role was a turning point. "…," she says": a person the last
            # sentence opens with is its topic, whatever the parser made of the phrase.
            recent = [m for m in near if m.token >= prev_start and self._opens_sentence(m)]
        pool = recent or near
        # the one who reports outranks who they report on
        subjects = [m for m in pool if m.subject and not self._embedded(m)]
        subjects = subjects or [m for m in pool if m.subject]
        return max(subjects or pool, key=lambda m: m.token)

    def _opens_sentence(self, m: Mention) -> bool:
        """The mention is the sentence's first words ('Sandra Oyelowo-Barnes, whose father …')."""
        start = self.doc[m.token].sent.start
        if m.token - start <= 2:
            return True
        return all(t.pos_ == "PROPN" or t.text == "-" for t in self.doc[start : m.token + 1])

    def _embedded(self, m: Mention) -> bool:
        """The mention lies inside a clause someone reports (resolved speakers included)."""
        if m.token not in self.in_reports:  # climbing the parse once per token is enough
            self.in_reports[m.token] = m.embedded or reported_clause(self.doc[m.token])
        return self.in_reports[m.token]

    def _same_sentence_entity(self, head: Token) -> Mention | None:
        """No antecedent: a named entity just before the pronoun in its sentence ('X he said')."""
        outside = not self.in_quote(head.idx)
        cands = [
            m
            for m in self.mentions
            if head.sent.start <= m.token < head.i and not (outside and m.quoted)
        ]
        return cands[-1] if cands else None

    def _remember(self, head: Token, name: str, label: str) -> None:
        self.history.append(Mention(head.i, name, label, True))
