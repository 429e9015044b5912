"""URL normalisation, canonical URLs and links in free text.

One article reached under two URLs (tracking parameters, a fragment, ``HTTP://WWW.Site.COM``,
``:443``) must be one article: everything that stores or compares URLs goes through
``normalize_url``. The cleaning itself is courlan's (trafilatura's URL library).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

import courlan

_SCHEMES = ("http", "https")
# A scheme-less link that still names a host: "www.example.com/x", "example.com:8080/x".
_BARE_HOST = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?::\d+)?(?:[/?#]|$)")
# Candidates in free text; closing quotes and brackets of prose never belong to a link.
_TEXT_URL = re.compile(r"(?:\bhttps?://|\bwww\.)[^\s<>\"'«»“”‘’]+", re.IGNORECASE)
_TRAILING = ".,;:!?…'\""
_PAIRS = {")": "(", "]": "[", "}": "{"}


def _unsupported(scheme: str) -> ValueError:
    return ValueError(f"unsupported link scheme '{scheme}': only http and https links can be read")


def normalize_url(url: str) -> str:
    """The normal form of an http(s) URL; raises ValueError for anything else.

    Lowercases scheme and host, drops default ports, credentials and the fragment (fragments
    never reach the server), removes tracking parameters (utm_*, fbclid, gclid, ref, ...) and
    sorts the remaining query parameters. Courlan's ``strict`` mode is not used: it keeps only
    a short allow-list of parameters, and sites that address articles by query (``?story=42``)
    would collapse into one URL. A scheme-less "www.example.com/x" is taken as https.
    """
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    elif "://" not in url and _BARE_HOST.match(url):
        url = "https://" + url
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES:
        raise _unsupported(scheme) if scheme else ValueError(f"not a link: {url[:100]}")
    if not parts.hostname:
        raise ValueError(f"not a link: {url[:100]}")
    # Credentials are dropped: they must never be stored or shown.
    netloc = parts.netloc.rpartition("@")[2]
    path = parts.path or "/"  # "https://x.com" and "https://x.com/" are one page
    cleaned = courlan.normalize_url(urlunsplit((scheme, netloc, path, parts.query, "")))
    return urlunsplit(urlsplit(cleaned)._replace(fragment=""))


def registered_domain(url: str) -> str:
    """'https://news.bbc.co.uk/x' -> 'bbc.co.uk'; hosts without one (IPs, localhost) as is.

    Private suffixes count (tld's list): foo.github.io and bar.github.io are different sites.
    """
    return courlan.extract_domain(url) or (urlsplit(url).hostname or "")


def choose_canonical(page_url: str, declared: str | None) -> str:
    """The canonical URL of a page fetched from ``page_url`` that declares ``declared``.

    ``declared`` (rel=canonical or og:url) may be relative. It is ignored, and the page URL
    used, when it is not http(s), when it is on another registered domain (a page cannot claim
    another site's article: that would let any site poison our store), or when it points to
    the site's front page while the page itself is deeper (a common CMS misconfiguration).
    Switching scheme or subdomain (http -> https, m. -> www.) is trusted. Always normalised.
    """
    page = normalize_url(page_url)
    if not declared or not declared.strip():
        return page
    try:
        candidate = normalize_url(urljoin(page_url, declared.strip()))
    except ValueError:
        return page
    if registered_domain(candidate) != registered_domain(page):
        return page
    if urlsplit(candidate).path in ("", "/") and urlsplit(page).path not in ("", "/"):
        return page
    return candidate


def _strip_trailing(candidate: str) -> str:
    """Drop prose punctuation after a link, keeping balanced brackets: "(see x.com/a_(b))."."""
    while candidate:
        last = candidate[-1]
        unbalanced = last in _PAIRS and candidate.count(last) > candidate.count(_PAIRS[last])
        if last not in _TRAILING and not unbalanced:
            break
        candidate = candidate[:-1]
    return candidate


def find_urls(text: str) -> list[str]:
    """The http(s) links in free text, normalised, in order of appearance, without duplicates.

    Also takes "www.example.com/x" (as https). Trailing punctuation and unbalanced closing
    brackets are not part of a link. Anything that does not normalise is skipped.
    """
    found: list[str] = []
    seen: set[str] = set()
    for match in _TEXT_URL.finditer(text):
        candidate = _strip_trailing(match.group())
        try:
            url = normalize_url(candidate)
        except ValueError:
            continue
        if url in seen:
            continue
        seen.add(url)
        found.append(url)
    return found
