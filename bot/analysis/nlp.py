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
    return nlp
