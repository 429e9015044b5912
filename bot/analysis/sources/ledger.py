"""The sources found so far, keyed by name, and how variants of one source fold together
('Scissors' and 'Derek Scissors', 'AP' and 'Associated Press')."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis import source_cues as sc
from bot.analysis.names import contains_words, is_acronym_of, is_media_name
from bot.analysis.speakers import SpeakerResolver
from bot.types import SourceKind


@dataclass
class SourceEntry:
    name: str
    kind: SourceKind
    description: str | None
    mentions: int
    first: int


def add_source(
    found: dict[str, SourceEntry], name: str, kind: SourceKind, desc: str | None, at: int
) -> None:
    name = tidy_name(name)
    parts = name.split(" and ")
    if len(parts) == 2 and all(p[:1].isupper() and len(p.split()) >= 2 for p in parts):
        for part in parts:  # "Senator A B and congresswoman C D": two sources
            add_source(found, part, kind, desc, at)
        return
    if not name:
        return
    name = _last_listed(name)
    name, role = _split_role(name)
    desc = desc or role
    key = name.casefold()
    entry = found.get(key)
    if entry is None:
        found[key] = SourceEntry(name, kind, desc, 1, at)
        return
    entry.mentions += 1
    entry.description = entry.description or desc
    if kind == "media" and entry.kind != "media":
        entry.kind = kind


def tidy_name(name: str) -> str:
    """Trim what a name picks up from the parse: 'the', a possessive, trailing punctuation."""
    name = re.sub(r"[’']s$", "", name.strip(' ,;:-–—\n"“”'))
    words = name.split()
    while len(words) > 1 and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    # "one legal expert", "Some consumers": the count is not part of the description
    while len(words) > 1 and words[0].lower() in sc.LEADING_WORDS and words[-1].islower():
        words = words[1:]
    return " ".join(words)


def _last_listed(name: str) -> str:
    """'CBS All Access, Disney' (from 'such as CBS All Access, Disney has made'): a list of
    names the parse ran together; the name next to the verb is the one that acts. Names with
    a comma of their own ('Washington, D.C.', 'Apple, Inc.') stay whole."""
    parts = [p.strip() for p in name.split(",")]
    last = parts[-1]
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        return name
    if last.endswith(".") or last.casefold() in sc.NAME_SUFFIXES or last.isupper():
        return name
    return last


def _split_role(name: str) -> tuple[str, str | None]:
    """'Taiwanese publication DigiTimes' → ('DigiTimes', 'Taiwanese publication'): a written
    role before a proper name is its description (function words like 'of' do not count)."""
    words = name.split()
    cut = max(
        (i for i, w in enumerate(words) if w.islower() and w not in sc.FUNCTION_WORDS),
        default=-1,
    )
    rest = words[cut + 1 :]
    if cut < 0 or not rest or not all(w[:1].isupper() for w in rest):
        return name, None
    return " ".join(rest), " ".join(words[: cut + 1])


def is_source(e: SourceEntry, text: str) -> bool:
    """Drop what is not a source: a quantifier, or a place only named in a dateline."""
    if e.name.casefold() in sc.NOT_SOURCES or not e.name.strip():
        return False
    first = e.name.split()[0].casefold()
    if first in ("no", "any", "every") and len(e.name.split()) <= 2:
        return False
    place = re.compile(
        rf"(?:^|\n){re.escape(e.name)}(?:,[^\n(—–]{{0,25}})?(?:\s*\([^)\n]*\))?\s*[—–-]\s"
    )
    mentions = len(re.findall(rf"\b{re.escape(e.name)}\b", text))
    return not (mentions and len(place.findall(text)) >= mentions)


def merge_variants(entries: list[SourceEntry], resolver: SpeakerResolver) -> list[SourceEntry]:
    """Fold variants into one source: 'Scissors' and 'Derek Scissors', 'Chronicle' and 'San
    Francisco Chronicle', 'AP' and 'Associated Press', a role equal to a named source's role."""
    by_length = sorted(entries, key=lambda e: -len(e.name.split()))
    kept: list[SourceEntry] = []
    for e in by_length:
        target = _variant_of(e, kept, resolver)
        if target is None:
            kept.append(e)
            continue
        if e.kind == target.kind == "anonymous" and e.first < target.first:
            target.name = e.name  # an unnamed source keeps the words of its first mention
        elif _role_prefixed(target.name, e.name):
            target.name = e.name  # "spokeswoman Karine Jean-Pierre" is "Karine Jean-Pierre"
        target.mentions += e.mentions
        target.first = min(target.first, e.first)
        target.description = target.description or e.description
        if e.kind == "media" and target.kind != "media" and is_media_name(target.name):
            target.kind = "media"
    return kept


def _variant_of(
    e: SourceEntry, kept: list[SourceEntry], resolver: SpeakerResolver
) -> SourceEntry | None:
    low = e.name.casefold()
    canon = resolver.canonical.get(e.name)
    words = low.replace("’", "'").split()
    for k in kept:
        kl = k.name.casefold()
        kw = kl.replace("’", "'").split()
        if canon and canon != e.name and canon.casefold() == kl:
            return k
        if (
            k.description
            and k.description.casefold() == low
            and e.kind != "media"
            and len(words) > 1
        ):
            return k  # "China's ambassador" is the named ambassador
        # a capitalised name never folds into a lower-case description
        proper_ok = not e.name[:1].isupper() or k.name[:1].isupper()
        if len(words) < len(kw) and words[-1] == kw[-1] and contains_words(words, kw) and proper_ok:
            return k
        if e.kind == k.kind == "anonymous" and _modifier(low) and _modifier(low) == _modifier(kl):
            return k  # "a person briefed on the call" and "people briefed on the talks"
        if low in STUDY_AUTHORS and k.kind == "document" and k.first < e.first:
            return k  # "the authors wrote": the study already cited
        if is_acronym_of(e.name, k.name):
            return k
    return None


# A study's own authors, cited as the study.
STUDY_AUTHORS = frozenset(["authors", "researchers", "study authors", "scientists"])


def _modifier(name: str) -> str | None:
    """The modifier that describes an unnamed source: 'familiar', 'briefed', 'close'."""
    return next((w for w in name.split() if w in sc.ANONYMOUS_MODIFIERS), None)


def _role_prefixed(long: str, short: str) -> bool:
    """`long` is `short` after a role written in lower case ('White House spokeswoman X')."""
    if not long.endswith(" " + short) or not short[:1].isupper():
        return False
    return any(w.islower() for w in long[: -len(short)].split())
