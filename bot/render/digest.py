"""The digest of DESIGN.md ("The digest") and the detail views behind its buttons."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from bot.render.markup import (
    FORMATS,
    MAX_MESSAGE_LENGTH,
    Format,
    Line,
    Section,
    b,
    clean,
    i,
    p,
    pack,
    shorten,
)
from bot.types import Analysis, KeyFact, Position, Source

ITEM_CHARS = 300  # article text per bullet in the digest
DETAIL_ITEM_CHARS = 1000  # and in the detail views, which exist to show more
SUMMARY_CHARS = 700
TITLE_CHARS = 300
DIGEST_POSITIONS = 6
SHORT_FACTS = 3
DIGEST_SOURCES = 12

_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "one"}
_AUTHOR = {"the author", "author"}
_QUOTES = "\"'“”‘’«»„‟‹›"
_WORD = re.compile(r"\w+")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# Cues that only say "this was said": the content alone reads right after the speaker's name.
# Any other cue before its content is shown with it ("criticized the bank for waiting",
# "expects inflation to ease"), since the content alone would lose what the speaker did.
_PLAIN_CUES = frozenset(
    [
        "say",
        "says",
        "said",
        "saying",
        "tell",
        "tells",
        "told",
        "telling",
        "add",
        "adds",
        "added",
        "adding",
        "write",
        "writes",
        "wrote",
        "writing",
        "note",
        "notes",
        "noted",
        "noting",
        "explain",
        "explains",
        "explained",
        "explaining",
        "state",
        "states",
        "stated",
        "stating",
        "according",
        "report",
        "reports",
        "reported",
        "reporting",
    ]
)


def _check(fmt: str) -> Format:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return fmt  # type: ignore[return-value]


# ---------------------------------------------------------------------------- pieces


def _title(analysis: Analysis) -> str:
    meta = analysis.meta
    return shorten(clean(meta.title or meta.site or meta.source) or "Untitled", TITLE_CHARS)


def _date(value: str | None) -> str:
    value = clean(value)
    match = _ISO_DATE.match(value)
    return match.group(0) if match else value  # the time of day is noise in a digest


def _meta_line(analysis: Analysis) -> Line | None:
    meta = analysis.meta
    parts: list[str] = []
    site, author = clean(meta.site), clean(meta.author)
    if site:
        parts.append(site)
    published, updated = _date(meta.published), _date(meta.updated)
    if published:
        if updated and updated != published:
            published += f" (updated {updated})"
        parts.append(published)
    elif updated:
        parts.append(f"updated {updated}")
    if author and author.lower() != site.lower():
        parts.append(author)
    return Line([i(shorten(" · ".join(parts), TITLE_CHARS))]) if parts else None


def _contains(haystack: str, needle: str) -> bool:
    return needle.casefold() in haystack.casefold()


def _fact_line(fact: KeyFact, limit: int) -> Line | None:
    text = shorten(clean(fact.text), limit)
    if not text:
        return None
    attribution = clean(fact.attributed_to)
    if attribution and not _contains(text, attribution):
        # Attribution goes inside the sentence's final period: "… attack (US officials)."
        stop = text[-1] if text[-1] in ".!?" and not text.endswith("...") else ""
        text = f"{text[: len(text) - len(stop)]} ({attribution}){stop}"
    return Line([p(text)], bullet=True)


def _is_author(pos: Position) -> bool:
    return pos.speaker is not None and clean(pos.speaker.resolved).lower() in _AUTHOR


def _speaker_name(pos: Position) -> str:
    if pos.speaker is None:
        return ""
    name = clean(pos.speaker.resolved) or clean(pos.speaker.text)
    return name[:1].upper() + name[1:]  # "the diplomat" opens a bullet


def _is_named(pos: Position) -> bool:
    name = _speaker_name(pos)
    return bool(name) and name.lower() not in _PRONOUNS


def _speaker_key(pos: Position) -> str:
    return "the author" if _is_author(pos) else _speaker_name(pos).casefold()


def _description(pos: Position) -> str:
    if pos.speaker is None:
        return ""
    return _adds(_speaker_name(pos), clean(pos.speaker.description))


def _adds(name: str, desc: str) -> str:
    """What a description adds to a name: nothing when the name says it already, or when it
    is a bare possessive ("bank's", of "the bank's committee")."""
    if not desc or _contains(name, desc) or desc.endswith(("'s", "’s")):
        return ""
    return desc


def _content(pos: Position, limit: int) -> str:
    """A direct quote in “…” (without the article's own quote marks), else a reported clause."""
    text = clean(pos.content.text)
    if pos.kind == "direct":
        text = text.strip(_QUOTES + " ")
        return f"“{shorten(text, limit)}”" if text else ""
    if text[:5].casefold() == "that ":
        text = text[5:]  # the complementizer is the reporter's, not the speaker's
    cue = clean(pos.cue.text)
    words = cue.casefold().split()
    if words and words[0] not in _PLAIN_CUES and pos.cue.end <= pos.content.start:
        text = f"{cue} {text}"  # "criticized the central bank for waiting so long"
    text = _close_quotes(shorten(text, limit))
    # A clause ends with a period, also after a closing quote ("… on its hands".),
    # unless the quoted words already end the sentence.
    if text and not text.rstrip(_QUOTES).endswith((".", "!", "?", "…")):
        text += "."
    return text


def _close_quotes(text: str) -> str:
    """A reported clause ending inside a quoted fragment ('town "will not be abandoned')
    gets the closing mark the article puts after it."""
    if text.count("“") > text.count("”"):
        return text + "”"
    if text.count('"') % 2:
        return text + '"'
    return text


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _score(pos: Position, mentions: dict[str, int]) -> float:
    """How much a position tells a reader: a named, described speaker, saying enough."""
    score = 3.0 if _is_named(pos) else -5.0
    if _description(pos) or pos.via:
        score += 1
    score += {"direct": 2.0, "mixed": 2.0, "indirect": 1.0}.get(pos.kind, 0.5)
    words = len(_WORD.findall(pos.content.text))
    score += -2 if words < 4 else (1 if words <= 60 else 0)
    score += min(mentions.get(_speaker_key(pos), 1), 4) * 0.25
    return score


def _near_duplicate(a: Position, b_: Position) -> bool:
    if _speaker_key(a) != _speaker_key(b_):
        return False
    wa, wb = _words(a.content.text), _words(b_.content.text)
    if not wa or not wb:
        return wa == wb
    small, large = sorted((wa, wb), key=len)
    return small <= large or len(wa & wb) / len(wa | wb) >= 0.6


def _dedupe(positions: Iterable[Position], mentions: dict[str, int]) -> list[Position]:
    """Positions with near-duplicates of the same speaker merged into the most informative."""
    kept: list[Position] = []
    for pos in positions:
        if not clean(pos.content.text):
            continue
        for index, other in enumerate(kept):
            if _near_duplicate(pos, other):
                if _score(pos, mentions) > _score(other, mentions):
                    kept[index] = pos
                break
        else:
            kept.append(pos)
    return kept


def _mentions(analysis: Analysis) -> dict[str, int]:
    return {clean(s.name).casefold(): s.mentions for s in analysis.result.sources}


def _pick_positions(analysis: Analysis, limit: int) -> list[Position]:
    """The digest's positions: most informative first, distinct speakers before second
    positions of the same speaker, the author's opinion (if any) last."""
    mentions = _mentions(analysis)
    candidates = [pos for pos in _dedupe(analysis.result.positions, mentions) if _is_named(pos)]
    authors = [pos for pos in candidates if _is_author(pos)]
    others = sorted(
        (pos for pos in candidates if not _is_author(pos)),
        key=lambda pos: (-_score(pos, mentions), pos.content.start),
    )
    room = limit - 1 if authors else limit
    chosen: list[Position] = []
    seen: set[str] = set()
    for pos in others:
        if len(chosen) < room and _speaker_key(pos) not in seen:
            chosen.append(pos)
            seen.add(_speaker_key(pos))
    for pos in others:
        if len(chosen) < room and pos not in chosen:
            chosen.append(pos)
    chosen.sort(key=lambda pos: (-_score(pos, mentions), pos.content.start))
    if authors:
        chosen.append(max(authors, key=lambda pos: _score(pos, mentions)))
    return chosen


def _position_line(pos: Position) -> Line | None:
    content = _content(pos, ITEM_CHARS)
    if not content:
        return None
    if _is_author(pos):
        return Line([b("The author"), p(f" (opinion): {content}")], bullet=True)
    head = ""
    if desc := _description(pos):
        head += f", {desc}"
    if via := clean(pos.via):
        head += f" (via {via})"
    return Line([b(_speaker_name(pos)), p(f"{head}: {content}")], bullet=True)


def _source_label(source: Source) -> str:
    name = clean(source.name)
    desc = _adds(name, clean(source.description))
    return f"{name} ({desc})" if desc and desc.casefold() != source.kind else name


def _sources_line(sources: list[Source]) -> Line | None:
    sources = [s for s in sources if clean(s.name)]
    if not sources:
        return None
    shown = sources
    if len(sources) > DIGEST_SOURCES:  # keep the most cited, in the article's order
        top = sorted(sources, key=lambda s: -s.mentions)[:DIGEST_SOURCES]
        shown = [s for s in sources if s in top]
    text = " · ".join(shorten(_source_label(s), 120) for s in shown)
    if len(sources) > len(shown):
        text += f" · and {len(sources) - len(shown)} more"
    return Line([b("Sources cited:"), p(f" {text}")])


def _heading(emoji: str, label: str, analysis: Analysis) -> Section:
    """The first section of a detail view: what it is, and of which article."""
    return Section([Line([p(f"{emoji} "), b(label)]), Line([i(_title(analysis))])])


# ---------------------------------------------------------------------------- public API


def _kind_line(signals: dict) -> Line | None:
    """Say what the page is when it is not plain news, instead of pretending it is."""
    if signals.get("not_news"):
        reason = signals.get("not_news_reason") or "not a news article"
        return Line([i(f"ℹ️ Not a news article ({reason}): below is what the page says.")])
    if signals.get("review"):
        return Line([i("🔎 A review: the author's assessment of a product or work.")])
    if signals.get("opinion"):
        return Line([i("🗣 Opinion: the author argues a position; facts are kept apart.")])
    return None


def render_digest(analysis: Analysis, fmt: Format = "html", *, short: bool = False) -> list[str]:
    """The digest as messages (each within Telegram's 4096 limit) in ``fmt``.

    ``short`` (groups that ask for it): title, summary and three facts only.
    """
    fmt = _check(fmt)
    result = analysis.result
    sections: list[Section] = []

    head = [Line([p("📰 "), b(_title(analysis))])]
    if not short and (meta := _meta_line(analysis)):
        head.append(meta)
    if kind := _kind_line(result.signals):
        head.append(kind)
    sections.append(Section(head))

    if summary := shorten(clean(result.summary), SUMMARY_CHARS):
        sections.append(Section([Line([b("In short:"), p(f" {summary}")])]))

    facts = result.key_facts[:SHORT_FACTS] if short else result.key_facts
    fact_lines = [line for f in facts if (line := _fact_line(f, ITEM_CHARS))]
    if fact_lines:
        sections.append(Section([Line([b("Key facts")]), *fact_lines], header=True))

    if not short:
        position_lines = [
            line
            for pos in _pick_positions(analysis, DIGEST_POSITIONS)
            if (line := _position_line(pos))
        ]
        if position_lines:
            sections.append(Section([Line([b("Who says what")]), *position_lines], header=True))
        if sources := _sources_line(result.sources):
            sections.append(Section([sources]))

    return pack(sections, fmt, MAX_MESSAGE_LENGTH)


def render_positions(analysis: Analysis, fmt: Format = "html") -> list[str]:
    """Every position, grouped by speaker (in order of first appearance), marked quoted or
    reported. Only exact repeats are dropped: this view is the complete record."""
    fmt = _check(fmt)
    groups: dict[str, list[Position]] = {}
    seen: set[tuple[str, str, str]] = set()
    for pos in sorted(analysis.result.positions, key=lambda pos: pos.content.start):
        key = _speaker_key(pos)
        fingerprint = (key, pos.kind, clean(pos.content.text).casefold())
        if not fingerprint[2] or fingerprint in seen:
            continue
        seen.add(fingerprint)
        groups.setdefault(key, []).append(pos)

    sections = [_heading("🗣", "Who says what", analysis)]
    for group in groups.values():
        first = group[0]
        if _is_author(first):
            title = [b("The author"), p(" (opinion)")]
        else:
            desc = next((d for pos in group if (d := _description(pos))), "")
            title = [b(_speaker_name(first) or "Unattributed"), p(f", {desc}" if desc else "")]
        lines = [Line(title)]
        for pos in group:
            mark = "quoted" if pos.kind == "direct" else "reported"
            if via := clean(pos.via):
                mark += f" via {via}"
            lines.append(Line([i(mark), p(f": {_content(pos, DETAIL_ITEM_CHARS)}")], bullet=True))
        sections.append(Section(lines, header=True))
    if not groups:
        sections.append(Section([Line([p("No positions were found in this article.")])]))
    return pack(sections, fmt, MAX_MESSAGE_LENGTH)


def render_sources(analysis: Analysis, fmt: Format = "html") -> list[str]:
    """Every source cited: name, kind, description and how often it is mentioned."""
    fmt = _check(fmt)
    lines: list[Line] = []
    for source in analysis.result.sources:
        name = shorten(clean(source.name), 200)
        if not name:
            continue
        details = [source.kind]
        if desc := shorten(clean(source.description), DETAIL_ITEM_CHARS):
            details.append(desc)
        count = f"{source.mentions} mention{'' if source.mentions == 1 else 's'}"
        lines.append(Line([b(name), p(f" — {', '.join(details)} · {count}")], bullet=True))
    sections = [_heading("📚", "Sources cited", analysis)]
    body = lines or [Line([p("No sources are cited in this article.")])]
    sections.append(Section(body))
    return pack(sections, fmt, MAX_MESSAGE_LENGTH)


def render_facts(analysis: Analysis, fmt: Format = "html") -> list[str]:
    """Every key fact, with its attribution when the analysis has one."""
    fmt = _check(fmt)
    lines = [line for f in analysis.result.key_facts if (line := _fact_line(f, DETAIL_ITEM_CHARS))]
    sections = [_heading("📌", "Key facts", analysis)]
    sections.append(Section(lines or [Line([p("No key facts were found in this article.")])]))
    return pack(sections, fmt, MAX_MESSAGE_LENGTH)


def render_json(analysis: Analysis) -> str:
    return json.dumps(analysis.to_json(), ensure_ascii=False)
