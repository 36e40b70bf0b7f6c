"""Fetch an article from an http(s) URL, within limits.

Only http and https, on every redirect hop too; at most MAX_REDIRECTS
redirects; a timeout on connecting and on each read; a size limit enforced
while reading (a server's Content-Length is not trusted); and a content type
that is an article (HTML, XHTML, plain text, Markdown). Every refusal is an
`InputError` naming the URL.
"""

from __future__ import annotations

import http.client
import logging
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from typing import IO

from audio_article import __version__
from audio_article.errors import InputError
from audio_article.models import SourceDocument, SourceFormat
from audio_article.source import MAX_INPUT_BYTES, decode_text

log = logging.getLogger(__name__)

TIMEOUT_S = 20.0
MAX_REDIRECTS = 5
MAX_FETCH_BYTES = MAX_INPUT_BYTES
_TYPES: dict[str, SourceFormat] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
}


def fetch(url: str, timeout_s: float = TIMEOUT_S, max_bytes: int = MAX_FETCH_BYTES) -> SourceDocument:
    _check_scheme(url, url)
    opener = urllib.request.build_opener(_Redirects(url), urllib.request.HTTPSHandler())
    request = urllib.request.Request(  # noqa: S310 - the scheme was checked just above
        url, headers={"User-Agent": f"audio-article/{__version__}", "Accept": ", ".join(_TYPES)}
    )
    try:
        with opener.open(request, timeout=timeout_s) as response:
            final = response.geturl()
            headers: Message = response.headers
            kind = headers.get_content_type()
            if kind not in _TYPES:
                raise InputError(f"{url}: content type {kind} is not an article (HTML, text or Markdown)")
            data = _read_limited(response, max_bytes, url)
    except InputError:
        raise
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: the server answered {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise InputError(f"{url}: cannot fetch ({exc.reason})") from exc
    except TimeoutError as exc:
        raise InputError(f"{url}: no answer within {timeout_s:g} s") from exc
    except (OSError, ValueError) as exc:
        raise InputError(f"{url}: cannot fetch ({exc})") from exc
    charset = headers.get_content_charset()
    if charset:
        try:
            data = data.decode(charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            log.warning("%s: declared charset %s does not fit; guessing", url, charset)
    log.info("fetched %s (%d bytes, %s)", final, len(data), kind)
    return SourceDocument(final, decode_text(data, url), data, None, final, _TYPES[kind])


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
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
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
