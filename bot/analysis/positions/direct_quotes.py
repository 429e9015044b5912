"""Direct quotes attributed to their speaker: a reporting verb after or before the quote, a
colon, 'the words of X', or the speaker of the quote before."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from bot.analysis import cues
from bot.analysis.positions.context import ArticleContext
from bot.analysis.positions.grammar import (
    is_according,
    is_quote_only_verb,
    is_report_verb,
    is_words_of,
    pobj_of,
    subject_of,
)
from bot.analysis.positions.quote_marks import MIN_UNATTRIBUTED_WORDS, Quote
from bot.analysis.positions.spans import cue_span, tokens_in
from bot.analysis.positions.via import via_of
from bot.types import Content, Position, Speaker
from bot.types import Span as TextSpan

SENT_END = frozenset([".", "!", "?"])


MIN_QUOTE_TOKENS = 3


def is_full_quote(ctx: ArticleContext, q: Quote) -> bool:
    """A statement rather than a phrase quoted inside the writer's own sentence."""
    span = tokens_in(ctx.doc, q.start, q.end)
    if span is None:
        return False
    if _looks_like_title(ctx.text[q.start : q.end]) and not _reported_near(ctx, q):
        return False  # 'her novel “The Quiet Parish,”': a title, not words someone said
    window = ctx.text[max(0, q.open - 200) : q.open]
    before = window.rstrip(" \t")
    starts_sentence = not before or before[-1] in '.!?:,—–\n”"’»'
    if len(span) < MIN_QUOTE_TOKENS:
        # '"Absolutely not," he said': a short reply is a statement when it is a sentence of
        # its own, closed by its punctuation inside the marks.
        closed = ctx.text[q.start : q.close].rstrip('”"’» ').endswith((",", ".", "!", "?"))
        return starts_sentence and closed and not before.endswith(",")
    if starts_sentence:
        return True
    prev = tokens_in(
        ctx.doc, q.open - len(window) + len(before) - 1, q.open - len(window) + len(before)
    )
    return prev is not None and is_report_verb(prev[-1])


def _looks_like_title(quoted: str) -> bool:
    """'The Widow’s Almanac', 'Saltwater Hours': a few capitalised words, nothing more."""
    words = quoted.rstrip(",.").split()
    if not 2 <= len(words) <= 6 or any(ch in quoted.rstrip(",.") for ch in ",.!?;:"):
        return False
    long_words = [w for w in words if len(w) > 3]
    return words[0][:1].isupper() and all(w[:1].isupper() for w in long_words)


def _reported_near(ctx: ArticleContext, q: Quote) -> bool:
    """A reporting verb right before the quote or in the three words after it ('chanted
    “Red for Ed”', '“By October,” she said')."""
    before = tokens_in(ctx.doc, max(0, q.open - 30), q.open)
    after = tokens_in(ctx.doc, q.close, min(len(ctx.text), q.close + 40))
    near = [*(before[-2:] if before is not None else []), *(after[:4] if after is not None else [])]
    return any(is_report_verb(t) or is_quote_only_verb(t) for t in near)


@dataclass
class Attribution:
    cue: Token
    speaker: Speaker | None
    side: str  # "before" | "after" | "colon"
    via: str | None = None


def direct_positions(ctx: ArticleContext) -> list[Position]:
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
        if attr is None:
            attr = _person_just_before(ctx, q)
        pos = _direct(ctx, q, attr)
        q.used = True
        ctx.quote_positions[qi] = pos
        out.append(pos)
        last, last_attr, last_quote = pos, attr, q
    return out


def _starts_paragraph(text: str, q: Quote) -> bool:
    return q.open == 0 or text[: q.open].rstrip(" \t").endswith("\n")


def _direct(ctx: ArticleContext, q: Quote, attr: Attribution | None) -> Position:
    text = ctx.text
    content = Content(text[q.start : q.end], q.start, q.end)
    if attr is None:
        cue = TextSpan(text[q.open : q.open + 1], q.open, q.open + 1)
        return Position(None, cue, content, "direct")
    ctx.used_cues.add(attr.cue.i)
    return Position(attr.speaker, cue_span(attr.cue), content, "direct", attr.via)


