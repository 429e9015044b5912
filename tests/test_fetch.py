"""The fetcher against the loopback article server: decoding, redirects, limits, SSRF guard.

Only loopback traffic: every non-loopback address in these tests is refused before any
connection, and a stand-in for DNS (``fake_dns``) answers for made-up host names.
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable
from http.server import BaseHTTPRequestHandler

import pytest

import bot.fetch
from bot.errors import FetchError
from bot.fetch import Fetcher, decode_html
from bot.settings import Settings
from tests.article_server import ArticleServer, Route

ALLOW = Settings(fetch_allow=("127.0.0.1",))
HTML = {"Content-Type": "text/html"}


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(ALLOW) as f:
        yield f


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Host name -> addresses; any other name fails to resolve, so no real DNS is asked."""
    table: dict[str, list[str]] = {}

    async def getaddrinfo(host: str, port: int) -> list[str]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return table[host]

    monkeypatch.setattr(bot.fetch, "_getaddrinfo", getaddrinfo)
    return table


async def error_of(fetcher: Fetcher, url: str, **kwargs: str) -> str:
    with pytest.raises(FetchError) as info:
        await fetcher.fetch(url, **kwargs)
    return str(info.value)


def respond(
    handler: BaseHTTPRequestHandler, body: bytes, status: int = 200, **headers: str
) -> None:
    handler.send_response(status)
    for name, value in {"Content-Type": "text/html", **headers}.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def bot_route(handler: Callable[[BaseHTTPRequestHandler], None]) -> Route:
    """A route answered by ``handler`` (chunked, endless, slow or conditional responses)."""
    return Route(body=handler)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- plain fetches and decoding --------------------------------------------------------------


