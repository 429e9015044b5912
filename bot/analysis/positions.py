"""Stated positions: who said, claimed, urged, condemned or denied what.

Rules over one spaCy parse: quotation marks found in the text, attributed to a nearby reporting
verb (before or after, or a colon, or "the words of X"); reported speech from reporting and stance
verbs with their clause or object; "according to X"; noun cues ("his warning that"); evidence
("the report found"); feelings ("were outraged at"); and the author's own opinion where the
article argues. Speakers are resolved by `speakers.SpeakerResolver`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from bot.analysis import cues
from bot.analysis.speakers import AUTHOR, ISSUED_NOUNS, SpeakerResolver
from bot.types import Content, Position, Speaker
from bot.types import Span as TextSpan

CLOSERS = {"“": '”"', "«": "»", "„": "“”", '"': '"”', "‘": "’"}  # mixed marks happen
SENT_END = frozenset([".", "!", "?"])
CONTENT_DEPS = frozenset(["dobj", "prep", "xcomp", "ccomp", "oprd", "dative", "attr", "advcl"])
NOUN_CUE_VERBS = frozenset(
    [
        "issue",
        "release",
        "make",
        "give",
        "express",
        "voice",
        "raise",
        "send",
        "post",
        "publish",
        "deliver",
        "repeat",
    ]
)
MEDIA_VIA_VERBS = frozenset(["report", "tell", "speak", "talk", "say"])
MIN_QUOTE_TOKENS = 3
MIN_UNATTRIBUTED_WORDS = 6
MAX_AUTHOR_POSITIONS = 2


@dataclass
class Quote:
    start: int  # content start (inside the marks)
    end: int  # content end
    open: int  # position of the opening mark
    close: int  # position just after the closing mark (or the paragraph end)
    full: bool = True  # a quoted statement, not a fragment inside a sentence
    used: bool = False


@dataclass
class Ctx:
    doc: Doc
    text: str  # doc.text, cached: spaCy rebuilds it on every access
    resolver: SpeakerResolver
    quotes: list[Quote]
    quote_of: list[int]  # token index -> quote index or -1
    used_cues: set[int] = field(default_factory=set)
    quote_positions: dict[int, Position] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Entry point


def find_positions(doc: Doc) -> list[Position]:
    """Every stated position of the article, in text order."""
    text = doc.text
    quotes = find_quotes(text)
    resolver = SpeakerResolver(doc, text=text, quoted=[(q.open, q.close) for q in quotes])
    ctx = Ctx(doc, text, resolver, quotes, _quote_index(doc, quotes))
    for q in quotes:
        q.full = _is_full_quote(ctx, q)
    positions = _direct_positions(ctx)
    positions += _reported_positions(ctx)
    positions += _according_positions(ctx)
    positions += _noun_cue_positions(ctx)
    positions += _feeling_positions(ctx)
    positions += _passive_positions(ctx)
    positions += _hearsay_positions(ctx)
    positions += _author_positions(ctx, positions)
    _speak_for_issuers(positions)
    positions.sort(key=lambda p: (p.content.start, p.cue.start))
    return _dedupe(positions)


def _speak_for_issuers(positions: list[Position]) -> None:
    """'"…," the statement said': a statement speaks for whoever issued it, the speaker of
    the report just before it (quotes are attributed before reported speech, so this runs
    once all positions are known)."""
    ordered = sorted(positions, key=lambda p: p.cue.start)
    last: Speaker | None = None
    for p in ordered:
        sp = p.speaker
        if sp is None:
            continue
        words = sp.resolved.lower().split()
        if len(words) == 1 and words[0] in ISSUED_NOUNS and last is not None:
            if sp.start - last.end < 1500:
                p.speaker = Speaker(sp.text, sp.start, sp.end, last.resolved, last.description)
            continue
        if sp.resolved != AUTHOR:
            last = sp


# ---------------------------------------------------------------------------------------------
# Quotation marks


def find_quotes(text: str) -> list[Quote]:
    """Quoted spans in every mark style; a paragraph that opens a quote without closing it
    continues into the next paragraph when that one opens with a quote mark."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    quotes: list[Quote] = []
    run: tuple[int, int] | None = None  # (opening mark, content start) of a running quote
    for n, (ps, pe) in enumerate(paragraphs):
        i = ps
        continues = _next_opens(text, paragraphs, n)
        if run is not None:
            lead = ps + len(text[ps:pe]) - len(text[ps:pe].lstrip())
            close = _find_close(text, text[lead], lead + 1, pe)
            if close is None:
                if not continues:
                    quotes.append(_make_quote(text, run[1], pe, run[0], pe))
                    run = None
                continue
            quotes.append(_make_quote(text, run[1], close, run[0], close + 1))
            run, i = None, close + 1
        while i < pe:
            ch = text[i]
            if ch not in CLOSERS or (ch == "‘" and not _opens_single(text, i)):
                i += 1
                continue
            close = _find_close(text, ch, i + 1, pe)
            if close is None:
                if ch == "‘":
                    i += 1
                    continue
                if continues:
                    run = (i, i + 1)
                elif len(text[i:pe].split()) >= MIN_UNATTRIBUTED_WORDS:
                    quotes.append(_make_quote(text, i + 1, pe, i, pe))
                break
            quotes.append(_make_quote(text, i + 1, close, i, close + 1))
            i = close + 1
    if run is not None:
        quotes.append(_make_quote(text, run[1], len(text), run[0], len(text)))
    return [q for q in quotes if q.end > q.start]


