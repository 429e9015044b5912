"""URL normalisation, canonical URLs and links in free text."""

from __future__ import annotations

import pytest

from bot.urls import choose_canonical, find_urls, normalize_url, registered_domain


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "HTTP://WWW.Example.COM:80/news/a?utm_source=tg&utm_medium=x&b=2&a=1#comments",
            "http://www.example.com/news/a?a=1&b=2",
        ),
        ("https://example.com/a?fbclid=IwAR0&gclid=xyz", "https://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/#top", "https://example.com/"),
        ("https://user:secret@example.com/a", "https://example.com/a"),
        ("  www.example.com/a  ", "https://www.example.com/a"),
        ("//example.com/a", "https://example.com/a"),
        ("https://example.com/story?id=42", "https://example.com/story?id=42"),
        ("https://xn--e1afmkfd.xn--p1ai/x", "https://пример.рф/x"),
        ("http://127.0.0.1:8000/a", "http://127.0.0.1:8000/a"),
    ],
)
def test_normalize_url(url: str, expected: str) -> None:
    assert normalize_url(url) == expected


def test_normalize_url_one_article_under_two_urls() -> None:
    a = normalize_url("https://News.example.com/2024/story?utm_campaign=x&page=2#p3")
    b = normalize_url("https://news.example.com/2024/story?page=2&fbclid=abc")
    assert a == b


def test_normalize_url_is_idempotent() -> None:
    once = normalize_url("HTTPS://Example.com/a b?z=1&a=2&utm_source=x")
    assert normalize_url(once) == once


@pytest.mark.parametrize("url", ["ftp://example.com/a", "mailto:a@example.com", "javascript:x"])
def test_normalize_url_refuses_other_schemes(url: str) -> None:
    scheme = url.split(":")[0]
    with pytest.raises(ValueError) as info:
        normalize_url(url)
    message = f"unsupported link scheme '{scheme}': only http and https links can be read"
    assert str(info.value) == message


@pytest.mark.parametrize("url", ["hello", "https:///path", ""])
def test_normalize_url_refuses_non_links(url: str) -> None:
    with pytest.raises(ValueError) as info:
        normalize_url(url)
    assert str(info.value) == f"not a link: {url}"


def test_registered_domain() -> None:
    assert registered_domain("https://news.bbc.co.uk/x") == "bbc.co.uk"
    assert registered_domain("https://foo.github.io/x") == "foo.github.io"
    assert registered_domain("http://127.0.0.1:8000/x") == "127.0.0.1"


@pytest.mark.parametrize(
    ("page", "declared", "expected"),
    [
        # No declaration, or an empty one: the page itself, normalised.
        ("https://example.com/a?utm_source=x", None, "https://example.com/a"),
        ("https://example.com/a", "  ", "https://example.com/a"),
        # Relative declarations resolve against the page.
        ("https://example.com/news/a?x=1", "/news/a", "https://example.com/news/a"),
        ("https://example.com/news/a", "../b", "https://example.com/b"),
        # Another subdomain or scheme of the same site is trusted (AMP and mobile pages).
        ("https://m.example.com/a", "https://www.example.com/a#x", "https://www.example.com/a"),
        ("http://example.com/a", "https://example.com/a", "https://example.com/a"),
        (
            "https://news.bbc.co.uk/1",
            "https://www.bbc.co.uk/news/1",
            "https://www.bbc.co.uk/news/1",
        ),
        # Another site is not: a page cannot claim another site's article.
        ("https://example.com/a", "https://evil.example.org/a", "https://example.com/a"),
        ("https://foo.github.io/a", "https://bar.github.io/a", "https://foo.github.io/a"),
        # Not http(s), or not a link at all.
        ("https://example.com/a", "javascript:alert(1)", "https://example.com/a"),
        ("https://example.com/a", "ftp://example.com/a", "https://example.com/a"),
        # The front page declared by an article page is a CMS mistake.
        ("https://example.com/news/a", "https://example.com/", "https://example.com/news/a"),
        ("https://example.com/", "https://www.example.com/", "https://www.example.com/"),
        ("http://127.0.0.1:9/a", "http://127.0.0.1:9/b", "http://127.0.0.1:9/b"),
    ],
)
def test_choose_canonical(page: str, declared: str | None, expected: str) -> None:
    assert choose_canonical(page, declared) == expected


def test_find_urls_in_order_deduplicated_and_normalised() -> None:
    text = (
        "Read https://example.com/a?utm_source=tg. Then (www.example.org/b), "
        "and again https://example.com/a#top! Also «https://example.net/c» and "
        "<https://example.net/d>, http://example.io/e?q=1; end."
    )
    assert find_urls(text) == [
        "https://example.com/a",
        "https://www.example.org/b",
        "https://example.net/c",
        "https://example.net/d",
        "http://example.io/e?q=1",
    ]


def test_find_urls_keeps_balanced_brackets() -> None:
    assert find_urls("see https://en.wikipedia.org/wiki/Mercury_(planet).") == [
        "https://en.wikipedia.org/wiki/Mercury_%28planet%29"
    ]


def test_find_urls_ignores_other_text() -> None:
    assert find_urls("no links here, e.g. example dot com, ftp://example.com/x") == []
    assert find_urls("") == []


def test_find_urls_trailing_punctuation_variants() -> None:
    text = 'https://a.example/x, "https://b.example/y" https://c.example/z... https://d.example/w?'
    assert find_urls(text) == [
        "https://a.example/x",
        "https://b.example/y",
        "https://c.example/z",
        "https://d.example/w",
    ]
