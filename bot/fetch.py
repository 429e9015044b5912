"""Fetching pages: httpx, guarded against SSRF, bounded in time and size.

Users send arbitrary links, so the fetcher is the bot's exposed surface:

- only http and https; redirects are followed by hand (at most 5), each hop checked again;
- every TCP connection goes through ``_GuardedBackend``: the host is resolved once, every address
  is checked (private, loopback, link-local, multicast, reserved, unspecified, also IPv4-mapped
  IPv6 and odd literals such as ``http://2130706433/``), and the socket is opened to the checked
  address itself, so a DNS answer that changes between check and connect (DNS rebinding) cannot
  slip through. TLS still verifies the certificate for the host name;
- ``Settings.fetch_allow`` (host names, addresses or CIDRs) exempts hosts from that block;
- a total deadline over the whole fetch, body included, and a size cap enforced while streaming;
- no proxy from the environment (it would bypass the address check), no cookies kept between
  fetches (one user's session must not leak into another's).

Every failure is a ``FetchError`` whose message can be shown to a user as is.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import http
import ipaddress
import os
import re
import socket
import ssl
import weakref
from collections.abc import AsyncIterator, Collection, Iterable, Iterator
from dataclasses import dataclass
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any

import charset_normalizer
import httpcore
import httpx

from bot.errors import FetchError
from bot.settings import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

USER_AGENT = (
    "Mozilla/5.0 (compatible; digestbot/0.1; +https://github.com/digestbot) "
    "AppleWebKit/537.36 (KHTML, like Gecko)"
)
ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"}
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_MEGABYTE = 1024 * 1024


@dataclass(slots=True)
class FetchResult:
    url: str  # as requested
    final_url: str  # after redirects
    status: int
    content_type: str  # media type only, lowercase: "text/html"
    body: bytes
    text: str  # body decoded; "" when not_modified
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # 304 on a conditional request: body and text are empty


# --- addresses -------------------------------------------------------------------------------

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_NUMERIC_HOST = re.compile(r"^[0-9a-fA-FxX.]+$")
_BLOCKED_KINDS = (
    ("is_loopback", "loopback"),
    ("is_link_local", "link-local"),
    ("is_multicast", "multicast"),
    ("is_unspecified", "unspecified"),
    ("is_private", "private"),
    ("is_reserved", "reserved"),
)


def literal_ip(host: str) -> IPAddress | None:
    """The address a host names literally, in any form the C resolver accepts as one.

    Besides ``10.0.0.1`` and ``[::1]`` this catches ``2130706433``, ``0x7f.1`` and ``0177.0.0.1``,
    which getaddrinfo turns into 127.0.0.1 without asking DNS.
    """
    host = host.strip("[]")
    with contextlib.suppress(ValueError):
        return ipaddress.ip_address(host)
    if _NUMERIC_HOST.match(host) and any(c.isdigit() for c in host):
        with contextlib.suppress(OSError):
            return ipaddress.IPv4Address(socket.inet_aton(host))
    return None


def blocked_kind(ip: IPAddress) -> str | None:
    """Why an address must not be fetched ("loopback", "private", ...), or None if public."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if ip in _NAT64:  # what DNS64 returns on IPv6-only hosts: judge the IPv4 inside
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return blocked_kind(embedded)
    for attribute, kind in _BLOCKED_KINDS:
        if getattr(ip, attribute):
            return kind
    return None if ip.is_global else "non-public"


def _article(kind: str) -> str:
    return "an" if kind[0] in "aeiou" else "a"


