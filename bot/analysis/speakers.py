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
from bot.types import Speaker

NAMED_LABELS = frozenset(
    ["PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART"]
)  # papers are often WORK_OF_ART
GROUP_LABELS = frozenset(["ORG", "GPE", "NORP", "FAC"])
# Left modifiers that belong to a speaker's noun phrase.
NP_LEFT_DEPS = frozenset(["compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case"])
LEADING_DETS = frozenset(["the", "a", "an", "this", "that", "these", "those"])
FEMALE = frozenset(["ms", "ms.", "mrs", "mrs.", "spokeswoman", "chairwoman", "congresswoman"])
MALE = frozenset(["mr", "mr.", "spokesman", "chairman", "congressman"])
AUTHOR = "the author"
MAX_ANTECEDENT_PARAGRAPHS = 4


def normalize_name(text: str) -> str:
    """'the Financial Times' -> 'Financial Times'; "Mr. Smith's" -> 'Smith'."""
    text = re.sub(r"[’']s$", "", text.strip())
    words = text.split()
    while words and (words[0].lower() in cues.TITLES or words[0].lower() == "the"):
        words = words[1:]
    while len(words) > 1 and words[-1].islower():  # an entity that swallowed "that"
        words = words[:-1]
    return " ".join(words)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def _is_variant(short: str, long: str) -> bool:
    """True when `short` names the same thing as `long`: contiguous words, or its acronym."""
    sw, lw = short.split(), long.split()
    if len(sw) < len(lw) and any(lw[i : i + len(sw)] == sw for i in range(len(lw) - len(sw) + 1)):
        return True
    compact = short.replace(".", "")
    return compact.isupper() and len(compact) >= 2 and len(lw) >= 2 and _initials(long) == compact


@dataclass
class Mention:
    token: int  # index of the mention's last token
    name: str  # canonical name
    label: str
    subject: bool


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

    def __post_init__(self) -> None:
        self.text = self.text or self.doc.text
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n+", self.text)]
        self._build_names()

    # -- names ---------------------------------------------------------------------------
    def _build_names(self) -> None:
        names: dict[str, str] = {}
        for ent in self.doc.ents:
            if ent.label_ in NAMED_LABELS:
                name = normalize_name(ent.text)
                if name and name not in names:
                    names[name] = ent.label_
        self.people = [n for n, lab in names.items() if lab == "PERSON"]
        by_word: dict[str, list[str]] = {}  # word -> names containing it, to avoid n² pairs
        by_initials: dict[str, list[str]] = {}
        for n in names:
            for w in set(n.split()):
                by_word.setdefault(w, []).append(n)
            by_initials.setdefault(_initials(n), []).append(n)
        for name, label in names.items():
            group = label == "PERSON"
            words = name.split()
            pool = by_word.get(words[0], []) + by_initials.get(name.replace(".", ""), [])
            longer = [
                n
                for n in pool
                if len(n) > len(name)
                and _is_variant(name, n)
                and ((names[n] == "PERSON") == group or self._is_surname(name, n))
            ]
            best = max(longer, key=lambda n: len(n.split()), default=name)
            self.canonical[name] = best
            self.labels.setdefault(best, names[best])
        for ent in self.doc.ents:
            if ent.label_ in NAMED_LABELS:
                name = self.name_of(ent)
                head = ent.root
                subj = head.dep_ in ("nsubj", "nsubjpass") or any(
                    a.dep_ in ("nsubj",) for a in [head.head] if head.dep_ == "appos"
                )
                self.mentions.append(Mention(ent.end - 1, name, ent.label_, subj))
                self._learn_role(ent)

    def _is_surname(self, name: str, person: str) -> bool:
        """NER often labels a lone surname ORG: 'Heyward' still names 'Cam Heyward'."""
        return " " not in name and person.split()[-1] == name and person in self.people

    def person_for(self, text: str) -> str | None:
        """The full PERSON name a bare proper noun refers to, if any."""
        name = normalize_name(text)
        if self.canonical.get(name) in self.people:
            return self.canonical[name]
        fits = [p for p in self.people if _is_variant(name, p)]
        return max(fits, key=lambda p: len(p.split())) if fits else None

    def name_of(self, ent: Span) -> str:
        name = normalize_name(ent.text)
        return self.canonical.get(name, name)

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
        appos = _named_appos(head)
        if appos is not None and not head.ent_type_:
            description = _strip_det(np_span(head).text)
            head = appos.root
        span = np_span(head)
        low = head.lower_
        if low in cues.ALL_PRONOUNS and head.pos_ == "PRON":
            return self._resolve_pronoun(head, in_quote)
        ent = _entity_at(head)
        if ent is not None and ent.label_ in NAMED_LABELS:
            name = self.name_of(ent)
            desc = description or role_description(ent) or self.descriptions.get(name)
            self._remember(head, name, ent.label_)
            return _speaker(span, name, desc)
        return self._resolve_common(head, span, description)

    def _resolve_pronoun(self, head: Token, in_quote: bool) -> Speaker | None:
        low = head.lower_
        if low in cues.AUTHOR_PRONOUNS:
            if in_quote:
                return None
            return Speaker(head.text, head.idx, head.idx + len(head), AUTHOR)
        if low in cues.PERSON_PRONOUNS:
            gender = "f" if low in ("she", "her") else "m"
            found = self._antecedent(head, {"PERSON"}, gender)
        elif low in cues.PLURAL_PRONOUNS:
            found = self._antecedent(head, GROUP_LABELS | {"GROUP"}, None)
        else:
            found = self._antecedent(head, GROUP_LABELS, None)
        if found is None:
            found = self._same_sentence_entity(head)
        if found is None:
            return None
        self.history.append(Mention(head.i, found.name, found.label, True))
        return Speaker(
            head.text, head.idx, head.idx + len(head), found.name, self.descriptions.get(found.name)
        )

    def _resolve_common(self, head: Token, span: Span, description: str | None) -> Speaker | None:
        text = _strip_det(span.text)
        if not text or head.pos_ == "PRON":
            return None
        if head.pos_ == "PROPN":
            person = self.person_for(span.text) or self.person_for(head.text)
            name = person or normalize_name(span.text)
            self.history.append(Mention(head.i, name, "PERSON" if person else "PROPN", True))
            return _speaker(span, name, description or self.descriptions.get(name))
        definite = any(t.lower_ in ("the", "this", "that") for t in span[:1])
        proper = any(t.pos_ == "PROPN" for t in span)
        lemma = head.lemma_.lower()
        if definite and not proper and lemma in cues.PERSON_ROLES:
            found = self._antecedent(head, {"PERSON"}, None, role=lemma)
            if found is not None:
                return _speaker(span, found.name, self.descriptions.get(found.name) or text)
        if definite and not proper and lemma in cues.ORG_NOUNS:
            found = self._antecedent(head, GROUP_LABELS - {"NORP"}, None)
            if found is not None:
                return _speaker(span, found.name, self.descriptions.get(found.name))
        resolved = text
        if head.tag_ in ("NNS", "NNPS"):
            self.history.append(Mention(head.i, resolved, "GROUP", True))
        return _speaker(span, resolved, description)

    def _antecedent(
        self, head: Token, labels: set[str] | frozenset[str], gender: str | None, role: str = ""
    ) -> Mention | None:
        """Most recent compatible mention, preferring subjects and earlier speakers."""
        para = self.paragraph(head.idx)
        pool = [m for m in (*self.mentions, *self.history) if m.token < head.i]
        pool = [m for m in pool if m.label in labels]
        pool = [m for m in pool if not gender or self.gender.get(m.name, gender) == gender]
        if role:
            # "the governor" prefers the person described as governor
            fitting = [m for m in pool if role in self.descriptions.get(m.name, "").lower()]
            pool = fitting or pool
        near = [
            m
            for m in pool
            if para - self.paragraph(self.doc[m.token].idx) <= MAX_ANTECEDENT_PARAGRAPHS
        ]
        if not near:
            return None
        # Subjects are likelier antecedents than objects (centering): the latest subject in
        # reach beats a later object mention.
        subjects = [m for m in near if m.subject]
        return max(subjects or near, key=lambda m: m.token)

    def _same_sentence_entity(self, head: Token) -> Mention | None:
        """No antecedent: a named entity just before the pronoun in its sentence ('X he said')."""
        cands = [m for m in self.mentions if head.sent.start <= m.token < head.i]
        return cands[-1] if cands else None

    def _remember(self, head: Token, name: str, label: str) -> None:
        self.history.append(Mention(head.i, name, label, True))


