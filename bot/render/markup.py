"""A tiny rich-text model rendered as Telegram HTML, Markdown or plain text, and split safely.

Content is built as lines of styled segments, never as markup strings, so escaping happens in
exactly one place and a message can only be cut between whole lines: every message is valid
markup on its own, whatever the article text contains.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Format = Literal["html", "text", "markdown"]
Style = Literal["plain", "b", "i"]

FORMATS: tuple[Format, ...] = ("html", "text", "markdown")
# Telegram's limit for a message text, in UTF-16 code units after entity parsing.
MAX_MESSAGE_LENGTH = 4096
ELLIPSIS = "…"

# C0/C1 controls (but not \n, \t) are rejected or shown as garbage by clients.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"\s+")
# CommonMark inline specials; '#', '+', '-', digits only matter at line start, where article
# text never is (every line starts with our own marker or label).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>~|])")


@dataclass(frozen=True, slots=True)
class Seg:
    text: str
    style: Style = "plain"


@dataclass(slots=True)
class Line:
    segs: list[Seg]
    bullet: bool = False


@dataclass(slots=True)
class Section:
    lines: list[Line] = field(default_factory=list)
    # The first line is a heading: it must not end a message with its items in the next one.
    header: bool = False


def b(text: str) -> Seg:
    return Seg(text, "b")


def i(text: str) -> Seg:
    return Seg(text, "i")


def p(text: str) -> Seg:
    return Seg(text)


def utf16_len(s: str) -> int:
    """What Telegram counts: UTF-16 code units (an emoji or other astral character is 2)."""
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


def clean(text: str | None) -> str:
    """Article text made safe for one line: no controls, no lone surrogates, one-space runs."""
    if not text:
        return ""
    # Lone surrogates (from broken decoding) cannot be encoded for Telegram: replace them.
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    text = _CONTROL.sub("", text)
    return _SPACE.sub(" ", text).strip()


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with "…" when cut."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= (limit - 1) * 0.6:  # a word boundary not too far back; else cut mid-word
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + ELLIPSIS


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _render_seg(seg: Seg, fmt: Format) -> str:
    if not seg.text:
        return ""
    if fmt == "text" or seg.style == "plain":
        if fmt == "html":
            return html.escape(seg.text, quote=False)
        return _md_escape(seg.text) if fmt == "markdown" else seg.text
    if fmt == "html":
        tag = seg.style
        return f"<{tag}>{html.escape(seg.text, quote=False)}</{tag}>"
    # Markdown emphasis must not start or end with a space (CommonMark flanking rules),
    # so surrounding spaces go outside the markers.
    core = seg.text.strip()
    if not core:
        return seg.text
    lead = seg.text[: len(seg.text) - len(seg.text.lstrip())]
    trail = seg.text[len(seg.text.rstrip()) :]
    mark = "**" if seg.style == "b" else "_"
    return f"{lead}{mark}{_md_escape(core)}{mark}{trail}"


def render_line(line: Line, fmt: Format) -> str:
    prefix = ("- " if fmt == "markdown" else "• ") if line.bullet else ""
    return prefix + "".join(_render_seg(s, fmt) for s in line.segs)


def _cut_segs(segs: Sequence[Seg], keep: int) -> list[Seg]:
    """The first ``keep`` visible characters of ``segs``, cut at a word boundary with "…"."""
    out: list[Seg] = []
    left = keep
    for seg in segs:
        if len(seg.text) <= left:
            out.append(seg)
            left -= len(seg.text)
            continue
        if left > 0:
            out.append(Seg(shorten(seg.text, left), seg.style))
        else:
            out.append(Seg(ELLIPSIS))
        break
    return out


def fit_line(line: Line, fmt: Format, limit: int) -> Line:
    """``line`` itself if it renders within ``limit`` UTF-16 units, else a truncated copy.

    Truncation works on the visible text, never on the markup, so tags stay balanced.
    """
    if utf16_len(render_line(line, fmt)) <= limit:
        return line
    lo, hi = 0, sum(len(s.text) for s in line.segs)
    while lo < hi:  # the longest visible prefix that fits (rendered length grows with it)
        mid = (lo + hi + 1) // 2
        candidate = Line(_cut_segs(line.segs, mid), line.bullet)
        if utf16_len(render_line(candidate, fmt)) <= limit:
            lo = mid
        else:
            hi = mid - 1
    return Line(_cut_segs(line.segs, lo), line.bullet)


def _line_sep(cur: Line, fmt: Format) -> str:
    # In Markdown, consecutive non-list lines would merge into one paragraph.
    if fmt == "markdown" and not cur.bullet:
        return "\n\n"
    return "\n"


def pack(sections: Iterable[Section], fmt: Format, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Render ``sections`` into as few messages as possible, each within ``limit``.

    Messages are cut between lines only (a blank line separates sections); a heading stays
    with its first item; a single line longer than the limit is truncated on its own.
    """
    # Units: (separator before, rendered text). A heading and its first item form one unit.
    units: list[tuple[str, str]] = []
    for section in sections:
        lines = [fit_line(line, fmt, limit) for line in section.lines if line.segs]
        rendered = [render_line(line, fmt) for line in lines]
        seps = ["\n\n"] + [_line_sep(line, fmt) for line in lines[1:]]
        section_units = list(zip(seps, rendered, strict=True))
        if section.header and len(section_units) > 1:
            joined = section_units[0][1] + section_units[1][0] + section_units[1][1]
            if utf16_len(joined) <= limit:
                section_units[:2] = [("\n\n", joined)]
        units.extend(section_units)

    messages: list[str] = []
    current: list[str] = []
    size = 0
    for sep, text in units:
        n = utf16_len(text)
        if current and size + utf16_len(sep) + n <= limit:
            current += [sep, text]
            size += utf16_len(sep) + n
            continue
        if current:
            messages.append("".join(current))
        current, size = [text], n
    if current:
        messages.append("".join(current))
    return messages
