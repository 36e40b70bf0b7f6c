"""The durable job list: the `jobs` table of the PostgreSQL show store (migration 2).

One row per (article identity, content hash): listing the same article with
the same content again is a no-op (`ON CONFLICT DO NOTHING`), an edit is a
new row. A row is claimed by the process that builds it: `FOR UPDATE SKIP
LOCKED` picks it only if no other transaction holds it, and only while it is
queued or its lease has run out; the builder renews the lease while it works
and records the outcome at the end. A builder that dies stops renewing, so
its row becomes claimable again when the lease expires, and nothing waits
on any one process staying alive.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import psycopg

_COLUMNS = "id, identity, content_sha256, source, state, attempts, error, episode_guid, audio_url"
# Claimable: queued, or being built under a lease that has run out (its builder died or stalled).
_CLAIMABLE = "(state = 'queued' OR (state = 'building' AND lease_until < now()))"


@dataclass(frozen=True)
class Job:
    """One row of the job list."""

    id: int
    identity: str
    content_sha256: str
    source: str
    state: str  # queued | building | published | failed
    attempts: int
    error: str | None = None
    episode_guid: str | None = None
    audio_url: str | None = None


def submit(db: psycopg.Connection[Any], entries: Iterable[tuple[str, str, str]]) -> int:
    """Add (identity, content_sha256, source) entries in one transaction; how many were new."""
    new = 0
    with db.transaction():
        for identity, digest, source in entries:
            cursor = db.execute(
                "INSERT INTO jobs (identity, content_sha256, source) VALUES (%s, %s, %s)"
                " ON CONFLICT (identity, content_sha256) DO NOTHING",
                (identity, digest, source),
            )
            new += max(cursor.rowcount, 0)
    return new


def find(db: psycopg.Connection[Any], identity: str, content_sha256: str) -> Job | None:
    """The job of this identity and content, if listed."""
    row = db.execute(
        f"SELECT {_COLUMNS} FROM jobs WHERE identity = %s AND content_sha256 = %s",  # noqa: S608
        (identity, content_sha256),
    ).fetchone()
    return Job(*row) if row else None


def get(db: psycopg.Connection[Any], job_id: int) -> Job | None:
    """The job with this id, if any."""
    row = db.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = %s", (job_id,)).fetchone()  # noqa: S608
    return Job(*row) if row else None


def unfinished(db: psycopg.Connection[Any], failed_too: bool = False) -> list[Job]:
    """Jobs queued or being built (and, with `failed_too`, those that failed), oldest first."""
    states = ["queued", "building", *(["failed"] if failed_too else [])]
    sql = f"SELECT {_COLUMNS} FROM jobs WHERE state = ANY(%s) ORDER BY id"  # noqa: S608
    rows = db.execute(sql, (states,)).fetchall()
    return [Job(*row) for row in rows]


def lease_left_s(db: psycopg.Connection[Any], job_id: int) -> float:
    """Seconds until the job's lease runs out (0 when it has, or it has none)."""
    row = db.execute(
        "SELECT GREATEST(0, EXTRACT(EPOCH FROM lease_until - now())) FROM jobs WHERE id = %s", (job_id,)
    ).fetchone()
    return float(row[0]) if row and row[0] is not None else 0.0


def requeue(db: psycopg.Connection[Any], job_id: int) -> None:
    """Put a failed job back in the queue (a re-run asked to retry failures)."""
    db.execute(
        "UPDATE jobs SET state = 'queued', updated = now() WHERE id = %s AND state = 'failed'", (job_id,)
    )


def claim(db: psycopg.Connection[Any], lease_s: float, job_id: int | None = None) -> Job | None:
    """Claim job `job_id` (or the oldest claimable one) under a lease; None if it is not claimable now."""
    where = f"{_CLAIMABLE} AND id = %s" if job_id is not None else _CLAIMABLE
    params: tuple[Any, ...] = (job_id,) if job_id is not None else ()
    with db.transaction():
        row = db.execute(
            f"WITH pick AS (SELECT id FROM jobs WHERE {where} ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)"  # noqa: S608
            " UPDATE jobs SET state = 'building', attempts = attempts + 1, error = NULL, updated = now(),"
            " lease_until = now() + make_interval(secs => %s) FROM pick WHERE jobs.id = pick.id"
            f" RETURNING {', '.join('jobs.' + c.strip() for c in _COLUMNS.split(','))}",
            (*params, lease_s),
        ).fetchone()
    return Job(*row) if row else None


def renew(db: psycopg.Connection[Any], job_id: int, lease_s: float) -> bool:
    """Extend a claimed job's lease; False if the job is no longer being built."""
    cursor = db.execute(
        "UPDATE jobs SET lease_until = now() + make_interval(secs => %s)"
        " WHERE id = %s AND state = 'building'",
        (lease_s, job_id),
    )
    return cursor.rowcount > 0


def finish(
    db: psycopg.Connection[Any],
    job_id: int,
    error: str | None,
    episode_guid: str | None = None,
    audio_url: str | None = None,
) -> None:
    """Record the outcome: published (no error) with the episode, or failed with its one-line error."""
    db.execute(
        "UPDATE jobs SET state = %s, error = %s, episode_guid = %s, audio_url = %s,"
        " lease_until = NULL, updated = now() WHERE id = %s",
        ("failed" if error else "published", error, episode_guid, audio_url, job_id),
    )


def counts(db: psycopg.Connection[Any]) -> dict[str, int]:
    """How many jobs are in each state."""
    return {str(s): int(n) for s, n in db.execute("SELECT state, COUNT(*) FROM jobs GROUP BY state")}
