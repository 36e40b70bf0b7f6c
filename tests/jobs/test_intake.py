"""The CMS intake API over real HTTP (werkzeug's threaded server) into a real PostgreSQL job list."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psycopg
import pytest
from helpers import SHOW, assert_one_line_error, run
from servers import Postgres
from werkzeug.serving import make_server

from audio_article.jobs.intake import MAX_BODY_BYTES, api_app, sign
from audio_article.show.config import load_show

SECRET = b"a-shared-secret-for-tests"


@pytest.fixture
def api(postgres: Postgres, tmp_path: Path) -> Iterator[tuple[str, str]]:
    store = postgres.database()
    show_file = tmp_path / "show.toml"
    show_file.write_text(SHOW + f'store = "{store}"\n', encoding="utf-8")
    server = make_server("127.0.0.1", 0, api_app(load_show(show_file), SECRET), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}", store
    finally:
        server.shutdown()
        server.server_close()


def _post(
    base: str, payload: Any, signature: str | None = "good", raw: bytes | None = None, key: str | None = None
) -> tuple[int, Any]:
    body = raw if raw is not None else json.dumps(payload).encode()
    headers = {"Content-Type": "application/json"}
    if key is not None:
        headers["Idempotency-Key"] = key
    if signature == "good":
        headers["X-Signature"] = sign(SECRET, body)
    elif signature is not None:
        headers["X-Signature"] = signature
    request = urllib.request.Request(f"{base}/v1/articles", body, headers, method="POST")
    return _open(request)


def _open(request: urllib.request.Request | str) -> tuple[int, Any]:
    return _open_with_headers(request)[:2]


def _open_with_headers(request: urllib.request.Request | str) -> tuple[int, Any, Any]:
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read()), response.headers
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read()), exc.headers


def _job_count(store: str) -> int:
    with psycopg.connect(store) as db:
        try:
            return int(db.execute("SELECT COUNT(*) FROM jobs").fetchone()[0])  # type: ignore[index]
        except psycopg.errors.UndefinedTable:
            return 0


def test_a_signed_post_makes_one_job_and_a_tags_only_edit_none(api: tuple[str, str]) -> None:
    base, store = api
    article = {"id": "cms-1", "title": "A story", "body": "The story has words.", "tags": ["news"]}
    status, job = _post(base, article)
    assert status == 202 and job["new"] and job["state"] == "queued" and job["id"] == "cms-1"
    status, again = _post(base, {**article, "tags": ["news", "local"]})  # tags only: the same job
    assert status == 202 and not again["new"] and again["job"] == job["job"]
    status, edited = _post(base, {**article, "body": "The story has other words."})
    assert status == 202 and edited["new"] and edited["job"] != job["job"]
    status, seen = _open(f"{base}/v1/articles/{job['job']}")
    assert status == 200 and seen["state"] == "queued" and seen["error"] is None
    assert _open(f"{base}/v1/articles/999999")[0] == 404
    status, by_url = _post(base, {"id": "cms-2", "url": "https://news.example.org/a"})
    assert status == 202 and by_url["new"]
    assert _job_count(store) == 3


@pytest.mark.parametrize("signature", [None, "sha256=00", "sha256=" + "0" * 64])
def test_unsigned_or_badly_signed_posts_get_401_and_store_nothing(
    api: tuple[str, str], signature: str | None
) -> None:
    base, store = api
    status, answer = _post(base, {"id": "x", "body": "Words."}, signature)
    assert status == 401 and "X-Signature" in answer["error"]
    assert _job_count(store) == 0


@pytest.mark.parametrize(
    ("payload", "raw", "fragment"),
    [
        ({"id": "x", "body": "Words.", "author": "me"}, None, "unknown fields: author"),
        ({"id": "x", "url": "file:///etc/passwd"}, None, "http:// or https://"),
        ({"id": "x", "url": "javascript:alert(1)"}, None, "http:// or https://"),
        ({"id": "x", "url": "https://a.example/", "body": "W."}, None, 'either "url" or "body"'),
        ({"body": "Words."}, None, '"id"'),
        (None, b"not json", "not JSON"),
        (None, b'{"id": "x", "body": "' + b"w" * MAX_BODY_BYTES + b'"}', "larger than"),
    ],
)
def test_bad_posts_get_400_with_a_clear_message(
    api: tuple[str, str], payload: Any, raw: bytes | None, fragment: str
) -> None:
    base, store = api
    status, answer = _post(base, payload, raw=raw)
    assert status == 400 and fragment in answer["error"], answer
    assert _job_count(store) == 0


def test_fifty_concurrent_posts_of_ten_articles_make_ten_jobs(api: tuple[str, str]) -> None:
    base, store = api
    articles = [{"id": f"cms-{n}", "body": f"Story {n} has words."} for n in range(10)]
    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(lambda n: _post(base, articles[n % 10]), range(50)))
    assert all(status == 202 for status, _ in answers), answers
    assert _job_count(store) == 10
    assert sum(answer["new"] for _, answer in answers) == 10


def test_serve_api_needs_a_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUDIO_ARTICLE_API_SECRET", raising=False)
    show = tmp_path / "show.toml"
    show.write_text(SHOW + 'store = "postgresql://127.0.0.1:1/none"\n', encoding="utf-8")
    proc = run("serve", "--api", "--show", str(show))
    assert_one_line_error(proc, "AUDIO_ARTICLE_API_SECRET")


def _keyed(base: str, payload: Any, key: str) -> tuple[int, Any, Any]:
    body = json.dumps(payload).encode()
    headers = {"X-Signature": sign(SECRET, body), "Idempotency-Key": key}
    return _open_with_headers(urllib.request.Request(f"{base}/v1/articles", body, headers, method="POST"))


def test_an_idempotency_key_replays_its_first_answer_and_refuses_another_body(api: tuple[str, str]) -> None:
    base, store = api
    article = {"id": "cms-9", "body": "A story delivered by a webhook."}
    status, first, headers = _keyed(base, article, "delivery-0001")
    assert status == 202 and first["new"] and "Idempotent-Replayed" not in headers
    status, again, headers = _keyed(base, article, "delivery-0001")  # the webhook's retry
    assert status == 202 and again == first and headers["Idempotent-Replayed"] == "true"
    status, refused, _ = _keyed(base, {**article, "body": "Another story."}, "delivery-0001")
    assert status == 422 and "different body" in refused["error"], refused
    # The same article under a new key: the same job (content names it), answered as not new.
    status, other, _ = _keyed(base, article, "delivery-0002")
    assert status == 202 and other["job"] == first["job"] and not other["new"]
    assert _job_count(store) == 1
    with psycopg.connect(store) as db:
        keys = db.execute("SELECT key, job_id FROM idempotency_keys ORDER BY key").fetchall()
    assert keys == [("delivery-0001", first["job"]), ("delivery-0002", first["job"])]


@pytest.mark.parametrize("key", ["", "k" * 256, "a\x01b", "tab\there", "with space", "caf\u00e9"])
def test_a_bad_idempotency_key_gets_400_and_stores_nothing(api: tuple[str, str], key: str) -> None:
    base, store = api
    raw = json.dumps({"id": "x", "body": "Words."}).encode()
    headers = {"X-Signature": sign(SECRET, raw), "Idempotency-Key": key.encode("utf-8").decode("latin-1")}
    request = urllib.request.Request(f"{base}/v1/articles", raw, headers, method="POST")
    status, answer = _open(request)
    assert status == 400 and "Idempotency-Key" in answer["error"], answer
    assert _job_count(store) == 0


def test_concurrent_deliveries_of_one_key_get_one_answer(api: tuple[str, str]) -> None:
    base, store = api
    article = {"id": "cms-c", "body": "One story, delivered eight times at once."}
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: _keyed(base, article, "burst-1"), range(8)))
    assert {status for status, _, _ in answers} == {202}
    assert len({json.dumps(answer, sort_keys=True) for _, answer, _ in answers}) == 1
    assert sum(headers.get("Idempotent-Replayed") == "true" for _, _, headers in answers) == 7
    assert _job_count(store) == 1
