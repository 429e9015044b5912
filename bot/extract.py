"""From a page's HTML to the article's clean text and metadata.

One trafilatura pass (text and metadata); the few things trafilatura does not report (the
declared canonical URL, the date of the last update) are read from the page's <head> alone, a
small parse (handing trafilatura a parsed tree costs more: it copies it). Then the cleanup
(bot.cleanup), the refusal of pages without an article, and the language check.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
from lxml.html import HtmlElement
from trafilatura import bare_extraction

from bot.cleanup import clean_text
from bot.errors import ExtractionError
from bot.language import ensure_english

# An article has at least this much prose; stubs, index pages and menus have less.
MIN_PROSE_WORDS = 40
MIN_PROSE_SENTENCES = 2
# A line is prose when it is a sentence of some length, not a headline or a menu item.
MIN_PROSE_LINE_WORDS = 8

# Trafilatura settings, measured on the corpus by bench/extraction_f1.py: favouring precision
# scores best; comments are not the article.
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "with_metadata": True,
}

# Dates before this are placeholders, not publication dates.
MIN_YEAR = 1990
# Where to look for <head> when a page never closes it.
HEAD_LIMIT = 100_000

_TITLE_SEPARATOR_RE = re.compile(r"\s+[|\-–—:·•»]\s+|\s+::\s+")
_TAG_RE = re.compile(r"<[^>]*>")
_SPACE_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"\w+")
_CLOSED_RE = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’)\]]*(?=\s|$)")
_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_MODIFIED_RE = re.compile(r'"dateModified"\s*:\s*"([^"]+)"')
_UPDATED_META = (
    'meta[@property="article:modified_time"]',
    'meta[@property="og:updated_time"]',
    'meta[@itemprop="dateModified"]',
    'meta[@name="last-modified"]',
    'meta[@name="dateModified"]',
)


@dataclass(slots=True)
class Extracted:
    text: str
    title: str | None = None
    site: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date
    updated: str | None = None  # ISO date
    declared_canonical: str | None = None  # what the page declares (rel=canonical, og:url)
    description: str | None = None
    signals: dict[str, Any] = field(default_factory=dict)  # e.g. {"update_expected": True}
    language: str = "en"


def extract_article(
    html: str, url: str | None = None, *, require_english: bool = True
) -> Extracted:
    """Extract the article of a page, or raise ExtractionError (UnsupportedLanguageError).

    ``require_english=False`` skips the language check (the extraction benchmark uses it).
    """
    doc = bare_extraction(html, url=url, **TRAFILATURA_OPTIONS)
    if doc is None or not doc.text:
        raise ExtractionError("no article text found")
    head = _head(html)
    canonical = declared_canonical(head, url) if head is not None else None
    updated = updated_date(head, html) if head is not None else None
    title = strip_site_name(clean_title(doc.title), doc.sitename, url)
    cleaned = clean_text(_paragraphs(doc.text), title=title)
    text = cleaned.text
    if not has_article_text(text):
        raise ExtractionError("no article text found")
    language = ensure_english(text) if require_english else "en"
    published = _iso_date(doc.date)
    return Extracted(
        text=text,
        title=title,
        site=_site_name(doc.sitename, canonical or url),
        author=clean_title(doc.author),
        published=published,
        updated=updated if updated and (not published or updated > published) else None,
        declared_canonical=canonical,
        description=clean_title(doc.description),
        signals=cleaned.signals,
        language=language,
    )


def has_article_text(text: str) -> bool:
    """Enough prose: sentences in lines long enough to be paragraphs, not headlines."""
    words = sentences = 0
    for line in text.split("\n"):
        n = len(_WORD_RE.findall(line))
        if n >= MIN_PROSE_LINE_WORDS:
            found = len(_SENTENCE_END_RE.findall(line))
            if found:
                words += n
                sentences += found
    return words >= MIN_PROSE_WORDS and sentences >= MIN_PROSE_SENTENCES


def clean_title(title: str | None) -> str | None:
    """Titles may hold markup or escaped entities ("<b>Q&amp;A</b>"): plain text only."""
    if not title:
        return None
    for _ in range(2):  # entities may be escaped twice ("&amp;amp;", "&lt;b&gt;")
        title = _TAG_RE.sub("", html_lib.unescape(title))
    return _SPACE_RE.sub(" ", title).strip() or None


def declared_canonical(tree: HtmlElement, url: str | None = None) -> str | None:
    """The page's own canonical URL: <link rel=canonical>, else og:url; made absolute."""
    for link in tree.iterfind(".//link[@rel][@href]"):
        if "canonical" in link.get("rel", "").lower().split():
            return _absolute(link.get("href", ""), url)
    for meta in tree.iterfind('.//meta[@property="og:url"][@content]'):
        return _absolute(meta.get("content", ""), url)
    return None


