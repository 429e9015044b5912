"""What kind of source a name is: media, official, expert, organisation, person, document or
an unnamed source (general rules over its words and entity label, no name lists)."""

from __future__ import annotations

import re

from bot.analysis import cues
from bot.analysis import source_cues as sc
from bot.analysis.names import is_media_name
from bot.analysis.speakers import SpeakerResolver
from bot.types import Position, SourceKind

# Generic heads that stand for unnamed informants: "sources", "people familiar with".
UNNAMED = frozenset(["source", "sources", "person", "people", "someone", "insider", "insiders"])


# Words before "sources" that say nothing of who they are.
BARE_QUANTIFIERS = frozenset(["a", "an", "the", "some", "several", "many", "two", "three", "other"])

SPOKES_PEOPLE = frozenset(["spokesman", "spokeswoman", "spokesperson"])


def classify(
    name: str, description: str | None, label: str | None, p: Position | None
) -> SourceKind:
    """Kind of a source by its name, role and entity label (general rules, no name lists)."""
    words = set(re.split(r"[\s-]+", f"{name} {description or ''}".lower()))
    last = name.split()[-1] if name.split() else ""
    # NER calls some papers people: then the outlet word must end the name ("Morning Tribune")
    if (
        label not in ("GPE", None)
        and is_media_name(name)
        and (label in ("ORG", "WORK_OF_ART") or is_media_name(last))
    ):
        return "media"
    # the role words, written as a description or before the name ("Taiwanese publication X")
    desc_words = set((description or "").lower().split()) | {w for w in name.split() if w.islower()}
    media_words = {w for w in desc_words if w.rstrip("s") in cues.MEDIA_NOUNS | sc.MORE_MEDIA_NOUNS}
    if media_words - sc.AMBIGUOUS_MEDIA_NOUNS or (media_words and desc_words & sc.NEWS_WORDS):
        return "media"  # "the newspaper", "news agency"; not "space agency" or "TV network"
    if label is None:
        head = name.split()[-1].lower() if name.split() else ""
        if name.startswith("unnamed") or only_generic(name.split()):
            return "anonymous"
        if head.rstrip("s") in cues.DOCUMENT_NOUNS or head in cues.DOCUMENT_NOUNS:
            return "document"
        if head in sc.DOCUMENT_WORDS or head.rstrip("s") in sc.DOCUMENT_WORDS:
            return "document"
    if words & cues.EXPERT_WORDS or {w.rstrip("s") for w in words} & cues.EXPERT_WORDS:
        return "expert"
    bare = {w.strip(".,") for w in words}
    official = {singular(w) for w in words} & cues.OFFICIAL_WORDS
    official -= SPOKES_PEOPLE  # companies have spokespeople too: the office must show elsewhere
    if label == "GPE" or official or bare & sc.OFFICIAL_TITLES:
        return "official"
    if any(w.lower().strip(".,") in sc.COMPANY_WORDS for w in name.split()[1:]):
        return "organization"  # NER calls "X Productions" a person
    if label == "PERSON":
        return "person"
    if label in ("ORG", "NORP", "FAC"):
        return "organization"
    parts = re.split(r"[\s-]+", name)
    if parts and parts[-1].islower() and singular(parts[-1]) in sc.COMPANY_NOUNS:
        return "organization"  # "the German automaker", "a regional lender"
    if any(w.lower() in cues.ORG_NAME_WORDS for w in parts):
        return "organization"
    if any(w.isupper() and len(w) > 1 for w in parts):
        return "organization"  # an unlabelled acronym is a body, not a person
    return "person" if name[:1].isupper() else "anonymous"


def kind_of(name: str, resolver: SpeakerResolver) -> SourceKind:
    return classify(name, resolver.descriptions.get(name), resolver.label_of(name), None)


def singular(word: str) -> str:
    """'ministries' → 'ministry', 'officials' → 'official' (enough for role words)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def only_generic(words: list[str]) -> bool:
    """'officials', 'some sources', 'US officials': no name, only a group of informants."""
    head = words[-1].lower()
    return head in ("officials", "sources", "people", "diplomats", "insiders", "aides")


def is_unnamed(resolved: str, resolver: SpeakerResolver) -> bool:
    if resolver.label_of(resolved):
        return False
    words = resolved.split()
    if not words:
        return True
    head = words[-1].lower().rstrip("s")
    return (
        head in {w.rstrip("s") for w in UNNAMED | cues.ANONYMOUS_NOUNS}
        and not any(
            w[:1].isupper() and w.lower() not in ("some", "several", "two", "three")
            for w in words[:-1]
            if w.lower() not in cues.OFFICIAL_WORDS
        )
    ) or only_generic(words)


def display_name(resolved: str, resolver: SpeakerResolver) -> str:
    if is_unnamed(resolved, resolver):
        words = resolved.split()
        head = words[-1].lower() if words else ""
        # "sources", "some sources": unnamed; "industry sources" keeps the words that say
        # where the sources stand.
        bare = len(words) == 1 or words[0].lower() in BARE_QUANTIFIERS
        if head in UNNAMED and len(words) <= 2 and bare:
            plural = head.endswith("s") or head == "people"
            return "unnamed sources" if plural else "an unnamed source"
    return resolved


def is_source_noun(lemma: str) -> bool:
    """A common noun that can name a source: a role, a body, a group of informants, a document."""
    return (
        lemma in cues.PERSON_ROLES
        or lemma in cues.ORG_NOUNS
        or lemma in cues.OFFICIAL_WORDS
        or lemma in cues.EXPERT_WORDS
        or lemma in cues.ANONYMOUS_NOUNS
        or lemma in cues.DOCUMENT_NOUNS
        or lemma in sc.DOCUMENT_WORDS
        or lemma in cues.MEDIA_NOUNS
        or lemma in UNNAMED
        or lemma in sc.PEOPLE_NOUNS
    )
