"""Story matching: does a new article report the same event as a story we already follow?

Pure code, no database and no Telegram. Storage keeps two JSON blobs: the fingerprint of each
article (``article_fingerprint``) and the profile of each story (``StoryProfile.to_json()``).
A new article is matched online, against the stories of the last days (``assign_story``).

The score mixes four kinds of evidence, each a weak signal on its own:
- key terms: a TF-IDF cosine. The IDF comes from the stories passed in as candidates (the current
  news), not from a table fitted offline: no package ships a word-frequency table we could load,
  and an IDF tuned on one corpus would not carry to next month's news. The weighting is
  scikit-learn's (``FeatureHasher`` + ``TfidfTransformer``), so it is the documented smooth IDF;
  hashing, not a fitted vocabulary, so fingerprints stay plain ``{term: weight}`` dicts with no
  model state to store or refit;
- named entities: a weighted Jaccard, people and events counting more than places (two stories in
  one country are common, two with the same defendant rare);
- numbers with their units ("55 year", "10 year", "$20 billion"): agreement is strong evidence,
  so it can only raise the score, never lower it;
- time: articles more than about a week apart rarely report the same event.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from sklearn.feature_extraction import FeatureHasher
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfTransformer

from bot.types import Analysis

FINGERPRINT_VERSION = 1
# What the parts mean: unrelated articles share only generic words (term cosine under ~0.15 once
# the IDF discounts them) and few actors; two reports of one event share their rare terms (cosine
# ~0.3+) and some actors. An article with cosine 0.25 and a tenth of its weighted actors in common
# scores 0.6 * 0.25 + 0.4 * 0.1 = 0.19, so 0.2 asks for both. (A first guess of 0.3 misjudged
# how far long articles spread their vocabulary; bench/stories.py prints a sweep around it.)
DEFAULT_THRESHOLD = 0.2

TOP_TERMS = 40  # per article: enough for the event's vocabulary, small enough to store cheaply
PROFILE_TERMS = 60  # per story: a little more, as several articles add their angles
TOP_ENTITIES = 12
TOP_NUMBERS = 20
LEAD_CHARS = 600  # the lead of a news article states the event: who, what, where
BODY_CHARS = 20_000  # enough for any news article; long pages add nothing but time

# How much each zone of the article counts towards a term's frequency.
TITLE_WEIGHT, LEAD_WEIGHT, FACT_WEIGHT, BODY_WEIGHT = 3.0, 2.0, 2.0, 1.0

# Weights of the parts of the score (renormalised over the parts that have evidence).
TERM_WEIGHT, ENTITY_WEIGHT, NUMBER_WEIGHT = 0.6, 0.4, 0.15
# Term cosine from which two articles plausibly report one event (see DEFAULT_THRESHOLD).
TYPICAL_SAME_EVENT_COSINE = 0.25

# Same event, different outlet: the actors are people and organisations more than places.
ENTITY_LABEL_WEIGHTS: dict[str, float] = {
    "PERSON": 3.0,
    "EVENT": 3.0,
    "ORG": 2.0,
    "FAC": 2.0,
    "PRODUCT": 2.0,
    "WORK_OF_ART": 2.0,
    "LAW": 2.0,
    "GPE": 1.0,
    "LOC": 1.0,
    "NORP": 0.5,
}

# Days two articles may be apart at no cost; past that the score decays (halved in ~3.5 days).
TIME_GRACE_DAYS = 2.0
TIME_DECAY_DAYS = 5.0

# Words every news article uses whatever the event; sklearn's list lacks them because it is not
# about news. Kept short and generic on purpose (no word taken from the benchmark's stories).
_NEWS_WORDS = """
    said says say saying told tell according reported report reports reporting statement
    year years month months week weeks day days today yesterday tomorrow time times
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    new news people just like also including mr mrs ms dr percent cent way make made going
    think know want need thing things lot really good great come came got get use used
    photo image video getty images reuters ap afp click read share comment comments
