"""One segment's narration: synthesize, verify (retrying), trim and store it in the cache.

Used in-process by `narrate` (the fake engine) and in every worker process
(`workers`); it depends on neither, so they need not import each other.
"""

from __future__ import annotations

import logging
import re

import numpy as np

from audio_article.cache import BuildCache
from audio_article.errors import AudioArticleError, EngineError, NarrationError
from audio_article.script.voice_switch import split_voice
from audio_article.speech.engines import Engine
from audio_article.speech.plan import ATTEMPTS, NarrationJob

log = logging.getLogger(__name__)

SILENCE_THRESHOLD = 200  # int16 amplitude (about -44 dBFS) below which audio counts as silence
EDGE_MARGIN_MS = (15, 40)  # silence kept before and after the speech when trimming


def render_job(engine: Engine, job: NarrationJob, cache: BuildCache) -> tuple[int, int, int]:
    """Synthesize, verify (retrying), trim and store one segment: (index, sample_rate_hz, num_samples)."""
    reason = ""
    language, text = split_voice(job.text)  # a passage in another language: that language's voice
    switch = getattr(engine, "use_language", None)  # engines with one voice read it in theirs
    for attempt in range(1, ATTEMPTS + 1):
        try:
            if switch is not None:
                switch(language)
            chunks = list(engine.synthesize(text, job.rate_wpm))
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
            problem = check_segment(samples, rate_hz, text, job.rate_wpm)
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
