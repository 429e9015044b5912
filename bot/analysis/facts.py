"""Key facts: the 3–7 most important factual statements of an article, most important first.

One pass over the spaCy parse. Each sentence (or each half of a sentence that joins two facts
with "but" or ";") is a candidate, scored by
- where it is (news puts the event first, but not only first),
- how much it shares with the title and with the article's recurring terms and entities,
- what it carries (numbers, amounts, dates, casualties, a named actor doing something),
minus what makes it opinion rather than fact (questions, hedging, first person, "should",
judging adjectives, rhetoric), quotations (those are positions) and page boilerplate.
The chosen candidates are condensed (discourse markers, concessive openers, asides dropped) and
attributed where the article attributes them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from bot.analysis.signals import (
    BOILERPLATE,
    EVALUATIVE,
    HEDGE_MODALS,
    opinion_cues,
    quoted_mask,
)
from bot.types import KeyFact, Position

NUMERIC_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
NOT_AMOUNTS = frozenset({"ORDINAL", "DATE", "TIME"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW"})
# Words of consequence in news: harm, legal steps, money moves, decisions.
CONSEQUENCE = frozenset(
    {
        "kill",
        "die",
        "dead",
        "death",
        "injure",
        "wound",
        "injured",
        "casualty",
        "victim",
        "arrest",
        "charge",
        "convict",
        "sentence",
        "plead",
        "sue",
        "fine",
        "ban",
        "resign",
        "fire",
        "elect",
        "win",
        "lose",
        "beat",
        "defeat",
        "announce",
        "launch",
        "acquire",
        "buy",
        "sell",
        "raise",
        "cut",
        "rise",
        "fall",
        "attack",
        "claim",
        "approve",
        "reject",
        "sign",
        "order",
        "investigate",
        "warn",
        "strike",
        "evacuate",
        "confirm",
        "release",
        "report",
    }
)
CASUALTY = frozenset(
    {"kill", "die", "dead", "death", "injure", "injured", "wound", "casualty", "victim", "missing"}
)
SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "explain",
        "state",
        "announce",
        "confirm",
        "report",
        "warn",
        "claim",
        "add",
        "note",
        "write",
        "insist",
        "argue",
        "deny",
        "accuse",
        "urge",
        "highlight",
    }
)
# Openers that only connect a sentence to the previous one.
ADVERBIAL_DEPS = frozenset({"advmod", "prep", "advcl", "npadvmod", "intj", "cc", "mark", "dep"})
CONCESSIVE = frozenset({"despite", "although", "though", "notwithstanding", "without"})
LEADING_CONJ = frozenset({"but", "and", "so", "yet", "also", "still", "plus", "or"})
# Main verbs of interpretation: "the warning suggests that …".
INFERENCE = frozenset({"suggest", "seem", "appear", "imply", "mean", "prove", "remind"})
PRONOUN_SUBJECTS = frozenset({"he", "she", "it", "they", "this", "that", "these", "those", "there"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
DASHES = frozenset({"—", "–", "--"})
QUOTE_CHARS = '"“”«»'

MIN_WORDS = 6
MAX_WORDS = 70


@dataclass
class Candidate:
    span: Span  # the tokens of the sentence or clause, spaces trimmed
    index: int  # order in the article
    paragraph: int
    para_first: bool
    lemmas: frozenset[str] = frozenset()
    ents: list[Span] = field(default_factory=list)  # Span.ents scans the whole doc: cache
    score: float = 0.0
    penalty: float = 0.0
    excluded: bool = False
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------- units


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return doc[start:end] if end > start else None


def _units(doc: Doc) -> list[tuple[Span, int, bool]]:
    """Sentences, split again at line breaks (spaCy glues a heading onto the next sentence)."""
    units: list[tuple[Span, int, bool]] = []
    paragraph = 0
    para_first = True
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                piece = _trim(doc[start : tok.i])
                if piece is not None:
                    units.append((piece, paragraph, para_first))
                    para_first = False
                paragraph += 1
                para_first = True
                start = tok.i + 1
        piece = _trim(doc[start : sent.end])
        if piece is not None:
            units.append((piece, paragraph, para_first))
            para_first = False
        if "\n" in sent.text_with_ws[len(sent.text) :]:
            paragraph += 1
            para_first = True
    return units


def _has_clause(tokens: list[Token]) -> bool:
    """A subject and a finite verb: enough to stand alone as a statement."""
    return any(t.dep_ in {"nsubj", "nsubjpass", "expl"} for t in tokens) and any(
        t.pos_ in {"VERB", "AUX"} for t in tokens
    )


def _split_points(span: Span) -> list[int]:
    """Token indices where a sentence joins two full clauses: ", but" or ";"."""
    points = []
    for tok in span[1:-1]:
        joins = tok.text == ";" or (
            tok.lower_ == "but" and tok.i > span.start and tok.doc[tok.i - 1].text == ","
        )
        if not joins:
            continue
        left = list(tok.doc[span.start : tok.i])
        right = list(tok.doc[tok.i + 1 : span.end])
        long_enough = len(left) >= MIN_WORDS and len(right) >= MIN_WORDS
        if long_enough and _has_clause(left) and _has_clause(right):
            points.append(tok.i)
    return points


def _candidates(doc: Doc) -> list[Candidate]:
    out: list[Candidate] = []
    for span, paragraph, para_first in _units(doc):
        pieces = [span]
        points = _split_points(span)
        if points:
            pieces = []
            start = span.start
            for p in points:
                pieces.append(doc[start : p - (1 if doc[p - 1].text == "," else 0)])
                start = p + 1
            pieces.append(doc[start : span.end])
        for j, piece in enumerate(pieces):
            out.append(Candidate(piece, len(out), paragraph, para_first and j == 0))
    return out


# -------------------------------------------------------------------------------- scoring


def _content_lemmas(span: Span) -> frozenset[str]:
    return frozenset(
        t.lemma_.lower()
        for t in span
        if t.pos_ in CONTENT_POS and not t.is_stop and (t.is_alpha or t.like_num)
    )


def _title_lemmas(doc: Doc, title: str | None) -> frozenset[str]:
    """Title words matched by their lower-case form and a cheap lemma from the article's vocab."""
    if not title:
        return frozenset()
    forms = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z\-']+|\d[\d,.]*", title)}
    forms = {w for w in forms if len(w) > 2 and not doc.vocab[w].is_stop}
    lemma_of: dict[str, str] = {}
    for t in doc:
        low = t.lower_
        if low in forms and low not in lemma_of:
            lemma_of[low] = t.lemma_.lower()
    return frozenset(lemma_of.get(w, w) for w in forms)


