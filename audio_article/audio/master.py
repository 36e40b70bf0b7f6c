"""Master stage: every piece brought to one loudness target on its own, with a true-peak limiter.

Raw TTS is about -21 LUFS with peaks above 0 dBTP, so reaching -16 LUFS at
-1 dBTP takes gain *and* a true-peak limiter, and the limiter itself lowers
the loudness. `analyse` streams one piece and keeps, per 5 ms frame, the
K-weighted energy (ITU-R BS.1770-4) and the true peak (4x oversampled).
`plan_master` solves, from a piece's small arrays, for the gain whose
*limited* result hits the target; the limiter envelope follows from the
piece's own peaks (`piece_envelope`), and `apply_master` then only
multiplies. Each piece is levelled on its own, like a broadcast speech
leveller: paragraphs of one voice differ by a dB or so, so the episode as a
whole lands on the target too (every piece does), and a piece's MP3 depends
on nothing but its own audio. A corrected paragraph re-encodes its own
piece and no other, a rebuild equals a cold build of the same article, and
a piece can be encoded as soon as it is narrated.

Numpy only: scipy is no runtime dependency (only the tests' reference
filters use it), and its import alone would cost more than the analysis.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace

import numpy as np

from audio_article.models import DEFAULT_TARGET_LUFS, FrameAnalysis, MasterPlan

# The limiter aims this far below the ceiling: resampling and MP3 encoding add up to ~0.7 dB
# of overshoot; a piece still over is encoded again with more limiting (audio/pieces.py).
LIMITER_MARGIN_DB = 1.0
MAX_GAIN_DB = 30.0
# espeak-ng peaks ~19 dB over its loudness: -16 LUFS at -2 dBTP takes ~12 dB of limiting (10: -17).
MAX_LIMITING_DB = 12.0
# LAME takes loudness off (measured at 64 kbps: 0.42-0.45 LU); the plan aims this much above.
ENCODE_LOSS_LU = 0.45
FRAMES_PER_SECOND = 200  # 5 ms analysis frames
QUARTER_FRAMES = 20  # 100 ms: a quarter of a BS.1770 gating block
COMPRESSOR_KNEE_DB = 8.0
COMPRESSOR_RATIO = 3.0
COMPRESSOR_SMOOTH_FRAMES = 5
ENVELOPE_BLOCK_FRAMES = 1 << 18
# Reach of every ramp and filter in `_envelope_block`: 60 dB / RELEASE_DB frames, plus smoothing.
ENVELOPE_CONTEXT_FRAMES = 160
ATTACK_DB = 2.0  # per 5 ms frame: the gain starts falling a few frames before a peak
RELEASE_DB = 0.5  # per frame: recovers 10 dB in 100 ms, like a speech limiter's release


class Analysis:
    """Per-frame K-weighted energy and true peak of a mono stream."""

    OVERSAMPLE = 4
    HALF_TAPS = 8

    def __init__(self, sample_rate_hz: int, loudness: bool = True) -> None:
        self.sample_rate_hz = sample_rate_hz
        self._loudness = loudness  # False: peaks only (no K-weighting work)
        self.frame = max(1, sample_rate_hz // FRAMES_PER_SECOND)
        kfir = _k_weighting_fir(sample_rate_hz)
        self._k_taps = len(kfir)
        # One FFT size for every chunk, at least 4x the filter: most of each transform is new signal.
        self._k_fft = max(1 << 15, 1 << (4 * len(kfir) - 1).bit_length())
        self._k_spectrum = np.fft.rfft(kfir.astype(np.float32), self._k_fft)
        self._k_tail = np.zeros(len(kfir) - 1, np.float32)
        # Row p holds the weights of context[i + k] for the point p + 1 quarters after sample i.
        self._phases = np.stack([p[::-1] for p in interpolation_phases(self.OVERSAMPLE, self.HALF_TAPS)])
        self._phases = self._phases.astype(np.float32)
        self._history = np.zeros(2 * self.HALF_TAPS - 1, np.float32)
        self._pending_energy = np.zeros(0)
        self._pending_peak = np.zeros(0)
        self._energy: list[np.ndarray] = []
        self._peak: list[np.ndarray] = []

    def add(self, block: np.ndarray) -> None:
        # float32 throughout: the figures are 5 ms sums and maxima, far inside its precision.
        x = np.asarray(block, dtype=np.float32)
        if not len(x):
            return
        energy = np.square(self._k_weighted(x)) if self._loudness else np.zeros(len(x), np.float32)
        # True peak: the sample itself and the interpolated points between samples.
        context = np.concatenate([self._history, x])
        points = np.zeros((len(self._phases), len(x)), np.float32)
        for k in range(self._phases.shape[1]):
            points += self._phases[:, k : k + 1] * context[k : k + len(x)]
        peak = np.maximum(np.abs(x), np.abs(points).max(axis=0))
        self._history = context[-(2 * self.HALF_TAPS - 1) :]
        self._collect(energy, peak)

    def _k_weighted(self, x: np.ndarray) -> np.ndarray:
        """K-weighting as an FIR (the IIR's truncated impulse response), overlap-add across blocks."""
        step = self._k_fft - self._k_taps + 1  # a chunk's whole response fits one transform
        return np.concatenate([self._k_chunk(x[i : i + step]) for i in range(0, len(x), step)])

    def _k_chunk(self, x: np.ndarray) -> np.ndarray:
        size = len(x) + self._k_taps - 1
        n = self._k_fft
        weighted = np.fft.irfft(np.fft.rfft(x, n) * self._k_spectrum, n)[:size].astype(np.float32)
        weighted[: len(self._k_tail)] += self._k_tail
        # What rings on past this chunk, the earlier chunks' ringing included (a chunk may be
        # shorter than the filter: that ringing then passes through it).
        self._k_tail = weighted[len(x) :]
        return weighted[: len(x)]

    def _collect(self, energy: np.ndarray, peak: np.ndarray) -> None:
        energy = np.concatenate([self._pending_energy, energy])
        peak = np.concatenate([self._pending_peak, peak])
        whole = len(energy) // self.frame * self.frame
        if whole:
            if self._loudness:
                self._energy.append(energy[:whole].reshape(-1, self.frame).sum(axis=1).astype(np.float32))
            self._peak.append(peak[:whole].reshape(-1, self.frame).max(axis=1).astype(np.float32))
        self._pending_energy, self._pending_peak = energy[whole:], peak[whole:]

    def finish(self) -> tuple[np.ndarray, np.ndarray]:
        """Per-frame energy and peak; the analysis is spent afterwards (its lists are freed)."""
        if len(self._pending_energy):
            pad = self.frame - len(self._pending_energy)
            self._collect(np.zeros(pad), np.zeros(pad))
        energy = np.concatenate(self._energy) if self._energy else np.zeros(0, np.float32)
        self._energy = []
        peak = np.concatenate(self._peak) if self._peak else np.zeros(0, np.float32)
        self._peak = []
        return energy, peak


def analyse(blocks: Iterable[np.ndarray], sample_rate_hz: int) -> FrameAnalysis:
    """Per-frame loudness energy and true peak of one piece, streamed."""
    analysis = Analysis(sample_rate_hz)
    for block in blocks:
        analysis.add(block)
    energy, peak = analysis.finish()
    return FrameAnalysis(analysis.frame, energy, peak)


def plan_master(
    analyses: Sequence[FrameAnalysis],
    target_lufs: float = DEFAULT_TARGET_LUFS,
    ceiling_dbtp: float = -1.0,
) -> MasterPlan:
    """The gain that, after the limiter, brings `analyses` (a piece, or several end to end) to the target."""
    margin = LIMITER_MARGIN_DB
    ceiling = 10 ** ((ceiling_dbtp - margin) / 20)
    aim = target_lufs + ENCODE_LOSS_LU

    def limited_loudness(gain_db: float) -> float | None:
        gain = 10 ** (gain_db / 20)
        weighted = (
            a.energy * np.float32(gain * gain) * np.square(_envelope(a.peak, gain, ceiling)) for a in analyses
        )
        return _gated_loudness(_quarters(weighted), analyses[0].frame_samples)

    measured = (
        _gated_loudness(_quarters(a.energy for a in analyses), analyses[0].frame_samples)
        if analyses
        else None
    )
    if measured is None:
        return MasterPlan(target_lufs, ceiling_dbtp, None, 0.0, margin)
    # Never buy loudness with more than MAX_LIMITING_DB of extra gain into
    # the limiter: past that, speech turns to pumping mush, and quieter is better.
    cap_db = min(MAX_GAIN_DB, target_lufs - measured + MAX_LIMITING_DB)
    return MasterPlan(target_lufs, ceiling_dbtp, measured, _bisect(limited_loudness, aim, cap_db), margin)


def _bisect(loudness: Callable[[float], float | None], aim: float, cap_db: float) -> float:
    """The gain (to 0.01 dB, at most `cap_db`) reaching `aim`: limited loudness rises with gain."""
    low, high = -MAX_GAIN_DB, cap_db
    while high - low > 0.01:
        gain_db = (low + high) / 2
        reached = loudness(gain_db)
        if reached is None or reached < aim:
            low = gain_db
        else:
            high = gain_db
    return round((low + high) / 2, 2)


def peaks_only(analyses: Sequence[FrameAnalysis]) -> list[FrameAnalysis]:
    """The analyses without their loudness energy: after the plan, the limiters need only the peaks."""
    return [replace(a, energy=np.zeros(0, np.float32)) for a in analyses]


def piece_envelope(analysis: FrameAnalysis, plan: MasterPlan) -> np.ndarray:
    """The limiter's per-frame gain for one piece under `plan`."""
    ceiling = 10 ** ((plan.ceiling_dbtp - plan.margin_db) / 20)
    return _envelope(analysis.peak, 10 ** (plan.gain_db / 20), ceiling)


def apply_master(
    blocks: Iterable[np.ndarray], gain_db: float, envelope: np.ndarray, frame_samples: int
) -> Iterator[np.ndarray]:
    """Multiply the stream by the gain and the limiter envelope (linear between frame centres)."""
    gain = 10 ** (gain_db / 20)
    last = max(0, len(envelope) - 1)
    if not len(envelope):
        envelope = np.ones(1, np.float32)
    position = 0
    for block in blocks:
        frames = np.arange(position, position + len(block)) / frame_samples - 0.5
        index = np.clip(np.floor(frames).astype(np.int64), 0, last)
        following = np.minimum(index + 1, last)
        weight = np.clip(frames - index, 0.0, 1.0)
        shape = envelope[index] * (1 - weight) + envelope[following] * weight
        yield (block * (gain * shape)).astype(np.float32)
        position += len(block)


def true_peak_dbtp(blocks: Iterable[np.ndarray], sample_rate_hz: int) -> float:
    """Highest 4x-oversampled peak of a stream, in dBTP."""
    analysis = Analysis(sample_rate_hz, loudness=False)
    for block in blocks:
        analysis.add(block)
    _, peak = analysis.finish()
    return 20 * math.log10(max(float(peak.max()) if len(peak) else 0.0, 1e-9))


def integrated_loudness(frame_energy: np.ndarray, frame_samples: int) -> float | None:
    """BS.1770-4 gated loudness from per-frame sums of K-weighted squares."""
    return _gated_loudness(_quarters([frame_energy]), frame_samples)


def _quarters(frame_energies: Iterable[np.ndarray]) -> np.ndarray:
    """Sums over 100 ms of the pieces' frames, end to end, without joining them (long reads stay small)."""
    sums = []
    carry = np.zeros(0, np.float32)
    for energy in frame_energies:
        joined = np.concatenate([carry, energy]) if len(carry) else energy
        whole = len(joined) // QUARTER_FRAMES * QUARTER_FRAMES
        sums.append(joined[:whole].reshape(-1, QUARTER_FRAMES).sum(axis=1, dtype=np.float64))
        carry = joined[whole:]
    return np.concatenate(sums) if sums else np.zeros(0)


def _gated_loudness(quarter_energy: np.ndarray, frame_samples: int) -> float | None:
    """BS.1770-4 gated loudness from 100 ms sums of K-weighted squares."""
    if len(quarter_energy) < 4:
        return None
    quarters = quarter_energy / (QUARTER_FRAMES * frame_samples)
    blocks = (quarters[:-3] + quarters[1:-2] + quarters[2:-1] + quarters[3:]) / 4  # 400 ms, 75 % overlap
    with np.errstate(divide="ignore"):
        loudness = -0.691 + 10 * np.log10(blocks)
    gated = blocks[loudness > -70.0]
    if len(gated) == 0:
        return None
    relative = -0.691 + 10 * math.log10(float(np.mean(gated))) - 10.0
    gated = blocks[(loudness > -70.0) & (loudness > relative)]
    return -0.691 + 10 * math.log10(float(np.mean(gated)))


def _envelope_block(peak: np.ndarray, gain: float, ceiling: float) -> np.ndarray:
    """Per-frame gain: a gentle peak compressor, then a brick-wall limiter.

    The compressor (COMPRESSOR_RATIO above a threshold COMPRESSOR_KNEE_DB
    under the ceiling, smoothed over about 50 ms) takes most of the crest
    factor off speech without flat-topping it; MP3 encoders turn flat tops
    into overshoots. The limiter then guarantees the ceiling: in dB it is
    the lowest of what each frame's peak allows, relaxed by ATTACK_DB per frame
    *before* a peak (look-ahead) and RELEASE_DB per frame *after* it (running
    minima, so vectorised). A final ±1 frame minimum keeps the per-sample
    interpolation between frame centres below every frame's limit.
    """
    level_db = 20 * np.log10(np.maximum(peak * gain, 1e-12))
    ceiling_db = 20 * np.log10(ceiling)
    over = np.maximum(0.0, level_db - (ceiling_db - COMPRESSOR_KNEE_DB))
    kernel = np.ones(2 * COMPRESSOR_SMOOTH_FRAMES + 1) / (2 * COMPRESSOR_SMOOTH_FRAMES + 1)
    compressed_db = -np.convolve(over * (1 - 1 / COMPRESSOR_RATIO), kernel, mode="same")
    # Never more than 60 dB of reduction: it bounds how far a ramp reaches, which lets
    # `_envelope` work in blocks with a fixed overlap.
    needed_db = np.clip(ceiling_db - (level_db + compressed_db), -60.0, 0.0)
    n = np.arange(len(needed_db), dtype=np.float64)
    released = np.minimum.accumulate(needed_db - RELEASE_DB * n) + RELEASE_DB * n
    attacked = (np.minimum.accumulate((needed_db + ATTACK_DB * n)[::-1]) - ATTACK_DB * n[::-1])[::-1]
    envelope_db = compressed_db + np.minimum(0.0, np.minimum(released, attacked))
    return np.asarray(10 ** (_sliding_min(envelope_db, 1) / 20))


def _envelope(peak: np.ndarray, gain: float, ceiling: float) -> np.ndarray:
    """`_envelope_block` over the whole analysis, a block at a time (memory stays flat for long reads)."""
    out = np.empty(len(peak), dtype=np.float32)
    for start in range(0, len(peak), ENVELOPE_BLOCK_FRAMES):
        end = min(len(peak), start + ENVELOPE_BLOCK_FRAMES)
        low, high = max(0, start - ENVELOPE_CONTEXT_FRAMES), min(len(peak), end + ENVELOPE_CONTEXT_FRAMES)
        out[start:end] = _envelope_block(peak[low:high], gain, ceiling)[start - low : end - low]
    return out


def _sliding_min(values: np.ndarray, radius: int) -> np.ndarray:
    """Minimum over [i - radius, i + radius] for every i (van Herk / Gil-Werman)."""
    size = 2 * radius + 1
    n = len(values)
    padded = np.concatenate(
        [np.full(radius, np.inf), values, np.full(radius + (-(n + 2 * radius)) % size, np.inf)]
    )
    blocks = padded.reshape(-1, size)
    prefix = np.minimum.accumulate(blocks, axis=1).ravel()
    suffix = np.minimum.accumulate(blocks[:, ::-1], axis=1)[:, ::-1].ravel()
    starts = np.arange(n)
    return np.minimum(suffix[starts], prefix[starts + size - 1])


@functools.cache  # a Python loop over 100 ms of samples: once per rate, not once per piece
def _k_weighting_fir(rate: int) -> np.ndarray:
    """Impulse response (100 ms) of the two K-weighting biquads of BS.1770 at `rate`."""
    f0, gain_db, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = math.tan(math.pi * f0 / rate)
    vh = 10 ** (gain_db / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf = (
        [(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0],
        [2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0],
    )
    f0, q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * f0 / rate)
    a0 = 1 + k / q + k * k
    highpass = ([1.0, -2.0, 1.0], [2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0])
    response = np.zeros(max(64, rate // 10))
    response[0] = 1.0
    for b, a in (shelf, highpass):
        response = _biquad(response, b, a)
    response.flags.writeable = False  # shared by every caller (cached)
    return response


def _biquad(x: np.ndarray, b: list[float], a: list[float]) -> np.ndarray:
    """Direct-form I biquad; only run on the short impulse above, so a loop is fine."""
    y = np.zeros_like(x)
    x1 = x2 = y1 = y2 = 0.0
    for i, xi in enumerate(x.tolist()):
        yi = b[0] * xi + b[1] * x1 + b[2] * x2 - a[0] * y1 - a[1] * y2
        x2, x1, y2, y1 = x1, xi, y1, yi
        y[i] = yi
    return y


@functools.cache  # the same few filters for every analysis and check
def interpolation_phases(factor: int, half_taps: int) -> tuple[np.ndarray, ...]:
    """Windowed-sinc polyphase filters for the points between samples (phase 0 is the sample)."""
    phases = []
    for p in range(1, factor):
        t = np.arange(-half_taps + 1, half_taps + 1) - p / factor
        h = np.sinc(t) * np.kaiser(2 * half_taps, 8.0)
        phase = (h / h.sum())[::-1]
        phase.flags.writeable = False  # shared by every caller (cached)
        phases.append(phase)
    return tuple(phases)
