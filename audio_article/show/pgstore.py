"""The shared episode store on PostgreSQL, for publishers on many machines (`store = "postgresql://..."`).

The same `episodes` table as `show.db` (one row per guid, the item stored
rendered, the first publication date kept on republish). Migrations are
versioned in `schema_migrations` and applied once, under an advisory lock, by
whichever publisher connects first. Writers serialise on a second advisory
lock for "update store, render, replace", as `show.lock` does for SQLite:
each publish commits in one transaction and then renders the feed from
every committed row, so the last feed written holds every episode and no
concurrent publisher's episode is lost.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from typing import Any
from urllib.parse import urlsplit

import psycopg
from lxml import etree

from audio_article.errors import OutputError
from audio_article.models import FeedItem
from audio_article.show.feed import stored_row

log = logging.getLogger(__name__)

# Keys of pg_advisory_lock: "aa" + a purpose, fixed so every machine takes the same lock.
_MIGRATE_LOCK = 0x6161_0001
_WRITE_LOCK = 0x6161_0002

# Each migration is applied once, in order, in its own transaction; never edit one that has shipped:
# add the next. tests/show/test_pgstore.py checks every FeedItem field has its column.
MIGRATIONS: tuple[tuple[int, str], ...] = (
    (
        1,
        """
        CREATE TABLE episodes (
            guid TEXT PRIMARY KEY, title TEXT, description TEXT, pub_date TEXT, audio_url TEXT,
            audio_bytes BIGINT, duration_s BIGINT, chapters_url TEXT, transcript_url TEXT,
            language TEXT, srt_url TEXT, html_url TEXT, link TEXT, author TEXT, summary TEXT,
            explicit BOOLEAN,
            slug TEXT NOT NULL, item_xml BYTEA NOT NULL,
            first_published TEXT NOT NULL, updated TEXT NOT NULL
        );
        CREATE INDEX episodes_by_date ON episodes (first_published);
        """,
    ),
    (
        2,
        """
        CREATE TABLE jobs (
            id BIGSERIAL PRIMARY KEY,
            identity TEXT NOT NULL, content_sha256 TEXT NOT NULL, source TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued', 'building', 'published', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0, lease_until TIMESTAMPTZ, error TEXT,
            episode_guid TEXT, audio_url TEXT,
            created TIMESTAMPTZ NOT NULL DEFAULT now(), updated TIMESTAMPTZ NOT NULL DEFAULT now(),
            UNIQUE (identity, content_sha256)
        );
        CREATE INDEX jobs_by_state ON jobs (state, id);
        """,
    ),
    (
        3,
        """
        CREATE TABLE idempotency_keys (
            key TEXT PRIMARY KEY, body_sha256 TEXT NOT NULL, status INTEGER NOT NULL,
            job_id BIGINT NOT NULL REFERENCES jobs (id), new BOOLEAN NOT NULL,
            created TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        """,
    ),
)
_FIELDS = list(asdict(FeedItem("", "", "", "", "", 0, 0, "", "")))
# Column names come from the FeedItem dataclass, never from input; values are bound parameters.
_UPSERT = (
    f"INSERT INTO episodes ({', '.join(_FIELDS)}, slug, item_xml, first_published, updated) "  # noqa: S608
    f"VALUES ({', '.join(['%s'] * (len(_FIELDS) + 4))}) ON CONFLICT (guid) DO UPDATE SET "
    + ", ".join(f"{c} = EXCLUDED.{c}" for c in [*_FIELDS[1:], "slug", "item_xml", "updated"])
)


def redacted(url: str) -> str:
    """The store's URL without its password, for messages and logs."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


def connect(url: str) -> psycopg.Connection[Any]:
    """A connection to the store (autocommit: transactions are explicit), migrated to the newest schema."""
    try:
        db = psycopg.connect(url, autocommit=True, connect_timeout=15)
    except psycopg.Error as exc:
        raise OutputError(f"episode store {redacted(url)}: cannot connect ({_first_line(exc)})") from exc
    try:
        migrate(db)
    except psycopg.Error as exc:
        db.close()
        raise OutputError(f"episode store {redacted(url)}: {_first_line(exc)}") from exc
    return db


def migrate(db: psycopg.Connection[Any]) -> list[int]:
    """Apply the migrations this store lacks, in order; returns the versions applied now."""
    applied: list[int] = []
    db.execute("SELECT pg_advisory_lock(%s)", (_MIGRATE_LOCK,))
    try:
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations"
            " (version INTEGER PRIMARY KEY, applied TIMESTAMPTZ NOT NULL DEFAULT now())"
        )
        have = {row[0] for row in db.execute("SELECT version FROM schema_migrations")}
        for version, sql in MIGRATIONS:
            if version in have:
                continue
            with db.transaction():
                db.execute(sql)
                db.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (version,))
            log.info("episode store: applied migration %d", version)
            applied.append(version)
    finally:
        db.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATE_LOCK,))
    return applied


@contextlib.contextmanager
def locked(url: str) -> Iterator[psycopg.Connection[Any]]:
    """A connection holding the store's writer lock (shared by every machine) until the block ends."""
    db = connect(url)
    try:
        db.execute("SELECT pg_advisory_lock(%s)", (_WRITE_LOCK,))
        yield db
    except psycopg.Error as exc:
        raise OutputError(f"episode store {redacted(url)}: {_first_line(exc)}") from exc
    finally:
        db.close()  # the session's advisory lock goes with it


def store_items(
    db: psycopg.Connection[Any],
    items: list[tuple[FeedItem, str]],
    replace: bool,
    elements: Sequence[etree._Element | None] | None = None,
) -> int:
    """Insert or update (item, slug) pairs in one transaction (`elements`: their rendered `<item>`s,
    stored but for the pubDate); returns how many rows changed."""
    changed = 0
    kept = list(elements) if elements else [None] * len(items)
    with db.transaction():
        for (item, slug), element in zip(items, kept, strict=True):
            changed += _store_item(db, item, slug, replace, element)
    return changed


def _store_item(
    db: psycopg.Connection[Any], item: FeedItem, slug: str, replace: bool, element: etree._Element | None
) -> bool:
    row = db.execute(
        "SELECT first_published FROM episodes WHERE guid = %s FOR UPDATE", (item.guid,)
    ).fetchone()
    if row and not replace:
        return False
    values, item_xml, first, now = stored_row(item, element, row[0] if row else None)
    same = db.execute(
        "SELECT 1 FROM episodes WHERE guid = %s AND slug = %s AND item_xml = %s", (item.guid, slug, item_xml)
    ).fetchone()
    if same:  # republishing what is there: `updated` (and so the feed) stays as it was
        return False
    db.execute(_UPSERT, [values[c] for c in _FIELDS] + [slug, item_xml, first, now])
    return True


def remove(db: psycopg.Connection[Any], key: str) -> bool:
    """Remove the episode with this guid or slug; whether one was removed."""
    with db.transaction():
        cursor = db.execute("DELETE FROM episodes WHERE guid = %s OR slug = %s", (key, key))
    return cursor.rowcount > 0


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    """Rows of a read-only query (one read-only transaction; takes no writer lock)."""
    db = connect(url)
    try:
        with db.transaction():
            db.execute("SET TRANSACTION READ ONLY")
            return [tuple(row) for row in db.execute(sql.encode()).fetchall()]
    except psycopg.Error as exc:
        raise OutputError(f"episode store {redacted(url)}: {_first_line(exc)}") from exc
    finally:
        db.close()


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