def _entity_weights(doc: Doc) -> dict[str, float]:
    counts = Counter(e.text.lower() for e in doc.ents if e.label_ in NAME_LABELS)
    return {k: math.log1p(v) for k, v in counts.items()}


def _term_weights(cands: list[Candidate]) -> dict[str, float]:
    """How central a term is to the article: in how many candidates it recurs."""
    df = Counter(lemma for c in cands for lemma in c.lemmas)
    return {lemma: math.log1p(n - 1) for lemma, n in df.items() if n > 1}


def _quoted_share(span: Span, quoted: list[bool]) -> float:
    """Share of the words inside quotation marks, counting a quote opened in a sentence before."""
    words = [t for t in span if not t.is_punct]
    if not words:
        return 0.0
    inside = {t.i for t in words if quoted[t.i]}
    first = next((t for t in span if t.text in QUOTE_CHARS or t.text in {"``", "''"}), None)
    if first is not None and _closes(first):
        inside |= {t.i for t in words if t.i < first.i}
    return len(inside) / len(words)


def _closes(tok: Token) -> bool:
    """A closing quotation mark: curly, or straight and glued to the word before it."""
    if tok.text in {"”", "»", "''"}:
        return True
    glued = tok.i > 0 and not tok.doc[tok.i - 1].whitespace_
    return tok.text == '"' and glued


