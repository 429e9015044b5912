"""Cheap signals about a page as a whole: is it argued (opinion), is it news at all.

Also the per-token lexical cues that key-fact scoring shares with the page signals, so the two
agree on what "opinion" and "boilerplate" mean.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span, Token

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "our", "ours", "ourselves"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves"})
# Modal verbs that make a statement a possibility or a recommendation rather than a fact.
HEDGE_MODALS = frozenset({"could", "might", "may", "would", "should", "must", "ought"})
PRESCRIPTIVE_MODALS = frozenset({"should", "must", "ought"})
HEDGE_ADVERBS = frozenset(
    {
        "probably",
        "perhaps",
        "maybe",
        "possibly",
        "arguably",
        "seemingly",
        "supposedly",
        "presumably",
        "hopefully",
        "surely",
        "certainly",
        "undoubtedly",
        "clearly",
        "obviously",
    }
)
# Adjectives that judge rather than describe; a sentence built on one is the writer's view.
EVALUATIVE = frozenset(
    {
        "absurd",
        "amazing",
        "atrocious",
        "awesome",
        "awful",
        "bad",
        "beautiful",
        "best",
        "brilliant",
        "crucial",
        "dangerous",
        "disappointing",
        "disgraceful",
        "disturbing",
        "embarrassing",
        "essential",
        "excellent",
        "fantastic",
        "good",
        "great",
        "horrible",
        "ideal",
        "important",
        "impressive",
        "incredible",
        "interesting",
        "ironic",
        "laughable",
        "lovely",
        "marvellous",
        "marvelous",
        "nice",
        "obvious",
        "outrageous",
        "perfect",
        "remarkable",
        "ridiculous",
        "sad",
        "shameful",
        "shocking",
        "silly",
        "stunning",
        "stupid",
        "superb",
        "terrible",
        "timid",
        "tragic",
        "troubling",
        "unacceptable",
        "weak",
        "wonderful",
        "worrying",
        "worse",
        "worst",
        "wrong",
    }
)
# Where a judging adjective judges: as the predicate or on a noun ("how best to" does not).
JUDGING_DEPS = frozenset({"acomp", "amod", "ROOT", "attr", "oprd", "conj"})
BOILERPLATE = re.compile(
    r"(?i)\b(click here|subscribe|sign up|newsletter|follow us|updates? (are )?coming soon|"
    r"read more|all rights reserved|cookies?|advertisement|share this|whatsapp|telegram channel|"
    r"copyright|terms of (use|service)|privacy policy|contact us|getty images|"
    r"photo credit|image credit|(ap|afp|reuters) photo|affiliate|commission|add to (cart|basket)|"
    r"free shipping|log ?in|download the app|more stories|related articles?|"
    r"this (story|article) (has been|was|will be) updated|check back|developing story)\b"
)


def outside_quotes(tok: Token, quoted: list[bool]) -> bool:
    return not quoted[tok.i]


_MASK_KEY = "digestbot.quoted_mask"


def quoted_mask(doc: Doc) -> list[bool]:
    """For each token, whether it lies inside quotation marks (curly or straight); cached."""
    cached = doc.user_data.get(_MASK_KEY)
    if cached is not None and len(cached) == len(doc):
        return cached
    mask = _compute_quoted_mask(doc)
    doc.user_data[_MASK_KEY] = mask
    return mask


def _compute_quoted_mask(doc: Doc) -> list[bool]:
    mask = [False] * len(doc)
    inside = False
    for tok in doc:
        t = tok.text
        if tok.is_space and "\n" in t:
            inside = False  # a line break ends a runaway quote; multi-paragraph quotes reopen
            continue
        if t in {"“", "«", "``"}:
            inside = True
        elif t in {"”", "»", "''"}:
            inside = False
        elif t == '"':
            inside = _straight_quote_opens(tok, inside)
        else:
            mask[tok.i] = inside
    return mask


def _straight_quote_opens(tok: Token, inside: bool) -> bool:
    """Whether a straight quote opens (True) or closes (False), judged by the spaces around it."""
    before = tok.i == 0 or bool(tok.doc[tok.i - 1].whitespace_) or tok.doc[tok.i - 1].is_space
    after = bool(tok.whitespace_) or tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].is_punct
    if before and not after:
        return True
    if after and not before:
        return False
    return not inside


def opinion_cues(span: Span, quoted: list[bool]) -> dict[str, int]:
    """Counts of the author's own opinion cues in ``span`` (quotes excluded)."""
    c = {"first": 0, "second": 0, "prescriptive": 0, "hedge": 0, "evaluative": 0}
    for tok in span:
        if quoted[tok.i]:
            continue
        low = tok.lower_
        if low in FIRST_PERSON or (low == "us" and tok.text != "US"):
            c["first"] += 1
        elif low in SECOND_PERSON:
            c["second"] += 1
        elif low in PRESCRIPTIVE_MODALS and tok.tag_ == "MD":
            c["prescriptive"] += 1
        elif low in HEDGE_ADVERBS:
            c["hedge"] += 1
        elif low in EVALUATIVE and tok.dep_ in JUDGING_DEPS:
            c["evaluative"] += 1
    return c