async def test_fetch_with_charset_from_header(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    # The header wins over a <meta> that contradicts it.
    body = '<meta charset="utf-8"><p>Привет, мир</p>'.encode("koi8-r")
    url = article_server.add("/a", body, headers={"Content-Type": "text/html; charset=KOI8-R"})
    result = await fetcher.fetch(url)
    assert result.url == url
    assert result.final_url == url
    assert result.status == 200
    assert result.content_type == "text/html"
    assert result.body == body
    assert "Привет, мир" in result.text
    assert not result.not_modified
    sent = article_server.requests[0][1]
    assert "digestbot/0.1" in sent["User-Agent"]
    assert "Mozilla/5.0" in sent["User-Agent"]


async def test_charset_from_meta_only(fetcher: Fetcher, article_server: ArticleServer) -> None:
    body = "<html><head><meta charset=windows-1251></head><p>Новости дня</p>".encode("cp1251")
    url = article_server.add("/ru", body, headers=HTML)
    assert "Новости дня" in (await fetcher.fetch(url)).text


async def test_charset_from_http_equiv_latin1_means_windows_1252(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    body = head.encode() + b"<p>caf\xe9 \x80 5</p>"  # 0x80 is the euro sign in windows-1252
    url = article_server.add("/fr", body, headers=HTML)
    assert "café € 5" in (await fetcher.fetch(url)).text


async def test_broken_bytes_never_raise(fetcher: Fetcher, article_server: ArticleServer) -> None:
    body = b"<p>ok \xff\xc3( \xed\xa0\x80 end</p>"
    url = article_server.add("/b", body, headers={"Content-Type": "text/html; charset=utf-8"})
    text = (await fetcher.fetch(url)).text
    assert text.startswith("<p>ok ")
    assert text.endswith(" end</p>")
    assert "\ufffd" in text


def test_decode_html_order_and_fallbacks() -> None:
    # BOM beats the header, as in browsers.
    assert decode_html(b"\xef\xbb\xbf<p>\xc3\xa9</p>", "text/html; charset=latin-1") == "<p>é</p>"
    # Unknown or non-text "charsets" are ignored, never fatal.
    assert decode_html(b"<p>abc</p>", "text/html; charset=x-nonsense") == "<p>abc</p>"
    assert decode_html(b"<p>abc</p>", "text/html; charset=base64") == "<p>abc</p>"
    # No declaration at all: detection.
    russian = (
        "Президент заявил журналистам, что переговоры продолжатся на следующей неделе. "
        "По его словам, стороны близки к соглашению, однако ряд вопросов остаётся открытым."
    )
    assert russian in decode_html(f"<p>{russian}</p>".encode("cp1251"), "text/html")
    assert decode_html(bytes(range(256)), None)  # garbage in, some text out


async def test_plain_text_is_accepted(fetcher: Fetcher, article_server: ArticleServer) -> None:
    url = article_server.add("/t", "Just text.", headers={"Content-Type": "text/plain"})
    result = await fetcher.fetch(url)
    assert (result.content_type, result.text) == ("text/plain", "Just text.")


async def test_xhtml_and_missing_content_type(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    xhtml = {"Content-Type": "application/xhtml+xml; charset=utf-8"}
    url = article_server.add("/x", "<html><p>x</p></html>", headers=xhtml)
    assert (await fetcher.fetch(url)).content_type == "application/xhtml+xml"
    url = article_server.add("/none", "<html><p>sniffed</p></html>", headers={})
    assert (await fetcher.fetch(url)).content_type == "text/html"
    url = article_server.add("/pdf", b"%PDF-1.7 ...", headers={})
    assert await error_of(fetcher, url) == "not an article page (application/pdf)"


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/pdf", b"%PDF-1.4 binary"),
        ("application/json", b'{"a": 1}'),
        ("image/png", b"\x89PNG\r\n\x1a\n"),
        ("application/octet-stream", b"\x00\x01"),
    ],
)
async def test_not_an_article_page(
    fetcher: Fetcher, article_server: ArticleServer, content_type: str, body: bytes
) -> None:
    url = article_server.add("/f", body, headers={"Content-Type": f"{content_type}; x=y"})
    assert await error_of(fetcher, url) == f"not an article page ({content_type})"


async def test_feed_types_when_asked(fetcher: Fetcher, article_server: ArticleServer) -> None:
    rss = {"Content-Type": "application/rss+xml"}
    url = article_server.add("/feed", "<rss><channel/></rss>", headers=rss)
    assert await error_of(fetcher, url) == "not an article page (application/rss+xml)"
    result = await fetcher.fetch(url, accept=bot.fetch.FEED_TYPES)
    assert result.content_type == "application/rss+xml"


async def test_empty_page(fetcher: Fetcher, article_server: ArticleServer) -> None:
    assert await error_of(fetcher, article_server.add("/e", b"")) == "the page is empty"
    assert await error_of(fetcher, article_server.add("/w", b" \n\t ")) == "the page is empty"
    url = article_server.add("/204", b"", status=204)
    assert await error_of(fetcher, url) == "the page is empty"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, "the page answered HTTP 404 Not Found"),
        (403, "the page answered HTTP 403 Forbidden"),
        (500, "the page answered HTTP 500 Internal Server Error"),
        (503, "the page answered HTTP 503 Service Unavailable"),
    ],
)
async def test_http_errors(
    fetcher: Fetcher, article_server: ArticleServer, status: int, message: str
) -> None:
    url = article_server.add("/err", "<p>oops</p>", status=status)
    assert await error_of(fetcher, url) == message


# --- conditional requests --------------------------------------------------------------------


async def test_conditional_request_304(fetcher: Fetcher, article_server: ArticleServer) -> None:
    stamp = "Wed, 21 Oct 2015 07:28:00 GMT"

    def page(handler: BaseHTTPRequestHandler) -> None:
        if handler.headers.get("If-None-Match") == '"v1"':
            handler.send_response(304)
            handler.end_headers()
            return
        respond(handler, b"<p>v1</p>", ETag='"v1"', Last_Modified=stamp)

    url = article_server.url("/c")
    article_server.routes["/c"] = bot_route(page)
    first = await fetcher.fetch(url)
    assert (first.etag, first.last_modified, first.not_modified) == ('"v1"', stamp, False)

    again = await fetcher.fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified
    assert (again.status, again.body, again.text) == (304, b"", "")
    # The 304 did not repeat the validators: the caller's are kept.
    assert (again.etag, again.last_modified) == ('"v1"', stamp)
    sent = article_server.requests[-1][1]
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == stamp
    assert "If-None-Match" not in article_server.requests[0][1]