def _penalties(c: Candidate, quoted: list[bool]) -> float:
    """How much the candidate reads as opinion, rhetoric, quotation or boilerplate."""
    span = c.span
    text = span.text
    words = [t for t in span if t.is_alpha]
    if len(words) < MIN_WORDS or BOILERPLATE.search(text):
        c.excluded = True
        return 9.0
    last = text.rstrip(QUOTE_CHARS + " ")[-1:]
    heading = last not in {".", ":", ";", ","} and _ends_line(span)
    if last in {"?", "!"} or heading:
        c.excluded = True  # questions, exclamations and headings are not statements
        return 9.0
    p = 0.0
    cues = opinion_cues(span, quoted)
    p += 0.8 * min(cues["first"], 1) + 0.4 * min(cues["second"], 1)
    p += 0.6 * min(cues["prescriptive"], 1) + 0.4 * min(cues["hedge"], 1)
    if _evaluative_lead(span) is None:  # a judging lead we cut costs nothing
        p += 0.3 * min(cues["evaluative"], 2)
        if _judging_predicate(span):
            p += 0.4  # "X is disappointing", "it's great to …"
    p += _modal_penalty(span, quoted)
    p += _rhetoric_penalty(span)
    share = _quoted_share(span, quoted)
    p += 0.5 + share if share > 0.3 else 0.3 * share
    if len(words) > MAX_WORDS:
        p += 0.3
    root = span.root
    if not any(t.pos_ in {"VERB", "AUX"} for t in span):
        p += 0.5  # a fragment: no verb at all
    elif root.pos_ not in {"VERB", "AUX"}:
        p += 0.1
    if root.lemma_.lower() in INFERENCE:
        p += 0.4  # the writer's reading of events, not an event
    subj = [t for t in root.children if t.dep_ in {"nsubj", "nsubjpass", "expl"}]
    if subj and subj[0].lower_ in PRONOUN_SUBJECTS:
        p += 0.2  # leans on the previous sentence
    return p


def _judging_predicate(span: Span) -> bool:
    root = span.root
    preds = [root] if root.pos_ == "ADJ" else []
    preds += [t for t in root.children if t.dep_ == "acomp"]
    return any(t.lower_ in EVALUATIVE for t in preds)


def _ends_line(span: Span) -> bool:
    doc = span.doc
    return span.end >= len(doc) or "\n" in doc[span.end - 1].whitespace_ + doc[span.end].text


def _modal_penalty(span: Span, quoted: list[bool]) -> float:
    p = 0.0
    for t in span:
        if quoted[t.i] or t.tag_ != "MD" or t.lower_ not in HEDGE_MODALS:
            continue
        # A hedge on the main verb hedges the whole statement; deeper, only a detail.
        if t.head == span.root:
            p += 0.4 if t.lower_ == "would" else 0.8
        else:
            p += 0.15
    return min(p, 0.9)


def _rhetoric_penalty(span: Span) -> float:
    first = span[0].lower_
    p = 0.0
    if first == "if" or (first in {"but", "and"} and span[1].lower_ == "if"):
        p += 0.4  # conditional musing
    comparatives = any(t.tag_ in {"JJR", "RBR"} for t in span)
    if comparatives and any(t.lower_ in {"never", "ever"} for t in span):
        p += 0.6  # "have never been closer"
    if span.root.tag_ == "VB" and not any(t.dep_.startswith("nsubj") for t in span.root.children):
        p += 0.8  # imperative: advice, not news
    return p