def _speaker(span: Span, resolved: str, description: str | None) -> Speaker:
    return Speaker(span.text, span.start_char, span.end_char, resolved, description)


def _strip_det(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in LEADING_DETS:
        words = words[1:]
    return " ".join(words)


def _entity_at(token: Token) -> Span | None:
    if not token.ent_type_:
        return None
    for ent in token.sent.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _named_appos(head: Token) -> Span | None:
    """'The company's chief executive, Tim Cook, said' -> the entity Tim Cook."""
    lemma = head.lemma_.lower()
    if lemma not in cues.PERSON_ROLES and lemma not in cues.ORG_NOUNS:
        return None
    for child in head.rights:
        if child.dep_ == "appos":
            ent = _entity_at(child)
            if ent is not None and ent.label_ in ("PERSON", "ORG"):
                return ent
    return None


def np_span(head: Token) -> Span:
    """The compact noun phrase of a speaker: left modifiers and the head (no clauses)."""
    doc = head.doc
    left = head.i
    for child in head.lefts:
        if child.dep_ in NP_LEFT_DEPS:
            left = min(left, child.left_edge.i)
    right = head.i
    ent = _entity_at(head)
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
    before = _strip_det(doc[left : ent.start].text.strip(" ,"))
    words = re.split(r"[\s-]+", before)
    if before and _is_role(words):
        return before
    for child in root.rights:
        if child.dep_ == "appos" and not child.ent_type_:
            sub = doc[child.left_edge.i : child.right_edge.i + 1]
            text = _strip_det(sub.text.strip(" ,"))
            if text and len(text.split()) <= 8 and _is_role(re.split(r"[\s-]+", text)):
                return text
    return None


def _is_role(words: list[str]) -> bool:
    """A role has a common noun ('analyst') or a title ('President'), not just 'R' or 'D-Minn.'"""
    return any((w.islower() and len(w) >= 3) or w.lower() in cues.PERSON_ROLES for w in words)
