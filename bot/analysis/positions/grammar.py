"""What a token is to the rules: a reporting verb, 'according to', 'the words of', and whose
subject speaks."""

from __future__ import annotations

from spacy.tokens import Token

from bot.analysis import cues, source_cues
from bot.analysis.positions.spans import opens_paragraph


def is_report_verb(tok: Token) -> bool:
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    return lemma in cues.SPEECH_VERBS or lemma in cues.STANCE_VERBS or lemma in cues.EVIDENCE_VERBS


def is_quote_only_verb(tok: Token) -> bool:
    """'"…," she continued': a verb that only attributes a quote it follows."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() in cues.QUOTE_ONLY_VERBS


def is_words_of(tok: Token) -> bool:
    return tok.lemma_.lower() in cues.WORDS_OF and pobj_of(tok, "of") is not None


def is_according(tok: Token) -> bool:
    return tok.lower_ == "according" and any(
        c.lower_ == "to" and c.dep_ == "prep" for c in tok.children
    )


def pobj_of(tok: Token, prep: str) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == prep:
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, inherited through conjunctions and participles ('…, warning')."""
    tok = verb
    for _ in range(4):
        # A subject across a paragraph break is a parse glued over a headline line.
        subjects = [c for c in tok.children if c.dep_ == "nsubj" and _same_paragraph(c, tok)]
        if subjects:
            # Two subjects mean a dateline parsed as one ("BUFFALO — …, the coach said"):
            # the one nearest the verb speaks.
            before = [c for c in subjects if c.i < tok.i]
            return _past_dateline(before[-1] if before else subjects[0])
        if tok.dep_ == "conj" and second_report(tok):
            tok = tok.head.head  # "He said prices rose, and warned that …": he warned
            continue
        if tok.dep_ in ("conj", "advcl", "xcomp") and tok.head is not tok:
            tok = tok.head
            continue
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":  # "after accusing them of …"
            tok = tok.head.head
            if tok.lemma_.lower() in ("quote", "cite"):  # "X was quoted as saying …"
                passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
                if passive:
                    return passive[0]
            continue
        if tok.dep_ == "relcl":
            return tok.head
        return None
    return None


def second_report(verb: Token) -> bool:
    """A reporting verb without a subject of its own, which the parser joined to the clause
    of another report rather than to the report itself ("said [rents rose] and warned that
    …", "said [the deaths were caused by gunshots] and called on the government to …")."""
    first = verb.head
    if first.dep_ != "ccomp" or not is_report_verb(first.head) or not is_report_verb(verb):
        return False
    # "said that A and that the label had told B …": both are content
    return not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children)


def _same_paragraph(a: Token, b: Token) -> bool:
    lo, hi = (a, b) if a.i < b.i else (b, a)
    return "\n" not in a.doc[lo.i : hi.i + 1].text


DASHES = frozenset(["—", "–", "-", "--"])


def _spaced_dash(tok: Token) -> bool:
    """A dash standing between words ('BERLIN—…', 'BERLIN - …'), not a hyphen inside one
    ('58-year-old')."""
    if tok.text not in DASHES:
        return False
    if tok.text != "-":
        return True
    return bool(tok.whitespace_) and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)


def _past_dateline(subj: Token) -> Token:
    """A place name opening a paragraph before a dash is a dateline, not the subject: the noun
    after the dash is ('Springfield – Hundreds of nurses marched …')."""
    doc = subj.doc
    if subj.pos_ != "PROPN" or not opens_paragraph(subj.left_edge):
        return subj
    dash = next((t for t in doc[subj.i : subj.i + 5] if _spaced_dash(t)), None)
    if dash is None:
        return subj
    after = [c for c in subj.subtree if c.i > dash.i and c.pos_ in ("NOUN", "PROPN", "PRON")]
    heads = [c for c in after if c.head.i < dash.i or c.head == subj]
    return heads[0] if heads else subj


def plausible_stance_subject(subj: Token) -> bool:
    """Stance without a clause needs someone to hold it: a name, a pronoun, a role, a body."""
    if subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or subj.pos_ == "PROPN":
        return True
    if any(c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG") for c in subj.rights):
        return True  # "his predecessor, Fiona Hill, had dubbed …"
    low, lemma = subj.lower_, subj.lemma_.lower()
    return (
        low in cues.QUANTIFIER_SUBJECTS
        or lemma in cues.SHARE_NOUNS
        or low in cues.PERSON_PRONOUNS
        or low in cues.PLURAL_PRONOUNS
        or low in cues.RELATIVE_PRONOUNS
        or lemma in cues.PERSON_ROLES
        or lemma in cues.ORG_NOUNS
        or lemma in cues.ANONYMOUS_NOUNS
        or lemma in cues.OFFICIAL_WORDS
        or lemma in cues.DOCUMENT_NOUNS
        or low in cues.DOCUMENT_NOUNS  # "data", whose lemma is "datum"
        or lemma in cues.RECORDING_NOUNS
        or lemma in source_cues.DOCUMENT_WORDS  # "the indictment accuses X of …"
    )
