"""Voice profiles: TOML files in `voices/` naming an engine, a voice, a rate and pauses.

A profile is found by path (`--voice my/voice.toml`) or by name in the voice
folders: $AUDIO_ARTICLE_VOICES (colon-separated), ./voices, then the
project's own `voices/`. Every key is described once, in `PROFILE_SCHEMA`
(defaults from `models.VoiceProfile` and `models.Pauses`); the loader, its
errors and the table in `voices/README.md` come from it. Unknown keys are
errors, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

from audio_article.errors import ConfigError
from audio_article.models import Pauses, VoiceProfile
from audio_article.schema import Schema, Setting, language_tag, read_toml, validate

# The bundled profiles: inside the package when installed from a wheel (the
# top-level voices/ folder is shipped as audio_article/voices), else beside it.
_PACKAGED_VOICES = Path(__file__).resolve().parents[1] / "voices"
PROJECT_VOICES = _PACKAGED_VOICES if _PACKAGED_VOICES.is_dir() else _PACKAGED_VOICES.parent.parent / "voices"
DEFAULT_PROFILE = "default"
_DEFAULTS = VoiceProfile(name="")
_PAUSE_DOCS = {
    "sentence_ms": "silence between sentences, ms",
    "paragraph_ms": "silence between paragraphs, ms",
    "before_heading_ms": "silence before a heading, ms",
    "after_heading_ms": "silence after a heading, ms",
    "after_title_ms": "silence after the title, ms",
}
PROFILE_SCHEMA = Schema(
    "voice profile",
    (
        Setting("description", "string", "one line shown by `audio-article voices`", _DEFAULTS.description),
        Setting(
            "engine",
            "text",
            "`pyttsx3` (espeak-ng), `piper`, or `fake` (tone bursts, for tests)",
            _DEFAULTS.engine,
        ),
        Setting(
            "voice",
            "text",
            "the engine's voice: an espeak-ng voice name (`en-us`), or a Piper `.onnx` path",
            default_doc="engine default",
        ),
        Setting("rate_wpm", "int", "speaking rate in words per minute", _DEFAULTS.rate_wpm, 60, 500),
        Setting(
            "word_gap_ms",
            "int",
            "espeak-ng only: extra pause between words, in 10 ms steps at its default speed",
            _DEFAULTS.word_gap_ms,
            0,
            200,
        ),
        Setting("volume", "number", "loudness given to the engine", _DEFAULTS.volume, 0.05, 1.0),
        Setting(
            "language", "text", "BCP 47 language of the narration", _DEFAULTS.language, check=language_tag
        ),
        Setting("lexicons", "strings", "lexicon files, relative to the profile", (), default_doc="`[]`"),
        Setting(
            "heading.rate_wpm",
            "int",
            "rate for headings, so they stand apart",
            None,
            60,
            500,
            default_doc="same as `rate_wpm`",
        ),
        *(
            Setting(f"pauses.{f.name}", "int", _PAUSE_DOCS[f.name], f.default, 0, 10_000)
            for f in fields(Pauses)
        ),
    ),
)


def voice_dirs() -> list[Path]:
    """The folders searched for voice profiles: $AUDIO_ARTICLE_VOICES, ./voices, the project's."""
    dirs = [Path(p) for p in os.environ.get("AUDIO_ARTICLE_VOICES", "").split(os.pathsep) if p]
    dirs += [Path.cwd() / "voices", PROJECT_VOICES]
    unique: list[Path] = []
    for d in dirs:
        if d.is_dir() and d.resolve() not in unique:
            unique.append(d.resolve())
    return unique


def find_profile(name: str) -> Path:
    """The profile file for a name or path; ConfigError naming the known profiles if none."""
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
    """Every voice profile found, the first of each name."""
    seen: dict[str, Path] = {}
    for folder in voice_dirs():
        for path in sorted(folder.glob("*.toml")):
            if path.stem not in seen and _is_profile(path):
                seen[path.stem] = path
    return list(seen.values())


def load_profile(name: str = DEFAULT_PROFILE) -> VoiceProfile:
    """Find a profile by name or path and validate it; errors name the file and the key."""
    path = find_profile(name)
    data = read_toml(path)
    return profile_from_dict(path.stem, data, path.parent, str(path))


def profile_from_dict(
    name: str, data: dict[str, Any], base_dir: Path, label: str | None = None
) -> VoiceProfile:
    """A `VoiceProfile` from parsed TOML; `label` (default: the name) starts every error."""
    v = validate(PROFILE_SCHEMA, data, label or f"voice profile {name}")
    pauses = Pauses(**{f.name: v[f"pauses.{f.name}"] for f in fields(Pauses)})
    if v["word_gap_ms"] and v["engine"] != "pyttsx3":
        raise ConfigError(
            f"{label or f'voice profile {name}'}: 'word_gap_ms' is for espeak-ng (pyttsx3) voices"
        )
    return VoiceProfile(
        name=name,
        engine=v["engine"],
        voice=v["voice"],
        rate_wpm=v["rate_wpm"],
        heading_rate_wpm=v["heading.rate_wpm"],
        volume=v["volume"],
        language=v["language"],
        description=v["description"],
        lexicons=tuple((base_dir / x).resolve() for x in v["lexicons"]),
        pauses=pauses,
        word_gap_ms=v["word_gap_ms"],
    )


def _is_profile(path: Path) -> bool:
    try:
        return "engine" in tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
