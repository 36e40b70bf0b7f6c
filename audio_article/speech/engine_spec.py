"""What an engine is, declared once: the `Engine` protocol and the `EngineSpec` record.

This module imports nothing heavy, so an engine module (built in or a
third-party package) can define its `EngineSpec` at import time for the
price of a few function objects; the engine's own heavy imports (a TTS
library, a neural model runtime) belong inside its `create`.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from audio_article.models import AudioChunk, Dialect, EngineInfo, VoiceProfile


class Engine(Protocol):
    """A loaded voice: turns text into 16-bit mono PCM."""

    info: EngineInfo

    def synthesize(self, text: str, rate_wpm: int | None = None) -> Iterator[AudioChunk]:
        """Yield the audio of `text`; `rate_wpm` overrides the profile rate."""
        ...

    def voices(self) -> list[tuple[str, str]]:
        """(id, description) of the voices this engine offers."""
        ...


@dataclass(frozen=True)
class EngineSpec:
    """One engine's declaration, held by the registry in `audio_article.speech.engines` (which re-exports it).

    `describe` must be cheap (no model load: it keys the cache in the main
    process); `create` loads the voice, once per narration worker; `dialect` tells the
    normalizer what the engine says best. With
    `isolated`, narration runs in supervised worker processes (an engine in C
    can crash or hang); `segments_per_worker` is how many segments make one
    more worker worth its start-up. `requires` names the modules the engine
    imports, so a missing optional extra (`extra`, as in
    `pip install 'audio-article[EXTRA]'`) is reported without importing them.
    Specs travel to spawned workers by pickle: `create` and `describe` must be
    module-level functions.
    """

    name: str
    create: Callable[[VoiceProfile], Engine]
    describe: Callable[[VoiceProfile], EngineInfo]
    summary: str
    dialect: Dialect = field(default_factory=Dialect)  # the spoken forms and phonemes it reads best
    isolated: bool = True
    segments_per_worker: int = 24
    extra: str | None = None
    requires: tuple[str, ...] = ()

    def missing(self) -> list[str]:
        """The required modules that cannot be imported here (nothing is imported to find out)."""
        absent = []
        for module in self.requires:
            try:
                found = importlib.util.find_spec(module) is not None
            except (ImportError, ValueError):
                found = False
            if not found:
                absent.append(module)
        return absent

    def install_hint(self) -> str:
        """How to install what `missing()` reports, for messages."""
        if self.extra:
            return f"pip install 'audio-article[{self.extra}]'"
        return "missing " + ", ".join(self.missing())
