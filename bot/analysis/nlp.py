"""Loading the spaCy pipeline: once per process, by the name the settings give."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from bot.analysis import cues
from bot.errors import DigestError

# Long articles are rare but exist; the parser's memory grows with the document.
MAX_CHARS = 200_000


@cache
def load_nlp(model: str) -> Language:
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise DigestError(
            f"the spaCy pipeline {model!r} is not installed (DIGESTBOT_SPACY_MODEL)"
        ) from exc
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
    _fix_lemmas(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("digestbot_paragraph_breaks", before="parser")
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("digestbot_entity_fixes", after="ner")
    return nlp


# Verb forms the small English pipeline lemmatizes wrongly ("hopes" -> "hop"), for the
# reporting verbs the rules look up by lemma.
LEMMA_FIXES = {"hope": ["hopes", "hoped", "hoping"]}
VERB_TAGS = ["VB", "VBD", "VBG", "VBN", "VBP", "VBZ"]


def _fix_lemmas(nlp: Language) -> None:
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    for lemma, forms in LEMMA_FIXES.items():
        pattern = [{"LOWER": {"IN": forms}, "TAG": {"IN": VERB_TAGS}}]
        ruler.add([pattern], {"LEMMA": lemma})


@Language.component("digestbot_paragraph_breaks")
def break_at_paragraphs(doc: Doc) -> Doc:
    """A line break ends a sentence. Without this the parser glues a headline line with no
    full stop ("South Dakota spends $449K on new campaign") onto the paragraph after it, and
    that paragraph's attribution then reports the headline."""
    for tok in doc[:-1]:
        if "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


# Labels of names: an entity with one of them must be written as a name.
NAME_LABELS = frozenset(["PERSON", "ORG", "GPE", "NORP", "FAC"])


@Language.component("digestbot_entity_fixes")
def fix_entities(doc: Doc) -> Doc:
    """Mend two mistakes of the small pipeline's tagger that every later rule would inherit:
    a "name" written all in lower case ("rookie point" as an organisation), and a hyphenated
    given name cut off its surname ("Ji-woo" a person, "Baek" an organisation)."""
    ents: list[Span] = []
    for ent in doc.ents:
        if _lowercase_name(ent):
            continue
        if ents and _joins_given_name(ents[-1], ent):
            ents[-1] = Span(doc, ents[-1].start, ent.end, label="PERSON")
            continue
        ents.append(ent)
    if len(ents) != len(doc.ents):
        doc.set_ents(ents, default="outside")
    return doc


def _lowercase_name(ent: Span) -> bool:
    """A name written all in lower case is no name, except a body's ('the defence ministry')."""
    if ent.label_ not in NAME_LABELS or not ent.text.isascii() or not ent.text.islower():
        return False
    return not (ent.label_ == "ORG" and ent.root.lemma_ in cues.ORG_NOUNS)


def _joins_given_name(given: Span, surname: Span) -> bool:
    """'Ji-woo' (PERSON) right before a one-word capitalised name the tagger labelled apart."""
    if given.label_ != "PERSON" or surname.start != given.end or len(surname) != 1:
        return False
    if surname.label_ == "PERSON" or " " in given.text or "-" not in given.text:
        return False
    last = surname[0]
    return last.pos_ == "PROPN" and last.text[:1].isupper() and given[-1].whitespace_ == " "
