"""The per-segment checks: what counts as the narration of a text, and how its silence is trimmed."""

from __future__ import annotations

import numpy as np

from audio_article.speech.render import check_segment, trim_silence


def test_check_segment_rules() -> None:
    rate = 22050
    speech = (np.sin(np.arange(rate * 2) / 5) * 8000).astype(np.int16)
    assert check_segment(speech, rate, "five words are said here", 175) is None
    assert "no audio" in (check_segment(speech[:0], rate, "words", 175) or "")
    assert "silence" in (check_segment(np.zeros(rate, np.int16), rate, "words", 175) or "")
    assert "too short" in (check_segment(speech[:2000], rate, " ".join(["word"] * 30), 175) or "")


def test_trim_keeps_small_margins() -> None:
    rate = 1000
    samples = np.concatenate([np.zeros(500), np.full(100, 5000), np.zeros(500)]).astype(np.int16)
    trimmed = trim_silence(samples, rate)
    assert len(trimmed) == 15 + 100 + 40