def _bonuses(c: Candidate) -> float:
    span = c.span
    b = 0.0
    labels = {e.label_ for e in c.ents}
    # Years and clock times are dates (a smaller bonus), not amounts.
    amounts = any(t.like_num and t.ent_type_ not in NOT_AMOUNTS for t in span)
    if labels & NUMERIC_LABELS or amounts:
        b += 0.35
    if "DATE" in labels or "TIME" in labels:
        b += 0.1
    lemmas = {t.lemma_.lower() for t in span}
    if lemmas & CONSEQUENCE:
        b += 0.2
    if lemmas & CASUALTY and labels & NUMERIC_LABELS:
        b += 0.4  # a toll is the fact readers look for first
    root = span.root
    if root.pos_ == "VERB" and root.tag_ in {"VBD", "VBN", "VBZ"}:
        b += 0.1
    subj = [t for t in root.children if t.dep_ in {"nsubj", "nsubjpass"}]
    if subj and any(t.ent_type_ in NAME_LABELS or t.pos_ == "PROPN" for t in subj[0].subtree):
        b += 0.2  # a named actor does something
    return b


def _assign_ents(cands: list[Candidate], doc: Doc) -> None:
    """One pass over the entities and the candidates, both in document order."""
    ents = list(doc.ents)
    j = 0
    for c in cands:
        while j < len(ents) and ents[j].end <= c.span.start:
            j += 1
        k = j
        while k < len(ents) and ents[k].start < c.span.end:
            if ents[k].start >= c.span.start and ents[k].end <= c.span.end:
                c.ents.append(ents[k])
            k += 1


def _score_all(
    cands: list[Candidate], doc: Doc, title_l: frozenset[str], quoted: list[bool]
) -> None:
    _assign_ents(cands, doc)
    for c in cands:
        c.lemmas = _content_lemmas(c.span)
    terms = _term_weights(cands)
    ents = _entity_weights(doc)
    central = [_centrality(c, terms, ents) for c in cands]
    top = max(central, default=0.0) or 1.0
    for c, cen in zip(cands, central, strict=True):
        c.penalty = _penalties(c, quoted)
        position = 1.4 * 0.5 ** (c.index / 8) + (0.1 if c.para_first else 0.0)
        title_overlap = len(c.lemmas & title_l) / len(title_l) if title_l else 0.0
        c.score = position + 0.8 * cen / top + 0.8 * title_overlap + _bonuses(c) - c.penalty


def _centrality(c: Candidate, terms: dict[str, float], ents: dict[str, float]) -> float:
    term = sum(terms.get(lemma, 0.0) for lemma in c.lemmas)
    named = sum(ents.get(e.text.lower(), 0.0) for e in c.ents)
    return (term + named) / math.sqrt(len(c.lemmas) + 4)


# ----------------------------------------------------------------------------- selection

FACTUAL_MAX_PENALTY = 0.75


def _near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    inter = len(a & b)
    return inter / min(len(a), len(b)) >= 0.7 or inter / len(a | b) >= 0.5


def select_key_facts(
    doc: Doc, positions: list[Position], *, title: str | None, max_facts: int = 7
) -> list[KeyFact]:
    """The most important factual statements of ``doc``, most important first."""
    cands = _candidates(doc)
    title_l = _title_lemmas(doc, title)
    _score_all(cands, doc, title_l, quoted_mask(doc))
    _apply_positions(cands, positions)
    factual = [c for c in cands if not c.excluded and c.penalty < FACTUAL_MAX_PENALTY]
    factual = [c for c in factual if not (title_l and c.lemmas and c.lemmas <= title_l)]
    factual.sort(key=lambda c: (-c.score, c.index))
    chosen: list[Candidate] = []
    for c in factual:
        if len(chosen) >= max_facts:
            break
        if any(_near_duplicate(c.lemmas, o.lemmas) for o in chosen):
            continue
        chosen.append(c)
    return [_to_fact(c, positions) for c in chosen]


def _apply_positions(cands: list[Candidate], positions: list[Position]) -> None:
    """A direct quotation covering a candidate is a position, not a fact."""
    for c in cands:
        p = _covering_position(c.span, positions)
        if p is not None and p.kind == "direct":
            c.penalty += 0.6
            c.score -= 0.6


def _covering_position(span: Span, positions: list[Position]) -> Position | None:
    start, end = span.start_char, span.end_char
    best, best_overlap = None, 0
    for p in positions:
        for a, b in p.content.parts or [(p.content.start, p.content.end)]:
            overlap = min(end, b) - max(start, a)
            if overlap > best_overlap:
                best, best_overlap = p, overlap
    if best is not None and best_overlap >= 0.4 * (end - start):
        return best
    return None