async def test_unconditional_304_is_an_error(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    url = article_server.add("/304", b"", status=304)
    assert await error_of(fetcher, url) == "the page answered HTTP 304 Not Modified"


# --- redirects -------------------------------------------------------------------------------


def redirect(server: ArticleServer, path: str, location: str, status: int = 302) -> str:
    return server.add(path, b"", status=status, headers={"Location": location})


async def test_redirect_chain_of_five(fetcher: Fetcher, article_server: ArticleServer) -> None:
    final = article_server.add("/final", "<p>here</p>")
    for i, status in zip(range(1, 6), (301, 302, 303, 307, 308), strict=True):
        target = "/final" if i == 5 else article_server.url(f"/r{i + 1}")
        redirect(article_server, f"/r{i}", target, status)  # relative and absolute
    result = await fetcher.fetch(article_server.url("/r1"))
    assert result.url == article_server.url("/r1")
    assert result.final_url == final
    assert result.text == "<p>here</p>"


async def test_too_many_redirects(fetcher: Fetcher, article_server: ArticleServer) -> None:
    article_server.add("/final", "<p>here</p>")
    for i in range(1, 7):
        redirect(article_server, f"/r{i}", "/final" if i == 6 else f"/r{i + 1}")
    message = await error_of(fetcher, article_server.url("/r1"))
    assert message == "too many redirects (more than 5)"


async def test_redirect_loop(fetcher: Fetcher, article_server: ArticleServer) -> None:
    redirect(article_server, "/a", "/b")
    redirect(article_server, "/b", "/a")
    assert await error_of(fetcher, article_server.url("/a")) == "too many redirects (more than 5)"
    assert article_server.fetch_count("/a") + article_server.fetch_count("/b") == 6


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("http://10.0.0.1/admin", "refusing to fetch 10.0.0.1: it is a private address"),
        (
            "http://169.254.169.254/latest/meta-data/",
            "refusing to fetch 169.254.169.254: it is a link-local address",
        ),
        (
            "http://[fd00::1]:8080/",
            "refusing to fetch [fd00::1]: it is a private address",
        ),
        (
            "ftp://example.com/file",
            "unsupported link scheme 'ftp': only http and https links can be read",
        ),
        (
            "http://internal.test/",
            "refusing to fetch internal.test: it is a private address (10.1.2.3)",
        ),
    ],
)
async def test_redirect_hops_are_checked(
    fetcher: Fetcher,
    article_server: ArticleServer,
    fake_dns: dict[str, list[str]],
    location: str,
    message: str,
) -> None:
    fake_dns["internal.test"] = ["10.1.2.3"]
    url = redirect(article_server, "/go", location)
    assert await error_of(fetcher, url) == message


async def test_cookies_live_for_one_fetch_only(
    fetcher: Fetcher, article_server: ArticleServer
) -> None:
    article_server.add("/login", b"", status=302, headers={"Location": "/in", "Set-Cookie": "s=1"})

    def gate(handler: BaseHTTPRequestHandler) -> None:
        if "s=1" in handler.headers.get("Cookie", ""):
            respond(handler, b"<p>welcome</p>")
        else:
            respond(handler, b"no", status=403)

    article_server.routes["/in"] = bot_route(gate)
    assert (await fetcher.fetch(article_server.url("/login"))).text == "<p>welcome</p>"
    message = await error_of(fetcher, article_server.url("/in"))
    assert message == "the page answered HTTP 403 Forbidden"


