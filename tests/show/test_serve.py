"""The preview server, over a real socket with http.client: ranges, conditionals, MIME types, traversal."""

from __future__ import annotations

import http.client
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import run

from audio_article.errors import OutputError
from audio_article.show.serve import make_folder_server


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "ep.mp3").write_bytes(os.urandom(100_000))
    (folder / "ep.vtt").write_text("WEBVTT\n", encoding="utf-8")
    (folder / "ep.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    (folder / ".ep.html.1234.tmp").write_text("half", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    server = make_folder_server(folder, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield folder, server.port
    finally:
        server.shutdown()
        server.server_close()


def _get(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers=headers)  # sent as given: no client-side normalizing
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def test_a_range_request_gets_exactly_those_bytes(served: tuple[Path, int]) -> None:
    folder, port = served
    status, headers, body = _get(port, "/ep.mp3", Range="bytes=1000-1999")
    assert status == 206
    assert body == (folder / "ep.mp3").read_bytes()[1000:2000]
    assert headers["content-range"] == "bytes 1000-1999/100000"
    assert headers["content-type"] == "audio/mpeg"
    assert headers["accept-ranges"] == "bytes"
    status, _headers, body = _get(port, "/ep.mp3", Range="bytes=-500")
    assert status == 206 and body == (folder / "ep.mp3").read_bytes()[-500:]


def test_an_unsatisfiable_range_is_416(served: tuple[Path, int]) -> None:
    _folder, port = served
    status, headers, _body = _get(port, "/ep.mp3", Range="bytes=200000-")
    assert status == 416
    assert headers["content-range"] == "bytes */100000"


def test_etag_and_last_modified_make_a_304(served: tuple[Path, int]) -> None:
    folder, port = served
    status, headers, body = _get(port, "/ep.mp3")
    assert status == 200 and body == (folder / "ep.mp3").read_bytes()
    assert headers["etag"] and headers["last-modified"]
    assert _get(port, "/ep.mp3", **{"If-None-Match": headers["etag"]})[0] == 304
    assert _get(port, "/ep.mp3", **{"If-Modified-Since": headers["last-modified"]})[0] == 304


@pytest.mark.parametrize(
    ("name", "mime"), [("ep.vtt", "text/vtt"), ("ep.html", "text/html"), ("ep.mp3", "audio/mpeg")]
)
def test_mime_types(served: tuple[Path, int], name: str, mime: str) -> None:
    _folder, port = served
    status, headers, _body = _get(port, f"/{name}")
    assert status == 200 and headers["content-type"].split(";")[0] == mime


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/ep.mp3/../../secret.txt",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/..%5csecret.txt",
        "/link.txt",
        "/.ep.html.1234.tmp",
    ],
)
def test_paths_out_of_the_folder_are_refused(served: tuple[Path, int], path: str) -> None:
    _folder, port = served
    status, _headers, body = _get(port, path)
    assert status in (403, 404), status
    assert b"outside" not in body and b"root:" not in body and b"half" not in body


def test_a_folder_without_an_index_lists_its_pages(served: tuple[Path, int]) -> None:
    _folder, port = served
    status, _headers, body = _get(port, "/")
    assert status == 200
    assert b'href="ep.html"' in body and b".tmp" not in body


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="no such folder"):
        make_folder_server(tmp_path / "nope", "127.0.0.1", 0)


def test_the_cli_refuses_a_folder_and_a_show_together(tmp_path: Path) -> None:
    proc = run("serve", str(tmp_path), "--show", str(tmp_path / "show.toml"))
    assert proc.returncode == 2 and "not both" in proc.stderr
    proc = run("serve", str(tmp_path / "nope"), "--port", "0")
    assert proc.returncode == 5 and "no such folder to serve" in proc.stderr