# --------------------------------------------------------------------- condense, attribute


def _to_fact(c: Candidate, positions: list[Position]) -> KeyFact:
    keep = [True] * len(c.span)
    according = _according_to(c.span)
    if according is not None:
        (a, b), _ = according
        if a == 0 or b == len(c.span):  # a leading or trailing "according to X" moves out
            keep[a:b] = [False] * (b - a)
    _drop_dateline(c.span, keep)
    _drop_opener(c.span, keep)
    _drop_asides(c.span, keep)
    _drop_evaluative_lead(c.span, keep)
    who = _attribution(c.span, positions, according[1] if according else None)
    span = c.span
    return KeyFact(_render(span, keep), span.start_char, span.end_char, attributed_to=who)


def _attribution(span: Span, positions: list[Position], according: str | None) -> str | None:
    p = _covering_position(span, positions)
    if p is not None:
        name = p.speaker.resolved if p.speaker else None
        if name and p.via:
            return f"{name}, via {p.via}"
        if name or p.via:
            return name or p.via
    if according:
        return according
    return _reporting_subject(span)


def _reporting_subject(span: Span) -> str | None:
    """ "X said (that) …": the named X, when the whole sentence is X's report."""
    root = span.root
    if root.lemma_.lower() not in SPEECH_VERBS:
        return None
    if not any(t.dep_ == "ccomp" for t in root.children):
        return None
    for t in root.children:
        if t.dep_ == "nsubj" and (t.ent_type_ in NAME_LABELS or t.pos_ == "PROPN"):
            ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
            # "the U.S. Attorney's Office" rather than "Office": the name up to its head.
            name = ent.text if ent else t.doc[t.left_edge.i : t.i + 1].text
            return _strip_the(name)
    return None


def _strip_the(text: str) -> str:
    return re.sub(r"(?i)^the\s+", "", text).strip()


def _according_to(span: Span) -> tuple[tuple[int, int], str] | None:
    """The "according to X" phrase: its relative token range (with its comma) and X."""
    for tok in span:
        if tok.lower_ != "according" or tok.i + 1 >= span.end:
            continue
        to = tok.doc[tok.i + 1]
        if to.lower_ != "to":
            continue
        pobj = next((t for t in to.children if t.dep_ == "pobj"), None)
        if pobj is None:
            continue
        who = _source_phrase(pobj)
        end = max(t.i for t in pobj.subtree) + 1
        start = tok.i
        doc = span.doc
        if end < span.end and doc[end].text == ",":
            end += 1  # "According to X, …"
        elif start > span.start and doc[start - 1].text == ",":
            start -= 1  # "…, according to X."
        return (start - span.start, end - span.start), who
    return None


def _source_phrase(head: Token) -> str:
    """The source noun phrase, with a reporting outlet turned into ", via Outlet"."""
    via = None
    core = []
    for t in head.subtree:
        if t.i > head.i and t.dep_ in {"acl", "relcl"}:
            via = _outlet(t)
            break
        core.append(t)
    name = _strip_the("".join(t.text_with_ws for t in core).strip(" ,"))
    return f"{name}, via {via}" if via else name


def _outlet(clause: Token) -> str | None:
    for t in clause.subtree:
        if t.ent_type_ == "ORG" and t.ent_iob_ == "B":
            ent = next(e for e in t.doc.ents if e.start == t.i)
            return _strip_the(ent.text)
    return None