def _next_opens(text: str, paragraphs: list[tuple[int, int]], n: int) -> bool:
    if n + 1 >= len(paragraphs):
        return False
    ns, ne = paragraphs[n + 1]
    return text[ns:ne].lstrip()[:1] in CLOSERS


def _opens_single(text: str, i: int) -> bool:
    """A ‘ opens a quote at a word start, not before a digit ('‘90s')."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and not after.isspace() and not after.isdigit()


def _find_close(text: str, opener: str, j: int, end: int) -> int | None:
    closers = CLOSERS[opener]
    while j < end:
        ch = text[j]
        if ch in closers:
            if opener != "‘":
                return j
            after = text[j + 1] if j + 1 < len(text) else " "
            if not after.isalnum():  # ’ followed by a letter is an apostrophe
                return j
        j += 1
    return None


def _make_quote(text: str, start: int, end: int, open_at: int, close: int) -> Quote:
    s, e = start, end
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return Quote(s, e, open_at, close)


def _quote_index(doc: Doc, quotes: list[Quote]) -> list[int]:
    """For each token, the quote it lies in (marks included), or -1."""
    out = [-1] * len(doc)
    qi = 0
    for tok in doc:
        while qi < len(quotes) and quotes[qi].close <= tok.idx:
            qi += 1
        if qi < len(quotes) and quotes[qi].open <= tok.idx < quotes[qi].close:
            out[tok.i] = qi
    return out


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _is_full_quote(ctx: Ctx, q: Quote) -> bool:
    """A statement rather than a phrase quoted inside the writer's own sentence."""
    span = _tokens(ctx.doc, q.start, q.end)
    if span is None or len(span) < MIN_QUOTE_TOKENS:
        return False
    window = ctx.text[max(0, q.open - 200) : q.open]
    before = window.rstrip(" \t")
    if not before or before[-1] in '.!?:,—–\n”"’»':
        return True
    prev = _tokens(
        ctx.doc, q.open - len(window) + len(before) - 1, q.open - len(window) + len(before)
    )
    return prev is not None and _is_report_verb(prev[-1])


# ---------------------------------------------------------------------------------------------
# Direct quotes


@dataclass
class Attribution:
    cue: Token
    speaker: Speaker | None
    side: str  # "before" | "after" | "colon"
    via: str | None = None


def _direct_positions(ctx: Ctx) -> list[Position]:
    out: list[Position] = []
    last: Position | None = None
    last_attr: Attribution | None = None
    last_quote: Quote | None = None
    for qi, q in enumerate(ctx.quotes):
        if not q.full:
            continue
        attr = _attribute(ctx, qi)
        para = ctx.resolver.paragraph(q.open)
        same_para = last_quote is not None and ctx.resolver.paragraph(last_quote.open) == para
        if (
            last is not None
            and same_para
            and last_attr is not None
            and (attr is None or attr.cue.i == last_attr.cue.i)
            and _gap_tokens(ctx, last_quote, q) <= 20
        ):
            _extend(ctx.text, last, q)  # one quote split by its attribution
            q.used = True
            ctx.quote_positions[qi] = last
            last_quote = q
            continue
        if attr is None and last is not None and last_quote is not None:
            prev_para = ctx.resolver.paragraph(last_quote.open)
            if para - prev_para <= 1 and _starts_paragraph(ctx.text, q):
                attr = last_attr  # an unattributed quote paragraph continues the last speaker
        if attr is None and len(ctx.text[q.start : q.end].split()) < MIN_UNATTRIBUTED_WORDS:
            continue
        pos = _direct(ctx, q, attr)
        q.used = True
        ctx.quote_positions[qi] = pos
        out.append(pos)
        last, last_attr, last_quote = pos, attr, q
    return out


def _starts_paragraph(text: str, q: Quote) -> bool:
    return q.open == 0 or text[: q.open].rstrip(" \t").endswith("\n")


def _direct(ctx: Ctx, q: Quote, attr: Attribution | None) -> Position:
    text = ctx.text
    content = Content(text[q.start : q.end], q.start, q.end)
    if attr is None:
        cue = TextSpan(text[q.open : q.open + 1], q.open, q.open + 1)
        return Position(None, cue, content, "direct")
    ctx.used_cues.add(attr.cue.i)
    return Position(attr.speaker, _cue_span(attr.cue), content, "direct", attr.via)


def _extend(text: str, pos: Position, q: Quote) -> None:
    parts = pos.content.parts or [(pos.content.start, pos.content.end)]
    parts.append((q.start, q.end))
    pos.content = Content(" … ".join(text[a:b] for a, b in parts), parts[0][0], parts[-1][1], parts)


def _gap_tokens(ctx: Ctx, a: Quote | None, b: Quote) -> int:
    if a is None:
        return 99
    span = _tokens(ctx.doc, a.close, b.open)
    return 0 if span is None else len(span)


def _attribute(ctx: Ctx, qi: int) -> Attribution | None:
    """Find who said quote `qi`: a reporting verb after or before it, a colon, 'the words of'."""
    q = ctx.quotes[qi]
    after = _window(ctx, q.close, forward=True)
    before = _window(ctx, q.open, forward=False)
    after_cues = [t for t in after if _is_report_verb(t) or _is_words_of(t) or _quote_only(t)]
    # A cue without a subject ('"…" announced in May, said X') yields to the next one.
    with_subject = [t for t in after_cues if _is_words_of(t) or _subject(t) is not None]
    after_cue = next(iter(with_subject or after_cues), None)
    after_cue = after_cue or next((t for t in after if _is_according(t)), None)
    before_cue = next((t for t in reversed(before) if _is_report_verb(t)), None)
    text_before = ctx.text[max(0, q.open - 200) : q.open].rstrip()
    quote_text = ctx.text[q.start : q.close]
    ends_open = quote_text.rstrip('”"’» ').endswith(",") or (
        bool(after) and after[0].text in (",", "—")
    )
    if after_cue is not None and (ends_open or after.index(after_cue) <= 3):
        return _attribution(ctx, after_cue, "after")
    if text_before.endswith(":"):
        colon = _colon_speaker(ctx, before)
        if before_cue is not None and before.index(before_cue) >= len(before) - 4:
            return _attribution(ctx, before_cue, "before")
        if colon is not None:
            return colon
    if before_cue is not None and before.index(before_cue) >= len(before) - 4:
        return _attribution(ctx, before_cue, "before")
    if after_cue is not None:
        return _attribution(ctx, after_cue, "after")
    if before_cue is not None:
        return _attribution(ctx, before_cue, "before")
    return None