# --- SSRF guard ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "message"),
    [
        ("127.0.0.1", "refusing to fetch 127.0.0.1: it is a loopback address"),
        ("[::1]", "refusing to fetch [::1]: it is a loopback address"),
        ("2130706433", "refusing to fetch 2130706433: it is a loopback address (127.0.0.1)"),
        ("0x7f.1", "refusing to fetch 0x7f.1: it is a loopback address (127.0.0.1)"),
        ("127.1", "refusing to fetch 127.1: it is a loopback address (127.0.0.1)"),
        ("0177.0.0.1", "not a valid link: http://0177.0.0.1:{port}/a"),  # httpx refuses it
        (
            "[::ffff:127.0.0.1]",
            "refusing to fetch [::ffff:127.0.0.1]: it is a loopback address (127.0.0.1)",
        ),
        ("169.254.169.254", "refusing to fetch 169.254.169.254: it is a link-local address"),
        ("[fe80::1]", "refusing to fetch [fe80::1]: it is a link-local address"),
        ("10.0.0.1", "refusing to fetch 10.0.0.1: it is a private address"),
        ("192.168.1.1", "refusing to fetch 192.168.1.1: it is a private address"),
        ("0.0.0.0", "refusing to fetch 0.0.0.0: it is an unspecified address"),
        ("224.0.0.1", "refusing to fetch 224.0.0.1: it is a multicast address"),
        ("100.64.0.1", "refusing to fetch 100.64.0.1: it is a non-public address"),
        ("[64:ff9b::a00:1]", "refusing to fetch [64:ff9b::a00:1]: it is a private address"),
    ],
)
async def test_private_literal_addresses_refused_before_connecting(
    article_server: ArticleServer, fake_dns: dict[str, list[str]], host: str, message: str
) -> None:
    async with Fetcher(Settings()) as f:
        message = message.format(port=article_server.port)
        assert await error_of(f, f"http://{host}:{article_server.port}/a") == message
    assert article_server.requests == []


async def test_localhost_refused_without_allow_list(article_server: ArticleServer) -> None:
    article_server.add("/a", "<p>a</p>")
    async with Fetcher(Settings()) as f:
        message = await error_of(f, f"http://localhost:{article_server.port}/a")
    assert message.startswith("refusing to fetch localhost: it is a loopback address (")
    assert article_server.requests == []


async def test_any_private_address_of_a_name_is_enough(
    article_server: ArticleServer, fake_dns: dict[str, list[str]]
) -> None:
    fake_dns["mixed.test"] = ["93.184.215.14", "127.0.0.1"]
    async with Fetcher(Settings()) as f:
        message = await error_of(f, "http://mixed.test/")
    assert message == "refusing to fetch mixed.test: it is a loopback address (127.0.0.1)"


async def test_connects_to_the_checked_address(
    article_server: ArticleServer, fake_dns: dict[str, list[str]]
) -> None:
    # The name is resolved once, by the guard, and the socket goes to that address; the
    # Host header still names the site.
    fake_dns["news.test"] = ["127.0.0.1"]
    article_server.add("/a", "<p>a</p>")
    async with Fetcher(ALLOW) as f:
        result = await f.fetch(f"http://news.test:{article_server.port}/a")
    assert result.text == "<p>a</p>"
    assert article_server.requests[0][1]["Host"] == f"news.test:{article_server.port}"


async def test_allow_list_by_host_name_and_cidr(
    article_server: ArticleServer, fake_dns: dict[str, list[str]]
) -> None:
    fake_dns["intranet.test"] = ["127.0.0.1"]
    url = article_server.add("/a", "<p>a</p>")
    async with Fetcher(Settings(fetch_allow=("intranet.test",))) as f:
        await f.fetch(f"http://intranet.test:{article_server.port}/a")
        assert (await error_of(f, url)).startswith("refusing to fetch 127.0.0.1")
    async with Fetcher(Settings(fetch_allow=("127.0.0.0/8",))) as f:
        assert (await f.fetch(url)).text == "<p>a</p>"


async def test_cannot_resolve_host(fetcher: Fetcher, fake_dns: dict[str, list[str]]) -> None:
    assert await error_of(fetcher, "https://nowhere.test/a") == "cannot resolve host nowhere.test"


@pytest.mark.parametrize(
    "url", ["ftp://example.com/a", "file:///etc/passwd", "javascript:alert(1)", "gopher://x/"]
)
async def test_unsupported_scheme(fetcher: Fetcher, url: str) -> None:
    scheme = url.split(":")[0]
    message = f"unsupported link scheme '{scheme}': only http and https links can be read"
    assert await error_of(fetcher, url) == message


async def test_not_a_link(fetcher: Fetcher) -> None:
    assert await error_of(fetcher, "example.com/a") == "not a valid link: example.com/a"
    assert await error_of(fetcher, "http://") == "not a valid link: http://"


