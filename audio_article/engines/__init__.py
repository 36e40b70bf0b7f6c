"""Speech engines behind one small Protocol and a name -> module registry.

An engine module exposes `describe(profile) -> EngineInfo` (cheap: no model
load, used for cache keys in the main process) and `create(profile) ->
Engine` (heavy: imports and loads the voice; called once per worker). Heavy
imports stay inside those functions, so listing engines costs nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType
from typing import Protocol

from audio_article.errors import EngineError
from audio_article.models import AudioChunk, EngineInfo, VoiceProfile


class Engine(Protocol):
    info: EngineInfo
    #: True when the engine understands inline `[[phonemes]]` (lexicon `ipa`).
    accepts_phonemes: bool

    def synthesize(self, text: str, rate_wpm: int | None = None) -> Iterator[AudioChunk]:
        """Yield the audio of `text`; `rate_wpm` overrides the profile rate."""
        ...

    def voices(self) -> list[tuple[str, str]]:
        """(id, description) of the voices this engine offers."""
        ...


_REGISTRY: dict[str, str] = {
    "pyttsx3": "audio_article.engines.pyttsx3_engine",
    "fake": "audio_article.engines.fake",
    "piper": "audio_article.engines.piper_engine",
}


def register_engine(name: str, module: str) -> None:
    """Add an engine by module path (importable in spawned workers too)."""
    _REGISTRY[name] = module


def engine_module(name: str) -> str:
    """The module path behind an engine name (spawned workers re-register it)."""
    _module(name)
    return _REGISTRY[name]


def engine_names() -> list[str]:
    return sorted(_REGISTRY)


def _module(name: str) -> ModuleType:
    try:
        path = _REGISTRY[name]
    except KeyError:
        raise EngineError(f"unknown engine {name!r} (known: {', '.join(engine_names())})") from None
    try:
        return importlib.import_module(path)
    except ImportError as exc:
        raise EngineError(f"engine {name!r} is not installed ({exc})") from exc


def describe_engine(profile: VoiceProfile) -> EngineInfo:
    info: EngineInfo = _module(profile.engine).describe(profile)
    return info


def create_engine(profile: VoiceProfile) -> Engine:
    engine: Engine = _module(profile.engine).create(profile)
    return engine


def engine_accepts_phonemes(name: str) -> bool:
    """Whether lexicon `ipa` entries should be sent as `[[phonemes]]` (no model load)."""
    return bool(getattr(_module(name), "ACCEPTS_PHONEMES", False))


def engine_isolated(name: str) -> bool:
    """Whether the engine must run in a supervised worker process (all but pure-Python test engines)."""
    return bool(getattr(_module(name), "ISOLATE", True))


def segments_per_worker(name: str) -> int:
    """How many segments make a worker process worth its start-up, for this engine."""
    return int(getattr(_module(name), "SEGMENTS_PER_WORKER", 24))
