"""Voice profiles: TOML files in `voices/` naming an engine, a voice, a rate and pauses.

A profile is found by path (`--voice my/voice.toml`) or by name in the voice
folders: $AUDIO_ARTICLE_VOICES (colon-separated), ./voices, then the
project's own `voices/`. Unknown keys are errors, so a typo never silently
falls back to a default.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

from audio_article.errors import ConfigError
from audio_article.models import Pauses, VoiceProfile

# The bundled profiles: inside the package when installed from a wheel (the
# top-level voices/ folder is shipped as audio_article/voices), else beside it.
_PACKAGED_VOICES = Path(__file__).resolve().parent / "voices"
PROJECT_VOICES = _PACKAGED_VOICES if _PACKAGED_VOICES.is_dir() else _PACKAGED_VOICES.parent.parent / "voices"
DEFAULT_PROFILE = "default"
_TOP_KEYS = {
    "description",
    "engine",
    "voice",
    "rate_wpm",
    "volume",
    "language",
    "lexicons",
    "heading",
    "pauses",
}


def voice_dirs() -> list[Path]:
    dirs = [Path(p) for p in os.environ.get("AUDIO_ARTICLE_VOICES", "").split(os.pathsep) if p]
    dirs += [Path.cwd() / "voices", PROJECT_VOICES]
    unique: list[Path] = []
    for d in dirs:
        if d.is_dir() and d.resolve() not in unique:
            unique.append(d.resolve())
    return unique


def find_profile(name: str) -> Path:
    candidate = Path(name)
    if candidate.suffix == ".toml" or os.sep in name:
        if candidate.is_file():
            return candidate
        raise ConfigError(f"voice profile {name}: no such file")
    for folder in voice_dirs():
        path = folder / f"{name}.toml"
        if path.is_file():
            return path
    known = ", ".join(sorted(p.stem for p in list_profiles())) or "none"
    raise ConfigError(f"unknown voice profile {name!r} (known: {known})")


def list_profiles() -> list[Path]:
    seen: dict[str, Path] = {}
    for folder in voice_dirs():
        for path in sorted(folder.glob("*.toml")):
            if path.stem not in seen and _is_profile(path):
                seen[path.stem] = path
    return list(seen.values())


def load_profile(name: str = DEFAULT_PROFILE) -> VoiceProfile:
    path = find_profile(name)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"voice profile {path}: {exc}") from exc
    return profile_from_dict(path.stem, data, path.parent)


def profile_from_dict(name: str, data: dict[str, Any], base_dir: Path) -> VoiceProfile:
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise ConfigError(f"voice profile {name}: unknown keys {', '.join(sorted(unknown))}")
    heading = _table(data, "heading", name)
    pauses_data = _table(data, "pauses", name)
    pause_names = {f.name for f in fields(Pauses)}
    if set(pauses_data) - pause_names:
        raise ConfigError(
            f"voice profile {name}: unknown pauses {', '.join(sorted(set(pauses_data) - pause_names))}"
        )
    pauses = Pauses(**{k: _int(v, f"pauses.{k}", name, 0, 10_000) for k, v in pauses_data.items()})
    lexicons = data.get("lexicons", [])
    if not isinstance(lexicons, list) or not all(isinstance(x, str) for x in lexicons):
        raise ConfigError(f"voice profile {name}: lexicons must be a list of file names")
    heading_rate = heading.get("rate_wpm")
    return VoiceProfile(
        name=name,
        engine=_str(data.get("engine", "pyttsx3"), "engine", name),
        voice=_str(data["voice"], "voice", name) if "voice" in data else None,
        rate_wpm=_int(data.get("rate_wpm", 175), "rate_wpm", name, 60, 500),
        heading_rate_wpm=_int(heading_rate, "heading.rate_wpm", name, 60, 500)
        if heading_rate is not None
        else None,
        volume=_float(data.get("volume", 1.0), "volume", name, 0.05, 1.0),
        language=_str(data.get("language", "en"), "language", name),
        description=_str(data.get("description", ""), "description", name),
        lexicons=tuple((base_dir / x).resolve() for x in lexicons),
        pauses=pauses,
    )


def _is_profile(path: Path) -> bool:
    try:
        return "engine" in tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def _table(data: dict[str, Any], key: str, name: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"voice profile {name}: [{key}] must be a table")
    return value


def _str(value: object, key: str, name: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"voice profile {name}: {key} must be a string")
    return value


def _int(value: object, key: str, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(f"voice profile {name}: {key} must be a whole number from {low} to {high}")
    return value


def _float(value: object, key: str, name: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise ConfigError(f"voice profile {name}: {key} must be a number from {low} to {high}")
    return float(value)