def _window(ctx: Ctx, char: int, *, forward: bool) -> list[Token]:
    """Tokens outside quotes next to a quote, up to the sentence end, in the same paragraph."""
    doc = ctx.doc
    span = _tokens(doc, char, char) if char < len(ctx.text) else None
    if forward:
        i = span.start if span is not None else len(doc)
        while i < len(doc) and doc[i].idx < char:
            i += 1
        out = []
        while i < len(doc) and len(out) < 25:
            t = doc[i]
            if "\n" in t.text or ctx.quote_of[i] >= 0:
                break
            out.append(t)
            if t.text in SENT_END:
                break
            i += 1
        return out
    i = (span.start if span is not None else len(doc)) - 1
    while i >= 0 and doc[i].idx >= char:
        i -= 1
    out = []
    while i >= 0 and len(out) < 30:
        t = doc[i]
        if "\n" in t.text or ctx.quote_of[i] >= 0 or (t.text in SENT_END and out):
            break
        if t.text not in SENT_END:
            out.append(t)
        i -= 1
    return list(reversed(out))


def _attribution(ctx: Ctx, cue: Token, side: str) -> Attribution:
    if _is_words_of(cue):
        pobj = _pobj_of(cue, "of")
        speaker = ctx.resolver.resolve(pobj) if pobj is not None else None
        return Attribution(cue, speaker, side)
    if _is_according(cue):
        pobj = _pobj_of(cue, "to")
        speaker = ctx.resolver.resolve(pobj) if pobj is not None else None
        return Attribution(cue, speaker, side, _via_of(ctx, pobj) if pobj is not None else None)
    subj = _subject(cue)
    speaker = ctx.resolver.resolve(subj) if subj is not None else None
    return Attribution(cue, speaker, side, _via_of(ctx, cue))


def _colon_speaker(ctx: Ctx, before: list[Token]) -> Attribution | None:
    """'… the Financial Times: “…”': the noun phrase ending at the colon speaks."""
    toks = [t for t in before if t.text != ":"]
    if not toks:
        return None
    last = toks[-1]
    if last.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    if last.pos_ == "NOUN" and not last.ent_type_ and last.lemma_ not in cues.PERSON_ROLES:
        return None
    speaker = ctx.resolver.resolve(last)
    if speaker is None:
        return None
    return Attribution(before[-1], speaker, "colon")


# ---------------------------------------------------------------------------------------------
# Reported speech


def _reported_positions(ctx: Ctx) -> list[Position]:
    out = []
    for tok in ctx.doc:
        if tok.i in ctx.used_cues or not (_is_report_verb(tok) or _is_stance_frame(tok)):
            continue
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in cues.REFUSAL_VERBS:
            continue  # "declined to comment on X" reports nothing
        via = _enclosing_via(ctx, tok)
        if ctx.quote_of[tok.i] >= 0 and via is None:
            continue
        pos = _reported(ctx, tok, via)
        if pos is not None:
            ctx.used_cues.add(tok.i)
            out.append(pos)
    return out


def _reported(ctx: Ctx, verb: Token, via: str | None) -> Position | None:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None  # "was accused of": the subject is the target, not the speaker
    content = _verb_content(verb) if _is_report_verb(verb) else _frame_content(verb)
    if content is None:
        return None
    subj = _subject(verb) or _subject_as_object(verb)
    if subj is None:
        return None
    clause = any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
    inference = verb.lemma_.lower() in cues.INFERENCE_VERBS
    if (inference or not clause) and not _plausible_stance_subject(subj):
        return None
    speaker = ctx.resolver.resolve(subj, in_quote=ctx.quote_of[verb.i] >= 0)
    if speaker is None or (speaker.resolved == AUTHOR and ctx.quote_of[verb.i] >= 0):
        return None
    start, end = _trim_according(verb, *content)
    if ctx.resolver.paragraph(start) != ctx.resolver.paragraph(verb.idx):
        return None  # a clause parsed across a paragraph break is not this verb's content
    if via is None and _inside_used_quote(ctx, start, end):
        return None
    kind = "mixed" if _mark_fragments(ctx, start, end) else "indirect"
    text = ctx.text[start:end]
    via = via or _via_of(ctx, verb)
    return Position(speaker, _cue_span(verb), Content(text, start, end), kind, via)