"""
NEWS_STOP_WORDS = frozenset(_NEWS_WORDS.split())
STOP_WORDS = ENGLISH_STOP_WORDS | NEWS_STOP_WORDS

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NUMBER_RE = re.compile(
    r"(?<![\w.,])([$£€])?\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s?(%|bn|billion|million|mn|m|thousand|k)\b)?"
    r"(?:[\s-]+([^\W\d_]+(?:-[^\W\d_]+)?))?"
)
_MULTIPLIERS = {
    "bn": 1e9,
    "billion": 1e9,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "thousand": 1e3,
    "k": 1e3,
}
_CURRENCIES = {"$": "usd", "£": "gbp", "€": "eur"}
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_ALIASES = {
    "us": "united states",
    "usa": "united states",
    "america": "united states",
    "united states of america": "united states",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "un": "united nations",
    "eu": "european union",
}


# --- fingerprint ---------------------------------------------------------------------------


def article_fingerprint(analysis: Analysis) -> dict[str, Any]:
    """A compact, JSON-serialisable summary of an article for story matching (no spaCy call)."""
    title = analysis.meta.title or ""
    text = analysis.text[:BODY_CHARS]
    facts = [f.text for f in analysis.result.key_facts]
    lead = _lead(text)
    return {
        "v": FINGERPRINT_VERSION,
        "title": title.strip() or _first_line(text),
        "published": _iso_day(analysis.meta.published),
        "terms": _term_weights(title, lead, facts, text),
        "entities": _entities(analysis),
        "numbers": _numbers(" \n".join([title, lead, *facts])),
    }


def _lead(text: str) -> str:
    return text[:LEAD_CHARS].rsplit(" ", 1)[0] if len(text) > LEAD_CHARS else text


def _first_line(text: str) -> str:
    line = text.strip().split("\n", 1)[0]
    return line[:120]


def _iso_day(value: str | None) -> str | None:
    """The day of an ISO date or datetime; None when absent or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def tokens(text: str) -> list[str]:
    """Content words, lower-cased and crudely lemmatised (no parse: must cost microseconds)."""
    out = []
    for match in _WORD_RE.finditer(text.casefold()):
        word = _lemma(match.group().replace("’", "'"))
        if len(word) > 2 and word not in STOP_WORDS:
            out.append(word)
    return out


def _lemma(word: str) -> str:
    """Plural and possessive endings off, so "plumes" meets "plume" and "Noem's" meets "Noem"."""
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _term_weights(title: str, lead: str, facts: Sequence[str], body: str) -> dict[str, float]:
    counts: Counter[str] = Counter()
    zones = [(title, TITLE_WEIGHT), (lead, LEAD_WEIGHT), (body, BODY_WEIGHT)]
    zones += [(fact, FACT_WEIGHT) for fact in facts]
    for zone, weight in zones:
        for word in tokens(zone):
            counts[word] += weight
    # Sublinear tf: a word said 30 times is not 30 times the evidence.
    weights = {w: 1.0 + math.log(c) for w, c in counts.items() if c >= 1.0}
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
    return _unit({w: v for w, v in top})


