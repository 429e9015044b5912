"""Loading the spaCy pipeline: once per process, by the name the settings give."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

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
