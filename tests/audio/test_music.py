"""Intro and outro music read with pydub from any format ffmpeg reads: mono, the narration's rate, faded."""

from __future__ import annotations

import subprocess
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from audio_article.audio.music import FADE_IN_MS, FADE_OUT_MS, read_music
from audio_article.errors import InputError
from audio_article.toolchain import ffmpeg_path

RATE = 22050


def tone_file(path: Path, seconds: float, codec: str) -> Path:
    """A 440 Hz stereo tone at 48 kHz, encoded by ffmpeg with `codec` (an abrupt start and end)."""
    source = f"sine=frequency=440:duration={seconds}:sample_rate=48000"
    command = [ffmpeg_path(), "-nostdin", "-y", "-loglevel", "error", "-f", "lavfi", "-i", source]
    subprocess.run([*command, "-ac", "2", "-c:a", codec, str(path)], check=True)
    return path


def _rms(samples: np.ndarray, start_ms: float, end_ms: float) -> float:
    part = samples[int(start_ms * RATE / 1000) : int(end_ms * RATE / 1000)]
    return float(np.sqrt(np.mean(part.astype(np.float64) ** 2)))


@pytest.mark.parametrize(("name", "codec"), [("intro.mp3", "libmp3lame"), ("outro.ogg", "libvorbis")])
def test_compressed_music_is_read_mono_at_the_narration_rate_and_faded(
    tmp_path: Path, name: str, codec: str
) -> None:
    samples = np.frombuffer(read_music(tone_file(tmp_path / name, 3.0, codec), RATE), dtype="<i2")
    duration_ms = len(samples) * 1000 / RATE
    assert abs(duration_ms - 3000) < 60  # resampled to 22.05 kHz, one channel: 3 s
    plateau = _rms(samples, 500, 1500)
    assert plateau > 1000
    # Fade-in: rising through its 50 ms, full after it.
    assert _rms(samples, 0, 10) < 0.5 * plateau
    assert _rms(samples, FADE_IN_MS + 10, FADE_IN_MS + 60) > 0.9 * plateau
    # Fade-out: the last second falls steadily to nothing.
    steps = [
        _rms(samples, duration_ms - FADE_OUT_MS + k * 100, duration_ms - FADE_OUT_MS + (k + 1) * 100)
        for k in range(10)
    ]
    assert steps[0] > 0.85 * plateau and steps[-1] < 0.15 * plateau
    assert all(later < earlier for earlier, later in pairwise(steps))


def test_a_short_clip_gets_short_fades(tmp_path: Path) -> None:
    samples = np.frombuffer(read_music(tone_file(tmp_path / "blip.wav", 0.4, "pcm_s16le"), RATE), dtype="<i2")
    # 400 ms: the fade-out takes the second half, the first half keeps its level after the fade-in.
    assert _rms(samples, 60, 190) > 0.9 * _rms(samples, 60, 100)
    assert _rms(samples, 350, 400) < 0.4 * _rms(samples, 60, 190)


def test_missing_or_undecodable_music_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nothere\.mp3: no such audio file"):
        read_music(tmp_path / "nothere.mp3", RATE)
    junk = tmp_path / "junk.ogg"
    junk.write_bytes(b"OggS but not really audio")
    with pytest.raises(InputError, match=r"junk\.ogg: cannot decode audio \(.+\)"):
        read_music(junk, RATE)
