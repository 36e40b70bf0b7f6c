"""URL input against a local HTTP server: limits on redirects, size, type, time and scheme."""

from __future__ import annotations

import contextlib
import http.server
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest
from conftest import FIXTURES
from helpers import assert_one_line_error, run

from audio_article.article.fetch import DEADLINE_ENV, fetch
from audio_article.article.read import parse_article
from audio_article.errors import InputError

PAGE = (FIXTURES / "library-robots.html").read_bytes()
RUSSIAN_TITLE = "Библиотека открылась после ремонта"
RUSSIAN_PAGE = (
    f"<html><head><meta charset='koi8-r'><title>{RUSSIAN_TITLE}</title></head><body><article>"
    f"<h1>{RUSSIAN_TITLE}</h1>"
    + "<p>Городская библиотека снова открыта для читателей. Новые залы стали светлее, а фонд пополнился "
    "тысячами книг, журналов и карт, которые ждали своего часа на складе.</p>"
    * 3
    + "</article></body></html>"
).encode("koi8-r")


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        path = self.path
        if path == "/article":
            self._send(200, "text/html; charset=utf-8", PAGE)
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            self.send_response(302)
            self.send_header("Location", "/article" if n == 0 else f"/hop/{n - 1}")
            self.end_headers()
        elif path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif path == "/image":
            self._send(200, "image/png", b"\x89PNG\r\n" + b"\0" * 100)
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the limit must hold while reading
            try:
                for _ in range(64):
                    self.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/slow":
            time.sleep(3)
            self._send(200, "text/html", PAGE)
        elif path.startswith("/drip"):
            self._drip(headers_too=path == "/drip-headers")
        elif path == "/koi8-header":  # the header says it; the page's own meta lies
            self._send(200, "text/html; charset=koi8-r", RUSSIAN_PAGE.replace(b"koi8-r", b"iso-8859-2"))
        elif path == "/koi8-meta":  # only the page's meta says it
            self._send(200, "text/html", RUSSIAN_PAGE)
        elif path == "/notes.md":
            self._send(
                200, "text/plain", b"# Markdown Served As Text\n\nA paragraph of notes, long enough.\n"
            )
        else:
            self._send(404, "text/plain", b"not found")

    def _drip(self, headers_too: bool) -> None:
        """A byte every 0.1 s: each read gets an answer in time, so only a total deadline stops it."""
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
        if not headers_too:
            self.wfile.write(head)
            head = b""
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            for byte in (head + PAGE)[:150]:  # 15 s at most, should the client never give up
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)

    def _send(self, code: int, kind: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_article_by_url_follows_redirects_and_keeps_the_final_url(server: str) -> None:
    article = parse_article(f"{server}/hop/3")
    assert article.title == "Library Robots Sort 10,000 Books a Day"
    assert article.url == f"{server}/article"
    assert [s.heading for s in article.sections] == [None, "How It Works", "Jobs and Budget"]
    assert article.related[0].url == f"{server}/a/9"  # resolved against the page's URL


def test_plain_text_url_named_md_is_markdown(server: str) -> None:
    assert parse_article(f"{server}/notes.md").title == "Markdown Served As Text"


@pytest.mark.parametrize(
    "path,fragment",
    [
        ("/hop/9", "more than 5 redirects"),
        ("/to-file", r"file:///etc/passwd. is not allowed"),
        ("/image", "content type image/png"),
        ("/missing", "404"),
    ],
)
def test_refusals(server: str, path: str, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        fetch(server + path)


def test_size_limit_holds_without_content_length(server: str) -> None:
    with pytest.raises(InputError, match="more than 1 MiB"):
        fetch(f"{server}/huge", max_bytes=1 << 20)


def test_timeout(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match=r"no answer|cannot fetch"):
        fetch(f"{server}/slow", timeout_s=0.5)
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("url", ["ftp://example.org/a.html", "file:///etc/passwd", "gopher://x/"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(InputError, match="only http and https"):
        parse_article(url)


def test_cli_inspects_a_url_and_reports_a_bad_one(server: str) -> None:
    proc = run("inspect", f"{server}/article")
    assert proc.returncode == 0 and "Library Robots Sort 10,000 Books a Day" in proc.stdout
    assert_one_line_error(run("inspect", f"{server}/image"), "not an article")


def _run_with_env(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "audio_article", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore", **env},
        timeout=120,
    )


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_a_dripping_server_meets_the_total_deadline(server: str, path: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match=r"gave up after 1\.5 s \(total deadline\)"):
        fetch(server + path, timeout_s=5, deadline_s=1.5)
    assert time.monotonic() - started < 3


def test_the_deadline_comes_from_the_environment_and_is_one_line(server: str) -> None:
    env = {DEADLINE_ENV: "1"}
    started = time.monotonic()
    assert_one_line_error(
        _run_with_env(env, "inspect", f"{server}/drip"), "gave up after 1 s (total deadline)"
    )
    assert time.monotonic() - started < 15  # the interpreter's start-up included
    assert_one_line_error(_run_with_env({DEADLINE_ENV: "nan"}, "inspect", f"{server}/article"), DEADLINE_ENV)


@pytest.mark.parametrize("path", ["/koi8-header", "/koi8-meta"])
def test_declared_charsets_of_a_fetched_page(server: str, path: str) -> None:
    article = parse_article(server + path)
    assert article.title == RUSSIAN_TITLE
    assert "Городская библиотека снова открыта" in article.sections[0].paragraphs[0]