def updated_date(tree: HtmlElement, html: str = "") -> str | None:
    """The date of the last update the page declares (meta tags, then JSON-LD anywhere)."""
    for selector in _UPDATED_META:
        for meta in tree.iterfind(f".//{selector}[@content]"):
            found = _iso_date(meta.get("content"))
            if found:
                return found
    match = _DATE_MODIFIED_RE.search(html)
    return _iso_date(match.group(1)) if match else None


def strip_site_name(title: str | None, sitename: str | None, url: str | None) -> str | None:
    """Drop the site's name from the ends of a title ("Headline - IGN", "Site | Headline")."""
    if not title:
        return title
    names = {_norm(n) for n in _TITLE_SEPARATOR_RE.split(clean_title(sitename) or "") if n}
    host = urlsplit(url).hostname if url else None
    if host:
        names |= {_norm(host.removeprefix("www.")), _norm(_host_name(url) or "")}
    parts = _TITLE_SEPARATOR_RE.split(title)
    while len(parts) > 1 and _norm(parts[-1]) in names:
        parts = parts[:-1]
    while len(parts) > 1 and _norm(parts[0]) in names:
        parts = parts[1:]
    return _rejoin(title, parts)


def _rejoin(title: str, parts: list[str]) -> str:
    # Keep the original separators between the parts that stay.
    start = title.index(parts[0])
    end = title.rindex(parts[-1]) + len(parts[-1])
    return title[start:end].strip()


def _head(html: str) -> HtmlElement | None:
    end = html.lower().find("</head>")
    snippet = html[: end + len("</head>")] if end >= 0 else html[:HEAD_LIMIT]
    try:
        return lxml.html.fromstring(snippet)
    except (ValueError, lxml.etree.ParserError):
        return None


def _host_name(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    if not host:
        return None
    return host.removeprefix("www.").rsplit(".", 1)[0]


def _norm(text: str) -> str:
    return "".join(_WORD_RE.findall(text.casefold()))


def _absolute(href: str, url: str | None) -> str | None:
    href = href.strip()
    if not href:
        return None
    absolute = urljoin(url, href) if url else href
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def _iso_date(value: str | None) -> str | None:
    match = _ISO_DATE_RE.search(value or "")
    if not match:
        return None
    try:
        found = date.fromisoformat(match.group())
    except ValueError:
        return None
    # Placeholder dates ("0001-01-01") are no dates.
    return found.isoformat() if found.year >= MIN_YEAR else None


def _site_name(sitename: str | None, url: str | None) -> str | None:
    # "Site | Tagline | Site" keeps its first part.
    name = clean_title(sitename)
    if name:
        return name.split(" | ")[0].strip()
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _paragraphs(text: str) -> str:
    """One blank line between paragraphs, as in plain-text articles.

    Hard-wrapped source lines (a line without closing punctuation followed by one that starts
    in lowercase) are joined back into their paragraph.
    """
    paragraphs: list[str] = []
    for raw in text.split("\n"):
        line = _SPACE_RE.sub(" ", raw).strip()
        if not line:
            continue
        if paragraphs and line[0].islower() and not _CLOSED_RE.search(paragraphs[-1]):
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
    return "\n\n".join(paragraphs)
