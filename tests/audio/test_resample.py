"""Upsampling by two: exact length, no delay, the band kept, blocks seamless."""

from __future__ import annotations

import numpy as np
import pytest

from audio_article.audio.resample import upsample_2x

RATE = 22050


def _tone(hz: float, n: int) -> np.ndarray:
    return (0.5 * np.sin(2 * np.pi * hz * np.arange(n) / RATE)).astype(np.float32)


def test_twice_as_long_and_the_input_samples_kept() -> None:
    x = _tone(440, 5000)
    y = np.concatenate(list(upsample_2x([x])))
    assert len(y) == 2 * len(x)
    np.testing.assert_array_equal(y[0::2], x)


@pytest.mark.parametrize("block", [1, 7, 31, 1000, 1 << 16])
def test_blocks_of_any_size_give_the_same_stream(block: int) -> None:
    x = _tone(1000, 3000) + _tone(3700, 3000)
    whole = np.concatenate(list(upsample_2x([x])))
    pieces = np.concatenate(list(upsample_2x(x[i : i + block] for i in range(0, len(x), block))))
    np.testing.assert_allclose(pieces, whole, atol=1e-7)


def test_an_impulse_stays_where_it_was() -> None:
    x = np.zeros(2000, np.float32)
    x[700] = 1.0
    y = np.concatenate(list(upsample_2x([x])))
    assert int(np.argmax(y)) == 1400
    assert y[1399] == pytest.approx(y[1401])  # symmetric about it: no half-sample shift


def test_a_tone_in_band_is_the_same_tone_at_twice_the_rate() -> None:
    n = 8000
    y = np.concatenate(list(upsample_2x([_tone(5000, n)])))
    exact = 0.5 * np.sin(2 * np.pi * 5000 * np.arange(2 * n) / (2 * RATE))
    middle = slice(200, 2 * n - 200)  # away from the silence assumed around the stream
    assert np.max(np.abs(y[middle] - exact[middle])) < 1e-3


def test_an_empty_stream_stays_empty() -> None:
    assert sum(len(b) for b in upsample_2x([])) == 0
