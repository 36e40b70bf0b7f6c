"""Intake for a CMS: `serve --api` takes articles over HTTP into the durable job list.

`POST /v1/articles` takes a JSON object, `{"id": ..., "url": ...}` or
`{"id": ..., "body": ..., "title": ...}` (and optional `tags`), signed with
HMAC-SHA256 of the raw body under the secret in `$AUDIO_ARTICLE_API_SECRET`,
sent as `X-Signature: sha256=<hex>`. The signature is checked before the body
is parsed, so an unsigned or badly signed request gets 401 and stores
nothing. The job's content hash covers the text (url, or title and body),
not the tags: an edit of tags only is the same job, and a webhook delivered
twice is one job: (id, content) names the job.
A webhook sender may also give an `Idempotency-Key` header (1 to 255
visible ASCII characters, else 400): the first request with a key is
answered as usual and the key is stored with the SHA-256 of its raw body
and the answer (table `idempotency_keys`). The same key with the same body
again gets the same answer (the same job, no new one, with
`Idempotent-Replayed: true`); the same key with another body gets 422, as
it is a sender's bug to reuse a key. Deliveries of one key are serialised,
so concurrent retries get one answer. Keys are kept (no expiry).
`GET /v1/articles/{job id}` tells its state, error line and audio URL.
Jobs are built by `backfill` (or any driver of the job list).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Request, Response

from audio_article.atomic import write_atomic
from audio_article.errors import ConfigError
from audio_article.jobs import joblist
from audio_article.show.config import Show

SECRET_ENV = "AUDIO_ARTICLE_API_SECRET"  # noqa: S105 (the variable's name, not a secret)
MAX_BODY_BYTES = 1_000_000
_FIELDS = {"id", "url", "body", "title", "tags"}
_JOB_PATH = re.compile(r"/v1/articles/(\d{1,18})")
_KEY = re.compile(r"[\x21-\x7e]{1,255}")


class Refused(Exception):
    """A request answered with an error status and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def api_secret() -> bytes:
    """The shared secret from the environment; refusing to start without one."""
    secret = os.environ.get(SECRET_ENV, "")
    if len(secret) < 16:
        raise ConfigError(f"serve --api: set ${SECRET_ENV} to a shared secret of at least 16 characters")
    return secret.encode()


def sign(secret: bytes, body: bytes) -> str:
    """The `X-Signature` value of `body`."""
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def api_app(show: Show, secret: bytes) -> Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]:
    """The WSGI application of the intake API for `show` (its store must be PostgreSQL)."""
    assert show.store is not None

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        request = Request(environ)
        headers: dict[str, str] = {}
        try:
            status, payload, headers = _route(show, secret, request)
        except Refused as exc:
            status, payload = exc.status, {"error": str(exc)}
        except HTTPException as exc:
            status, payload = exc.code or 400, {"error": exc.description or exc.name}
        response = Response(json.dumps(payload), status=status, mimetype="application/json", headers=headers)
        return response(environ, start_response)

    return app


def _route(show: Show, secret: bytes, request: Request) -> tuple[int, dict[str, Any], dict[str, str]]:
    from audio_article.show import pgstore

    assert show.store is not None
    found = _JOB_PATH.fullmatch(request.path)
    if request.path == "/v1/articles" and request.method == "POST":
        body = _signed_body(secret, request)
        key = _idempotency_key(request)
        entry = _parse(body)
        with pgstore.connect(show.store) as db:
            if key is None:
                return (*_submit(show, db, entry), {})
            return _submit_once(show, db, entry, key, hashlib.sha256(body).hexdigest())
    if found and request.method in ("GET", "HEAD"):
        with pgstore.connect(show.store) as db:
            job = joblist.get(db, int(found.group(1)))
        if job is None:
            raise Refused(404, f"no job {found.group(1)}")
        return 200, _describe(job), {}
    raise Refused(404 if not found and request.path != "/v1/articles" else 405, "no such endpoint")