def _drop_opener(span: Span, keep: list[bool]) -> None:
    """Drop "Indeed:", "However,", "Going into detail,", "Despite X," and a leading "But"."""
    first = next((i for i, k in enumerate(keep) if k), None)
    if first is None:
        return
    tok = span[first]
    if tok.lower_ in LEADING_CONJ and first + 1 < len(span) and not span[first + 1].is_punct:
        keep[first] = False
        first += 1
        tok = span[first]
    stop = _first_break(span, first)
    if stop is None or stop <= first:
        return  # no opener before the break (the sentence starts with it)
    prefix = span[first:stop]
    rest = list(span[stop + 1 :])
    if not _has_clause(rest):
        return
    marker = len(prefix) <= 4 and not any(t.ent_type_ or t.like_num for t in prefix)
    marker = marker and all(t.pos_ in {"ADV", "ADP", "VERB", "NOUN", "DET", "ADJ"} for t in prefix)
    label = span[stop].text == ":" and len(prefix) <= 2 and not any(t.ent_type_ for t in prefix)
    marker = (marker and _adverbial(prefix)) or label
    concessive = prefix[0].lower_ in CONCESSIVE and not any(t.like_num for t in prefix)
    if marker or concessive:
        for i in range(first, stop + 1):
            keep[i] = False


def _adverbial(prefix: Span) -> bool:
    """The phrase hangs on the rest of the sentence as an adverbial, not as its subject."""
    heads = [t for t in prefix if not (prefix.start <= t.head.i < prefix.end) or t.head == t]
    return bool(heads) and all(t.dep_ in ADVERBIAL_DEPS for t in heads)


def _first_break(span: Span, first: int) -> int | None:
    for i in range(first, min(len(span), first + 14)):
        if span[i].text in {",", ":"}:
            return i
    return None


def _drop_dateline(span: Span, keep: list[bool]) -> None:
    """ "MADRID — …", "Dekalb, Ill. — …", "WASHINGTON (Reuters) - …": the place is not the fact."""
    for i, t in enumerate(span[:9]):
        # A dateline dash stands apart; one inside a name ("Ocasio-Cortez") does not.
        if (t.text in DASHES or t.text == "-") and i > 0 and span[i - 1].whitespace_:
            head = span[:i]
            names = all(x.pos_ == "PROPN" or x.is_punct or x.is_upper for x in head)
            if head and head[0].is_title | head[0].is_upper and names:
                keep[: i + 1] = [False] * (i + 1)
            return


def _drop_asides(span: Span, keep: list[bool]) -> None:
    """Parenthetical and dashed asides without numbers; numbers in them are often the fact."""
    open_at = None
    for i, t in enumerate(span):
        if t.text == "(" or (t.text in DASHES and open_at is None and i > 0):
            open_at = i
        elif open_at is not None and (t.text == ")" or t.text in DASHES):
            inner = span[open_at + 1 : i]
            matched = (t.text == ")") == (span[open_at].text == "(")
            # Brackets are asides by definition; a dashed aside with its own verb is a clause.
            finite = t.text != ")" and any(x.tag_ in FINITE_TAGS for x in inner)
            if matched and not finite and not any(x.like_num for x in inner) and i - open_at <= 20:
                keep[open_at : i + 1] = [False] * (i + 1 - open_at)
            open_at = None


def _evaluative_lead(span: Span) -> range | None:
    """ "The toll is disturbing: over 130 dead": the judging "is disturbing" before the colon."""
    colon = next((i for i, t in enumerate(span) if t.text == ":"), None)
    if colon is None or colon > 8 or colon < 3:
        return None
    if not any(t.like_num for t in span[colon + 1 :]):
        return None
    last = span[colon - 1]
    if last.pos_ != "ADJ" and last.dep_ != "acomp":
        return None
    cop = next((i for i in range(colon) if span[i].lemma_ == "be"), None)
    return range(cop, colon) if cop else None


def _drop_evaluative_lead(span: Span, keep: list[bool]) -> None:
    lead = _evaluative_lead(span)
    for i in lead or ():
        keep[i] = False


def _render(span: Span, keep: list[bool]) -> str:
    text = "".join(t.text_with_ws for t, k in zip(span, keep, strict=True) if k)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    text = re.sub(r"^[,;:\s]+", "", text)
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    if text and text[-1] in ",;:":
        text = text[:-1]
    if text and text[-1] not in ".!?" + QUOTE_CHARS:
        text += "."
    return text
