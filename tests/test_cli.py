"""The command line on bad inputs: each gets one clear line, exit status 1, and no stored row."""

from __future__ import annotations

import asyncio
import gzip
import json
import time
from pathlib import Path

import pytest

from bot.cli import main
from storage import repository
from storage.db import open_database
from tests.article_server import ArticleServer, Route

PAYWALL = """<html><head><title>Subscribe to read | The Daily Planet</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<h1>Inside the deal that changed everything</h1>
<p>Subscribe to continue reading. Already a subscriber? Log in.</p>
<footer>© The Daily Planet</footer></body></html>"""

GERMAN = """<html lang="de"><head><title>Bundestag beschließt Haushalt</title></head><body>
<article><h1>Bundestag beschließt Haushalt</h1>
<p>Der Bundestag hat am Freitag nach langer Debatte den Haushalt für das kommende Jahr
beschlossen. Die Regierung will damit vor allem in Schulen, Schienen und die Digitalisierung
der Verwaltung investieren, sagte der Finanzminister in Berlin.</p>
<p>Die Opposition kritisierte die hohe Neuverschuldung scharf. Die Pläne seien unsolide und
gingen zu Lasten der kommenden Generationen, erklärte der haushaltspolitische Sprecher der
größten Oppositionsfraktion. Der Bundesrat muss dem Gesetz noch zustimmen.</p>
<p>Ökonomen rechnen damit, dass die Ausgaben im nächsten Jahr weiter steigen werden, weil die
Zinsen für die Staatsschulden deutlich höher sind als noch vor zwei Jahren.</p>
</article></body></html>"""


async def run_cli(*argv: str) -> tuple[int, str, str]:
    """Run ``digestbot`` in a thread (it runs its own event loop), capturing its output."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()

    def call() -> int:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            return main(list(argv))

    status = await asyncio.to_thread(call)
    return status, out.getvalue(), err.getvalue()


async def stored_rows(db_url: str) -> int:
    db = await open_database(db_url)
    try:
        counts = await repository.count_rows(db)
    finally:
        await db.dispose()
    return sum(counts.values())


async def assert_fails(db_url: str, source: str, *fragments: str) -> dict:
    status, out, err = await run_cli("digest", source, "--json", "--db", db_url)
    assert status == 1, (out, err)
    line = json.loads(out.strip())
    assert line["source"] == source
    for fragment in fragments:
        assert fragment in line["error"], line["error"]
    assert "Traceback" not in err
    assert await stored_rows(db_url) == 0
    return line


@pytest.fixture
def allow_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIGESTBOT_FETCH_ALLOW", "127.0.0.1")


async def test_missing_file(db_url: str) -> None:
    await assert_fails(db_url, "/nonexistent/article.txt", "no such file")


async def test_empty_file(db_url: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    await assert_fails(db_url, str(empty), "empty")


async def test_binary_file(db_url: str, tmp_path: Path) -> None:
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    await assert_fails(db_url, str(binary), "binary")


async def test_unsupported_file_type(db_url: str, tmp_path: Path) -> None:
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    await assert_fails(db_url, str(pdf), "unsupported file type")


async def test_unsupported_scheme(db_url: str) -> None:
    await assert_fails(db_url, "ftp://example.com/news.html", "scheme", "ftp")


@pytest.mark.parametrize(
    ("url", "what"),
    [
        ("http://127.0.0.1:9/article", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://10.1.2.3/news", "private"),
        ("http://localhost/news", "loopback"),
    ],
)
async def test_private_addresses_are_refused(db_url: str, url: str, what: str) -> None:
    await assert_fails(db_url, url, "refusing", what)


async def test_closed_port(db_url: str, allow_loopback: None) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on: bind, then close
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    await assert_fails(db_url, f"http://127.0.0.1:{port}/news", "could not connect")


async def test_paywall_stub(db_url: str, allow_loopback: None, article_server: ArticleServer):
    url = article_server.add("/paywalled", PAYWALL)
    await assert_fails(db_url, url, "no article text found")


async def test_german_article(db_url: str, allow_loopback: None, article_server: ArticleServer):
    url = article_server.add("/de", GERMAN)
    await assert_fails(db_url, url, "articles in German are not supported yet")


async def test_pdf_response(db_url: str, allow_loopback: None, article_server: ArticleServer):
    url = article_server.add(
        "/report", b"%PDF-1.4 ...", headers={"Content-Type": "application/pdf"}
    )
    await assert_fails(db_url, url, "not an article page")


async def test_huge_response(db_url: str, allow_loopback: None, article_server: ArticleServer):
    def endless(handler) -> None:  # chunked, never ends on its own
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        chunk = b"<p>" + b"x" * 65_536 + b"</p>"
        deadline = time.monotonic() + 20
        try:
            while time.monotonic() < deadline:
                handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except OSError:
            pass  # the client hung up, as it should

    article_server.routes["/huge"] = Route(body=endless)
    await assert_fails(db_url, article_server.url("/huge"), "larger than")


async def test_redirect_loop(db_url: str, allow_loopback: None, article_server: ArticleServer):
    article_server.add("/a", b"", status=302, headers={"Location": "/b"})
    article_server.add("/b", b"", status=302, headers={"Location": "/a"})
    await assert_fails(db_url, article_server.url("/a"), "redirect")


async def test_several_sources_in_order_with_one_failure(
    db_url: str, tmp_path: Path, allow_loopback: None, article_server: ArticleServer
) -> None:
    good = Path(__file__).parent / "data" / "crocus-city-hall.txt"
    gz = tmp_path / "page.html.gz"
    gz.write_bytes(
        gzip.compress((Path(__file__).parent / "data" / "crocus-city-hall.html").read_bytes())
    )
    missing = str(tmp_path / "missing.txt")
    status, out, err = await run_cli(
        "digest", str(good), missing, str(gz), "--json", "--db", db_url
    )
    assert status == 1
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x["source"] for x in lines] == [str(good), missing, str(gz)]
    assert "error" in lines[1] and "error" not in lines[0] and "error" not in lines[2]
    assert lines[0]["article_id"] is not None
    assert "[2/3]" in err and "no such file" in err  # progress and the reason, on stderr
    # the stored analysis is reused: same article, no second revision
    status, out, _ = await run_cli("digest", str(good), "--json", "--db", db_url)
    assert status == 0
    assert json.loads(out)["article_id"] == lines[0]["article_id"]


async def test_text_output_and_no_store(tmp_path: Path) -> None:
    good = Path(__file__).parent / "data" / "crocus-city-hall.txt"
    status, out, err = await run_cli("digest", str(good), "--no-store")
    assert status == 0, err
    assert "Key facts" in out and "<b>" not in out
    assert not list(tmp_path.glob("*.sqlite"))
