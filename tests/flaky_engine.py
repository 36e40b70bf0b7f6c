"""Test engines importable by spawned workers: faults on demand."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from audio_article.engines import fake
from audio_article.models import AudioChunk, EngineInfo, VoiceProfile


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
        self._calls[text] = self._calls.get(text, 0) + 1
        log = os.environ.get("FLAKY_LOG")
        if log:
            with Path(log).open("a") as handle:
                handle.write(text + "\n")
        if self._calls[text] <= int(os.environ.get("FLAKY_FAILS", "1")):
            yield AudioChunk(fake.SAMPLE_RATE_HZ, b"")
            return
        yield from super().synthesize(text, rate_wpm)