REVIEW_TITLE = re.compile(r"(?i)\breview(ed)?\b|\bhands-on\b|\btested\b")


def page_signals(doc: Doc, title: str | None = None) -> dict[str, Any]:
    """{"opinion": bool, "not_news": bool, "reason": str | None} for the page as a whole."""
    quoted = quoted_mask(doc)
    sents = [s for s in doc.sents if any(t.is_alpha for t in s)]
    argued = 0
    prose = 0
    for s in sents:
        cues = opinion_cues(s, quoted)
        if cues["first"] or cues["prescriptive"] or cues["second"]:
            argued += 1
        if _is_prose(s):
            prose += 1
    questions = sum(1 for s in sents if s.text.rstrip().endswith("?"))
    n = max(len(sents), 1)
    opinion = len(sents) >= 5 and (argued + questions) / n >= 0.3
    if title and re.search(r"(?i)\b(opinion|editorial|column|commentary|op-ed)\b", title):
        opinion = True
    reason = _not_news_reason(doc, sents, prose)
    review = bool(title and REVIEW_TITLE.search(title))
    return {
        "opinion": opinion and not review,
        "review": review,
        "not_news": reason is not None,
        "not_news_reason": reason,
    }


def _is_prose(sent: Span) -> bool:
    """A full sentence: a finite verb, ending punctuation, enough words."""
    words = sum(1 for t in sent if t.is_alpha)
    has_verb = any(t.pos_ in {"VERB", "AUX"} and t.morph.get("VerbForm") == ["Fin"] for t in sent)
    return words >= 6 and has_verb and sent.text.rstrip()[-1:] in {".", "!", "?", "”", '"'}


def _is_instruction(sent: Span) -> bool:
    """An imperative: "Heat the pears…", "Spoon the jam…" (a bare verb first, no subject)."""
    first = next((t for t in sent if t.is_alpha), None)
    return (
        first is not None
        and first.tag_ == "VB"
        and not any(t.dep_ in {"nsubj", "nsubjpass"} for t in sent)
    )


def _not_news_reason(doc: Doc, sents: list[Span], prose: int) -> str | None:
    # Before the prose check: imperatives have no finite verb, so a how-to has little "prose".
    instructions = sum(1 for s in sents if _is_instruction(s))
    if instructions >= 5 and instructions / max(len(sents), 1) >= 0.1:
        return "instructions, such as a recipe or a how-to"
    if prose < 4:
        return "too little running prose for a news article"
    text = doc.text
    prices = len(re.findall(r"[$£€]\s?\d", text))
    if prices >= 8 and prices / max(prose, 1) > 0.5:
        return "a list of products or deals"
    lines = [ln for ln in text.splitlines() if ln.strip()]
    short = sum(1 for ln in lines if len(ln.split()) <= 8 and not ln.rstrip().endswith("."))
    if len(lines) >= 10 and short / len(lines) > 0.6:
        return "a list rather than an article"
    return None
