"""Narrate stage: `Script` -> one verified, cached WAV per segment.

Every segment the engine returns is checked against its word count and rate
(an empty, silent or truncated segment is retried, then reported by number
and text). Segments already in the cache are reused untouched. Work that
remains goes to supervised worker processes (`workers.NarrationPool`: a
crashed or hung engine is retried on a fresh process, then reported), each
loading its engine once; only the pure-Python fake engine runs in-process.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator

import numpy as np

from audio_article.cache import SegmentCache
from audio_article.errors import AudioArticleError, EngineError, NarrationError
from audio_article.models import RenderedSegment, Script, VoiceProfile
from audio_article.speech.engines import Engine, create_engine
from audio_article.speech.workers import ATTEMPTS, NarrationJob, NarrationPool, plan_jobs, worker_count

log = logging.getLogger(__name__)

SILENCE_THRESHOLD = 200  # int16 amplitude (about -44 dBFS) below which audio counts as silence
EDGE_MARGIN_MS = (15, 40)  # silence kept before and after the speech when trimming
Progress = Callable[[int, int], None]


def narrate(
    script: Script,
    profile: VoiceProfile,
    cache: SegmentCache,
    jobs: int = 0,
    progress: Progress | None = None,
    pool: NarrationPool | None = None,
) -> tuple[RenderedSegment, ...]:
    """Render every segment of `script`; `jobs` 0 means one worker per CPU.

    `pool` is a NarrationPool the caller started early (its spawn then overlaps
    other work); without one, this starts and closes its own when needed.
    """
    hits, todo = plan_jobs(script, profile, cache)
    by_index = {seg.index: seg for seg in script.segments}
    rendered = {
        i: RenderedSegment(by_index[i], path, rate, frames, reused=True)
        for i, (path, rate, frames) in hits.items()
    }
    total = len(script.segments)
    done = len(rendered)
    if progress:
        progress(done, total)
    log.info("narrating %d segments (%d reused from the cache) with %s", len(todo), done, profile.engine)
    key_by_index = {job.index: job.key for job in todo}
    for index, rate_hz, frames in _run(todo, profile, cache, jobs, pool):
        path = cache.path(key_by_index[index])
        rendered[index] = RenderedSegment(by_index[index], path, rate_hz, frames, reused=False)
        done += 1
        if progress:
            progress(done, total)
    return tuple(rendered[i] for i in sorted(rendered))


def _run(
    todo: list[NarrationJob],
    profile: VoiceProfile,
    cache: SegmentCache,
    jobs: int,
    pool: NarrationPool | None,
) -> Iterator[tuple[int, int, int]]:
    """Yield (segment index, sample_rate_hz, num_samples) as segments finish."""
    if not todo:
        return
    if pool is not None:
        yield from pool.run(todo)
        return
    workers = worker_count(profile, len(todo), jobs)
    if workers == 0:
        engine = create_engine(profile)
        for job in todo:
            yield render_job(engine, job, cache)
        return
    own = NarrationPool(profile, cache.root, workers)
    try:
        yield from own.run(todo)
    finally:
        own.close()


def render_job(engine: Engine, job: NarrationJob, cache: SegmentCache) -> tuple[int, int, int]:
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
    raise NarrationError(f"segment {job.index} ({job.preview()!r}) failed after {ATTEMPTS} tries: {reason}")


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
