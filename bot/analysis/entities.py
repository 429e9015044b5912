"""Named entities with counts, name variants merged.

Merging is deliberately conservative: a wrong merge ("IS" the verb into "Islamic State") is worse
for a reader than two entries for one thing. We merge
- spellings that differ only in case, punctuation, a leading "the" or a possessive;
- well-known country and body aliases ("US", "U.S.", "USA", "United States");
- a person's last name (or last names) into the one full name in the article that ends with it;
- an acronym into a long form when the text links them ("Long Form (LF)", "LF (Long Form)",
  "known as LF") or when the acronym is exactly the initials of a multi-word name in the article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from bot.types import Entity

# Numbers, dates and amounts matter for facts, not as "who/what" entities.
SKIPPED_LABELS = frozenset({"DATE", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "TIME"})

# Common aliases of countries and international bodies, keyed by normalised form.
_ALIASES: dict[str, str] = {
    "us": "United States",
    "usa": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "united kingdom": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "un": "United Nations",
    "united nations": "United Nations",
    "eu": "European Union",
    "european union": "European Union",
    "uae": "United Arab Emirates",
    "united arab emirates": "United Arab Emirates",
    "ussr": "Soviet Union",
    "soviet union": "Soviet Union",
    "prc": "China",
    "china": "China",
    "nyc": "New York City",
    "new york city": "New York City",
}

_STOP_INITIALS = frozenset({"of", "and", "the", "for", "in", "on", "&"})
_PERSONISH = frozenset({"PERSON"})


@dataclass
class _Group:
    text: str
    labels: Counter[str] = field(default_factory=Counter)
    count: int = 0
    first: int = 0
    forms: Counter[str] = field(default_factory=Counter)


def normalise(text: str) -> str:
    """The key two spellings of one name share: case, dots, "the" and possessives removed."""
    t = text.strip()
    t = re.sub(r"(?i)^the\s+", "", t)
    t = re.sub(r"['’]s$", "", t)
    t = t.replace(".", "").replace("’", "'")
    t = re.sub(r"[\s\-‐–]+", " ", t)
    return t.strip(" ,;:'\"“”").casefold()


# The display name of each alias group, keyed by its normalised form.
_CANONICAL: dict[str, str] = {normalise(v): v for v in set(_ALIASES.values())}


def _clean_display(text: str) -> str:
    t = re.sub(r"(?i)^the\s+", "", text.strip())
    t = re.sub(r"['’]s$", "", t)
    return t.strip(" ,;:'\"“”")


def _keep(ent: Span) -> bool:
    if ent.label_ in SKIPPED_LABELS:
        return False
    text = _clean_display(ent.text)
    # Lower-case fragments and lone symbols are parser noise, not names.
    return len(text) > 1 and any(c.isupper() for c in text) and not text.isdigit()


def count_entities(doc: Doc) -> list[Entity]:
    """Entities of ``doc`` with their counts, variants merged, most frequent first."""
    groups: dict[str, _Group] = {}
    for text, label, start in _joined_entities(doc):
        key = normalise(text)
        key = normalise(_ALIASES.get(key, key))
        g = groups.setdefault(key, _Group(text=_clean_display(text), first=start))
        g.count += 1
        g.labels[label] += 1
        g.forms[_clean_display(text)] += 1
    _merge_person_parts(groups)
    _merge_acronyms(groups, doc.text)
    result = [
        Entity(text=_display(key, g), label=g.labels.most_common(1)[0][0], count=g.count)
        for key, g in groups.items()
    ]
    order = {id(e): g.first for e, g in zip(result, groups.values(), strict=True)}
    result.sort(key=lambda e: (-e.count, order[id(e)]))
    return result


def _joined_entities(doc: Doc) -> list[tuple[str, str, int]]:
    """(text, label, start) per entity; "Islamic" + "State" split by the tagger become one ORG."""
    ents = [e for e in doc.ents if _keep(e)]
    out: list[tuple[str, str, int]] = []
    i = 0
    while i < len(ents):
        e = ents[i]
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if nxt is not None and nxt.start == e.end and e.label_ == "NORP" and nxt.label_ == "ORG":
            out.append((doc[e.start : nxt.end].text, "ORG", e.start_char))
            i += 2
            continue
        # The tagger sometimes swallows "(ACRONYM" into the name; the regex alias rule links it.
        out.append((e.text.split(" (")[0], e.label_, e.start_char))
        i += 1
    return out


def _display(key: str, g: _Group) -> str:
    canon = _CANONICAL.get(key)
    if canon:
        return canon
    # The longest form that was seen is the fullest name; ties go to the most frequent.
    return max(g.forms, key=lambda f: (len(f.split()), g.forms[f], f))


def _absorb(groups: dict[str, _Group], src: str, dst: str) -> None:
    s, d = groups.pop(src), groups[dst]
    d.count += s.count
    d.labels.update(s.labels)
    d.forms.update({f: 0 for f in s.forms})  # seen, but never preferred for display
    d.first = min(d.first, s.first)


def _merge_person_parts(groups: dict[str, _Group]) -> None:
    """'Jean-Pierre' into 'Karine Jean-Pierre' when exactly one full name ends with it."""
    persons = [k for k, g in groups.items() if g.labels.most_common(1)[0][0] in _PERSONISH]
    for short in sorted(persons, key=len):
        if short not in groups:
            continue
        longer = [
            k
            for k in groups
            if k != short
            and len(k.split()) > len(short.split())
            and (k.endswith(" " + short) or k.startswith(short + " "))
            and groups[k].labels.most_common(1)[0][0] in _PERSONISH | {"ORG", "GPE", "NORP"}
        ]
        persons_longer = [k for k in longer if groups[k].labels["PERSON"] > 0]
        if len(persons_longer) == 1:
            _absorb(groups, short, persons_longer[0])


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in _STOP_INITIALS and w)


def _merge_acronyms(groups: dict[str, _Group], text: str) -> None:
    """'IS' into 'Islamic State' only when the text shows the alias (or the initials fit)."""
    for short in list(groups):
        g = groups.get(short)
        if g is None or not _is_acronym(g):
            continue
        target = _linked_long_form(groups, short, g, text)
        if target and target != short:
            _absorb(groups, short, target)


def _is_acronym(g: _Group) -> bool:
    return any(re.fullmatch(r"[A-Z][A-Z.\-]{1,7}", f) for f in g.forms)


def _linked_long_form(groups: dict[str, _Group], short: str, g: _Group, text: str) -> str | None:
    acro = short.replace(" ", "")
    for form in g.forms:
        esc = re.escape(form)
        # "Long Form (LF)" / "LF (Long Form)" / "Long Form, known as LF"
        for pat in (
            rf"([A-Z][\w'’\- ]{{2,80}}?)\s*\(\s*{esc}\s*\)",
            rf"{esc}\s*\(\s*([A-Z][\w'’\- ]{{2,80}}?)\s*\)",
            rf"([A-Z][\w'’\- ]{{2,80}}?),?\s+(?:known|also known|better known) as (?:the )?{esc}\b",
        ):
            for m in re.finditer(pat, text):
                found = _group_ending(groups, normalise(m.group(1)))
                if found:
                    return found
    candidates = [
        k
        for k in groups
        if k != short and len(k.split()) > 1 and _initials(k) == acro and acro.isalpha()
    ]
    return candidates[0] if len(candidates) == 1 else None


def _group_ending(groups: dict[str, _Group], phrase: str) -> str | None:
    """The group whose key is the tail of ``phrase`` (the regex may catch extra words before)."""
    best = None
    for k in groups:
        if (phrase == k or phrase.endswith(" " + k)) and (best is None or len(k) > len(best)):
            best = k
    return best
