"""Narrate stage: `Script` -> one verified, cached WAV per segment.

Every segment the engine returns is checked against its word count and rate
(an empty, silent or truncated segment is retried, then reported by number
and text). Segments already in the cache are reused untouched. Work that
remains is spread over spawned worker processes (never forked: pyttsx3 hangs
in a forked child), each loading its engine once.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from audio_article.cache import SegmentCache
from audio_article.engines import Engine, create_engine, describe_engine, segments_per_worker
from audio_article.errors import AudioArticleError, EngineError, NarrationError
from audio_article.models import RenderedSegment, Script, VoiceProfile

log = logging.getLogger(__name__)

ATTEMPTS = 3
SILENCE_THRESHOLD = 200  # int16 amplitude (about -44 dBFS) below which audio counts as silence
EDGE_MARGIN_MS = (15, 40)  # silence kept before and after the speech when trimming
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class _Job:
    index: int
    text: str
    rate_wpm: int
    key: str


def narrate(
    script: Script,
    profile: VoiceProfile,
    cache: SegmentCache,
    jobs: int = 0,
    progress: Progress | None = None,
) -> tuple[RenderedSegment, ...]:
    """Render every segment of `script`; `jobs` 0 means one worker per CPU."""
    info = describe_engine(profile)
    rendered: dict[int, RenderedSegment] = {}
    todo: list[_Job] = []
    for seg in script.segments:
        rate = seg.rate_wpm or profile.rate_wpm
        key = cache.key(info, seg.spoken, rate, profile.volume)
        hit = cache.lookup(key)
        if hit:
            rendered[seg.index] = RenderedSegment(seg, hit[0], hit[1], hit[2], reused=True)
        else:
            todo.append(_Job(seg.index, seg.spoken, rate, key))
    total = len(script.segments)
    done = len(rendered)
    if progress:
        progress(done, total)
    log.info("narrating %d segments (%d reused from the cache) with %s", len(todo), done, info.name)

    workers = min(jobs or os.cpu_count() or 1, max(1, len(todo) // segments_per_worker(profile.engine)))
    by_index = {seg.index: seg for seg in script.segments}
    key_by_index = {job.index: job.key for job in todo}
    for index, rate_hz, frames in _run(todo, profile, cache, workers):
        path = cache.path(key_by_index[index])
        rendered[index] = RenderedSegment(by_index[index], path, rate_hz, frames, reused=False)
        done += 1
        if progress:
            progress(done, total)
    return tuple(rendered[i] for i in sorted(rendered))


def _run(
    todo: list[_Job], profile: VoiceProfile, cache: SegmentCache, workers: int
) -> Iterator[tuple[int, int, int]]:
    """Yield (segment index, sample_rate_hz, num_samples) as segments finish."""
    if not todo:
        return
    if workers <= 1:
        engine = create_engine(profile)
        for job in todo:
            yield render_job(engine, job, cache)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_worker_init, initargs=(profile,)
    ) as pool:
        futures: list[Future[tuple[int, int, int]]] = [
            pool.submit(_worker_render, job, cache.root) for job in todo
        ]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BrokenProcessPool as exc:
            raise NarrationError("a narration worker died (out of memory or killed?)") from exc
        finally:
            for future in futures:
                future.cancel()


_WORKER_ENGINE: Engine | None = None


def _worker_init(profile: VoiceProfile) -> None:
    global _WORKER_ENGINE
    _WORKER_ENGINE = create_engine(profile)


def _worker_render(job: _Job, cache_root: Path) -> tuple[int, int, int]:
    assert _WORKER_ENGINE is not None
    return render_job(_WORKER_ENGINE, job, SegmentCache(cache_root))


def render_job(engine: Engine, job: _Job, cache: SegmentCache) -> tuple[int, int, int]:
    """Synthesize, verify (retrying), trim and store one segment."""
    reason = ""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            chunks = list(engine.synthesize(job.text, job.rate_wpm))
        except AudioArticleError as exc:
            reason = str(exc)
        except Exception as exc:  # an engine bug must not lose the whole build
            reason = f"{type(exc).__name__}: {exc}"
        else:
            rates = {c.sample_rate_hz for c in chunks}
            if len(rates) > 1:
                raise EngineError(f"engine returned mixed sample rates {sorted(rates)}")
            rate_hz = rates.pop() if rates else 0
            samples = np.frombuffer(b"".join(c.pcm for c in chunks), dtype="<i2")
            problem = check_segment(samples, rate_hz, job.text, job.rate_wpm)
            if problem is None:
                trimmed = trim_silence(samples, rate_hz)
                cache.store(job.key, trimmed.tobytes(), rate_hz)
                return job.index, rate_hz, len(trimmed)
            reason = problem
        log.info("segment %d attempt %d/%d: %s", job.index, attempt, ATTEMPTS, reason)
    preview = job.text if len(job.text) <= 60 else job.text[:57] + "..."
    raise NarrationError(f"segment {job.index} ({preview!r}) failed after {ATTEMPTS} tries: {reason}")


def check_segment(samples: np.ndarray, sample_rate_hz: int, text: str, rate_wpm: int) -> str | None:
    """Why this audio cannot be the narration of `text`, or None when it can."""
    if sample_rate_hz <= 0 or len(samples) == 0:
        return "the engine returned no audio"
    words = max(1, len(re.findall(r"\w+", text)))
    expected_s = words * 60.0 / rate_wpm
    actual_s = len(samples) / sample_rate_hz
    magnitude = np.abs(samples.astype(np.int32))
    if int(magnitude.max()) < SILENCE_THRESHOLD:
        return f"the engine returned {actual_s:.2f} s of silence"
    voiced_s = float(np.count_nonzero(magnitude >= SILENCE_THRESHOLD)) / sample_rate_hz
    if actual_s < 0.3 * expected_s or voiced_s < 0.15 * expected_s:
        return f"audio too short: {actual_s:.2f} s for {words} words (expected about {expected_s:.1f} s)"
    if actual_s > 6 * expected_s + 5:
        return f"audio too long: {actual_s:.1f} s for {words} words (expected about {expected_s:.1f} s)"
    return None


def trim_silence(samples: np.ndarray, sample_rate_hz: int) -> np.ndarray:
    """Cut leading and trailing silence down to a small margin; pauses are placed by the assembler."""
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) >= SILENCE_THRESHOLD)
    if len(loud) == 0:
        return samples
    before = sample_rate_hz * EDGE_MARGIN_MS[0] // 1000
    after = sample_rate_hz * EDGE_MARGIN_MS[1] // 1000
    start = max(0, int(loud[0]) - before)
    end = min(len(samples), int(loud[-1]) + 1 + after)
    return samples[start:end]
