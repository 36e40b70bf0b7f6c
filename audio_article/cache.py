"""Content-addressed store of narrated segments (16-bit mono WAV files) and encoded pieces.

The key covers everything that changes the sound: engine, engine version,
voice, rate, volume and the exact text sent to the engine (after
normalization and lexicon substitution). Entries are written to a temporary
name and renamed into place, so a killed build never leaves a partial entry.

Every entry also carries a SHA-256 of its content, checked whenever it is
read (over bytes read anyway): a damaged entry (a bad disk, a stray write)
is logged, deleted and built again instead of being published. A segment's
digest sits in a chunk of its own after the WAV's data chunk, where WAV
readers skip it; other entries use `seal` / `unseal` or a digest in their
metadata.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import time
import wave
from dataclasses import dataclass
from pathlib import Path

from audio_article.atomic import write_atomic
from audio_article.models import EngineInfo

log = logging.getLogger(__name__)
FORMAT_VERSION = 3  # bump when trimming, the WAV layout or how engines are driven changes
_DIGEST_CHUNK = b"aaCk"  # SHA-256 of the data chunk, after it
_SEAL = b"AACK"  # sealed entries: these 4 bytes, the SHA-256 of the rest, the rest


def default_cache_dir() -> Path:
    """The cache folder: $AUDIO_ARTICLE_CACHE, else $XDG_CACHE_HOME (or ~/.cache) / audio-article."""
    explicit = os.environ.get("AUDIO_ARTICLE_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "audio-article"


@dataclass(frozen=True)
class CacheStats:
    """How many entries a cache (or a prune) counted, and their size in bytes."""

    entries: int
    size_bytes: int


# Entry folders and the files that count as entries in each (for `cache info|prune`).
_KINDS = (
    ("segments", "*.wav"),
    ("pieces", "*.mp3"),
    ("pieces", "*.json"),
    ("analysis", "*.npz"),
    ("heard", "*.txt"),  # transcripts of the listening check (`build --verify`)
    ("fresh", "*.json"),  # pointers to fresh builds, by source (pipeline/fresh.py)
)


class BuildCache:
    """A build's content-addressed store: narrated segments, encoded pieces and loudness analyses."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._segments = root / "segments"
        # Entries this object has checked, by key: (inode, size, mtime_ns) then (rate, frames).
        # A build looks its segments up twice; the second look need not hash them again.
        self._checked: dict[str, tuple[tuple[int, int, int], tuple[int, int]]] = {}

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
        known = self._checked.get(key)
        if known and known[0] == _identity(path):
            return path, *known[1]
        try:
            data = path.read_bytes()
        except OSError:
            return None
        checked = _checked_wav(data)
        if checked is None:
            discard(path, "its audio does not match its checksum")
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recency for `cache prune`
            self._checked[key] = (_identity(path), checked)
        return path, *checked

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
    """A mono 16-bit WAV with the SHA-256 of its samples in a chunk after them."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate_hz)
        wav.writeframes(pcm)
    digest = hashlib.sha256(pcm).digest()
    body = buffer.getvalue()[8:] + _DIGEST_CHUNK + len(digest).to_bytes(4, "little") + digest
    write_atomic(path, b"RIFF" + len(body).to_bytes(4, "little") + body)


def _checked_wav(data: bytes) -> tuple[int, int] | None:
    """(sample_rate_hz, frames) of a mono 16-bit WAV entry whose samples match their digest."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return None
    view = memoryview(data)  # slices without copies: this runs for every cached segment of a build
    chunks: dict[bytes, memoryview] = {}
    position = 12
    while position + 8 <= len(data):
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        chunks[data[position : position + 4]] = view[position + 8 : position + 8 + size]
        position += 8 + size + (size & 1)
    empty = memoryview(b"")
    fmt, pcm = bytes(chunks.get(b"fmt ", empty)), chunks.get(b"data", empty)
    if len(fmt) < 16 or fmt[2:4] != b"\x01\x00" or fmt[14:16] != b"\x10\x00" or not len(pcm):
        return None
    if bytes(chunks.get(_DIGEST_CHUNK, empty)) != hashlib.sha256(pcm).digest():
        return None
    return int.from_bytes(fmt[4:8], "little"), len(pcm) // 2


def seal(data: bytes) -> bytes:
    """An entry's bytes behind a header holding their SHA-256."""
    return _SEAL + hashlib.sha256(data).digest() + data


def unseal(data: bytes) -> bytes | None:
    """The bytes `seal` was given, or None when they do not match their digest."""
    body = data[36:]
    if data[:4] != _SEAL or hashlib.sha256(body).digest() != data[4:36]:
        return None
    return body


def discard(path: Path, reason: str) -> None:
    """Delete a damaged cache entry (logged), so that it is built again."""
    log.warning("cache entry %s discarded and rebuilt: %s", path.name, reason)
    path.unlink(missing_ok=True)


def _identity(path: Path) -> tuple[int, int, int]:
    """What changes when a file is replaced or rewritten (its content was checked at this identity)."""
    try:
        stat = path.stat()
    except OSError:
        return (0, 0, 0)
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


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
