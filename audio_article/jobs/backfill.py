"""`backfill`: fill the durable job list from article lists, then drive a Dask cluster through it.

The driver only lists and watches: each Dask task claims its own row of the
job list (`joblist.claim`, under a lease it renews while it builds), builds
and releases the article exactly as `publish --executor` does, and records
the outcome itself. So a driver killed mid-run loses nothing: the tasks
already running finish and record themselves, and a re-run submits only the
rows still queued, waits for rows under a live lease, and takes over rows
whose lease ran out (their builder died). No article is narrated twice: a
row is built only by whoever holds its claim, and an unchanged article's
row stays published, so listing it again is a no-op.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import CancelledError
from dataclasses import dataclass
from typing import Any

from audio_article.jobs import joblist
from audio_article.jobs.batch import BatchJob, BatchResult, build_one, publish_built
from audio_article.jobs.dask_executor import RETRIES, inputs_sha256, run_remote, scheduler_client
from audio_article.models import FeedItem

log = logging.getLogger(__name__)
LEASE_S = 60.0  # a builder renews its lease every third of this; a dead one's job is free after it
POLL_S = 2.0


@dataclass(frozen=True)
class JobOutcome:
    """What a task did with its job: `done` (recorded published or failed) or `busy` (claimed by another)."""

    job_id: int
    state: str  # published | failed | busy
    detail: str = ""  # the error line, or the audio URL


def list_jobs(store_url: str, batch: Sequence[BatchJob], retry_failed: bool = False) -> int:
    """Add `batch`'s articles to the job list (`retry_failed`: queue failed jobs again); how many were new."""
    from audio_article.show import pgstore

    db = pgstore.connect(store_url)
    with db:
        new = joblist.submit(db, ((job.source, inputs_sha256(job), job.source) for job in batch))
        if retry_failed:
            for job in joblist.unfinished(db, failed_too=True):
                joblist.requeue(db, job.id)
    return new


def run_job(job_id: int, job: BatchJob, store_url: str, lease_s: float) -> JobOutcome:
    """On a worker: claim job `job_id`, build and release its article, record the outcome."""
    from audio_article.show import pgstore

    db = pgstore.connect(store_url)
    with db:
        if joblist.claim(db, lease_s, job_id) is None:
            left = joblist.lease_left_s(db, job_id)
            return JobOutcome(job_id, "busy", f"{left:.0f}")
        try:
            with _heartbeat(store_url, job_id, lease_s):
                result, item = _build_and_release(job)
        except Exception as exc:  # recorded, or the job would be retried (and fail) forever
            joblist.finish(db, job_id, f"{job.source}: internal error: {type(exc).__name__}: {exc}")
            raise
        error = None if result.ok else result.detail
        joblist.finish(db, job_id, error, item.guid if item else None, item.audio_url if item else None)
    return JobOutcome(job_id, "published" if result.ok else "failed", error or result.detail)


def _build_and_release(job: BatchJob) -> tuple[BatchResult, FeedItem | None]:
    """The same build and release as `publish --executor`, keeping the episode's item for the job row."""
    import multiprocessing

    from audio_article.speech.workers import keep_pools

    if multiprocessing.current_process().daemon:
        return run_remote(job), None  # its refusal, with the hint
    keep_pools()  # the worker's narration engine stays loaded for its next article
    built = build_one(job)
    result = publish_built(built, render=False)  # the driver renders the feed (FeedRenderer)
    return result, built.item if result.ok else None


