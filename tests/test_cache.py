"""The cache: entries carry a checksum; a damaged one is logged, discarded and built again."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import numpy as np
import pytest
from conftest import SAMPLES

from audio_article.audio.codec import decode_blocks
from audio_article.cache import BuildCache, seal, unseal, write_wav_atomic
from audio_article.models import Episode
from audio_article.pipeline.build import BuildOptions, build


def _build(tmp_path: Path, voice: Path) -> Episode:
    article = tmp_path / "a.md"
    if not article.exists():
        article.write_bytes((SAMPLES / "harbour-swim.md").read_bytes())
    options = BuildOptions(output_dir=tmp_path / "out", voice=str(voice), cache_dir=tmp_path / "c", jobs=1)
    return build(article, options)


def _decoded(path: Path) -> np.ndarray:
    return np.concatenate(list(decode_blocks(path, 44100)))


def _damage(path: Path, keep_header: int) -> None:
    """Random bytes over everything after the first `keep_header` bytes, as a bad disk would leave."""
    data = path.read_bytes()
    path.write_bytes(data[:keep_header] + os.urandom(len(data) - keep_header))


def _forget(cache: Path, *kinds: str) -> None:
    for kind in kinds:
        for entry in (cache / kind).glob("*/*"):
            entry.unlink()


def test_a_segment_with_random_audio_is_narrated_again(
    tmp_path: Path, fake_voice: Path, caplog: pytest.LogCaptureFixture
) -> None:
    clean = _decoded(_build(tmp_path, fake_voice).mp3)
    segment = next((tmp_path / "c" / "segments").glob("*/*.wav"))
    _damage(segment, keep_header=44)
    _forget(tmp_path / "c", "pieces", "analysis")  # the damaged audio would be read for the new pieces
    with caplog.at_level(logging.WARNING):
        episode = _build(tmp_path, fake_voice)
    assert episode.segments_synthesized == 1 and episode.segments_reused > 10
    assert f"cache entry {segment.name} discarded and rebuilt" in caplog.text
    rebuilt = _decoded(episode.mp3)
    assert len(rebuilt) == len(clean) and float(np.max(np.abs(rebuilt - clean))) < 1e-3
    assert BuildCache(tmp_path / "c").lookup(segment.stem) is not None


@pytest.mark.parametrize("kind,pattern", [("pieces", "*.mp3"), ("analysis", "*.npz")])
def test_a_damaged_piece_or_analysis_is_built_again(
    tmp_path: Path, fake_voice: Path, caplog: pytest.LogCaptureFixture, kind: str, pattern: str
) -> None:
    first = _build(tmp_path, fake_voice)
    clean = _decoded(first.mp3)
    entry = next((tmp_path / "c" / kind).glob(f"*/{pattern}"))
    _damage(entry, keep_header=200)
    if kind == "analysis":
        _forget(tmp_path / "c", "pieces")  # analyses are read when a piece is encoded again
    with caplog.at_level(logging.WARNING):
        episode = _build(tmp_path, fake_voice)
    assert f"cache entry {entry.name} discarded and rebuilt" in caplog.text
    assert episode.pieces_encoded >= 1
    rebuilt = _decoded(episode.mp3)
    assert len(rebuilt) == len(clean) and float(np.max(np.abs(rebuilt - clean))) < 1e-3


def test_a_segment_entry_checks_its_samples(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path)
    key = "ab" + "0" * 62
    write_wav_atomic(cache.path(key), np.arange(2000, dtype="<i2").tobytes(), 22050)
    assert cache.lookup(key) == (cache.path(key), 22050, 2000)
    data = bytearray(cache.path(key).read_bytes())
    data[100] ^= 1  # one flipped bit in the samples
    cache.path(key).write_bytes(bytes(data))
    assert cache.lookup(key) is None and not cache.path(key).exists()


def test_seal_round_trip_and_damage() -> None:
    sealed = seal(b"analysis bytes")
    assert unseal(sealed) == b"analysis bytes"
    assert unseal(sealed[:-1] + b"X") is None and unseal(b"") is None