def _verb_content(verb: Token) -> tuple[int, int] | None:
    """Character range of what the verb reports: its clause, or for stance verbs its object."""
    lemma = verb.lemma_.lower()
    kids = list(verb.rights)
    # A clause parsed across a paragraph break is not this verb's content.
    clause = [c for c in kids if c.dep_ in ("ccomp", "xcomp") and not _breaks_between(verb, c)]
    if not clause:
        # Content before its cue: "The deal is off, officials said."
        front = [c for c in verb.lefts if c.dep_ == "ccomp"]
        if front:
            return _char_range(front[0].left_edge, front[-1].right_edge)
    if lemma == "call":
        return _call_content(verb, kids)
    if not clause and lemma in cues.SPEECH_VERBS:
        found = _misattached_clause(verb) or _object_clause(verb)
        if found is not None:
            return found
    if lemma in ("describe", "identify") and not _has_prep(verb, "as"):
        return None  # "identified the victim" is no stance; "identified X as Y" is
    if clause:
        objs = [c for c in kids if c.dep_ in ("dobj", "dative") and c.i < clause[0].i]
        first = min([*objs, *clause], key=lambda t: t.i)
        if lemma in ("tell", "inform", "assure", "reassure", "notify", "warn"):
            first = clause[0]  # "told reporters that …": reporters are not the content
        last = max(clause, key=lambda t: t.right_edge.i)
        return _char_range(first.left_edge, last.right_edge)
    framed = _frame_content(verb)
    if framed is not None:
        return framed
    if lemma in cues.CLAUSE_ONLY or lemma not in cues.STANCE_VERBS:
        if lemma in cues.EVIDENCE_VERBS and _evidence_subject(verb):
            objs = [c for c in kids if c.dep_ == "dobj"]
            if objs:
                return _char_range(objs[0].left_edge, objs[-1].right_edge)
        return None
    parts = [c for c in kids if c.dep_ in CONTENT_DEPS]
    if not parts or parts[0].dep_ not in ("dobj", "prep", "oprd", "dative", "attr"):
        return None
    if parts[0].dep_ == "prep" and parts[0].lower_ not in ("of", "for", "on", "about", "over"):
        return None
    parts = [p for p in parts if p.dep_ != "advcl" or p.tag_ == "VBG"]
    return _char_range(parts[0].left_edge, max(p.right_edge for p in parts))


def _misattached_clause(verb: Token) -> tuple[int, int] | None:
    """'told reporters at a briefing that officials began …': the parser often hangs the
    that-clause on the nearest noun as a relative clause; a 'that' followed by a clause with
    its own subject is the reported content."""
    for tok in verb.subtree:
        if tok.i <= verb.i or tok.i - verb.i > 14 or tok.lower_ != "that":
            continue
        head = tok.head
        if head.pos_ not in ("VERB", "AUX") or head.dep_ not in ("relcl", "ccomp"):
            return None
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i for c in head.children)
        if not own_subject or _reporter_between(verb, head):
            return None
        return _char_range(tok.doc[tok.i + 1], head.right_edge)
    return None


def _is_stance_frame(tok: Token) -> bool:
    """Stance carried by a verb with its preposition, particle or a figure as object, or a
    wish with 'would' (see ``_frame_content``)."""
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    if lemma in cues.WISH_VERBS:
        return any(c.lower_ == "would" or c.lower_ == "'d" for c in tok.children)
    return (
        lemma in cues.PREP_STANCE
        or lemma in cues.FORECAST_VERBS
        or any((lemma, c.lower_) in cues.PHRASAL_STANCE for c in tok.children if c.dep_ == "prt")
    )


def _frame_content(verb: Token) -> tuple[int, int] | None:
    """'balking at committing …', 'ruled out X', 'sees growth of 2 percent': the object of
    the preposition, of the phrasal verb, or the forecast figure."""
    lemma = verb.lemma_.lower()
    if lemma in cues.WISH_VERBS:  # "would like to see X agree"
        wish = [c for c in verb.rights if c.dep_ == "xcomp"]
        return _char_range(wish[0].left_edge, wish[0].right_edge) if wish else None
    preps = cues.PREP_STANCE.get(lemma, ())
    for c in verb.rights:
        if c.dep_ == "prep" and c.lower_ in preps:
            inner = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if inner:
                return _char_range(inner[0].left_edge, c.right_edge)
    has_prt = any((lemma, c.lower_) in cues.PHRASAL_STANCE for c in verb.children)
    forecast = lemma in cues.FORECAST_VERBS
    if not (has_prt or forecast):
        return None
    obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    if forecast and not _is_figure(obj):
        return None
    return _char_range(obj.left_edge, obj.right_edge)


def _is_figure(obj: Token) -> bool:
    """An amount or a change: '$2.52 a share', 'sales growth of 1.8 percent'."""
    if obj.ent_type_ in ("MONEY", "PERCENT"):
        return True
    return obj.lemma_.lower() in cues.CHANGE_NOUNS and any(
        t.ent_type_ in ("MONEY", "PERCENT", "CARDINAL") for t in obj.subtree
    )


def _breaks_between(a: Token, b: Token) -> bool:
    """A paragraph break between two tokens (``a`` first)."""
    lo, hi = min(a.i, b.left_edge.i), max(a.i, b.left_edge.i)
    return any("\n" in t.text or "\n" in t.whitespace_ for t in a.doc[lo:hi])


def _reporter_between(verb: Token, clause: Token) -> bool:
    """Another reporting verb between the two ('felt bound to tell him that …') owns it."""
    tok = clause.head
    while tok != verb and tok.head != tok:
        if tok.pos_ == "VERB" and _is_report_verb(tok):
            return True
        tok = tok.head
    return False


def _object_clause(verb: Token) -> tuple[int, int] | None:
    """'said more than 1,000 people registered': a clause parsed as an object noun with a
    participle; the object with its verb is the content."""
    if verb.lemma_.lower() not in cues.CLAUSE_VERBS:
        return None
    for obj in verb.rights:
        if obj.dep_ != "dobj" or obj.pos_ not in ("NOUN", "PROPN", "PRON"):
            continue
        for c in obj.rights:
            verb_like = c.dep_ in ("acl", "relcl") and c.tag_ in ("VBD", "VBZ", "VBP", "VBN")
            if verb_like and not any(g.lower_ in cues.RELATIVE_PRONOUNS for g in c.children):
                return _char_range(obj.left_edge, obj.right_edge)
    return None