@contextlib.contextmanager
def _heartbeat(store_url: str, job_id: int, lease_s: float) -> Iterator[None]:
    """Renew the job's lease every third of it until the block ends (on its own connection)."""
    from audio_article.show import pgstore

    stop = threading.Event()

    def beat() -> None:
        with pgstore.connect(store_url) as db:
            while not stop.wait(lease_s / 3):
                if not joblist.renew(db, job_id, lease_s):
                    log.warning("job %d: lease lost (taken over after a stall?)", job_id)

    thread = threading.Thread(target=beat, name=f"lease-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(lease_s)


def drive(
    address: str,
    store_url: str,
    make_job: Callable[[str], BatchJob],
    lease_s: float = LEASE_S,
    done: Callable[[joblist.Job], None] | None = None,
) -> dict[str, int]:
    """Run every unfinished job of the list on the Dask scheduler at `address`; the final counts by state."""
    from audio_article.show import pgstore

    with pgstore.connect(store_url) as db:
        with scheduler_client(address) as client:
            # A lost scheduler ends the run with one line; the jobs it left keep their state (a
            # running build still records itself), so the same command finishes them later.
            _Driver(client, db, store_url, make_job, lease_s, done).run()
        return joblist.counts(db)


class _Driver:
    """The driver's loop: submit claimable jobs, collect outcomes, wait out other builders' leases."""

    def __init__(
        self,
        client: Any,
        db: Any,
        store_url: str,
        make_job: Callable[[str], BatchJob],
        lease_s: float,
        done: Callable[[joblist.Job], None] | None,
    ) -> None:
        self.client, self.db, self.store_url, self.make_job = client, db, store_url, make_job
        self.lease_s, self.done = lease_s, done
        self.in_flight: dict[int, Any] = {}  # job id -> future
        self.not_before: dict[int, float] = {}  # job id -> when its claimer's lease runs out
        self.rounds: dict[int, int] = {}

    def run(self) -> None:
        """Until no job is queued or being built."""
        while True:
            waiting = self._submit_claimable()
            if not self.in_flight and not waiting:
                return
            self._collect()

    def _submit_claimable(self) -> bool:
        """Submit a task for each unfinished job not in flight; whether any is left waiting on a lease."""
        waiting = False
        now = time.monotonic()
        for job in joblist.unfinished(self.db):
            if job.id in self.in_flight:
                continue
            if job.state == "building" and joblist.lease_left_s(self.db, job.id) > 0:
                waiting = True  # another builder (an earlier driver's task) holds it: wait for it
                continue
            if self.not_before.get(job.id, 0) > now:
                waiting = True
                continue
            self.rounds[job.id] = self.rounds.get(job.id, 0) + 1
            key = f"audio-article-job-{job.id}-{job.content_sha256[:24]}-{self.rounds[job.id]}"
            args = (job.id, self.make_job(job.source), self.store_url, self.lease_s)
            self.in_flight[job.id] = self.client.submit(run_job, *args, key=key, retries=RETRIES, pure=False)
        return waiting

    def _collect(self) -> None:
        """Wait up to POLL_S for tasks to end and take their outcomes."""
        from distributed import wait

        if self.in_flight:
            futures = list(self.in_flight.values())
            with contextlib.suppress(TimeoutError):  # none ended yet: look at the list again
                wait(futures, timeout=POLL_S, return_when="FIRST_COMPLETED")  # type: ignore[no-untyped-call]
        else:
            time.sleep(POLL_S)
        for job_id, future in list(self.in_flight.items()):
            if future.done():
                del self.in_flight[job_id]
                self._outcome(job_id, future)

    def _outcome(self, job_id: int, future: Any) -> None:
        from distributed import KilledWorker

        try:
            outcome = future.result()
        except KilledWorker:
            joblist.finish(self.db, job_id, f"its worker died {RETRIES + 1} times (killed?)")
        except CancelledError:  # the scheduler is gone, not the job's fault: it stays as it is
            raise
        except Exception as exc:  # one article's bug must not stop the backfill
            log.debug("task failed", exc_info=exc)
            joblist.finish(self.db, job_id, f"internal error: {type(exc).__name__}: {exc}")
        else:
            if outcome.state == "busy":  # its claimer is alive or its lease not yet out: later
                self.not_before[job_id] = time.monotonic() + max(POLL_S, float(outcome.detail))
                return
        job = joblist.get(self.db, job_id)
        if job and self.done:
            self.done(job)
