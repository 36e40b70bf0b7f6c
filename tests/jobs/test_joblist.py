"""The durable job list on a real PostgreSQL server: no-op re-submission, SKIP LOCKED claims, leases."""

from __future__ import annotations

import threading
import time
from typing import Any

import psycopg
from servers import Postgres

from audio_article.jobs import joblist
from audio_article.show import pgstore


def _store(postgres: Postgres) -> tuple[str, psycopg.Connection[Any]]:
    url = postgres.database()
    return url, pgstore.connect(url)


def test_resubmitting_unchanged_content_is_a_no_op(postgres: Postgres) -> None:
    _, db = _store(postgres)
    with db:
        assert joblist.submit(db, [("a", "h1", "a.md"), ("b", "h1", "b.md")]) == 2
        assert joblist.submit(db, [("a", "h1", "a.md"), ("b", "h1", "b.md")]) == 0
        assert joblist.submit(db, [("a", "h2", "a.md")]) == 1  # an edit is a new job
        assert joblist.counts(db) == {"queued": 3}
        job = joblist.find(db, "a", "h1")
        assert job is not None and job.state == "queued" and job.attempts == 0


def test_claims_skip_locked_rows_and_each_job_is_claimed_once(postgres: Postgres) -> None:
    url, db = _store(postgres)
    with db:
        joblist.submit(db, [(f"a{n}", "h", f"a{n}.md") for n in range(30)])
        # A transaction holding the oldest row: the claim passes it by instead of waiting.
        with psycopg.connect(url) as holder:
            holder.execute("SELECT id FROM jobs ORDER BY id LIMIT 1 FOR UPDATE")
            first = joblist.claim(db, 30)
            assert first is not None and first.identity == "a1"
            holder.rollback()
        claimed: list[int] = [first.id]
        lock = threading.Lock()

        def worker() -> None:
            with pgstore.connect(url) as mine:
                while (job := joblist.claim(mine, 30)) is not None:
                    with lock:
                        claimed.append(job.id)

        threads = [threading.Thread(target=worker) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert len(claimed) == len(set(claimed)) == 30
        assert joblist.counts(db) == {"building": 30}


def test_a_lease_that_runs_out_frees_the_job(postgres: Postgres) -> None:
    _, db = _store(postgres)
    with db:
        joblist.submit(db, [("a", "h", "a.md")])
        job = joblist.claim(db, 1.0)
        assert job is not None and job.state == "building" and job.attempts == 1
        assert joblist.claim(db, 1.0, job.id) is None  # held under a live lease
        assert 0 < joblist.lease_left_s(db, job.id) <= 1.0
        time.sleep(1.3)  # the builder died: nobody renewed
        again = joblist.claim(db, 5.0, job.id)
        assert again is not None and again.attempts == 2
        assert joblist.renew(db, job.id, 5.0)
        joblist.finish(db, job.id, None, "guid-1", "https://example.org/a.mp3")
        done = joblist.get(db, job.id)
        assert done is not None and done.state == "published" and done.episode_guid == "guid-1"
        assert not joblist.renew(db, job.id, 5.0) and joblist.claim(db, 5.0) is None
        assert joblist.unfinished(db) == []


def test_failed_jobs_are_listed_again_only_when_asked(postgres: Postgres) -> None:
    _, db = _store(postgres)
    with db:
        joblist.submit(db, [("a", "h", "a.md")])
        job = joblist.claim(db, 5.0)
        assert job is not None
        joblist.finish(db, job.id, "a.md: no text in the article")
        failed = joblist.get(db, job.id)
        assert failed is not None and failed.state == "failed" and failed.error
        assert joblist.unfinished(db) == [] and len(joblist.unfinished(db, failed_too=True)) == 1
        joblist.requeue(db, job.id)
        assert [j.state for j in joblist.unfinished(db)] == ["queued"]
