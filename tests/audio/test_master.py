from __future__ import annotations

import numpy as np
import pyloudnorm
import pytest
from scipy import signal

from audio_article.audio import master
from audio_article.audio.master import (
    Analysis,
    _envelope,
    _sliding_min,
    analyse,
    apply_master,
    integrated_loudness,
    peaks_only,
    piece_envelope,
    plan_master,
)

RATE = 22050


def _speechlike(seconds: float, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    noise = signal.lfilter([1], [1, -0.95], rng.standard_normal(n)) * 0.05
    syllables = (np.sin(np.arange(n) * 2 * np.pi * 4 / RATE) > 0).astype(float)
    pulses = np.zeros(n)
    pulses[:: RATE // 120] = 1.2
    return ((noise + signal.lfilter([1], [1, -0.9], pulses) * 0.3) * syllables).astype(np.float32)


def _analyse(x: np.ndarray, block: int) -> tuple[np.ndarray, np.ndarray, int]:
    analysis = Analysis(RATE)
    for start in range(0, len(x), block):
        analysis.add(x[start : start + block])
    energy, peak = analysis.finish()
    return energy, peak, analysis.frame


@pytest.mark.parametrize("block", [100, 997, 65536])
def test_loudness_matches_pyloudnorm(block: int) -> None:
    x = _speechlike(20)
    energy, _, frame = _analyse(x, block)
    ours = integrated_loudness(energy, frame)
    reference = pyloudnorm.Meter(RATE).integrated_loudness(x.astype(np.float64))
    assert ours is not None and abs(ours - reference) < 0.2


def test_analysis_does_not_depend_on_block_size() -> None:
    """Blocks shorter than the K-weighting filter pass its ringing on exactly once."""
    x = _speechlike(8)
    whole_energy, whole_peak, _ = _analyse(x, len(x))
    for block in (50, 100, 2204, 2205, 30000):
        energy, peak, _ = _analyse(x, block)
        np.testing.assert_allclose(energy, whole_energy, rtol=1e-4, atol=1e-7)
        np.testing.assert_allclose(peak, whole_peak, rtol=1e-5, atol=1e-7)


def test_true_peaks_are_found_between_samples() -> None:
    t = np.arange(RATE) / RATE
    x = (0.5 * np.sin(2 * np.pi * (RATE / 4) * t + np.pi / 4)).astype(np.float32)  # samples miss the crest
    _, peak, _ = _analyse(x, 4096)
    assert np.abs(x).max() < 0.36 and peak[10:-10].min() > 0.48


def test_envelope_keeps_every_peak_under_the_ceiling() -> None:
    rng = np.random.default_rng(3)
    peak = rng.uniform(0, 2, 5000)
    env = _envelope(peak, 1.5, 0.8)
    assert np.all(peak * 1.5 * env <= 0.8 * (1 + 1e-6))
    # a sample between two frame centres gets a gain between theirs: below both frames' limits
    limit = np.minimum(1.0, 0.8 / (peak * 1.5))
    assert np.all(np.maximum(env[:-1], env[1:]) <= np.minimum(limit[:-1], limit[1:]) * (1 + 1e-6))


def test_sliding_min() -> None:
    values = np.array([5, 3, 8, 1, 9, 9, 9, 2, 7], dtype=float)
    expected = [min(values[max(0, i - 2) : i + 3]) for i in range(len(values))]
    assert _sliding_min(values, 2).tolist() == expected


def test_apply_master_streams_gain_and_envelope() -> None:
    blocks = [np.ones(12, np.float32), np.ones(18, np.float32)]
    out = np.concatenate(list(apply_master(blocks, 6.0, np.array([1.0, 0.5, 1.0]), 10)))
    assert len(out) == 30
    gain = 10 ** (6 / 20)
    assert out[0] == pytest.approx(gain) and out[15] == pytest.approx(gain * 0.5)


def test_envelope_in_blocks_equals_whole() -> None:

    rng = np.random.default_rng(5)
    peak = rng.uniform(0, 3, 700).astype(np.float32)
    whole = master._envelope_block(peak, 2.0, 0.7)
    old = master.ENVELOPE_BLOCK_FRAMES
    master.ENVELOPE_BLOCK_FRAMES = 64
    try:
        blocked = master._envelope(peak, 2.0, 0.7)
    finally:
        master.ENVELOPE_BLOCK_FRAMES = old
    assert np.allclose(blocked, whole, rtol=1e-5)


def test_each_piece_is_levelled_to_the_target_from_its_own_audio() -> None:
    rng = np.random.default_rng(3)
    pieces = [
        analyse([rng.standard_normal(RATE * s) * level], RATE)
        for s, level in ((6, 0.02), (9, 0.05), (4, 0.01))
    ]
    plans = [plan_master([a], -16.0, -1.0) for a in pieces]
    weighted = []
    for a, plan in zip(pieces, plans, strict=True):
        assert plan.measured_lufs is not None and plan.gain_db > 0
        gain = 10 ** (plan.gain_db / 20)
        env = _envelope(a.peak, gain, 10 ** ((-1.0 - plan.margin_db) / 20))
        weighted.append(a.energy * gain**2 * env**2)
        # Each piece alone lands on the aim, whatever its level before...
        assert integrated_loudness(weighted[-1], a.frame_samples) == pytest.approx(
            -16.0 + master.ENCODE_LOSS_LU, abs=0.05
        )
    # ...so the pieces end to end do too.
    assert integrated_loudness(np.concatenate(weighted), pieces[0].frame_samples) == pytest.approx(
        -16.0 + master.ENCODE_LOSS_LU, abs=0.05
    )
    # A piece's plan depends on nothing but its own audio (an edit elsewhere changes no other piece).
    assert plan_master([pieces[1]], -16.0, -1.0) == plans[1]
    # Once planned, the pieces' limiters come out the same from their peaks alone.
    for whole, light, plan in zip(pieces, peaks_only(pieces), plans, strict=True):
        assert len(light.energy) == 0
        np.testing.assert_array_equal(piece_envelope(light, plan), piece_envelope(whole, plan))


def test_a_plan_is_held_by_the_limiting_cap() -> None:
    rng = np.random.default_rng(4)
    x = rng.standard_normal(RATE * 9) * 0.003
    x[:: RATE // 20] = 0.9  # clicks: the limiter, not the gain, sets the loudness
    plan = plan_master([analyse([x], RATE)], -16.0, -1.0)
    assert plan.measured_lufs is not None
    assert plan.gain_db == pytest.approx(-16.0 - plan.measured_lufs + master.MAX_LIMITING_DB, abs=0.02)


def test_silence_plans_no_gain() -> None:
    plan = plan_master([analyse([np.zeros(RATE * 3, np.float32)], RATE)])
    assert plan.measured_lufs is None and plan.gain_db == 0.0
