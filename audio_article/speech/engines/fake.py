"""A fast, deterministic test engine: a hum shaped like speech, no TTS.

Each word becomes a short tone burst, so durations follow the word count
and rate like a real voice, loudness measurement has something to measure,
and unit tests run in milliseconds. `voice = "silent"` returns silence, which
the narrator must reject.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import numpy as np

from audio_article.models import AudioChunk, EngineInfo, VoiceProfile
from audio_article.speech.engine_spec import EngineSpec

SAMPLE_RATE_HZ = 22050


def describe(profile: VoiceProfile) -> EngineInfo:
    """The fake engine's identity: its voice is `tone` or `silent`."""
    return EngineInfo("fake", "1", profile.voice or "tone", SAMPLE_RATE_HZ)


def create(profile: VoiceProfile) -> FakeEngine:
    """A tone-burst engine for `profile`."""
    return FakeEngine(profile)


class FakeEngine:
    """Tone bursts, one per word."""

    def __init__(self, profile: VoiceProfile) -> None:
        self.info = describe(profile)
        self._profile = profile

    def voices(self) -> list[tuple[str, str]]:
        return [("tone", "tone bursts, one per word"), ("silent", "silence (for failure tests)")]

    def synthesize(self, text: str, rate_wpm: int | None = None) -> Iterator[AudioChunk]:
        rate = rate_wpm or self._profile.rate_wpm
        words = text.split()
        word_samples = int(SAMPLE_RATE_HZ * 60 / rate * 0.8)
        gap = np.zeros(int(SAMPLE_RATE_HZ * 60 / rate * 0.2), dtype=np.float32)
        t = np.arange(word_samples, dtype=np.float32) / SAMPLE_RATE_HZ
        envelope = np.sin(np.pi * np.arange(word_samples) / word_samples).astype(np.float32)
        for word in words:
            if self.info.voice == "silent":
                burst = np.zeros(word_samples, dtype=np.float32)
            else:
                pitch = 110 + zlib.crc32(word.encode()) % 120
                burst = 0.3 * envelope * np.sin(2 * np.pi * pitch * t)
            pcm = (np.concatenate([burst, gap]) * 32767).astype("<i2").tobytes()
            yield AudioChunk(SAMPLE_RATE_HZ, pcm)


SPEC = EngineSpec(
    name="fake",
    create=create,
    describe=describe,
    summary="tone bursts shaped like speech, for tests (no TTS)",
    isolated=False,  # pure numpy: cannot crash or hang, so tests run it in-process
)
