"""Cheap text normalisation for comparing facts: sentences, content words, numbers.

No spaCy here: diffing runs in the bot process for every subscriber, and the same rules must
apply to keys stored long ago, so everything is plain regular expressions and small word lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache


def _wordlist(text: str) -> list[str]:
    return text.split()


# Function words, reporting verbs and hedges: outlets vary them freely around the same fact.
STOP_WORDS = frozenset(
    _wordlist(
        """
    a about above after again against all almost also although am an and another any are around
    as at be became because been before being below between both but by can could did do does
    doing done down during each either else even ever every few for from further had has have
    having he her here hers herself him himself his how however i if in into is it its itself
    just least less like many may me might more most much must my myself near nearly neither no
    nor now of off on once one only onto or other others our ours ourselves out over own per
    perhaps rather same several she should since so some such than that the their theirs them
    themselves then there these they this those though through thus to too toward towards under
    until up upon us very via was we were what when where whether which while who whom whose why
    will with within without would yet you your yours yourself yourselves approximately roughly
    estimated reportedly according said say says saying told tell tells added adding noted stated
    outside inside statement spokesperson spokesman spokeswoman yesterday today tonight tomorrow
    monday tuesday wednesday thursday friday saturday sunday week weekend earlier later still
    already new
    """
    )
) - {"no", "not", "never"}  # negation turns a fact around: it must count
# Casualty words collapse to one label, so "130 killed" and "130 dead" are the same figure.
CASUALTY = {
    "dead": "dead",
    "death": "dead",
    "die": "dead",
    "died": "dead",
    "toll": "dead",  # "the death toll rose to 137"
    "kill": "dead",
    "fatal": "dead",
    "fatality": "dead",
    "fatalit": "dead",
    "injur": "injured",
    "wound": "injured",
    "hurt": "injured",
    "miss": "missing",
    "missing": "missing",
}
NUMBER_WORDS = {
    w: str(n)
    for n, w in enumerate(
        _wordlist("zero one two three four five six seven eight nine ten eleven twelve thirteen")
        + _wordlist("fourteen fifteen sixteen seventeen eighteen nineteen twenty")
    )
    if n >= 2  # "one" is far more often a pronoun than a count
} | {"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "dozen": "12"}
MONTHS = frozenset(
    _wordlist("january february march april may june july august september october november")
    + _wordlist("december jan feb mar apr jun jul aug sep sept oct nov dec")
)

# "rose 15 percent this year": a period frames a figure, it is not what the figure counts.
PERIODS = frozenset(_wordlist("year years month months week weeks day days quarter time times"))

_SCALE = {
    "thousand": Decimal(1_000),
    "k": Decimal(1_000),
    "million": Decimal(1_000_000),
    "m": Decimal(1_000_000),
    "mn": Decimal(1_000_000),
    "billion": Decimal(1_000_000_000),
    "bn": Decimal(1_000_000_000),
    "trillion": Decimal(1_000_000_000_000),
}
_NUMBER = re.compile(
    r"(?P<cur>[$€£])?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?"
    r"(?:\s?(?P<unit>%|percent\b|per\s?cent\b|thousand\b|million\b|billion\b|trillion\b|"
    r"bn\b|mn\b|m\b|k\b))?"
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.m\.", re.IGNORECASE)
_TOKEN = re.compile(_NUMBER.pattern + r"|(?P<word>[^\W\d_]+)")
# Sentence ends: ". " (or "?" "!"), possibly after a closing quote, before a capital or digit.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Jr|Sr|Inc|Co|Corp|Ltd|No|vs|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)|\b[A-Z]|\b(?:[A-Za-z]\.){1,3}[A-Za-z])\.$"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Figure:
    value: str  # normalised: "1300", "15%", "$1200000"
    label: str  # what it counts: "dead", "suspects"; "" when nothing fits


def sentences(text: str) -> list[Sentence]:
    """Paragraphs split into sentences, with offsets into ``text``."""
    out: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        body = para.group()
        cut = 0
        for m in _SENTENCE_END.finditer(body):
            if _ABBREV.search(body[cut : m.start()].rstrip('"”’)')):
                continue  # "Mr. Smith", "U.S. officials": not the end of a sentence
            _add(out, body, cut, m.start(), start)
            cut = m.end()
        _add(out, body, cut, len(body), start)
    return out


def _add(out: list[Sentence], body: str, a: int, b: int, base: int) -> None:
    piece = body[a:b]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        out.append(Sentence(stripped, base + a + lead, base + a + lead + len(stripped)))


def stem(word: str) -> str:
    """A crude suffix stripper: enough for "killed/killing/kills", "injuries/injured"."""
    w = word.lower()
    for suffix in ("ings", "ing", "ies", "ied", "edly", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith("ss"):
                break
            w = w[: -len(suffix)]
            break
    if len(w) > 3 and w[-1] in "eyi":
        w = w[:-1]
    return w


def content_word(word: str) -> str | None:
    """The comparable form of a word, or None for function words and noise."""
    low = word.lower()
    if len(low) < 2 or low in STOP_WORDS:
        return None
    if low in NUMBER_WORDS:
        return NUMBER_WORDS[low]
    s = stem(low)
    return CASUALTY.get(s, CASUALTY.get(low, s))


def normalise_number(m: re.Match[str]) -> str | None:
    """ "1,300" → "1300", "15 per cent" → "15%", "$1.2 million" → "$1200000"."""
    try:
        value = Decimal(m.group("num").replace(",", "") + (m.group("dec") or ""))
    except InvalidOperation:
        return None
    unit = (m.group("unit") or "").lower().replace(" ", "")
    if unit in _SCALE:
        value *= _SCALE[unit]
    text = format(value.normalize(), "f")
    if unit == "%" or unit.startswith("per"):
        text += "%"
    return (m.group("cur") or "") + text


@lru_cache(maxsize=8192)  # positions are checked against every sentence: same texts recur
def analyse(text: str) -> tuple[frozenset[str], tuple[Figure, ...]]:
    """Content words (stemmed, stop words out) and the figures of a sentence."""
    text = _TIME.sub(" ", text)  # clock times are timestamps, never figures
    text = re.sub(r"(?i)n[’']t\b", " not", text)  # "wasn't": the negation is the news
    tokens = list(_TOKEN.finditer(text))
    words: set[str] = set()
    figures: list[Figure] = []
    for i, m in enumerate(tokens):
        word = m.group("word")
        if word is not None:
            cw = content_word(word)
            if cw is None:
                continue
            if word.lower() in NUMBER_WORDS:
                figures.append(Figure(cw, _label(tokens, i)))
            else:
                words.add(cw)
            continue
        value = normalise_number(m)
        if value is None:
            continue
        if _is_date(tokens, i, value):
            words.add(value)  # "2024", "March 22": context, not a figure
        else:
            figures.append(Figure(value, _label(tokens, i)))
    return frozenset(words), tuple(figures)


def _word(m: re.Match[str]) -> str | None:
    w = m.group("word")
    return w.lower() if w else None


def _is_date(tokens: list[re.Match[str]], i: int, value: str) -> bool:
    m = tokens[i]
    plain = value.isdigit() and "," not in m.group() and not m.group("unit")
    if not plain:
        return False
    if 1900 <= int(value) <= 2100:
        return True
    before = _word(tokens[i - 1]) if i > 0 else None
    after = _word(tokens[i + 1]) if i + 1 < len(tokens) else None
    return int(value) <= 31 and (before in MONTHS or after in MONTHS)


def _label(tokens: list[re.Match[str]], i: int) -> str:
    """The noun a number counts: a casualty word nearby, else the next content word."""
    after = [w for m in tokens[i + 1 : i + 5] if (w := _word(m))]
    before = [w for m in tokens[max(0, i - 5) : i] if (w := _word(m))]
    for w in [*after, *reversed(before)]:
        s = stem(w)
        if s in CASUALTY or w in CASUALTY:
            return CASUALTY.get(s, CASUALTY.get(w, s))
    # "11 people, including …": the first word after the number is what it counts.
    for w in after:
        if w not in STOP_WORDS and w not in NUMBER_WORDS and w not in MONTHS | PERIODS:
            return w
    return next((w for w in reversed(before) if w not in STOP_WORDS | PERIODS), "")