def _idempotency_key(request: Request) -> str | None:
    """The request's `Idempotency-Key`, if it sent one; 400 if it is empty, too long or not visible ASCII."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not _KEY.fullmatch(key):
        raise Refused(
            400, "Idempotency-Key must be 1 to 255 visible ASCII characters (no spaces or control characters)"
        )
    return key


def _submit_once(
    show: Show, db: Any, entry: dict[str, Any], key: str, body_sha256: str
) -> tuple[int, dict[str, Any], dict[str, str]]:
    """`_submit` under an idempotency key: the first answer is stored and given again for the same body."""
    with db.transaction():
        # Concurrent deliveries of one key wait here for the first one's commit, then replay it.
        db.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (key,))
        row = db.execute(
            "SELECT body_sha256, status, job_id, new FROM idempotency_keys WHERE key = %s", (key,)
        ).fetchone()
        if row is not None:
            if row[0] != body_sha256:
                raise Refused(422, "this Idempotency-Key was used with a different body; use a new key")
            job = joblist.get(db, row[2])
            assert job is not None  # the key's row refers to it
            return int(row[1]), {**_describe(job), "new": bool(row[3])}, {"Idempotent-Replayed": "true"}
        status, payload = _submit(show, db, entry)
        db.execute(
            "INSERT INTO idempotency_keys (key, body_sha256, status, job_id, new)"
            " VALUES (%s, %s, %s, %s, %s)",
            (key, body_sha256, status, payload["job"], payload["new"]),
        )
    return status, payload, {}


def _signed_body(secret: bytes, request: Request) -> bytes:
    """The request's raw body, after its size and signature are checked (400, then 401)."""
    if (request.content_length or 0) > MAX_BODY_BYTES:
        raise Refused(400, f"the body is larger than {MAX_BODY_BYTES} bytes")
    body = request.get_data(cache=False)
    if len(body) > MAX_BODY_BYTES:
        raise Refused(400, f"the body is larger than {MAX_BODY_BYTES} bytes")
    given = request.headers.get("X-Signature", "")
    if not given or not hmac.compare_digest(given, sign(secret, body)):
        raise Refused(401, "missing or bad X-Signature (HMAC-SHA256 of the body, `sha256=<hex>`)")
    return body


def _parse(body: bytes) -> dict[str, Any]:
    """The body's article, checked field by field (400 with what is wrong)."""
    try:
        entry = json.loads(body)
    except ValueError as exc:
        raise Refused(400, f"the body is not JSON ({exc})") from exc
    return _validate(entry)


def _validate(entry: Any) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise Refused(400, "the body must be a JSON object")
    if unknown := sorted(set(entry) - _FIELDS):
        raise Refused(400, f"unknown fields: {', '.join(unknown)} (known: {', '.join(sorted(_FIELDS))})")
    if not isinstance(entry.get("id"), str) or not 0 < len(entry["id"]) <= 200:
        raise Refused(
            400, '"id" (the article\'s identity in the CMS) must be a string of 1 to 200 characters'
        )
    if ("url" in entry) == ("body" in entry):
        raise Refused(400, 'give either "url" or "body"')
    if "url" in entry:
        url = entry["url"]
        parts = urlsplit(url) if isinstance(url, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise Refused(400, '"url" must be an http:// or https:// URL')
    elif not isinstance(entry["body"], str) or not entry["body"].strip():
        raise Refused(400, '"body" must be the article\'s text (Markdown or plain)')
    for name in ("title",):
        if name in entry and not isinstance(entry[name], str):
            raise Refused(400, f'"{name}" must be a string')
    tags = entry.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise Refused(400, '"tags" must be a list of strings')
    return entry


def _submit(show: Show, db: Any, entry: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """Add the article's job (none if the same text is listed); 202 with the job."""
    if "url" in entry:
        text, source = "url\0" + entry["url"], entry["url"]
    else:
        title = entry.get("title", "")
        text = f"body\0{title}\0{entry['body']}"
        source = ""
    digest = hashlib.sha256(text.encode()).hexdigest()  # tags are left out: a tags-only edit is no job
    if not source:
        source = str(_write_body(show, digest, entry.get("title", ""), entry["body"]))
    new = joblist.submit(db, [(entry["id"], digest, source)])
    job = joblist.find(db, entry["id"], digest)
    assert job is not None
    return 202, {**_describe(job), "new": bool(new)}


def _write_body(show: Show, digest: str, title: str, body: str) -> Path:
    """The posted article as a Markdown file where builders read it (named by its content)."""
    path = (show.output_dir / "intake" / f"{digest[:32]}.md").resolve()
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        front = f"---\ntitle: {json.dumps(title)}\n---\n\n" if title else ""
        write_atomic(path, (front + body).encode("utf-8"))
    return path


def _describe(job: joblist.Job) -> dict[str, Any]:
    return {
        "job": job.id,
        "id": job.identity,
        "state": job.state,
        "error": job.error,
        "audio_url": job.audio_url,
        "episode_guid": job.episode_guid,
    }
