"""Narration worker processes, supervised: a crashed or hung engine costs one segment's retry, not the build.

Engines run in spawned processes (never forked: pyttsx3 hangs in a forked
child), one segment at a time each. The parent gives every segment a
deadline; a worker that misses it is killed, one that dies is noticed by its
sentinel, and in both cases the segment goes to a fresh worker, up to
ATTEMPTS times, after which the build fails with an error naming the
segment. Engine errors (bad audio after retries) come back as messages.

This module imports nothing heavy, so a build can start its workers before
it imports the audio stack; the spawn then overlaps those imports.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import math
import multiprocessing
import multiprocessing.connection
import os
import pickle
import re
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing import resource_tracker
from pathlib import Path
from typing import Any

from audio_article import interrupt
from audio_article.cache import BuildCache
from audio_article.errors import AudioArticleError, EngineError, NarrationError
from audio_article.lifeline import die_with_parent
from audio_article.models import VoiceProfile
from audio_article.speech.engines import EngineSpec, engine_spec
from audio_article.speech.plan import ATTEMPTS, NarrationJob

SIGNAL_ATTEMPTS = 6  # tries for a segment whose engine process a signal killed (a crash in C)

log = logging.getLogger(__name__)

STARTUP_TIMEOUT_S = 120.0  # loading a neural voice on a busy machine can take a while
_KILL_GRACE_S = 2.0
_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def segment_timeout_s(job: NarrationJob) -> float:
    """How long one segment may take: generous, since raw engines run 10-800x real time."""
    explicit = os.environ.get("AUDIO_ARTICLE_SEGMENT_TIMEOUT")
    if explicit:
        return float(explicit)
    return 30.0 + 1.0 * len(re.findall(r"\w+", job.text))


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Any
    started_s: float
    ready: bool = False
    job: NarrationJob | None = None
    deadline_s: float = math.inf


class NarrationPool:
    """Supervised worker processes for one profile; start it early, `run` jobs, then `close`."""

    def __init__(self, profile: VoiceProfile, cache_root: Path, workers: int) -> None:
        self._context = multiprocessing.get_context("spawn")
        self._profile = profile
        self._root = cache_root
        self._startup_failures = 0
        self._engine = _portable(engine_spec(profile.engine))
        self._workers = [self._spawn() for _ in range(max(1, workers))]

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main,
            args=(child, self._profile, self._root, self._engine, os.getpid()),
            daemon=True,
            name="audio-article-narrator",
        )
        # The child starts with SIGINT and SIGTERM blocked (the mask survives exec): a Ctrl-C
        # while it is still importing must not print its traceback. It ignores SIGINT (the
        # parent's to handle) before unblocking them; a stop signal to the parent kills it.
        # The resource tracker is started first: starting it unblocks those signals.
        resource_tracker.ensure_running()
        # A stop signal is raised here only once the child is started and registered (so killed).
        with interrupt.deferred():
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
            try:
                process.start()
                interrupt.track(process)
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        child.close()
        return _Worker(process, parent, time.monotonic())

    def run(self, jobs: Sequence[NarrationJob]) -> Iterator[tuple[int, int, int]]:
        """Yield (segment index, sample_rate_hz, num_samples) as segments finish, in any order."""
        queue = deque(jobs)
        attempts: dict[int, int] = {}
        remaining = len(jobs)
        while remaining:
            interrupt.check()  # workers killed by a stop signal are not to be replaced
            now = time.monotonic()
            for worker in self._workers:
                if worker.ready and worker.job is None and queue:
                    job = queue.popleft()
                    worker.job, worker.deadline_s = job, now + segment_timeout_s(job)
                    worker.conn.send(job)
            deadlines = [w.deadline_s if w.ready else w.started_s + STARTUP_TIMEOUT_S for w in self._workers]
            wait_s = max(0.0, min(deadlines) - now)
            handles = [h for w in self._workers for h in (w.conn, w.process.sentinel)]
            multiprocessing.connection.wait(handles, timeout=min(wait_s, 5.0))
            now = time.monotonic()
            for i, worker in enumerate(self._workers):
                message = _receive(worker)
                if message is None:
                    self._check_silent(i, now, queue, attempts)
                    continue
                kind = message[0]
                if kind == "ready":
                    worker.ready = True
                elif kind == "ok":
                    worker.job = None
                    worker.deadline_s = math.inf
                    remaining -= 1
                    yield message[1]
                elif kind == "error":
                    raise NarrationError(message[1])
                else:  # "fatal": the engine cannot start at all
                    raise EngineError(message[1])

    def _check_silent(self, i: int, now: float, queue: deque[NarrationJob], attempts: dict[int, int]) -> None:
        """A worker that said nothing: dead, hung past its deadline, or simply still busy."""
        worker = self._workers[i]
        if not worker.process.is_alive():
            code = worker.process.exitcode
            # Killed by a signal: espeak-ng segfaults now and then in some voices (Spanish: about one
            # build in eight), the next process usually not; such deaths get more tries.
            tries = SIGNAL_ATTEMPTS if code is not None and code < 0 else ATTEMPTS
            self._replace(i, queue, attempts, f"the engine process died (exit status {code})", tries)
        elif worker.job and now > worker.deadline_s:
            limit = segment_timeout_s(worker.job)
            self._replace(i, queue, attempts, f"no audio within {limit:.0f} s (engine hung?)")
        elif not worker.ready and now > worker.started_s + STARTUP_TIMEOUT_S:
            raise EngineError(f"the {self._profile.engine} engine did not start in {STARTUP_TIMEOUT_S:.0f} s")

    def _replace(
        self, i: int, queue: deque[NarrationJob], attempts: dict[int, int], reason: str, tries: int = ATTEMPTS
    ) -> None:
        worker = self._workers[i]
        _stop(worker)
        job = worker.job
        if job is None:
            self._startup_failures += 1
            if self._startup_failures >= ATTEMPTS:
                raise EngineError(f"the {self._profile.engine} engine could not start: {reason}")
        else:
            attempts[job.index] = attempts.get(job.index, 0) + 1
            log.info("segment %d: %s (attempt %d/%d)", job.index, reason, attempts[job.index], tries)
            if attempts[job.index] >= tries:
                raise NarrationError(
                    f"segment {job.index} ({job.preview()!r}) failed after {tries} tries: {reason}"
                )
            queue.appendleft(job)
        self._workers[i] = self._spawn()

    def reusable(self, profile: VoiceProfile, cache_root: Path, workers: int) -> bool:
        """Whether this pool can serve another build of `profile`: every worker alive, idle and enough."""
        return (
            self._profile == profile
            and self._root == cache_root
            and len(self._workers) >= max(1, workers)
            and all(w.job is None and w.process.is_alive() for w in self._workers)
        )

    def grow(self, workers: int) -> None:
        """Start more workers, up to `workers` in all (a pool started before the work was known)."""
        while len(self._workers) < workers:  # one at a time: a failed spawn leaves the started ones stoppable
            self._workers.append(self._spawn())

    def discard(self) -> None:
        """Stop the workers now, started or not (a pool started for work that did not come)."""
        for worker in self._workers:
            _stop(worker)
        self._workers = []

    def close(self) -> None:
        for worker in self._workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + _KILL_GRACE_S
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            _stop(worker)


# A long-lived process that builds article after article (a Dask worker, a batch's build process)
# keeps one pool between builds, so an engine (Piper's ONNX model) loads once per process, not per
# article. One build at a time uses it; a concurrent build (a worker with several threads) gets its own.
_kept: list[NarrationPool] = []
_kept_lock = threading.Lock()
_keeping = threading.Event()


def keeping_pools() -> bool:
    """Whether this process keeps its narration pool between builds (`keep_pools`)."""
    return _keeping.is_set()


def keep_pools() -> None:
    """From now on, keep this process's narration pool alive between builds (closed at exit)."""
    if not _keeping.is_set():
        _keeping.set()
        atexit.register(_close_kept)