def _extend(text: str, pos: Position, q: Quote) -> None:
    parts = pos.content.parts or [(pos.content.start, pos.content.end)]
    parts.append((q.start, q.end))
    pos.content = Content(" … ".join(text[a:b] for a, b in parts), parts[0][0], parts[-1][1], parts)


def _gap_tokens(ctx: ArticleContext, a: Quote | None, b: Quote) -> int:
    if a is None:
        return 99
    span = tokens_in(ctx.doc, a.close, b.open)
    return 0 if span is None else len(span)


def _attribute(ctx: ArticleContext, qi: int) -> Attribution | None:
    """Find who said quote `qi`: a reporting verb after or before it, a colon, 'the words of'."""
    q = ctx.quotes[qi]
    after = _window(ctx, q.close, forward=True)
    before = _window(ctx, q.open, forward=False)
    text_before = ctx.text[max(0, q.open - 200) : q.open].rstrip()
    if not before and text_before.endswith(":") and _starts_paragraph(ctx.text, q):
        # 'Lisa Tan said:' closing one paragraph, the quote opening the next.
        before = _window(ctx, len(text_before) + max(0, q.open - 200), forward=False)
    after_cues = [
        t for t in after if is_report_verb(t) or is_words_of(t) or is_quote_only_verb(t) or _said(t)
    ]
    # A cue without a subject ('"…" announced in May, said X') yields to the next one.
    with_subject = [t for t in after_cues if is_words_of(t) or subject_of(t) is not None]
    after_cue = next(iter(with_subject or after_cues), None)
    after_cue = after_cue or next((t for t in after if is_according(t)), None)
    before_cue = next((t for t in reversed(before) if is_report_verb(t)), None)
    quote_text = ctx.text[q.start : q.close]
    ends_open = quote_text.rstrip('”"’» ').endswith(",") or (
        bool(after) and after[0].text in (",", "—")
    )
    if after_cue is not None and (ends_open or after.index(after_cue) <= 3):
        return _attribution(ctx, after_cue, "after")
    if after_cue is not None and is_quote_only_verb(after_cue):
        after_cue = None  # '“…” The members gathered around him laughed.' is no attribution
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


def _window(ctx: ArticleContext, char: int, *, forward: bool) -> list[Token]:
    """Tokens outside quotes next to a quote, up to the sentence end, in the same paragraph."""
    doc = ctx.doc
    span = tokens_in(doc, char, char) if char < len(ctx.text) else None
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


def _attribution(ctx: ArticleContext, cue: Token, side: str) -> Attribution:
    if is_words_of(cue):
        pobj = pobj_of(cue, "of")
        speaker = ctx.resolver.resolve(pobj) if pobj is not None else None
        return Attribution(cue, speaker, side)
    if is_according(cue):
        pobj = pobj_of(cue, "to")
        speaker = ctx.resolver.resolve(pobj) if pobj is not None else None
        return Attribution(cue, speaker, side, via_of(ctx, pobj) if pobj is not None else None)
    subj = subject_of(cue)
    if subj is None and side == "after":
        subj = _name_before(ctx, cue)
    if subj is None and side == "after":
        phrase = _phrase_before(ctx, cue)  # '"…," the 34-year-old said'
        if phrase is not None:
            speaker = ctx.resolver.resolve_epithet(phrase)
            return Attribution(cue, speaker, side, via_of(ctx, cue))
    speaker = ctx.resolver.resolve(subj) if subj is not None else None
    return Attribution(cue, speaker, side, via_of(ctx, cue))


def _said(tok: Token) -> bool:
    """'"…," the 41-year-old said': the tagger may call "said" a noun there."""
    return tok.lower_ in ("said", "says")


