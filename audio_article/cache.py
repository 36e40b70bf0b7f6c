"""Content-addressed store of narrated segments (16-bit mono WAV files) and encoded pieces.

The key covers everything that changes the sound: engine, engine version,
voice, rate, volume and the exact text sent to the engine (after
normalization and lexicon substitution). Entries are written to a temporary
name and renamed into place, so a killed build never leaves a partial entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import time
import wave
from dataclasses import dataclass
from pathlib import Path

from audio_article.atomic import write_atomic
from audio_article.models import EngineInfo

FORMAT_VERSION = 2  # bump when trimming, the WAV layout or how engines are driven changes


def default_cache_dir() -> Path:
    explicit = os.environ.get("AUDIO_ARTICLE_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "audio-article"


@dataclass(frozen=True)
class CacheStats:
    entries: int
    size_bytes: int


# Entry folders and the files that count as entries in each (for `cache info|prune`).
_KINDS = (("segments", "*.wav"), ("pieces", "*.mp3"), ("pieces", "*.json"), ("analysis", "*.npz"))


class SegmentCache:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._segments = root / "segments"

    def holds(self, path: Path) -> bool:
        """True for a segment entry of this cache (its file name is its content key)."""
        return path.parent.parent == self._segments

    def entry(self, kind: str, key: str, suffix: str) -> Path:
        """Where an entry of another kind ("pieces", "analysis") lives."""
        return self.root / kind / key[:2] / f"{key}{suffix}"

    def key(self, info: EngineInfo, text: str, rate_wpm: int, volume: float) -> str:
        material = json.dumps(
            [
                FORMAT_VERSION,
                info.name,
                info.version,
                info.voice,
                info.sample_rate_hz,
                rate_wpm,
                volume,
                text,
            ],
            ensure_ascii=False,
        )
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def path(self, key: str) -> Path:
        return self._segments / key[:2] / f"{key}.wav"

    def lookup(self, key: str) -> tuple[Path, int, int] | None:
        """(path, sample_rate_hz, num_samples) of a complete entry, else None."""
        path = self.path(key)
        try:
            with wave.open(str(path), "rb") as wav:
                frames, rate = wav.getnframes(), wav.getframerate()
        except (OSError, EOFError, wave.Error):
            return None
        if frames == 0:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recency for `cache prune`
        return path, rate, frames

    def store(self, key: str, pcm: bytes, sample_rate_hz: int) -> Path:
        path = self.path(key)
        write_wav_atomic(path, pcm, sample_rate_hz)
        return path

    def _entries(self) -> list[Path]:
        return [f for kind, pattern in _KINDS for f in (self.root / kind).glob(f"*/{pattern}")]

    def stats(self) -> CacheStats:
        files = self._entries()
        return CacheStats(len(files), sum(_size(f) for f in files))

    def prune(self, max_bytes: int | None = None, older_than_s: float | None = None) -> CacheStats:
        """Delete entries unused for `older_than_s`, then the least recently used beyond `max_bytes`."""
        now = time.time()
        entries = sorted(((_mtime(f), _size(f), f) for f in self._entries()), reverse=True)
        kept = 0
        removed = CacheStats(0, 0)
        for mtime, size, path in entries:
            too_old = older_than_s is not None and now - mtime > older_than_s
            too_big = max_bytes is not None and kept + size > max_bytes
            if too_old or too_big:
                path.unlink(missing_ok=True)
                removed = CacheStats(removed.entries + 1, removed.size_bytes + size)
            else:
                kept += size
        for leftover in self.root.glob("*/*/.*.tmp"):  # from killed writers
            if now - _mtime(leftover) > 3600:
                leftover.unlink(missing_ok=True)
        return removed


def write_wav_atomic(path: Path, pcm: bytes, sample_rate_hz: int) -> None:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate_hz)
        wav.writeframes(pcm)
    write_atomic(path, buffer.getvalue())


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
