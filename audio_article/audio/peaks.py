"""The true peak of decoded audio, computed only where it can reach a floor.

Checking an encoded piece against the ceiling only needs its true peak
exactly when that peak is above the pass mark; below it, "below" is enough.
An interpolated point is a weighted sum of the samples around it, so it is
at most their largest magnitude times the filter's absolute sum: windows
whose samples are all below floor / that sum cannot reach the floor and are
never interpolated. Limited speech has few samples that near the ceiling,
so most of the 4x oversampling work of a full measurement is skipped, and
the answer above the floor is the full measurement's (up to rounding).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from audio_article.audio.master import Analysis, interpolation_phases


def true_peak_above_dbtp(blocks: Iterable[np.ndarray], floor_dbtp: float) -> float:
    """The stream's 4x-oversampled peak in dBTP, exact when above `floor_dbtp` (else at most the floor)."""
    phases = interpolation_phases(Analysis.OVERSAMPLE, Analysis.HALF_TAPS)
    taps = len(phases[0])
    limit = 10 ** (floor_dbtp / 20) / max(float(np.abs(p).sum()) for p in phases)
    history = np.zeros(taps - 1)
    best = 0.0
    for block in blocks:
        x = np.asarray(block, dtype=np.float64)
        if not len(x):
            continue
        context = np.concatenate([history, x])
        history = context[-(taps - 1) :]
        best = max(best, float(np.abs(x).max()))
        # Point i between samples is interpolated from context[i : i + taps]: it can reach the
        # floor only if one of those samples is above `limit`.
        hot = np.concatenate([[0], np.cumsum(np.abs(context) > limit)])
        near = np.flatnonzero(hot[taps : taps + len(x)] - hot[: len(x)])
        if not len(near):
            continue
        windows = np.lib.stride_tricks.sliding_window_view(context, taps)[near]
        for phase in phases:
            best = max(best, float(np.abs(windows @ phase[::-1]).max()))
    return 20 * math.log10(max(best, 1e-9))