def _call_content(verb: Token, kids: list[Token]) -> tuple[int, int] | None:
    """'called on X to …', 'called for …', 'called X a Y'."""
    preps = [c for c in kids if c.dep_ in ("prep", "prt") and c.lower_ in ("on", "for", "upon")]
    objs = [c for c in kids if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp", "attr")]
    if preps:
        parts = [c for c in kids if c.i > preps[0].i and c.dep_ in CONTENT_DEPS | {"pobj"}]
        first = preps[0] if preps[0].dep_ == "prep" else (parts[0] if parts else None)
        if first is None:
            return None
        start = next(iter(first.children), first) if first.dep_ == "prep" else first
        last = max([first, *parts], key=lambda t: t.right_edge.i)
        return _char_range(start.left_edge, last.right_edge)
    if len(objs) >= 2 or any(c.dep_ == "oprd" for c in objs):
        return _char_range(objs[0].left_edge, max(o.right_edge for o in objs))
    dobj = [c for c in kids if c.dep_ == "dobj"]
    if dobj and any(c.dep_ in ("ccomp", "xcomp", "oprd") for c in dobj[0].children):
        return _char_range(dobj[0].left_edge, dobj[0].right_edge)
    return None


def _trim_according(verb: Token, start: int, end: int) -> tuple[int, int]:
    """Cut a trailing 'according to X' from reported content: it is its own position."""
    for tok in verb.subtree:
        last = tok.right_edge
        if _is_according(tok) and start < tok.idx and last.idx + len(last) >= end:
            cut = tok.i
            while cut > 0 and tok.doc[cut - 1].is_punct:
                cut -= 1
            if cut > 0 and tok.doc[cut - 1].idx > start:
                prev = tok.doc[cut - 1]
                return start, prev.idx + len(prev)
    return start, end


def _subject_as_object(verb: Token) -> Token | None:
    """'after employees of a dealership said he …': a finite verb without a subject whose
    speaker the parser took for the object of a preposition just before it."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0:
        return None
    prev = verb.doc[verb.i - 1]
    if prev.pos_ not in ("NOUN", "PROPN") or prev.dep_ != "pobj":
        return None
    while prev.dep_ == "pobj" and prev.head.lower_ == "of" and prev.head.head.pos_ == "NOUN":
        prev = prev.head.head  # "employees of a dealership": the employees speak
    return prev


def _has_prep(verb: Token, word: str) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == word for c in verb.children)


def _evidence_subject(verb: Token) -> bool:
    subj = _subject(verb)
    return subj is not None and subj.lemma_.lower() in cues.DOCUMENT_NOUNS


def _plausible_stance_subject(subj: Token) -> bool:
    """Stance without a clause needs someone to hold it: a name, a pronoun, a role, a body."""
    if subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or subj.pos_ == "PROPN":
        return True
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
    )


def _char_range(first: Token, last: Token) -> tuple[int, int] | None:
    """Characters from `first` to `last`, without edge punctuation and within one paragraph
    (the parser's sentences sometimes run across a paragraph break)."""
    doc = first.doc
    i, j = first.i, last.i
    for k in range(i, j + 1):
        if "\n" in doc[k].text or "\n" in doc[k].whitespace_:
            j = k - 1 if "\n" in doc[k].text else k
            break
    while i <= j and (doc[i].is_punct and doc[i].text not in '“‘"«„'):
        i += 1
    while j >= i and doc[j].is_punct and doc[j].text not in '”’"»':
        j -= 1
    if j - i + 1 < 2:
        return None
    return doc[i].idx, doc[j].idx + len(doc[j])


def _mark_fragments(ctx: Ctx, start: int, end: int) -> bool:
    """Fragments quoted inside reported content make it a mixed position."""
    found = False
    for q in ctx.quotes:
        if not q.full and not q.used and start <= q.open and q.close <= end + 1:
            q.used = True
            found = True
    return found


def _inside_used_quote(ctx: Ctx, start: int, end: int) -> bool:
    """The content is (or starts with) a quote already given as a direct position."""
    for qi, q in enumerate(ctx.quotes):
        if q.full and q.used and q.open <= start <= q.start + 1:
            return True
        if qi in ctx.quote_positions and q.open <= start + 1 and end <= q.close:
            pos = ctx.quote_positions[qi]
            if pos.via is None:
                return True
        if q.full and q.used and start <= q.start and q.end <= end + 1:
            return (q.end - q.start) >= 0.6 * (end - start)
    return False


def _enclosing_via(ctx: Ctx, tok: Token) -> str | None:
    """Reported speech inside a quote from a news outlet comes via that outlet."""
    qi = ctx.quote_of[tok.i]
    pos = ctx.quote_positions.get(qi) if qi >= 0 else None
    if pos is None or pos.speaker is None:
        return None
    if is_media_name(pos.speaker.resolved):
        return pos.speaker.resolved
    return None


# ---------------------------------------------------------------------------------------------
# According to, noun cues, feelings


def _according_positions(ctx: Ctx) -> list[Position]:
    out = []
    for tok in ctx.doc:
        if not _is_according(tok) or tok.i in ctx.used_cues:
            continue
        via = _enclosing_via(ctx, tok)
        if ctx.quote_of[tok.i] >= 0 and via is None:
            continue
        pobj = _pobj_of(tok, "to")
        if pobj is None:
            continue
        speaker = ctx.resolver.resolve(pobj)
        content = _clause_without(ctx, tok)
        if speaker is None or content is None:
            continue
        start, end = content
        kind = "mixed" if _mark_fragments(ctx, start, end) else "according_to"
        via = via or _via_of(ctx, pobj)
        cue = ctx.doc[tok.i : pobj.i + 1] if pobj.i - tok.i <= 2 else ctx.doc[tok.i : tok.i + 2]
        out.append(
            Position(
                speaker,
                TextSpan(cue.text, cue.start_char, cue.end_char),
                Content(ctx.text[start:end], start, end),
                kind if kind == "mixed" else "according_to",
                via,
            )
        )
    return out


def _clause_without(ctx: Ctx, tok: Token) -> tuple[int, int] | None:
    """The sentence a phrase like 'according to X' attaches to, minus the phrase (and within
    the quote when the phrase is quoted)."""
    sent, doc = tok.sent, tok.doc
    lo, hi = sent.start, sent.end
    qi = ctx.quote_of[tok.i]
    if qi >= 0:
        qspan = _tokens(doc, ctx.quotes[qi].start, ctx.quotes[qi].end)
        if qspan is not None:
            lo, hi = max(lo, qspan.start), min(hi, qspan.end)
    a, b = tok.left_edge.i, tok.right_edge.i
    for k in range(a - 1, lo - 1, -1):  # stay in the phrase's paragraph
        if "\n" in doc[k].text or "\n" in doc[k].whitespace_:
            lo = k + 1
            break
    left = doc[lo:a]
    right = doc[b + 1 : hi]
    side = right if len(right) > len(left) else left
    if len(side) < 3:
        return None
    return _char_range(side[0], side[-1])


def _noun_cue_positions(ctx: Ctx) -> list[Position]:
    out = []
    for tok in ctx.doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in cues.NOUN_CUES:
            continue
        if ctx.quote_of[tok.i] >= 0 or tok.lemma_.lower() in cues.WORDS_OF:
            continue
        content = _noun_content(tok)
        holder = _noun_holder(tok)
        if content is None or holder is None:
            continue
        speaker = ctx.resolver.resolve(holder)
        if speaker is None:
            continue
        start, end = content
        kind = "mixed" if _mark_fragments(ctx, start, end) else "indirect"
        for c in tok.children:
            ctx.used_cues.add(c.i)
        out.append(
            Position(speaker, _cue_span(tok), Content(ctx.text[start:end], start, end), kind)
        )
    return out


def _noun_content(noun: Token) -> tuple[int, int] | None:
    for c in noun.rights:
        if c.dep_ in ("acl", "ccomp", "relcl") and any(
            g.lower_ == "that" and g.dep_ == "mark" for g in c.children
        ):
            return _char_range(c.left_edge, c.right_edge)
        if c.dep_ == "acl" and c.lemma_.lower() in cues.SPEECH_VERBS:
            inner = [g for g in c.rights if g.dep_ in ("ccomp", "xcomp")]
            if inner:
                return _char_range(inner[0].left_edge, inner[-1].right_edge)
        if (
            c.dep_ == "prep"
            and c.lower_ in ("about", "over", "on", "of", "against", "in", "for")
            and noun.lemma_.lower() in cues.NOUN_PREP_CUES
        ):
            inner = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if inner:  # "confidence in the winger": the object, not the preposition
                return _char_range(inner[0].left_edge, c.right_edge)
        if c.dep_ == "acl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return _char_range(c.left_edge, c.right_edge)  # "advice not to go", "demands to"
    return None


def _noun_holder(noun: Token) -> Token | None:
    """Who holds a noun cue: 'his warning', 'a statement from X', 'X issued a statement'."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ in ("from", "by"):
            pobj = _pobj_of(noun, c.lower_)
            if pobj is not None:
                return pobj
    head = noun.head
    if noun.dep_ == "dobj" and head.lemma_.lower() in NOUN_CUE_VERBS:
        return _subject(head)
    if noun.dep_ == "pobj" and head.lower_ in ("for", "of") and head.head.pos_ == "VERB":
        return _subject(head.head)  # "quit for fear that …", "out of concern that …"
    return None


def _feeling_positions(ctx: Ctx) -> list[Position]:
    out = []
    for tok in ctx.doc:
        if tok.lower_ not in cues.FEELING_ADJECTIVES or ctx.quote_of[tok.i] >= 0:
            continue
        subj = _feeling_holder(tok)
        content = _feeling_content(tok) if subj is not None else None
        if subj is None or content is None:
            continue
        speaker = ctx.resolver.resolve(subj)
        if speaker is None or speaker.resolved == AUTHOR:
            continue
        start, end = content
        out.append(
            Position(
                speaker,
                _cue_span(tok),
                Content(ctx.text[start:end], start, end),
                "indirect",
            )
        )
    return out


def _feeling_holder(tok: Token) -> Token | None:
    """Who feels: the subject of the adjective's verb ('were outraged', 'seem intent'), or of
    the participle itself, passive ones included ('were repelled')."""
    if tok.dep_ in ("acomp", "oprd"):
        return _subject(tok.head)
    if tok.dep_ == "ROOT" or tok.pos_ == "VERB":
        passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        return passive or _subject(tok)
    return None


def _feeling_content(tok: Token) -> tuple[int, int] | None:
    """What the feeling is about: 'at/about/by/over/with/on/of …', a clause, or 'when …'."""
    parts = [
        c
        for c in tok.rights
        if (c.dep_ == "prep" and c.lower_ in ("at", "about", "by", "over", "with", "on", "of"))
        or c.dep_ in ("ccomp", "xcomp")
        or (c.dep_ == "advcl" and any(g.lower_ == "when" for g in c.children))
    ]
    if not parts:
        return None
    return _char_range(parts[0].left_edge, parts[-1].right_edge)


# ---------------------------------------------------------------------------------------------
# Passive reports and hearsay adverbs


def _passive_positions(ctx: Ctx) -> list[Position]:
    """'X is expected to …', 'is seen as …', 'it is alleged that …' (no speaker), and
    'a claim denied by X', 'the figure touted by X' (the agent speaks)."""
    out = []
    for tok in ctx.doc:
        if tok.pos_ != "VERB" or tok.tag_ != "VBN" or tok.i in ctx.used_cues:
            continue
        if ctx.quote_of[tok.i] >= 0:
            continue
        lemma = tok.lemma_.lower()
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None:
            pos = _agent_report(ctx, tok, agent)
        elif lemma in cues.PASSIVE_CUES:
            pos = _impersonal_report(ctx, tok)
        else:
            pos = None
        if pos is not None:
            ctx.used_cues.add(tok.i)
            out.append(pos)
    return out


def _impersonal_report(ctx: Ctx, verb: Token) -> Position | None:
    kids = list(verb.children)
    if not any(c.dep_ == "auxpass" for c in kids) and verb.dep_ != "acl":
        return None
    subj = next((c for c in kids if c.dep_ in ("nsubjpass", "expl")), None)
    clause = [c for c in verb.rights if c.dep_ in ("ccomp", "xcomp")]
    as_obj = [c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "as"]
    if clause and (subj is None or subj.lower_ == "it" or verb.lemma_ == "tell"):
        first, last = clause[0], clause[-1]  # "it is alleged that …": the clause alone
    elif subj is not None and (clause or as_obj):
        first, last = subj, (clause or as_obj)[-1]  # "X is seen as Y": all of it
    elif verb.dep_ == "acl" and clause:  # "a deal, once expected to close in May"
        first, last = verb.head, clause[-1]
    else:
        return None
    found = _char_range(first.left_edge, last.right_edge)
    if found is None or ctx.resolver.paragraph(found[0]) != ctx.resolver.paragraph(verb.idx):
        return None
    start, end = found
    if _inside_used_quote(ctx, start, end):
        return None
    kind = "mixed" if _mark_fragments(ctx, start, end) else "indirect"
    return Position(None, _cue_span(verb), Content(ctx.text[start:end], start, end), kind)


def _agent_report(ctx: Ctx, verb: Token, agent: Token) -> Position | None:
    lemma = verb.lemma_.lower()
    if lemma not in cues.STANCE_VERBS and lemma not in cues.AGENT_CUES:
        return None
    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
    target = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if target is None and verb.dep_ == "acl":
        target = verb.head  # "the figure touted by X"
    if pobj is None or target is None or not _plausible_stance_subject(pobj):
        return None
    # The target's words before the cue: its own clause when passive, the noun phrase up to
    # the participle when the cue modifies it.
    before = [t for t in target.subtree if t.i < verb.i]
    found = _char_range(before[0], before[-1]) if len(before) >= 2 else None
    speaker = ctx.resolver.resolve(pobj)
    if found is None or speaker is None or speaker.resolved == AUTHOR:
        return None
    start, end = found
    kind = "mixed" if _mark_fragments(ctx, start, end) else "indirect"
    return Position(speaker, _cue_span(verb), Content(ctx.text[start:end], start, end), kind)


def _hearsay_positions(ctx: Ctx) -> list[Position]:
    """'X reportedly did Y', 'allegedly': the clause comes from an unnamed source."""
    out = []
    for tok in ctx.doc:
        if tok.lower_ not in cues.HEARSAY_ADVERBS or ctx.quote_of[tok.i] >= 0:
            continue
        head = tok.head
        if head.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        lo = min(tok.i, *(c.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass")))
        lo_tok = tok.doc[lo]
        if lo_tok.dep_ in ("nsubj", "nsubjpass"):
            lo_tok = lo_tok.left_edge
        elif lo_tok == tok:
            lo_tok = tok.doc[tok.i + 1]
        found = _char_range(lo_tok, head.right_edge)
        if found is None:
            continue
        start, end = found
        if ctx.resolver.paragraph(start) != ctx.resolver.paragraph(tok.idx):
            continue
        out.append(
            Position(None, _cue_span(tok), Content(ctx.text[start:end], start, end), "according_to")
        )
    return out


# ---------------------------------------------------------------------------------------------
# The author's opinion


def _author_positions(ctx: Ctx, found: list[Position]) -> list[Position]:
    """Where the article argues in its own voice: 'we must', 'it is time', an evaluative
    conclusion in the last paragraph. At most two, the latest ones."""
    doc = ctx.doc
    paras = [m for m in re.finditer(r"[^\n]+", ctx.text) if len(m.group().split()) >= 8]
    last_para = paras[-1].start() if paras else len(ctx.text)
    taken = [(p.content.start, p.content.end) for p in found]
    out: list[Position] = []
    for sent in doc.sents:
        if any(ctx.quote_of[t.i] >= 0 for t in sent):
            continue
        if any(a < sent.end_char and sent.start_char < b for a, b in taken):
            continue
        marker = _opinion_marker(sent, final=sent.start_char >= last_para)
        if marker is None:
            continue
        s, e = _char_range(sent[0], sent[-1]) or (sent.start_char, sent.end_char)
        speaker = Speaker("", marker.idx, marker.idx, AUTHOR, "opinion")
        out.append(Position(speaker, _cue_span(marker), Content(ctx.text[s:e], s, e), "indirect"))
    return out[-MAX_AUTHOR_POSITIONS:]


def _opinion_marker(sent: Span, *, final: bool) -> Token | None:
    words = [t.lower_ for t in sent]
    for t in sent:
        low = t.lower_
        nxt = sent.doc[t.i + 1].lower_ if t.i + 1 < len(sent.doc) else ""
        if low in ("we", "us", "our") and any(w in cues.OPINION_MODALS for w in words):
            return next(x for x in sent if x.lower_ in cues.OPINION_MODALS)
        if low == "i" and nxt in ("think", "believe", "argue"):
            return sent.doc[t.i + 1]
        before = [sent.doc[t.i - 2].lower_, sent.doc[t.i - 1].lower_] if t.i >= 2 else []
        if low == "time" and before in (["it", "is"], ["it", "'s"]):
            return t
    if final:
        for t in sent:
            if t.lower_ in cues.EVALUATIVE_WORDS and t.pos_ == "ADJ":
                return t
    return None


# ---------------------------------------------------------------------------------------------
# Helpers


def _is_report_verb(tok: Token) -> bool:
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    return lemma in cues.SPEECH_VERBS or lemma in cues.STANCE_VERBS or lemma in cues.EVIDENCE_VERBS


def _quote_only(tok: Token) -> bool:
    """'"…," she continued': a verb that only attributes a quote it follows."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() in cues.QUOTE_ONLY_VERBS


def _is_words_of(tok: Token) -> bool:
    return tok.lemma_.lower() in cues.WORDS_OF and _pobj_of(tok, "of") is not None


def _is_according(tok: Token) -> bool:
    return tok.lower_ == "according" and any(
        c.lower_ == "to" and c.dep_ == "prep" for c in tok.children
    )


def _pobj_of(tok: Token, prep: str) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == prep:
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _subject(verb: Token) -> Token | None:
    """The verb's subject, inherited through conjunctions and participles ('…, warning')."""
    tok = verb
    for _ in range(4):
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        if subjects:
            # Two subjects mean a dateline parsed as one ("BUFFALO — …, the coach said"):
            # the one nearest the verb speaks.
            before = [c for c in subjects if c.i < tok.i]
            return _past_dateline(before[-1] if before else subjects[0])
        if tok.dep_ in ("conj", "advcl", "xcomp") and tok.head is not tok:
            tok = tok.head
            continue
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":  # "after accusing them of …"
            tok = tok.head.head
            continue
        if tok.dep_ == "relcl":
            return tok.head
        return None
    return None


DASHES = frozenset(["—", "–", "-", "--"])


def _past_dateline(subj: Token) -> Token:
    """A place name opening a paragraph before a dash is a dateline, not the subject: the noun
    after the dash is ('Springfield – Hundreds of nurses marched …')."""
    doc = subj.doc
    if subj.pos_ != "PROPN" or not _opens_paragraph(subj.left_edge):
        return subj
    dash = next((t for t in doc[subj.i : subj.i + 5] if t.text in DASHES), None)
    if dash is None:
        return subj
    after = [c for c in subj.subtree if c.i > dash.i and c.pos_ in ("NOUN", "PROPN", "PRON")]
    heads = [c for c in after if c.head.i < dash.i or c.head == subj]
    return heads[0] if heads else subj


def _opens_paragraph(tok: Token) -> bool:
    return tok.i == 0 or "\n" in tok.doc[tok.i - 1].text or "\n" in tok.doc[tok.i - 1].whitespace_


def _cue_span(tok: Token) -> TextSpan:
    """The cue word with its particle and negation: 'did not say', 'called on'."""
    doc = tok.doc
    lo, hi = tok.i, tok.i
    neg = [c for c in tok.children if c.dep_ == "neg"]
    if neg:
        aux = [c for c in tok.children if c.dep_ == "aux" and c.i < tok.i]
        lo = min([*neg, *aux], key=lambda t: t.i).i
    for c in tok.children:
        particle = c.dep_ == "prt" or (
            c.dep_ == "prep" and c.lower_ == "on" and tok.lemma_ == "call"
        )
        if particle and c.i == hi + 1:
            hi = c.i
    span = doc[lo : hi + 1]
    return TextSpan(span.text, span.start_char, span.end_char)


def _via_of(ctx: Ctx, tok: Token) -> str | None:
    """'told the New York Times', 'in an interview with CNN', 'officials reporting to the Times':
    the medium named beside the cue (not inside the reported content)."""
    for child in tok.children:
        if child.dep_ in ("ccomp", "xcomp", "conj", "advcl", "nsubj"):
            continue
        for c in child.subtree:
            if not c.ent_type_ or c.dep_ not in ("dobj", "dative", "pobj"):
                continue
            if c.dep_ == "pobj" and c.head.lower_ not in ("to", "with", "from"):
                continue
            name = _entity_name(ctx, c)
            if name and is_media_name(name):
                return name
    return None


def _entity_name(ctx: Ctx, tok: Token) -> str | None:
    for ent in tok.sent.ents:
        if ent.start <= tok.i < ent.end:
            return ctx.resolver.name_of(ent)
    return None


def is_media_name(name: str) -> bool:
    return bool(cues.MEDIA_NAME.search(name))


def _dedupe(positions: list[Position]) -> list[Position]:
    """Drop a position whose cue and content repeat one already kept."""
    seen: set[tuple[int, int, int]] = set()
    out = []
    for p in positions:
        key = (p.cue.start, p.content.start, p.content.end)
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out
