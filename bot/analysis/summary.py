"""The gist in one or two sentences, built from the key facts (extractive, condensed)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from bot.types import KeyFact

MAX_CHARS = 300
# A second sentence is added only when the first leaves room and is short on its own.
SECOND_IF_SHORTER_THAN = 170


def summarize(doc: Doc, facts: list[KeyFact], *, title: str | None) -> str:
    """One or two sentences: the top fact, then the next one if both fit comfortably."""
    if not facts:
        return _fallback(doc, title)
    # Of the top facts, the earliest usually states the event; the next one adds to it.
    top = sorted(facts[:3], key=lambda f: f.start)
    first = top[0]
    parts = [first]
    if len(first.text) < SECOND_IF_SHORTER_THAN:
        for other in top[1:]:
            if len(first.text) + 1 + len(other.text) <= MAX_CHARS:
                parts.append(other)
                break
    return _clip(" ".join(_with_source(f) for f in parts))


def _with_source(fact: KeyFact) -> str:
    """Keep the attribution visible: a summary must not turn a claim into a fact."""
    text = fact.text
    who = fact.attributed_to
    if not who or who.split(" (")[0].lower() in text.lower():
        return text
    return f"{text.rstrip('.')} ({who.split(' (')[0]})."


def _fallback(doc: Doc, title: str | None) -> str:
    for sent in doc.sents:
        text = re.sub(r"\s+", " ", sent.text).strip()
        if len(text.split()) >= 6:
            return _clip(text)
    return (title or "").strip()


def _clip(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    cut = text[: MAX_CHARS - 1]
    cut = cut[: cut.rfind(" ")] if " " in cut else cut
    return cut.rstrip(",;: ") + "…"