async def test_closed_port(fetcher: Fetcher) -> None:
    port = closed_port()
    message = await error_of(fetcher, f"http://127.0.0.1:{port}/a")
    assert message == f"could not connect to 127.0.0.1:{port} (connection refused)"


# --- size, time and concurrency limits -------------------------------------------------------


async def test_declared_length_too_large(fetcher: Fetcher, article_server: ArticleServer) -> None:
    headers = {"Content-Type": "text/html", "Content-Length": str(6 * 1024 * 1024)}
    url = article_server.add("/big", b"<p>", headers=headers)
    assert await error_of(fetcher, url) == "the page is larger than 5 MB"


async def test_undeclared_body_too_large(article_server: ArticleServer) -> None:
    def big(handler: BaseHTTPRequestHandler) -> None:  # HTTP/1.0: read until close
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        handler.wfile.write(b"<p>" + b"x" * 20_000)

    article_server.routes["/big"] = bot_route(big)
    async with Fetcher(ALLOW, max_bytes=8 * 1024) as f:
        message = await error_of(f, article_server.url("/big"))
    assert message == "the page is larger than 8 KB"


async def test_endless_chunked_response(article_server: ArticleServer) -> None:
    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.protocol_version = "HTTP/1.1"
        handler.close_connection = True
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        chunk = b"<p>" + b"x" * 8192 + b"</p>"
        deadline = time.monotonic() + 10  # stops by itself if the client never hangs up
        try:
            while time.monotonic() < deadline:
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:
            pass

    article_server.routes["/endless"] = bot_route(endless)
    async with Fetcher(ALLOW, max_bytes=1024 * 1024) as f:
        message = await error_of(f, article_server.url("/endless"))
    assert message == "the page is larger than 1 MB"


async def test_compressed_size_counts_decompressed(article_server: ArticleServer) -> None:
    bomb = gzip.compress(b"<p>" + b"a" * 500_000)
    headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    url = article_server.add("/gz", bomb, headers=headers)
    async with Fetcher(ALLOW, max_bytes=64 * 1024) as f:
        assert await error_of(f, url) == "the page is larger than 64 KB"


async def test_total_timeout(article_server: ArticleServer) -> None:
    def slow(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(1.0)
        respond(handler, b"<p>late</p>")

    article_server.routes["/slow"] = bot_route(slow)
    async with Fetcher(ALLOW, timeout=0.3) as f:
        message = await error_of(f, article_server.url("/slow"))
    assert message == "the page took more than 0.3 s to load"


async def test_total_timeout_covers_a_dribbling_body(article_server: ArticleServer) -> None:
    def dribble(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        try:
            for _ in range(30):  # a byte every 0.1 s: never a read timeout
                handler.wfile.write(b"x")
                handler.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    article_server.routes["/drip"] = bot_route(dribble)
    async with Fetcher(ALLOW, timeout=0.5, read_timeout=0.4) as f:
        message = await error_of(f, article_server.url("/drip"))
    assert message == "the page took more than 0.5 s to load"


async def test_read_timeout(article_server: ArticleServer) -> None:
    def silent(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(1.0)
        respond(handler, b"<p>late</p>")

    article_server.routes["/silent"] = bot_route(silent)
    async with Fetcher(ALLOW, timeout=5, read_timeout=0.2) as f:
        message = await error_of(f, article_server.url("/silent"))
    assert message == "127.0.0.1 stopped answering (nothing received for 0.2 s)"


async def test_per_host_concurrency_limit(article_server: ArticleServer) -> None:
    lock = threading.Lock()
    state = {"now": 0, "max": 0}

    def busy(handler: BaseHTTPRequestHandler) -> None:
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.15)
        with lock:
            state["now"] -= 1
        respond(handler, b"<p>ok</p>")

    article_server.routes["/busy"] = bot_route(busy)
    url = article_server.url("/busy")
    async with Fetcher(ALLOW, per_host=2) as f:
        results = await asyncio.gather(*(f.fetch(url) for _ in range(6)))
    assert [r.text for r in results] == ["<p>ok</p>"] * 6
    assert state["max"] == 2