@contextlib.contextmanager
def build_pool(profile: VoiceProfile, cache_root: Path, workers: int) -> Iterator[NarrationPool]:
    """A started pool for one build: the process's kept one when `keep_pools` was called, else its own."""
    if not _keeping.is_set() or not _kept_lock.acquire(blocking=False):
        pool = NarrationPool(profile, cache_root, workers)
        try:
            yield pool
        finally:
            pool.close()
        return
    try:
        if _kept and not _kept[0].reusable(profile, cache_root, workers):
            _kept.pop().close()  # another voice, or a worker died between builds: start afresh
        if not _kept:
            _kept.append(NarrationPool(profile, cache_root, workers))
        else:
            log.debug("narration: reusing this process's %s workers", profile.engine)
        try:
            yield _kept[0]
        except BaseException:  # a failed or interrupted run may leave a segment in flight
            if _kept:
                _kept.pop().close()
            raise
    finally:
        _kept_lock.release()


def _close_kept() -> None:
    while _kept:
        _kept.pop().close()


def _receive(worker: _Worker) -> tuple[Any, ...] | None:
    try:
        if worker.conn.poll():
            message: tuple[Any, ...] = worker.conn.recv()
            return message
    except (EOFError, OSError):
        pass
    return None


def _stop(worker: _Worker) -> None:
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join(_KILL_GRACE_S)
    interrupt.untrack(worker.process)
    worker.conn.close()


def _portable(spec: EngineSpec) -> EngineSpec | str:
    """The spec itself for a spawned worker (so engines registered at run time work there), or
    its name when it cannot be pickled (the worker then finds it again, e.g. by entry point)."""
    try:
        pickle.dumps(spec)
    except (pickle.PicklingError, AttributeError, TypeError):
        return spec.name
    return spec


def _worker_main(
    conn: Any, profile: VoiceProfile, cache_root: Path, engine_ref: EngineSpec | str, parent_pid: int
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)  # blocked by the parent for the start-up
    die_with_parent(parent_pid)
    from audio_article.speech.engines import create_engine, register_engine
    from audio_article.speech.render import render_job

    try:
        if isinstance(engine_ref, EngineSpec):
            register_engine(engine_ref)
        engine = create_engine(profile)
    except AudioArticleError as exc:
        conn.send(("fatal", str(exc)))
        return
    except Exception as exc:  # an engine that cannot start must say why, in one line
        conn.send(("fatal", f"cannot start the {profile.engine} engine: {type(exc).__name__}: {exc}"))
        return
    conn.send(("ready",))
    cache = BuildCache(cache_root)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            conn.send(("ok", render_job(engine, job, cache)))
        except AudioArticleError as exc:
            conn.send(("error", str(exc)))
