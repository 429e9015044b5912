"""Reading a command-line SOURCE (not to be confused with the sources an article cites): an
http(s) URL, an HTML file or a plain-text file."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bot.errors import SourceError

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
TEXT_SUFFIXES = (".txt",)
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FileSource:
    path: Path
    kind: str  # "html" | "text"
    body: bytes


def is_url(source: str) -> bool:
    """Anything with a scheme is treated as a link (and unsupported schemes get a message)."""
    scheme = urlsplit(source).scheme
    return len(scheme) > 1 and "://" in source


def read_file_source(source: str) -> FileSource:
    path = Path(source)
    name = path.name.lower()
    if not path.exists():
        raise SourceError(f"no such file: {source}")
    if path.is_dir():
        raise SourceError(f"{source} is a directory, not an article file")
    if name.endswith(HTML_SUFFIXES):
        kind = "html"
    elif name.endswith(TEXT_SUFFIXES):
        kind = "text"
    else:
        raise SourceError(
            f"unsupported file type: {source} (give an .html, .htm, .html.gz or .txt file)"
        )
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SourceError(f"{source} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read {source}: {exc.strerror or 'read error'}") from exc
    if name.endswith(".gz"):
        try:
            body = gzip.decompress(body)
        except (OSError, EOFError) as exc:
            raise SourceError(f"{source} is not a valid gzip file") from exc
        if len(body) > MAX_FILE_BYTES:
            raise SourceError(f"{source} is larger than 20 MB uncompressed")
    if not body.strip():
        raise SourceError(f"the file is empty: {source}")
    if b"\x00" in body[:8192]:
        raise SourceError(f"{source} is a binary file, not an article")
    return FileSource(path=path, kind=kind, body=body)


def decode_text_file(source: FileSource) -> str:
    """Plain-text articles must be UTF-8: their text is kept exactly, so no guessing."""
    try:
        return source.body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{source.path} is not valid UTF-8 text (byte {exc.start}); save it as UTF-8"
        ) from exc


def title_of_text(text: str) -> str | None:
    """A plain-text article's first line is its title when it reads like one."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            if len(line) <= 200 and not line.endswith((".", "!", "?", "…", ":")):
                return line
            return None
    return None