def _unit(weights: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
    return {w: round(v / norm, 4) for w, v in weights.items()}


def entity_key(text: str, label: str) -> str:
    """One key for the spellings of a name across outlets: a person by surname, aliases merged."""
    t = re.sub(r"(?i)^the\s+", "", text.strip())
    t = re.sub(r"['’]s$", "", t).replace(".", "")
    t = re.sub(r"[\s\-‐–]+", " ", t).strip(" ,;:'\"“”").casefold()
    if label == "PERSON":
        parts = [p for p in t.split() if p not in _NAME_SUFFIXES]
        # "Patrick W. Carlineo Jr." and "Carlineo" are one person within a story.
        return parts[-1] if parts else t
    return _ALIASES.get(t, t)


def _entities(analysis: Analysis) -> dict[str, list[Any]]:
    """The most salient named actors: {key: [label, mentions]}."""
    merged: dict[str, list[Any]] = {}
    for ent in analysis.result.entities:
        weight = ENTITY_LABEL_WEIGHTS.get(ent.label)
        key = entity_key(ent.text, ent.label)
        if weight is None or len(key) < 2:
            continue
        if key in merged:
            merged[key][1] += ent.count
        else:
            merged[key] = [ent.label, ent.count]
    # By mentions first: the actors an article keeps naming, not every name it drops once.
    ranked = sorted(
        merged.items(), key=lambda kv: (-kv[1][1], -ENTITY_LABEL_WEIGHTS[kv[1][0]], kv[0])
    )
    return dict(ranked[:TOP_ENTITIES])


def _numbers(text: str) -> list[str]:
    """Numbers with a unit ("55 year", "250000 usd", "8 year"): figures that identify an event."""
    found: list[str] = []
    for m in _NUMBER_RE.finditer(text):
        key = _number_key(*m.groups())
        if key and key not in found:
            found.append(key)
    return found[:TOP_NUMBERS]


def _number_key(currency: str | None, raw: str, scale: str | None, word: str | None) -> str | None:
    value = float(raw.replace(",", ""))
    value *= _MULTIPLIERS.get((scale or "").casefold(), 1.0)
    unit = _number_unit(currency, scale, word)
    if unit is None:
        return None  # a bare number (a date, a score) says little about which event it is
    return f"{value:g} {unit}"


def _number_unit(currency: str | None, scale: str | None, word: str | None) -> str | None:
    if currency:
        return _CURRENCIES[currency]
    if scale == "%":
        return "percent"
    if not word:
        return None
    # "8-year-old" -> "year"; "killed" and "percent" are units too.
    head = _lemma(word.casefold().split("-")[0])
    if head == "per":
        return "percent"
    if head in ENGLISH_STOP_WORDS or len(head) < 3:
        return None
    return head


# --- story profile -------------------------------------------------------------------------


@dataclass
class StoryProfile:
    """What a story's articles have in common, updated as articles join (a JSON blob in storage)."""

    title: str = ""
    terms: dict[str, float] = field(default_factory=dict)  # mean of the articles' unit vectors
    entities: dict[str, list[Any]] = field(default_factory=dict)  # key: [label, articles]
    numbers: dict[str, int] = field(default_factory=dict)  # key: articles
    first_published: str | None = None
    last_published: str | None = None
    articles: int = 0

    @classmethod
    def from_fingerprint(cls, fp: Mapping[str, Any]) -> StoryProfile:
        profile = cls()
        profile.add(fp)
        return profile

    def add(self, fp: Mapping[str, Any]) -> None:
        """Fold one more article into the story."""
        if not self.title:
            self.title = fp.get("title") or ""
        self._add_terms(fp.get("terms", {}))
        for key, (label, _mentions) in fp.get("entities", {}).items():
            entry = self.entities.setdefault(key, [label, 0])
            entry[1] += 1
        self.entities = _top_entities(self.entities)
        for key in fp.get("numbers", []):
            self.numbers[key] = self.numbers.get(key, 0) + 1
        self.numbers = dict(sorted(self.numbers.items(), key=lambda kv: -kv[1])[:TOP_NUMBERS])
        self._add_time(fp.get("published"))
        self.articles += 1

    def _add_terms(self, terms: Mapping[str, float]) -> None:
        n = self.articles
        merged = {w: v * n for w, v in self.terms.items()}
        for w, v in terms.items():
            merged[w] = merged.get(w, 0.0) + v
        top = sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:PROFILE_TERMS]
        self.terms = {w: round(v / (n + 1), 4) for w, v in top}

    def _add_time(self, published: str | None) -> None:
        if not published:
            return
        if self.first_published is None or published < self.first_published:
            self.first_published = published
        if self.last_published is None or published > self.last_published:
            self.last_published = published

    def to_json(self) -> dict[str, Any]:
        return {
            "v": FINGERPRINT_VERSION,
            "title": self.title,
            "terms": self.terms,
            "entities": self.entities,
            "numbers": self.numbers,
            "first_published": self.first_published,
            "last_published": self.last_published,
            "articles": self.articles,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> StoryProfile:
        return cls(
            title=data.get("title", ""),
            terms=dict(data.get("terms", {})),
            entities={k: list(v) for k, v in data.get("entities", {}).items()},
            numbers=dict(data.get("numbers", {})),
            first_published=data.get("first_published"),
            last_published=data.get("last_published"),
            articles=int(data.get("articles", 0)),
        )


def _top_entities(entities: dict[str, list[Any]]) -> dict[str, list[Any]]:
    # Bounded, so that a long story keeps the actors most of its articles name.
    ranked = sorted(
        entities.items(), key=lambda kv: -ENTITY_LABEL_WEIGHTS.get(kv[1][0], 1.0) * kv[1][1]
    )
    return dict(ranked[: TOP_ENTITIES * 2])


def story_title(profile: StoryProfile) -> str:
    """A short title for the story: its first article's title, trimmed."""
    title = " ".join(profile.title.split())
    if len(title) > 100:
        title = title[:99].rsplit(" ", 1)[0] + "…"
    return title or "Untitled story"


# --- similarity ----------------------------------------------------------------------------


def similarity(
    fp: Mapping[str, Any],
    profile: StoryProfile,
    *,
    background: Sequence[StoryProfile] = (),
) -> float:
    """How likely the article belongs to the story, in [0, 1].

    ``background``: other current stories, from which the term IDF is estimated (``assign_story``
    passes all candidates). Without it, the IDF only knows the article and this story.
    """
    profiles = [profile, *(p for p in background if p is not profile)]
    return float(_scores(fp, profiles)[0])


def assign_story(
    fp: Mapping[str, Any],
    candidates: Iterable[tuple[int, StoryProfile]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> int | None:
    """The id of the best-matching story scoring at least ``threshold``, else None (a new story)."""
    pairs = list(candidates)
    if not pairs:
        return None
    scores = _scores(fp, [p for _, p in pairs])
    best = int(np.argmax(scores))
    return pairs[best][0] if scores[best] >= threshold else None


def _scores(fp: Mapping[str, Any], profiles: Sequence[StoryProfile]) -> np.ndarray:
    cosines = _term_cosines(fp.get("terms", {}), [p.terms for p in profiles])
    out = np.empty(len(profiles))
    for i, (profile, cosine) in enumerate(zip(profiles, cosines, strict=True)):
        parts = [(TERM_WEIGHT, float(cosine))]
        # Names say who, terms say what happened: the same people doing something else is another
        # story, so names and figures count in full only once the vocabulary agrees too.
        gate = min(1.0, float(cosine) / TYPICAL_SAME_EVENT_COSINE)
        ents = entity_overlap(fp.get("entities", {}), profile.entities)
        if ents is not None:
            parts.append((ENTITY_WEIGHT, ents * gate))
        nums = number_agreement(fp.get("numbers", []), profile.numbers)
        if nums:  # agreement is evidence; disagreement is not (figures move as a story does)
            parts.append((NUMBER_WEIGHT, nums * gate))
        score = sum(w * s for w, s in parts) / sum(w for w, _ in parts)
        out[i] = score * time_factor(fp.get("published"), profile)
    return np.clip(out, 0.0, 1.0)


def _term_cosines(terms: Mapping[str, float], others: Sequence[Mapping[str, float]]) -> np.ndarray:
    """TF-IDF cosine of ``terms`` with each of ``others``; the IDF is fitted on them all."""
    if not terms or not others:
        return np.zeros(len(others))
    hasher = FeatureHasher(n_features=2**20, input_type="dict", alternate_sign=False)
    counts = hasher.transform([terms, *others])
    # smooth_idf: a term in every story still weighs something; norm="l2": rows are unit vectors.
    tfidf = TfidfTransformer(smooth_idf=True, norm="l2").fit_transform(counts)
    return (tfidf[1:] @ tfidf[0].T).toarray().ravel()


def entity_overlap(a: Mapping[str, list[Any]], b: Mapping[str, list[Any]]) -> float | None:
    """Weighted Jaccard of the salient entities; None when a side has none (no evidence)."""
    if not a or not b:
        return None
    top_b = dict(list(b.items())[:TOP_ENTITIES])  # profile entities are kept ranked

    def weight(key: str) -> float:
        label = (a.get(key) or top_b.get(key) or ["", 0])[0]
        return ENTITY_LABEL_WEIGHTS.get(label, 1.0)

    union = set(a) | set(top_b)
    shared = set(a) & set(b)  # a match anywhere in the story counts
    total = sum(weight(k) for k in union | shared)
    return sum(weight(k) for k in shared) / total if total else 0.0


def number_agreement(a: Sequence[str], b: Mapping[str, int]) -> float:
    """Share of the article's figures the story already reported (0 when none to compare)."""
    if not a or not b:
        return 0.0
    # At least 3 in the denominator: one shared "10 year" between two short lists is chance.
    return sum(1 for key in a if key in b) / max(3, len(a))


def time_factor(published: str | None, profile: StoryProfile) -> float:
    """1 within a couple of days of the story's span, then decaying: a week apart is ~0.37."""
    gap = days_apart(published, profile.first_published, profile.last_published)
    if gap is None or gap <= TIME_GRACE_DAYS:
        return 1.0
    return math.exp(-(gap - TIME_GRACE_DAYS) / TIME_DECAY_DAYS)


def days_apart(day: str | None, first: str | None, last: str | None) -> float | None:
    """Days between ``day`` and the interval [first, last]; None when a date is unknown."""
    if not day or not first:
        return None
    d = date.fromisoformat(day)
    lo, hi = date.fromisoformat(first), date.fromisoformat(last or first)
    if d < lo:
        return float((lo - d).days)
    return float(max(0, (d - hi).days))