async def _getaddrinfo(host: str, port: int) -> list[str]:
    """All addresses of a host (a module function so tests can stand in for DNS)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class AddressGuard:
    """Decides which hosts and addresses may be fetched; ``allow`` holds hosts or CIDRs."""

    def __init__(self, allow: Iterable[str] = ()) -> None:
        self._hosts: set[str] = set()
        self._networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for entry in allow:
            entry = entry.strip().lower()
            try:
                self._networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                self._hosts.add(entry.rstrip("."))

    def host_allowed(self, host: str) -> bool:
        return host.lower().rstrip(".") in self._hosts

    def check_ip(self, host: str, ip: IPAddress) -> None:
        """Raise FetchError if ``ip`` (an address of ``host``) may not be fetched."""
        if any(ip in network for network in self._networks):
            return
        kind = blocked_kind(ip)
        if kind is None:
            return
        shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        # Show the address when the host is a name or an odd literal: "2130706433 (127.0.0.1)".
        detail = "" if host.strip("[]") == str(ip) else f" ({ip})"
        raise FetchError(
            f"refusing to fetch {shown}: it is {_article(kind)} {kind} address{detail}"
        )

    def check_host(self, host: str) -> None:
        """Refuse a literal address before any connection; names are checked once resolved."""
        ip = literal_ip(host)
        if ip is not None and not self.host_allowed(host):
            self.check_ip(host, ip)

    async def resolve(self, host: str, port: int) -> list[str]:
        """The checked addresses to connect to; refuses if ANY address of the host is blocked.

        One bad address is enough: which one the connection would use is not ours to choose.
        """
        ip = literal_ip(host)
        if ip is not None:
            self.check_host(host)
            return [str(ip)]
        try:
            addresses = await _getaddrinfo(host, port)
        except (OSError, UnicodeError):
            raise FetchError(f"cannot resolve host {host}") from None
        if not addresses:
            raise FetchError(f"cannot resolve host {host}")
        if not self.host_allowed(host):
            for address in addresses:
                self.check_ip(host, ipaddress.ip_address(address))
        return addresses


# --- transport -------------------------------------------------------------------------------


def _os_reason(exc: BaseException) -> str:
    """'connection refused' from the OSError under an httpcore error; no internals."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, OSError) and cause.errno:
            return os.strerror(cause.errno).lower()
        cause = cause.__cause__ or cause.__context__
    return "network error"


def _host_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, connecting only to addresses the guard has checked."""

    def __init__(self, guard: AddressGuard) -> None:
        self._guard = guard
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        reason = "network error"
        for address in await self._guard.resolve(host, port):
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except httpcore.ConnectTimeout:
                reason = "timed out"
            except httpcore.ConnectError as exc:
                reason = _os_reason(exc)
        raise FetchError(f"could not connect to {_host_port(host, port)} ({reason})")

    async def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.AsyncNetworkStream:
        raise FetchError("only http and https links can be read")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _GuardedTransport(httpx.AsyncHTTPTransport):
    def __init__(self, guard: AddressGuard) -> None:
        super().__init__(trust_env=False)
        # httpx has no public hook for the network backend; its pool is httpcore's, which has.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=100,
            max_keepalive_connections=20,
            network_backend=_GuardedBackend(guard),
        )


def _no_cookie_jar() -> CookieJar:
    """A jar that never stores: the shared client must not carry cookies between users."""
    return CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))


# --- decoding --------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# What browsers do (WHATWG Encoding): these labels all mean windows-1252.
_WHATWG_ALIASES = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DETECT_BYTES = 64 * 1024


def _header_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def _bom_charset(body: bytes) -> str | None:
    return next((name for bom, name in _BOMS if body.startswith(bom)), None)


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii") if match else None


def _codec(label: str | None) -> str | None:
    """Python's codec for a charset label, or None if unknown or not a text encoding."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _WHATWG_ALIASES:
        return "cp1252"
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # "base64", "zlib", "rot13"... are codecs too; a page must not pick them.
    return info.name if getattr(info, "_is_text_encoding", True) else None


