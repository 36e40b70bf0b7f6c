"""Publishing on a Dask distributed cluster: `publish --executor tcp://HOST:PORT` ($AUDIO_ARTICLE_EXECUTOR).

One task per article. A worker runs the same code as the local pool (build,
then release: media, store, feed), so on several machines the show needs a
shared store and media (`store = "postgresql://..."`, `media = "s3://..."`)
and the workers need show.toml, the voice and the article files at the same
paths (URLs they fetch themselves). Workers must be allowed child processes
(`DASK_DISTRIBUTED__WORKER__DAEMON=False`): narration runs in supervised
engine processes, as everywhere else.

Task keys are content-addressed (the source, the bytes of the article, show
and voice files, the options), so the same article submitted twice while in
flight is one task. A task whose worker dies is retried on another; an
article that fails is reported and the others carry on.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import CancelledError
from dataclasses import replace
from pathlib import Path
from typing import Any

from audio_article.errors import ConfigError
from audio_article.jobs.batch import BatchJob, BatchResult, build_one, publish_built
from audio_article.textutil import is_url

log = logging.getLogger(__name__)
RETRIES = 2  # a task whose worker died runs again, up to this many more times
_DAEMON_HINT = (
    "start Dask workers with DASK_DISTRIBUTED__WORKER__DAEMON=False (narration needs child processes)"
)


def task_key(job: BatchJob) -> str:
    """The article's task key: the same inputs give the same key, on any machine."""
    return f"audio-article-{inputs_sha256(job)[:40]}"


def inputs_sha256(job: BatchJob) -> str:
    """SHA-256 of a build's inputs: the source, the article, show and voice files' bytes, the options."""
    digest = hashlib.sha256()
    for part in (job.source, job.voice, repr((job.force, job.read_captions, job.jobs))):
        digest.update(part.encode() + b"\0")
    for ref in (job.source, str(job.show_file), job.voice):
        path = Path(ref)
        if not is_url(ref) and path.suffix and path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def run_remote(job: BatchJob) -> BatchResult:
    """On a worker: build and release one article, exactly as a local batch's process would."""
    from audio_article.speech.workers import keep_pools

    if multiprocessing.current_process().daemon:
        return BatchResult(
            job.source, False, f"{job.source}: this Dask worker cannot narrate; {_DAEMON_HINT}"
        )
    keep_pools()  # the worker's narration engine stays loaded for its next article
    return publish_built(build_one(job), render=False)  # the driver renders the feed (FeedRenderer)


@contextlib.contextmanager
def scheduler_client(address: str) -> Iterator[Any]:
    """A Dask client of the scheduler at `address`; losing the scheduler mid-run is one ConfigError.

    The client's own reconnection attempts log tracebacks at ERROR: distributed's
    logs are kept from the CLI's handler meanwhile, as the loss is reported
    once, by this error.
    """
    from distributed import Client
    from distributed.comm.core import CommClosedError

    quiet, muffle = logging.getLogger("distributed"), logging.NullHandler()
    quiet.addHandler(muffle)  # its records stop here (propagate off), none reach the CLI's handler
    quiet.propagate = False
    try:
        try:
            client = Client(address, timeout="30s")  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"--executor {address}: cannot reach the Dask scheduler ({exc})") from exc
        with client:
            try:
                yield client
            except (CancelledError, CommClosedError) as exc:  # futures cancelled on the lost connection
                raise ConfigError(
                    f"--executor {address}: lost the Dask scheduler mid-run ({type(exc).__name__});"
                    " the finished articles are kept: run the same command again to finish the rest"
                ) from exc
    finally:
        quiet.propagate = True
        quiet.removeHandler(muffle)


def publish_on_dask(
    address: str, jobs: Sequence[BatchJob], done: Callable[[BatchResult], None] | None = None
) -> list[BatchResult]:
    """Run `jobs` on the Dask scheduler at `address`; results in input order, failures as results."""
    from distributed import as_completed

    with scheduler_client(address) as client:
        keys = [task_key(job) for job in jobs]
        futures = {}
        for job, key in zip(jobs, keys, strict=True):
            if key not in futures:  # the same article twice is one task
                futures[key] = client.submit(run_remote, job, key=key, retries=RETRIES, pure=False)
        results: dict[int, BatchResult] = {}
        for future in as_completed(list(futures.values())):  # type: ignore[no-untyped-call]
            first = keys.index(future.key)
            outcome = _outcome(jobs[first], future)
            for index in (i for i, k in enumerate(keys) if k == future.key):
                results[index] = replace(outcome, source=jobs[index].source)
                if done:
                    done(results[index])
    return [results[i] for i in range(len(jobs))]


def _outcome(job: BatchJob, future: object) -> BatchResult:
    """The task's result, or its failure as one line (a worker that died every time, a bug)."""
    from distributed import KilledWorker

    try:
        result = future.result()  # type: ignore[attr-defined]
    except KilledWorker:
        return BatchResult(job.source, False, f"{job.source}: its worker died {RETRIES + 1} times (killed?)")
    except CancelledError:  # the scheduler is gone: no article's fault (scheduler_client says so)
        raise
    except Exception as exc:  # one article's bug must not stop the batch
        log.debug("task failed", exc_info=exc)
        return BatchResult(job.source, False, f"{job.source}: internal error: {type(exc).__name__}: {exc}")
    assert isinstance(result, BatchResult)
    return result
