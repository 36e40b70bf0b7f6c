"""The pass-mark true peak agrees with the full 4x measurement wherever it matters."""

from __future__ import annotations

import numpy as np
import pytest

from audio_article.audio.master import true_peak_dbtp
from audio_article.audio.peaks import true_peak_above_dbtp

RATE = 44100


def _blocks(audio: np.ndarray, size: int) -> list[np.ndarray]:
    return [audio[i : i + size] for i in range(0, len(audio), size)]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("block", [777, 1 << 16])
def test_above_the_floor_it_is_the_full_measurement(seed: int, block: int) -> None:
    rng = np.random.default_rng(seed)
    audio = (rng.standard_normal(3 * RATE) * 0.08).astype(np.float32)
    audio[rng.integers(0, len(audio), 5)] = 0.95 * rng.choice([-1, 1], 5)  # a few peaks near full scale
    full = true_peak_dbtp(_blocks(audio, block), RATE)
    # (The full measurement keeps float32 per-frame peaks: equal to a few millionths of a dB.)
    for floor in (-30.0, -3.0, full - 0.01):
        assert true_peak_above_dbtp(_blocks(audio, block), floor) == pytest.approx(full, abs=1e-5)
    assert true_peak_above_dbtp(_blocks(audio, block), full + 0.5) <= full + 0.5


def test_an_intersample_peak_between_blocks_is_found() -> None:
    # Alternating full-scale samples of one sign pair: the peak lies between two samples,
    # and here those samples straddle a block boundary.
    t = np.arange(4000)
    audio = (0.7 * np.sin(2 * np.pi * (RATE / 4) * (t + 0.5) / RATE)).astype(np.float32)
    full = true_peak_dbtp([audio], RATE)
    assert full > 20 * np.log10(float(np.abs(audio).max())) + 1.0  # really between samples
    assert true_peak_above_dbtp(_blocks(audio, 1001), -6.0) == pytest.approx(full, abs=1e-5)


def test_silence_is_far_below_any_floor() -> None:
    assert true_peak_above_dbtp([np.zeros(5000, np.float32)], -1.0) < -100
    assert true_peak_above_dbtp([], -1.0) < -100
