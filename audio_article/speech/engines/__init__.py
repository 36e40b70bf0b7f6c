"""Speech engines: a registry of `EngineSpec`s, built in and from other packages.

Each engine declares itself once in an `EngineSpec` (see
`speech/engine_spec.py`, outside this package so that the engine modules and
this registry both import it without a cycle): how to describe it cheaply,
how to create it, and what the narrator needs to know (phonemes, its own
process, segments per worker, the pip extra that installs it). The built-in
engines' specs live in their modules, imported on first use, so listing
engines costs nothing heavy. Other packages add
engines through the entry point group `audio_article.engines`, each entry
point naming an `EngineSpec`; one that cannot be loaded, or that reuses a
taken name, is logged and left out (naming it then gives an `EngineError`
saying why), never a crash.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import logging
from collections.abc import Iterable

from audio_article.errors import EngineError
from audio_article.models import EngineInfo, VoiceProfile
from audio_article.speech.engine_spec import Engine, EngineSpec

__all__ = [
    "Engine",
    "EngineSpec",
    "create_engine",
    "describe_engine",
    "engine_names",
    "engine_spec",
    "register_engine",
]

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "audio_article.engines"

# name -> an EngineSpec, or the module whose `SPEC` is imported on first use.
_REGISTRY: dict[str, EngineSpec | str] = {
    "pyttsx3": "audio_article.speech.engines.pyttsx3_engine",
    "fake": "audio_article.speech.engines.fake",
    "piper": "audio_article.speech.engines.piper_engine",
}
_BROKEN: dict[str, str] = {}  # third-party engines that failed to load: name -> why
_discovered = False


def register_engine(spec: EngineSpec | str, module: str | None = None) -> None:
    """Add an engine: an `EngineSpec`, or a name and the module path whose `SPEC` declares it."""
    if isinstance(spec, EngineSpec):
        _REGISTRY[spec.name] = spec
    elif module is not None:
        _REGISTRY[spec] = module
    else:
        raise TypeError("register_engine needs an EngineSpec, or a name and a module path")
    _BROKEN.pop(spec.name if isinstance(spec, EngineSpec) else spec, None)


def engine_names() -> list[str]:
    """Every engine name: built in, registered, and from installed packages."""
    _discover()
    return sorted(_REGISTRY)


def engine_spec(name: str) -> EngineSpec:
    """The spec registered under `name`; an `EngineError` names the known ones."""
    if name not in _REGISTRY:
        _discover()
    if name in _BROKEN:
        raise EngineError(_BROKEN[name])
    try:
        entry = _REGISTRY[name]
    except KeyError:
        raise EngineError(f"unknown engine {name!r} (known: {', '.join(engine_names())})") from None
    if isinstance(entry, EngineSpec):
        return entry
    try:
        spec = importlib.import_module(entry).SPEC
    except (ImportError, AttributeError) as exc:
        raise EngineError(f"engine {name!r} cannot be loaded from {entry} ({exc})") from exc
    if not isinstance(spec, EngineSpec):
        raise EngineError(f"engine {name!r}: {entry}.SPEC is not an EngineSpec")
    _REGISTRY[name] = spec
    return spec


def installed_spec(name: str) -> EngineSpec:
    """The spec, after checking that what the engine imports is installed."""
    spec = engine_spec(name)
    if spec.missing():
        raise EngineError(f"engine {name!r} is not installed ({spec.install_hint()})")
    return spec


def describe_engine(profile: VoiceProfile) -> EngineInfo:
    """What identifies the profile's engine output (no model load): the cache key's part."""
    return installed_spec(profile.engine).describe(profile)


def create_engine(profile: VoiceProfile) -> Engine:
    """Load the profile's engine and voice (heavy: once per worker)."""
    return installed_spec(profile.engine).create(profile)


def _discover() -> None:
    """Register the engines that installed packages declare, once per process."""
    global _discovered
    if _discovered:
        return
    _discovered = True
    try:
        found: Iterable[importlib.metadata.EntryPoint] = importlib.metadata.entry_points(
            group=ENTRY_POINT_GROUP
        )
    except Exception as exc:  # a damaged installed distribution's metadata
        log.warning("cannot read the installed engines' entry points: %s", exc)
        return
    load_entry_points(found)


def load_entry_points(entry_points: Iterable[importlib.metadata.EntryPoint]) -> None:
    """Register each entry point's `EngineSpec`; log (and remember) the broken and the duplicates."""
    for entry in entry_points:
        where = f"entry point {entry.name} = {entry.value}"
        if entry.name in _REGISTRY or entry.name in _BROKEN:
            log.warning("engine %r from %s is ignored: that name is already taken", entry.name, where)
            continue
        try:
            spec = entry.load()
        except Exception as exc:  # a third-party package's import may fail in any way
            reason = f"{type(exc).__name__}: {exc}"
        else:
            if isinstance(spec, EngineSpec) and spec.name == entry.name:
                _REGISTRY[entry.name] = spec
                continue
            reason = (
                f"its spec is named {spec.name!r}"
                if isinstance(spec, EngineSpec)
                else f"it gives a {type(spec).__name__}, not an EngineSpec"
            )
        _BROKEN[entry.name] = f"engine {entry.name!r} ({where}) cannot be used: {reason}"
        log.warning("%s", _BROKEN[entry.name])
