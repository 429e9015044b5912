"""Names as strings: the normal form of a written name, its initials, whether one name is a
shorter variant of another, and whether it looks like a news outlet's.

Shared by speaker resolution and source merging, so both fold the same variants."""

from __future__ import annotations

import re

from bot.analysis import cues


def normalize_name(text: str) -> str:
    """'the Financial Times' -> 'Financial Times'; "Mr. Smith's" -> 'Smith'."""
    text = re.sub(r"[’']s$", "", text.strip())
    words = text.split()
    while words and (words[0].lower() in cues.TITLES or words[0].lower() == "the"):
        words = words[1:]
    while len(words) > 1 and words[-1].islower():  # an entity that swallowed "that"
        words = words[:-1]
    return " ".join(words)


def initials(name: str) -> str:
    """'Associated Press' -> 'AP', 'Jean-Pierre' -> 'JP': the capitals that start its words."""
    return "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())


def contains_words(short: list[str], long: list[str]) -> bool:
    """`short` stands in `long` as a run of consecutive words."""
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def is_acronym_of(short: str, long: str) -> bool:
    """'AP' or 'A.P.' is 'Associated Press': the capitals of a name of two words or more."""
    compact = short.replace(".", "")
    return (compact.isupper() and len(compact) >= 2 and len(long.split()) >= 2) and initials(
        long
    ) == compact


def is_variant(short: str, long: str) -> bool:
    """True when `short` names the same thing as `long`: contiguous words, or its acronym."""
    sw, lw = short.split(), long.split()
    if len(sw) < len(lw) and contains_words(sw, lw):
        return True
    return is_acronym_of(short, long)


def is_media_name(name: str) -> bool:
    """A name shaped like a news outlet's: 'Times', 'Reuters', 'Fox News'."""
    return bool(cues.MEDIA_NAME.search(name))
