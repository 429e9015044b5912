"""Comparable items: the facts, statements and corrections of one analysed text.

Key facts alone are too few to diff a revision (at most 7 are chosen, and a new paragraph's fact
may not make the cut), so every factual sentence of the text becomes a fact item as well; a key
fact only lends its condensed wording and attribution to the sentence it came from.

An item's ``key`` is a fingerprint that storage keeps as a plain string: the kind, the speaker
for statements, and the sorted content words (stemmed, stop words out) with each figure written
``value@label``. A key alone is enough to compare with later items, so storage needs nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from bot.types import KeyFact, Position, TextAnalysis
from bot.updates.text import Figure, Sentence, analyse, sentences, stem

ItemKind = Literal["fact", "position", "correction"]

JACCARD = 0.6  # content-word overlap for "the same fact, reworded"
ANCHORED_JACCARD = 0.35  # enough when the same figures with the same labels anchor both
CONTAINED = 0.85  # a shorter version whose words all appear in the other says nothing new
FIGURE_WORDS = 0.5  # overlap for "the same fact with a changed figure"
MIN_FACT_WORDS = 6
NEGATION = frozenset({"no", "not", "never"})

_CORRECTION = re.compile(
    r"^(?:correction|clarification)\s*[:—–-]"
    r"|^an?\s+(?:earlier|previous)\s+version\s+of\s+this\s+(?:article|story|report|post)"
    r"|^this\s+(?:article|story|report|post)\s+(?:has\s+been|was)\s+"
    r"(?:corrected|updated|amended|changed)\s+to\b",
    re.IGNORECASE,
)
# Page furniture that revisions change freely: timestamps, bylines, links, ads, calls to action.
_BOILERPLATE = re.compile(
    r"^(?:updated|last\s+updated|published|first\s+published|posted|modified|by\s+[A-Z])\b"
    r"|^(?:related|read\s+more|read\s+next|see\s+also|more\s+on\s+this|more\s+from|recommended"
    r"|most\s+read|most\s+popular|trending|watch|listen|also\s+read|you\s+may\s+also\s+like)\b"
    r"|\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago\b"
    r"|\b(?:advertisement|sponsored|promoted|story\s+continues\s+below|click\s+here|subscribe"
    r"|sign\s+up|newsletter|follow\s+us|download\s+the\s+app|share\s+this|cookies?"
    r"|all\s+rights\s+reserved|copyright|getty\s+images|ap\s+photo|photo\s+credit"
    r"|privacy\s+policy|terms\s+of\s+(?:use|service)|check\s+back|whatsapp|telegram\s+channel"
    r"|is\s+also\s+on)\b|©",
    re.IGNORECASE,
)
# Opinion and speculation, cheaply: the writer's voice, hedges, advice. Not facts to report.
_OPINION = re.compile(
    r"\b(?:I|we|our|us|you|your|my|could|might|should|must|ought|perhaps|probably|maybe)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


@dataclass(slots=True)
class Item:
    kind: ItemKind
    key: str
    text: str  # what a reader sees: the sentence, the condensed key fact, the quote
    speaker: str | None = None
    numbers: dict[str, str] = field(default_factory=dict)  # label → value: {"dead": "137"}
    quote: bool = False  # a direct quotation (rendered in quotation marks)


@dataclass(frozen=True, slots=True)
class Signature:
    """What comparison needs, parsed back from a key (so stored keys compare like items)."""

    kind: str
    speaker: str | None
    words: frozenset[str]
    figures: tuple[Figure, ...]

    @property
    def values(self) -> frozenset[str]:
        return frozenset(f.value for f in self.figures)

    @property
    def tokens(self) -> frozenset[str]:
        return self.words | self.values


# ------------------------------------------------------------------------------------ keys


def make_item(
    kind: ItemKind, text: str, *, speaker: str | None = None, quote: bool = False
) -> Item:
    words, figures = analyse(text)
    key = _key(kind, _speaker_norm(speaker) if kind == "position" else None, words, figures)
    numbers: dict[str, str] = {}
    for f in figures:
        label = f.label or "figure"
        n = 2
        while label in numbers:  # two figures counting the same thing keep both
            label, n = f"{f.label or 'figure'} ({n})", n + 1
        numbers[label] = f.value
    return Item(kind, key, text.strip(), speaker, numbers, quote)


def _key(kind: str, speaker: str | None, words: frozenset[str], figs: tuple[Figure, ...]) -> str:
    tokens = sorted(words | {f"{f.value}@{f.label}" for f in figs})
    head = f"{kind}:{speaker}|" if kind == "position" else f"{kind}:"
    return head + " ".join(tokens)


@lru_cache(maxsize=65536)
def signature(key: str) -> Signature:
    kind, _, rest = key.partition(":")
    speaker = None
    if kind == "position":
        speaker, _, rest = rest.rpartition("|")
    words: set[str] = set()
    figures: list[Figure] = []
    for token in rest.split():
        value, at, label = token.partition("@")
        if at:
            figures.append(Figure(value, label))
        else:
            words.add(token)
    return Signature(kind, speaker or None, frozenset(words), tuple(figures))


def _speaker_norm(name: str | None) -> str:
    name = re.sub(r"(?i)^the\s+", "", (name or "").strip())
    return re.sub(r"[\s|]+", " ", name).lower()


# ------------------------------------------------------------------------------ comparison


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def same(new: Signature, old: Signature) -> bool:
    """Whether ``new`` tells nothing beyond ``old``: reworded, shortened, same figures."""
    if new == old:
        return True
    if new.kind != old.kind:
        return False
    if new.kind == "position" and not _same_speaker(new.speaker, old.speaker):
        return False
    if not new.values <= old.values:
        return False  # a figure the old item lacks is news
    if new.words & NEGATION != old.words & NEGATION:
        return False  # "was arrested" and "was not arrested" share every other word
    a, b = new.tokens, old.tokens
    sim = jaccard(a, b)
    if sim >= JACCARD:
        return True
    if len(a) >= 3 and len(a & b) >= CONTAINED * len(a):
        return True
    anchored = bool(new.values) and new.values == old.values and _labels_agree(new, old)
    return anchored and sim >= ANCHORED_JACCARD


def figure_changes(new: Signature, old: Signature) -> list[tuple[str, str, str]]:
    """(label, old value, new value) when ``new`` restates ``old`` with other figures."""
    if new.kind != "fact" or old.kind != "fact" or jaccard(new.words, old.words) < FIGURE_WORDS:
        return []
    changes = []
    for f in new.figures:
        if f.value in old.values:
            continue
        prior = next((o for o in old.figures if _label_eq(o.label, f.label)), None)
        if prior is not None:
            changes.append((f.label, prior.value, f.value))
    return changes


def _labels_agree(a: Signature, b: Signature) -> bool:
    by_value = {f.value: f.label for f in b.figures}
    return all(_label_eq(f.label, by_value.get(f.value, f.label)) for f in a.figures)


def _label_eq(a: str, b: str) -> bool:
    return bool(a) and stem(a) == stem(b)


def _same_speaker(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True  # an unresolved speaker cannot tell two statements apart
    if a == b or a in b or b in a:
        return True
    return a.split()[-1] == b.split()[-1]  # "Biden" and "Joe Biden"


# ---------------------------------------------------------------------------- extraction


def items_of(result: TextAnalysis, text: str) -> list[Item]:
    """Statements from the positions, facts from every factual sentence, and corrections.

    ``text`` is the article text the analysis' offsets point into (``Analysis.text``).
    An indirect statement that carries figures ("police said 137 died") is a fact, attributed,
    so that a changed toll is a changed figure whoever reports it.
    """
    statements = [p for p in result.positions if not _is_reported_figure(p)]
    reported = [p for p in result.positions if _is_reported_figure(p)]
    split = sentences(text)
    items = [_position_item(p, split, text) for p in statements]
    items = [i for i in items if len(signature(i.key).tokens) >= 2]
    for s in split:
        item = _sentence_item(s, statements, reported, text)
        if item is not None:
            items.append(item)
    for fact in result.key_facts:
        _merge_key_fact(items, fact, statements, text)
    return _dedupe(items)


def _is_reported_figure(p: Position) -> bool:
    return p.kind in {"indirect", "according_to"} and bool(analyse(p.content.text)[1])


def _position_item(p: Position, split: list[Sentence], text: str) -> Item:
    speaker = p.speaker.resolved if p.speaker else p.via
    quote = p.kind == "direct"  # a mixed one carries its own quotation marks
    item = make_item("position", p.content.text, speaker=speaker, quote=quote)
    if not quote:
        # Reported speech reads best as its whole sentence; the key stays the content's.
        # (Unless the sentence holds much more: then several statements would show one text.)
        whole = next((s.text for s in split if _covers(p, s, text)), "")
        cued = f"{p.cue.text} {p.content.text}"  # "condemned the attack", after the speaker
        item.text = whole if len(p.content.text) >= 0.5 * len(whole) else cued
    return item


def _sentence_item(
    s: Sentence, statements: list[Position], reported: list[Position], text: str
) -> Item | None:
    if _CORRECTION.search(s.text):
        return make_item("correction", s.text)
    if not _is_factual(s.text):
        return None
    if any(_covers(p, s, text) for p in statements):
        return None  # a statement, itemised as a position
    reporter = next((p for p in reported if _covers(p, s, text)), None)
    speaker = reporter.speaker.resolved if reporter and reporter.speaker else None
    return make_item("fact", s.text, speaker=speaker)


def _is_factual(sentence: str) -> bool:
    """A full declarative sentence of the article, not page furniture, a quote or an aside."""
    if _BOILERPLATE.search(sentence) or sentence.rstrip('"”’)')[-1:] not in {".", ";"}:
        return False  # headings, link titles and captions rarely end with a full stop
    if len(re.findall(r"[^\W\d_]+", sentence)) < MIN_FACT_WORDS:
        return False
    quoted = sum(len(m.group()) for m in _QUOTED.finditer(sentence))
    if quoted > 0.3 * len(sentence):
        return False
    return not _OPINION.search(_QUOTED.sub(" ", sentence))


def _covers(p: Position, s: Sentence, text: str) -> bool:
    """Whether a position's content lies in the sentence: by offsets, or by its words."""
    parts = p.content.parts or [(p.content.start, p.content.end)]
    head = p.content.text.split(" … ")[0][:20]
    if head and head in text[parts[0][0] : parts[0][1] + 1]:
        overlap = sum(max(0, min(b, s.end) - max(a, s.start)) for a, b in parts)
        return overlap >= 0.3 * (s.end - s.start) or overlap >= 0.8 * (parts[0][1] - parts[0][0])
    words = analyse(p.content.text)[0]
    return len(words) >= 2 and len(words & analyse(s.text)[0]) >= 0.7 * len(words)


def _merge_key_fact(
    items: list[Item], fact: KeyFact, statements: list[Position], text: str
) -> None:
    """A key fact rewords its sentence more crisply: lend it the wording, or add it if missing."""
    if _BOILERPLATE.search(fact.text):
        return
    candidate = make_item("fact", fact.text, speaker=fact.attributed_to)
    sig = signature(candidate.key)
    for item in (i for i in items if i.kind == "fact"):
        other = signature(item.key)
        if same(sig, other) or same(other, sig):
            item.text = fact.text
            item.speaker = fact.attributed_to or item.speaker
            return
    where = Sentence(fact.text, fact.start, fact.end)
    if any(_covers(p, where, text) for p in statements):
        return  # the key fact restates a statement already itemised
    items.append(candidate)


def _dedupe(items: list[Item]) -> list[Item]:
    kept: list[Item] = []
    for item in items:
        sig = signature(item.key)
        if not any(same(sig, signature(k.key)) for k in kept):
            kept.append(item)
    return kept
