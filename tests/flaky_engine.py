"""Test engines importable by spawned workers: faults on demand."""

from __future__ import annotations

import os
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

from audio_article.models import AudioChunk, EngineInfo, VoiceProfile
from audio_article.speech.engines import EngineSpec, fake


def describe(profile: VoiceProfile) -> EngineInfo:
    return EngineInfo("flaky", "1", profile.voice or "tone", fake.SAMPLE_RATE_HZ)


def create(profile: VoiceProfile) -> FlakyEngine:
    return FlakyEngine(profile)


class FlakyEngine(fake.FakeEngine):
    """Returns empty audio for the first N calls on each text (N from $FLAKY_FAILS), then real audio."""

    def __init__(self, profile: VoiceProfile) -> None:
        super().__init__(profile)
        self.info = describe(profile)
        self._calls: dict[str, int] = {}

    def synthesize(self, text: str, rate_wpm: int | None = None) -> Iterator[AudioChunk]:
        _fault(text)
        self._calls[text] = self._calls.get(text, 0) + 1
        log = os.environ.get("FLAKY_LOG")
        if log:
            with Path(log).open("a") as handle:
                handle.write(text + "\n")
        if self._calls[text] <= int(os.environ.get("FLAKY_FAILS", "1")):
            yield AudioChunk(fake.SAMPLE_RATE_HZ, b"")
            return
        yield from super().synthesize(text, rate_wpm)


def _fault(text: str) -> None:
    """Crash or hang on texts containing CRASH or HANG; with $FLAKY_STATE, only the first time per text.

    The state lives in files because every fault costs the worker process its life.
    """
    if "CRASH" not in text and "HANG" not in text:
        return
    state = os.environ.get("FLAKY_STATE")
    if state:
        marker = Path(state) / f"{zlib.crc32(text.encode())}.seen"
        if marker.exists():
            return
        marker.touch()
    if "CRASH" in text:
        os._exit(3)  # like a segfault in the engine's C library: no exception, no cleanup
    time.sleep(3600)


SPEC = EngineSpec(
    name="flaky",
    create=create,
    describe=describe,
    summary="fails, crashes or hangs on demand (fault tests)",
)
