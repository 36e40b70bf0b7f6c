"""Fetch an article from an http(s) URL, within limits.

Only http and https, on every redirect hop too; at most MAX_REDIRECTS
redirects; a timeout on connecting and on each read; a total deadline for the
whole fetch, redirects included (a server that drips a byte a second never
trips a per-read timeout), which AUDIO_ARTICLE_FETCH_DEADLINE (seconds) can
change; a size limit enforced while reading (a server's Content-Length is not
trusted); and a content type that is an article (HTML, XHTML, plain text,
Markdown). Every refusal is an `InputError` naming the URL.
"""

from __future__ import annotations

import contextlib
import http.client
import logging
import math
import os
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from typing import IO, Any

from audio_article import __version__
from audio_article.article.decode import MAX_INPUT_BYTES, decode_text
from audio_article.errors import ConfigError, InputError
from audio_article.models import SourceDocument, SourceFormat
from audio_article.textutil import is_http_url

log = logging.getLogger(__name__)

TIMEOUT_S = 20.0
DEADLINE_S = 60.0
DEADLINE_ENV = "AUDIO_ARTICLE_FETCH_DEADLINE"
MAX_REDIRECTS = 5
MAX_FETCH_BYTES = MAX_INPUT_BYTES
_TYPES: dict[str, SourceFormat] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
}


def fetch(
    url: str,
    timeout_s: float = TIMEOUT_S,
    max_bytes: int = MAX_FETCH_BYTES,
    deadline_s: float | None = None,
) -> SourceDocument:
    """Fetch `url` within the limits above; `deadline_s` defaults to $AUDIO_ARTICLE_FETCH_DEADLINE or 60 s."""
    _check_scheme(url, url)
    total_s = deadline_s if deadline_s is not None else _deadline_from_env()
    with _Deadline(total_s) as deadline:
        try:
            final, headers, data = _download(url, timeout_s, max_bytes, deadline)
        except InputError:
            raise
        except (OSError, ValueError, http.client.HTTPException) as exc:
            if deadline.expired:  # the deadline cut the connection: whatever failed, that is why
                raise InputError(f"{url}: gave up after {total_s:g} s (total deadline)") from exc
            raise _fetch_error(url, exc, timeout_s) from exc
        if deadline.expired:  # a cut connection can look like a short, complete page
            raise InputError(f"{url}: gave up after {total_s:g} s (total deadline)")
    kind = headers.get_content_type()
    log.info("fetched %s (%d bytes, %s)", final, len(data), kind)
    text = decode_text(data, url, headers.get_content_charset())
    return SourceDocument(final, text, data, None, final, _TYPES[kind])


def _download(url: str, timeout_s: float, max_bytes: int, deadline: _Deadline) -> tuple[str, Message, bytes]:
    opener = urllib.request.build_opener(
        _Redirects(url), _WatchedHTTPHandler(deadline), _WatchedHTTPSHandler(deadline)
    )
    request = urllib.request.Request(  # noqa: S310 - the scheme was checked by the caller
        url, headers={"User-Agent": f"audio-article/{__version__}", "Accept": ", ".join(_TYPES)}
    )
    with opener.open(request, timeout=timeout_s) as response:
        headers: Message = response.headers
        kind = headers.get_content_type()
        if kind not in _TYPES:
            raise InputError(f"{url}: content type {kind} is not an article (HTML, text or Markdown)")
        return response.geturl(), headers, _read_limited(response, max_bytes, url)


def _fetch_error(url: str, exc: Exception, timeout_s: float) -> InputError:
    """The one-line error for a failed fetch."""
    if isinstance(exc, urllib.error.HTTPError):
        return InputError(f"{url}: the server answered {exc.code} {exc.reason}")
    if isinstance(exc, urllib.error.URLError):
        return InputError(f"{url}: cannot fetch ({exc.reason})")
    if isinstance(exc, TimeoutError):
        return InputError(f"{url}: no answer within {timeout_s:g} s")
    return InputError(f"{url}: cannot fetch ({exc or type(exc).__name__})")


def _deadline_from_env() -> float:
    raw = os.environ.get(DEADLINE_ENV, "").strip()
    if not raw:
        return DEADLINE_S
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise ConfigError(f"{DEADLINE_ENV}: {raw!r} is not a number of seconds above 0")
    return value


class _Deadline:
    """At the deadline, shuts down every socket of the fetch, which ends any read blocked on it."""

    def __init__(self, total_s: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(total_s, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    # The plain socket's shutdown, also for TLS: SSLSocket.shutdown would drop its
    # state under a reader in another thread. OSError: it was closed already.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _WatchedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline

    def connect(self) -> None:
        super().connect()
        self._deadline.watch(self.sock)


class _WatchedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline

    def connect(self) -> None:
        super().connect()
        self._deadline.watch(self.sock)


class _WatchedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return _open_watched(self, req, _WatchedHTTPConnection, self._deadline)


class _WatchedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return _open_watched(self, req, _WatchedHTTPSConnection, self._deadline)


def _open_watched(
    handler: urllib.request.AbstractHTTPHandler,
    req: urllib.request.Request,
    connection_class: type[_WatchedHTTPConnection] | type[_WatchedHTTPSConnection],
    deadline: _Deadline,
) -> http.client.HTTPResponse:
    """Open `req` on a connection whose socket the deadline watches."""

    def connection(host: str, /, **kwargs: Any) -> http.client.HTTPConnection:
        return connection_class(host, deadline=deadline, **kwargs)

    return handler.do_open(connection, req)


def _read_limited(response: IO[bytes], max_bytes: int, url: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(1 << 16):
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{url}: more than {max_bytes // 2**20} MiB; not an article page")
        chunks.append(chunk)
    return b"".join(chunks)


def _check_scheme(url: str, original: str) -> None:
    if is_http_url(url):
        return
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    raise InputError(f"{original}: only http and https URLs are fetched, not {scheme or 'this'}")


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, each to http(s) only."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.count = 0

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        self.count += 1
        if self.count > MAX_REDIRECTS:
            raise InputError(f"{self.original}: more than {MAX_REDIRECTS} redirects")
        _check_scheme(newurl, self.original)
        return super().redirect_request(req, fp, code, msg, headers, newurl)