def _detect(body: bytes) -> str:
    with contextlib.suppress(UnicodeDecodeError):
        return body.decode("utf-8")
    best = charset_normalizer.from_bytes(body[:_DETECT_BYTES]).best()
    codec = _codec(best.encoding) if best else None
    return body.decode(codec or "utf-8", errors="replace")


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Bytes to text: BOM, then the header's charset, then <meta>, then detection. Never raises.

    The BOM wins over the header, as in browsers. Broken bytes become U+FFFD.
    """
    declared = (_bom_charset(body), _header_charset(content_type), _meta_charset(body))
    for label in declared:
        codec = _codec(label)
        if codec:
            with contextlib.suppress(LookupError):
                return body.decode(codec, errors="replace")
    return _detect(body)


def _sniff(body: bytes) -> str:
    """A media type for a response that declares none."""
    head = body[:1024]
    if head.startswith(b"%PDF"):
        return "application/pdf"
    if b"\x00" in head and _bom_charset(head) is None:
        return "application/octet-stream"
    return "text/html" if b"<" in head else "text/plain"


# --- the fetcher -----------------------------------------------------------------------------


def _size(n: int) -> str:
    if n >= _MEGABYTE and n % _MEGABYTE == 0:
        return f"{n // _MEGABYTE} MB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KB"
    return f"{n} bytes"


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _phrase(response: httpx.Response) -> str:
    try:
        return http.HTTPStatus(response.status_code).phrase
    except ValueError:
        return response.reason_phrase


def _tls_error(exc: BaseException) -> ssl.SSLError | None:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return cause
        cause = cause.__cause__ or cause.__context__
    return None


class Fetcher:
    """Fetches pages for the pipeline; one shared httpx client, use as an async context manager.

    ``timeout`` is the deadline for a whole fetch (redirects and body included); ``connect_timeout``
    and ``read_timeout`` bound each connection attempt and each wait for data.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        max_bytes: int = 5 * _MEGABYTE,
        timeout: float = 30.0,
        connect_timeout: float = 10.0,
        read_timeout: float = 10.0,
        max_redirects: int = 5,
        per_host: int = 4,
    ) -> None:
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.read_timeout = read_timeout
        self.max_redirects = max_redirects
        self.per_host = per_host
        self.guard = AddressGuard(settings.fetch_allow)
        self._client = httpx.AsyncClient(
            transport=_GuardedTransport(self.guard),
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5",
                "Accept-Language": "en;q=1.0, *;q=0.5",
            },
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            follow_redirects=False,
            trust_env=False,
            cookies=_no_cookie_jar(),
        )
        # Semaphores live while some fetch holds them: no unbounded map of every host ever seen.
        self._slots: weakref.WeakValueDictionary[str, asyncio.Semaphore] = (
            weakref.WeakValueDictionary()
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: Collection[str] = ARTICLE_TYPES,
    ) -> FetchResult:
        """Fetch ``url``; with ``etag``/``last_modified`` the request is conditional.

        ``accept`` lists the media types wanted (``FEED_TYPES`` for feeds). Raises FetchError.
        """
        try:
            async with asyncio.timeout(self.timeout):
                result = await self._fetch(url, etag, last_modified, accept)
        except TimeoutError:
            raise FetchError(f"the page took more than {_seconds(self.timeout)} to load") from None
        if result.not_modified:  # a 304 need not repeat the validators: keep the caller's
            result.etag = result.etag or etag
            result.last_modified = result.last_modified or last_modified
        return result

    async def _fetch(
        self, url: str, etag: str | None, last_modified: str | None, accept: Collection[str]
    ) -> FetchResult:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        cookies = httpx.Cookies()  # this fetch's own: some sites set one and redirect
        target = self._check_url(url)
        for _ in range(self.max_redirects + 1):
            async with self._host_slot(target.host):
                with self._errors(target):
                    request = self._client.build_request("GET", target, headers=headers)
                    cookies.set_cookie_header(request)
                    response = await self._client.send(request, stream=True)
                    try:
                        cookies.extract_cookies(response)
                        location = response.headers.get("location")
                        if response.status_code not in _REDIRECTS or not location:
                            return await self._result(url, response, bool(headers), accept)
                    finally:
                        await response.aclose()
            target = self._check_url(self._join(response.url, location))
        raise FetchError(f"too many redirects (more than {self.max_redirects})")

    def _check_url(self, url: str | httpx.URL) -> httpx.URL:
        """Parse and vet a URL before any connection: scheme, host, literal addresses."""
        try:
            parsed = httpx.URL(url.strip() if isinstance(url, str) else url)
        except (httpx.InvalidURL, TypeError, ValueError):
            raise FetchError(f"not a valid link: {str(url)[:100]}") from None
        if parsed.scheme not in ("http", "https"):
            if not parsed.scheme:
                raise FetchError(f"not a valid link: {str(url)[:100]}")
            raise FetchError(
                f"unsupported link scheme '{parsed.scheme}': only http and https links can be read"
            )
        if not parsed.host:
            raise FetchError(f"not a valid link: {str(url)[:100]}")
        self.guard.check_host(parsed.host)
        return parsed

    @staticmethod
    def _join(base: httpx.URL, location: str) -> httpx.URL:
        try:
            return base.join(location.strip())
        except (httpx.InvalidURL, ValueError):
            raise FetchError("the page redirects to an invalid link") from None

    @contextlib.asynccontextmanager
    async def _host_slot(self, host: str) -> AsyncIterator[None]:
        """At most ``per_host`` requests at a time to one host: be polite, avoid bans."""
        key = host.lower()
        slot = self._slots.get(key)
        if slot is None:
            slot = asyncio.Semaphore(self.per_host)
            self._slots[key] = slot
        async with slot:
            yield

    @contextlib.contextmanager
    def _errors(self, url: httpx.URL) -> Iterator[None]:
        """httpx's errors as one-line messages for users."""
        host = url.host
        try:
            yield
        except httpx.TimeoutException:
            wait = _seconds(self.read_timeout)
            raise FetchError(f"{host} stopped answering (nothing received for {wait})") from None
        except httpx.ConnectError as exc:
            if _tls_error(exc) is not None:
                raise FetchError(f"could not connect securely to {host} (TLS error)") from None
            raise FetchError(f"could not connect to {host} ({_os_reason(exc)})") from None
        except httpx.DecodingError:
            raise FetchError(f"{host} sent a page that could not be decompressed") from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
            raise FetchError(f"{host} closed the connection before sending the page") from None
        except httpx.HTTPError:
            raise FetchError(f"could not fetch the page from {host}") from None

    async def _result(
        self, url: str, response: httpx.Response, conditional: bool, accept: Collection[str]
    ) -> FetchResult:
        status = response.status_code
        etag = response.headers.get("etag")
        last_modified = response.headers.get("last-modified")
        if status == 304 and conditional:
            return FetchResult(
                url, str(response.url), status, "", b"", "", etag, last_modified, True
            )
        if not 200 <= status < 300:
            raise FetchError(f"the page answered HTTP {status} {_phrase(response)}".rstrip())
        header = response.headers.get("content-type", "")
        media_type = header.split(";")[0].strip().lower()
        self._check_type(media_type, accept)
        body = await self._read(response)
        if not body.strip():
            raise FetchError("the page is empty")
        if not media_type:
            media_type = _sniff(body)
            self._check_type(media_type, accept)
        text = decode_html(body, header)
        return FetchResult(
            url, str(response.url), status, media_type, body, text, etag, last_modified
        )

    @staticmethod
    def _check_type(media_type: str, accept: Collection[str]) -> None:
        if media_type and media_type not in accept:
            what = "an article page" if accept is ARTICLE_TYPES else "a page this bot can read"
            raise FetchError(f"not {what} ({media_type})")

    async def _read(self, response: httpx.Response) -> bytes:
        """The body, refusing more than ``max_bytes`` (decoded) before or while reading it."""
        too_large = FetchError(f"the page is larger than {_size(self.max_bytes)}")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise too_large
            chunks.append(chunk)
        return b"".join(chunks)
