"""What a narration has to do: which segments the cache holds, which remain, and how many workers.

Planned once per build (`plan_narration`), before the workers start, and
passed to `narrate` so no segment is looked up twice. This module imports
nothing heavy: the build plans and starts its workers before it imports the
audio stack.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from audio_article.cache import BuildCache
from audio_article.models import Script, VoiceProfile
from audio_article.speech.engines import describe_engine, engine_spec

ATTEMPTS = 3  # tries per segment (bad audio, a crashed or hung engine) before the build fails


@dataclass(frozen=True)
class NarrationJob:
    """One segment still to narrate: its text and rate, and the cache key its audio goes under."""

    index: int
    text: str
    rate_wpm: int
    key: str

    def preview(self) -> str:
        """The text, shortened for messages."""
        return self.text if len(self.text) <= 60 else self.text[:57] + "..."


@dataclass(frozen=True)
class NarrationPlan:
    """The cache's answer for every segment, looked up once, and the workers worth starting."""

    hits: Mapping[int, tuple[Path, int, int]]  # segment index -> (path, sample_rate_hz, num_samples)
    todo: tuple[NarrationJob, ...]
    workers: int  # 0: narrate in this process (an in-process engine, or nothing to do)


def plan_narration(script: Script, profile: VoiceProfile, cache: BuildCache, jobs: int) -> NarrationPlan:
    """Split the script into cache hits and jobs; `jobs` 0 means up to one worker per CPU."""
    info = describe_engine(profile)
    hits: dict[int, tuple[Path, int, int]] = {}
    todo: list[NarrationJob] = []
    for seg in script.segments:
        rate = seg.rate_wpm or profile.rate_wpm
        key = cache.key(info, seg.spoken, rate, profile.volume)
        hit = cache.lookup(key)
        if hit:
            hits[seg.index] = hit
        else:
            todo.append(NarrationJob(seg.index, seg.spoken, rate, key))
    return NarrationPlan(hits, tuple(todo), worker_count(profile, len(todo), jobs))


def worker_count(profile: VoiceProfile, todo: int, jobs: int) -> int:
    """Workers worth starting for `todo` segments; 0 runs an in-process engine (the fake one) in-process."""
    if not todo:
        return 0
    spec = engine_spec(profile.engine)
    wanted = min(jobs or os.cpu_count() or 1, max(1, todo // spec.segments_per_worker))
    return wanted if spec.isolated else (0 if wanted == 1 else wanted)