def _phrase_before(ctx: ArticleContext, cue: Token) -> Span | None:
    """'"…," the 34-year-old said': the parser may hang 'the' on the verb and leave it no
    subject; the words from a determiner up to the verb are the speaker's phrase."""
    doc = ctx.doc
    i = cue.i - 1
    while i >= 0 and cue.i - i <= 6 and ctx.quote_of[i] < 0 and not doc[i].is_quote:
        if doc[i].lower_ in ("the", "a", "an"):
            return doc[i : cue.i] if cue.i - i >= 2 else None
        if doc[i].text in (",", ".", "!", "?"):
            return None
        i -= 1
    return None


def _name_before(ctx: ArticleContext, cue: Token) -> Token | None:
    """'"…," chairman, CEO and president Ann Lee said': the parser hung the titles on the
    quote and left the verb without a subject; the name right before the verb speaks, or a
    person's name set off by a comma just before it ('a senior at X, Imani Reid, wrote')."""
    doc = ctx.doc
    if cue.i == 0:
        return None
    prev = doc[cue.i - 1]
    set_off = prev.text == "," and cue.i >= 2
    if set_off:
        prev = doc[cue.i - 2]
    if prev.pos_ != "PROPN" or ctx.quote_of[prev.i] >= 0 or not prev.ent_type_:
        return None
    return prev if not set_off or prev.ent_type_ == "PERSON" else None


def _colon_speaker(ctx: ArticleContext, before: list[Token]) -> Attribution | None:
    """'… the Financial Times: “…”': the noun phrase ending at the colon speaks."""
    toks = [t for t in before if t.text != ":"]
    if not toks:
        return None
    last = toks[-1]
    if last.pos_ not in ("PROPN", "NOUN", "PRON"):
        return _subject_before_colon(ctx, before)
    if last.pos_ == "NOUN" and not last.ent_type_ and last.lemma_ not in cues.PERSON_ROLES:
        return None
    speaker = ctx.resolver.resolve(last)
    if speaker is None:
        return None
    return Attribution(before[-1], speaker, "colon")


def _subject_before_colon(ctx: ArticleContext, before: list[Token]) -> Attribution | None:
    """'Hart was only half-surprised: "…"', 'The mayor put it simply: "…"': the subject of
    the clause the colon ends, when it is someone (a name, a pronoun, a role)."""
    colon = before[-1]
    subjects = [
        t for t in before if t.dep_ in ("nsubj", "nsubjpass") and t.head.i < colon.i < t.i + 12
    ]
    subj = subjects[-1] if subjects else None
    if subj is None or ctx.quote_of[subj.i] >= 0:
        return None
    someone = (
        subj.pos_ == "PROPN"
        or subj.lower_ in cues.PERSON_PRONOUNS | cues.PLURAL_PRONOUNS
        or subj.lemma_.lower() in cues.PERSON_ROLES
        or subj.lemma_.lower() in cues.EXPERT_WORDS
    )
    speaker = ctx.resolver.resolve(subj) if someone else None
    return Attribution(colon, speaker, "colon") if speaker is not None else None


def _person_just_before(ctx: ArticleContext, q: Quote) -> Attribution | None:
    """'Hart remembers the night well. "We were all crying."': a quote with no cue of its
    own, right after a sentence about someone (its subject a name or a pronoun), is theirs,
    as a reader takes it; the sentence's verb stands as the cue."""
    doc = ctx.doc
    span = tokens_in(doc, q.open, q.open + 1)
    if span is None or span.start == 0:
        return None
    prev_sent = doc[span.start - 1].sent
    if prev_sent.end > span.start + 1 or span.start - prev_sent.end > 2:
        return None  # the quote must open right after that sentence
    if ctx.resolver.paragraph(q.open) - ctx.resolver.paragraph(prev_sent.start_char) > 1:
        return None
    root = prev_sent.root
    subj = subject_of(root)
    if subj is None or ctx.quote_of[subj.i] >= 0 or ctx.quote_of[root.i] >= 0:
        return None
    if not (subj.ent_type_ == "PERSON" or subj.lower_ in cues.PERSON_PRONOUNS):
        return None
    speaker = ctx.resolver.resolve(subj)
    return Attribution(root, speaker, "before") if speaker is not None else None
