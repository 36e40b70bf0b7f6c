"""Narrate stage: `Script` -> one verified, cached WAV per segment.

Every segment the engine returns is checked against its word count and rate
(an empty, silent or truncated segment is retried, then reported by number
and text; see `render`). Segments already in the cache are reused
untouched: the caller's `NarrationPlan` says which, so nothing is looked up
twice. Work that remains goes to supervised worker processes
(`workers.NarrationPool`: a crashed or hung engine is retried on a fresh
process, then reported), each loading its engine once; only the pure-Python
fake engine runs in-process.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from audio_article.cache import BuildCache
from audio_article.models import Progress, RenderedSegment, Script, VoiceProfile
from audio_article.speech.engines import create_engine
from audio_article.speech.plan import NarrationPlan, plan_narration
from audio_article.speech.render import render_job
from audio_article.speech.workers import NarrationPool

log = logging.getLogger(__name__)


def narrate(
    script: Script,
    profile: VoiceProfile,
    cache: BuildCache,
    jobs: int = 0,
    progress: Progress | None = None,
    pool: NarrationPool | None = None,
    plan: NarrationPlan | None = None,
    on_segment: Callable[[RenderedSegment], None] | None = None,
) -> tuple[RenderedSegment, ...]:
    """Render every segment of `script`; `jobs` 0 means one worker per CPU.

    `plan` is the caller's look-up of the cache (made here when None); `pool`
    a NarrationPool it started early (its spawn then overlaps other work).
    Without one, this starts and closes its own when the plan needs workers.
    `on_segment` is told of each segment as it is ready (cache hits first),
    so later stages can start on the opening pieces while narration goes on.
    """
    if plan is None:
        plan = plan_narration(script, profile, cache, jobs)
    by_index = {seg.index: seg for seg in script.segments}
    rendered = {
        i: RenderedSegment(by_index[i], path, rate, frames, reused=True)
        for i, (path, rate, frames) in plan.hits.items()
    }
    total = len(script.segments)
    done = len(rendered)
    if progress:
        progress(done, total)
    if on_segment:
        for index in sorted(rendered):
            on_segment(rendered[index])
    log.info("narrating %d segments (%d reused from the cache) with %s", len(plan.todo), done, profile.engine)
    key_by_index = {job.index: job.key for job in plan.todo}
    for index, rate_hz, frames in _run(plan, profile, cache, pool):
        path = cache.path(key_by_index[index])
        rendered[index] = RenderedSegment(by_index[index], path, rate_hz, frames, reused=False)
        if on_segment:
            on_segment(rendered[index])
        done += 1
        if progress:
            progress(done, total)
    return tuple(rendered[i] for i in sorted(rendered))


def _run(
    plan: NarrationPlan, profile: VoiceProfile, cache: BuildCache, pool: NarrationPool | None
) -> Iterator[tuple[int, int, int]]:
    """Yield (segment index, sample_rate_hz, num_samples) as segments finish."""
    if not plan.todo:
        return
    if pool is not None:
        yield from pool.run(plan.todo)
        return
    if plan.workers == 0:
        engine = create_engine(profile)
        for job in plan.todo:
            yield render_job(engine, job, cache)
        return
    own = NarrationPool(profile, cache.root, plan.workers)
    try:
        yield from own.run(plan.todo)
    finally:
        own.close()
