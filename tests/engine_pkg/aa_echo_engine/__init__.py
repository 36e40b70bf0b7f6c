"""The `echo` engine: tone bursts, one per word, from outside the audio-article package.

It runs in audio-article's supervised worker processes (`isolated=True`),
so the tests see an entry-point engine found again in a spawned process.
`$AA_ECHO_DELAY_S` slows each segment (for kill tests); `$AA_ECHO_LOG`
names a file that gets one line per segment with the worker's pid.
"""

from __future__ import annotations

import os
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from audio_article.models import AudioChunk, EngineInfo, VoiceProfile
from audio_article.speech.engines import EngineSpec

SAMPLE_RATE_HZ = 16000


def describe(profile: VoiceProfile) -> EngineInfo:
    return EngineInfo("echo", "1.0.0", profile.voice or "hum", SAMPLE_RATE_HZ)


def create(profile: VoiceProfile) -> EchoEngine:
    import numpy  # the heavy import happens here, not when the spec is read

    return EchoEngine(profile, numpy)


class EchoEngine:
    def __init__(self, profile: VoiceProfile, np: Any) -> None:
        self.info = describe(profile)
        self._profile = profile
        self._np = np

    def voices(self) -> list[tuple[str, str]]:
        return [("hum", "a hum per word")]

    def synthesize(self, text: str, rate_wpm: int | None = None) -> Iterator[AudioChunk]:
        np = self._np
        time.sleep(float(os.environ.get("AA_ECHO_DELAY_S", "0")))
        log = os.environ.get("AA_ECHO_LOG")
        if log:
            with Path(log).open("a", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()} {text}\n")
        word_samples = int(SAMPLE_RATE_HZ * 60 / (rate_wpm or self._profile.rate_wpm) * 0.8)
        envelope = np.sin(np.pi * np.arange(word_samples) / word_samples)
        t = np.arange(word_samples) / SAMPLE_RATE_HZ
        gap = np.zeros(word_samples // 4)
        for word in text.split():
            pitch = 140 + zlib.crc32(word.encode()) % 90
            burst = 0.3 * envelope * np.sin(2 * np.pi * pitch * t)
            pcm = (np.concatenate([burst, gap]) * 32767).astype("<i2").tobytes()
            yield AudioChunk(SAMPLE_RATE_HZ, pcm)


SPEC = EngineSpec(
    name="echo",
    create=create,
    describe=describe,
    summary="a hum per word (test engine from an entry point)",
    isolated=True,
    segments_per_worker=4,
)
