"""Assemble stage: rendered segments -> a `Timeline` (placements, chapters, cues).

The timeline is only arithmetic on one sample clock; the audio itself stays
in the segment files until `stream()` reads them one at a time, so memory
does not grow with the length of the article. Chapter starts are the first
sample of their heading's audio; pauses before a heading belong to the
chapter before it.
"""

from __future__ import annotations

import textwrap
import warnings
from collections import Counter
from collections.abc import Iterator

import numpy as np

with warnings.catch_warnings():
    # pydub warns at import when ffmpeg is not on PATH; it only reads WAV here.
    warnings.simplefilter("ignore", RuntimeWarning)
    warnings.simplefilter("ignore", DeprecationWarning)  # audioop, until pydub drops it
    from pydub import AudioSegment

from audio_article.models import Chapter, Cue, Placement, RenderedSegment, Script, Timeline

TAIL_MS = 600  # silence after the last word, so players do not clip it
CUE_LINE_CHARS = 42
CUE_LINES = 2
BLOCK_SAMPLES = 1 << 16


def assemble(script: Script, rendered: tuple[RenderedSegment, ...]) -> Timeline:
    rate = Counter(r.sample_rate_hz for r in rendered).most_common(1)[0][0]
    placements: list[Placement] = []
    cursor = 0
    for item in rendered:
        cursor += item.segment.pause_before_ms * rate // 1000
        length = (
            item.num_samples
            if item.sample_rate_hz == rate
            else round(item.num_samples * rate / item.sample_rate_hz)
        )
        placements.append(Placement(item.segment, item.wav_path, cursor, length))
        cursor += length
    total = cursor + TAIL_MS * rate // 1000
    return Timeline(
        sample_rate_hz=rate,
        total_samples=total,
        placements=tuple(placements),
        chapters=_chapters(script, placements, rate, total),
        cues=_cues(placements, rate),
    )


def stream(timeline: Timeline) -> Iterator[np.ndarray]:
    """The stitched audio as float32 blocks in [-1, 1], one segment file open at a time."""
    cursor = 0
    for placement in timeline.placements:
        if placement.start_sample > cursor:
            yield from _silence(placement.start_sample - cursor)
        samples = _load(placement, timeline.sample_rate_hz)
        for offset in range(0, len(samples), BLOCK_SAMPLES):
            yield samples[offset : offset + BLOCK_SAMPLES]
        cursor = placement.start_sample + len(samples)
    if timeline.total_samples > cursor:
        yield from _silence(timeline.total_samples - cursor)


def _load(placement: Placement, rate_hz: int) -> np.ndarray:
    audio = AudioSegment.from_wav(str(placement.wav_path)).set_channels(1).set_sample_width(2)
    if audio.frame_rate != rate_hz:
        audio = audio.set_frame_rate(rate_hz)
    samples = np.asarray(audio.get_array_of_samples(), dtype=np.float32) / 32768.0
    # Resampling may be off by a sample; the timeline's length is the truth.
    if len(samples) != placement.num_samples:
        samples = (
            np.resize(samples, placement.num_samples) if len(samples) else np.zeros(placement.num_samples)
        )
    return samples.astype(np.float32, copy=False)


def _silence(count: int) -> Iterator[np.ndarray]:
    while count > 0:
        size = min(count, BLOCK_SAMPLES)
        yield np.zeros(size, dtype=np.float32)
        count -= size


def _ms(samples: int, rate: int) -> int:
    return round(samples * 1000 / rate)


def _chapters(script: Script, placements: list[Placement], rate: int, total: int) -> tuple[Chapter, ...]:
    starts: dict[int, int] = {0: 0}
    for placement in placements:
        chapter = placement.segment.chapter_index
        if chapter not in starts:
            starts[chapter] = _ms(placement.start_sample, rate)
    ordered = sorted(starts)
    chapters = []
    for i, chapter in enumerate(ordered):
        end = starts[ordered[i + 1]] if i + 1 < len(ordered) else _ms(total, rate)
        chapters.append(Chapter(script.chapter_titles[chapter], starts[chapter], end))
    return tuple(chapters)


def _cues(placements: list[Placement], rate: int) -> tuple[Cue, ...]:
    """A cue per segment; long sentences are split into two-line cues timed by character share."""
    cues: list[Cue] = []
    for placement in placements:
        if placement.segment.kind == "audio":
            continue  # intro and outro music have no words
        start = _ms(placement.start_sample, rate)
        end = _ms(placement.start_sample + placement.num_samples, rate)
        lines = textwrap.wrap(placement.segment.text, CUE_LINE_CHARS, break_long_words=True) or [""]
        groups = ["\n".join(lines[i : i + CUE_LINES]) for i in range(0, len(lines), CUE_LINES)]
        weights = [len(g) for g in groups]
        total_weight = sum(weights) or 1
        cursor = start
        for group, weight in zip(groups, weights, strict=True):
            cue_end = cursor + round((end - start) * weight / total_weight)
            if group is groups[-1]:
                cue_end = end
            if cue_end > cursor:
                cues.append(Cue(cursor, cue_end, group))
            cursor = cue_end
    return tuple(cues)
