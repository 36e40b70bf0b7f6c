"""Assemble stage: rendered segments -> a `Timeline` (placements, chapters, cues).

The timeline is only arithmetic on one sample clock; the audio itself stays
in the segment files until `stream()` reads them one at a time, so memory
does not grow with the length of the article. Chapter starts are the first
sample of their heading's audio; pauses before a heading belong to the
chapter before it.

The timeline is cut into `Piece`s in the middle of every pause of at least
`PIECE_PAUSE_MS` (paragraphs, headings), each mastered and encoded on its
own; `retime` moves the timeline onto the encoded file's clock afterwards.
"""

from __future__ import annotations

import textwrap
import wave
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

import numpy as np

from audio_article.errors import OutputError
from audio_article.models import Chapter, Cue, Piece, Placement, RenderedSegment, Script, Timeline

TAIL_MS = 600  # silence after the last word, so players do not clip it
CUE_LINE_CHARS = 42
CUE_LINES = 2
BLOCK_SAMPLES = 1 << 16
PIECE_PAUSE_MS = 400  # pauses this long (paragraph, heading) may separate pieces
# ...once the piece is this long: each piece costs two ffmpeg runs, and a page of
# 10,000 one-line sections must not become 10,000 pieces. Paragraphs are usually
# longer, so an edit still re-encodes only its own paragraph.
MIN_PIECE_MS = 10_000
# An ID3 table of contents counts its chapters in one byte; an article with more
# sections gets runs of consecutive sections merged into one chapter each.
MAX_CHAPTERS = 255


def assemble(script: Script, rendered: tuple[RenderedSegment, ...]) -> Timeline:
    """Place the segments one after another with their pauses, at the most common sample rate."""
    rate = Counter(r.sample_rate_hz for r in rendered).most_common(1)[0][0]
    layout = Layout(rate)
    for item in rendered:
        layout.add(item)
    placements = layout.placements
    total = layout.end_sample + TAIL_MS * rate // 1000
    return Timeline(
        sample_rate_hz=rate,
        total_samples=total,
        placements=tuple(placements),
        chapters=_chapters(script, placements, rate, total),
        cues=_cues(placements, rate),
        pieces=layout.pieces(total),
    )


class Layout:
    """Segments placed one after another with their pauses, and the cuts between pieces.

    Built a segment at a time: a cut is decided by the placements before it, so
    a piece is final as soon as the next one starts (`add` returns it). `assemble`
    and the early encoding of an episode still being narrated (audio/early.py)
    share this one computation, so they cut the same pieces.
    """

    def __init__(self, sample_rate_hz: int) -> None:
        self.sample_rate_hz = sample_rate_hz
        self.placements: list[Placement] = []
        self.end_sample = 0
        self._cuts = [0]
        self._firsts = [0]

    def add(self, item: RenderedSegment) -> Piece | None:
        """Place the next segment; the piece it closes, if its pause starts a new one."""
        rate = self.sample_rate_hz
        pause = item.segment.pause_before_ms * rate // 1000
        start = self.end_sample + pause
        length = (
            item.num_samples
            if item.sample_rate_hz == rate
            else round(item.num_samples * rate / item.sample_rate_hz)
        )
        closed = None
        if self.placements:
            cut = start - pause // 2
            if pause * 1000 >= PIECE_PAUSE_MS * rate and (cut - self._cuts[-1]) * 1000 >= MIN_PIECE_MS * rate:
                closed = Piece(self._cuts[-1], cut - self._cuts[-1], self._firsts[-1], len(self.placements))
                self._cuts.append(cut)
                self._firsts.append(len(self.placements))
        self.placements.append(Placement(item.segment, item.wav_path, start, length))
        self.end_sample = start + length
        return closed

    def pieces(self, total_samples: int) -> tuple[Piece, ...]:
        """Every piece, the last one ending at `total_samples`."""
        cuts = [*self._cuts, total_samples]
        firsts = [*self._firsts, len(self.placements)]
        return tuple(
            Piece(cuts[k], cuts[k + 1] - cuts[k], firsts[k], firsts[k + 1]) for k in range(len(cuts) - 1)
        )

    def piece_timeline(self, piece: Piece) -> Timeline:
        """One piece alone, on the episode's clock: enough to stream, key, master and encode it."""
        own = tuple(self.placements[piece.first_placement : piece.stop_placement])
        alone = Piece(piece.start_sample, piece.num_samples, 0, len(own))
        return Timeline(self.sample_rate_hz, piece.start_sample + piece.num_samples, own, (), (), (alone,))


def stream(timeline: Timeline, piece: Piece | None = None) -> Iterator[np.ndarray]:
    """The stitched audio (or one piece of it) as float32 blocks in [-1, 1], one file open at a time."""
    if piece is None:
        piece = Piece(0, timeline.total_samples, 0, len(timeline.placements))
    cursor = piece.start_sample
    for placement in timeline.placements[piece.first_placement : piece.stop_placement]:
        if placement.start_sample > cursor:
            yield from _silence(placement.start_sample - cursor)
        samples = _load(placement, timeline.sample_rate_hz)
        for offset in range(0, len(samples), BLOCK_SAMPLES):
            yield samples[offset : offset + BLOCK_SAMPLES]
        cursor = placement.start_sample + len(samples)
    end = piece.start_sample + piece.num_samples
    if end > cursor:
        yield from _silence(end - cursor)


def retime(timeline: Timeline, piece_starts: list[int], sample_rate_hz: int) -> Timeline:
    """The timeline on the encoded file's clock: piece k starts at sample `piece_starts[k]` (new rate).

    Each piece is encoded on its own, so the encoder's frame padding shifts
    later pieces a little; placements keep their offset inside their piece.
    """
    ratio = sample_rate_hz / timeline.sample_rate_hz
    placements: list[Placement] = []
    for piece, start in zip(timeline.pieces, piece_starts, strict=True):
        for p in timeline.placements[piece.first_placement : piece.stop_placement]:
            offset = round((p.start_sample - piece.start_sample) * ratio)
            placements.append(
                replace(p, start_sample=start + offset, num_samples=round(p.num_samples * ratio))
            )
    last = timeline.pieces[-1]
    total = piece_starts[-1] + round(last.num_samples * ratio)
    return Timeline(
        sample_rate_hz=sample_rate_hz,
        total_samples=total,
        placements=tuple(placements),
        chapters=_chapters_from(timeline.chapters, placements, sample_rate_hz, total),
        cues=_cues(placements, sample_rate_hz),
    )


def _load(placement: Placement, rate_hz: int) -> np.ndarray:
    """A segment's samples as float32 on the timeline's clock (every WAV here is mono 16-bit)."""
    try:
        with wave.open(str(placement.wav_path), "rb") as wav:
            source_rate, channels = wav.getframerate(), wav.getnchannels()
            pcm = wav.readframes(wav.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise OutputError(f"{placement.wav_path}: cannot read the audio back: {exc}") from exc
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        samples = samples[: len(samples) // channels * channels].reshape(-1, channels).mean(axis=1)
    count = placement.num_samples
    if source_rate != rate_hz and len(samples):
        # A segment at another rate (rare: one engine, one rate) is stretched onto the timeline's clock.
        samples = np.interp(np.arange(count) * (len(samples) / count), np.arange(len(samples)), samples)
    # Resampling may be off by a sample; the timeline's length is the truth.
    if len(samples) != count:
        samples = np.resize(samples, count) if len(samples) else np.zeros(count)
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
    return _at_most(MAX_CHAPTERS, chapters)


def _at_most(limit: int, chapters: list[Chapter]) -> tuple[Chapter, ...]:
    """Merge runs of consecutive chapters so that at most `limit` remain ("First – Last")."""
    if len(chapters) <= limit:
        return tuple(chapters)
    size = -(-len(chapters) // limit)
    merged = []
    for i in range(0, len(chapters), size):
        run = chapters[i : i + size]
        title = run[0].title if len(run) == 1 else f"{run[0].title} – {run[-1].title}"
        merged.append(Chapter(title, run[0].start_ms, run[-1].end_ms))
    return tuple(merged)


def _chapters_from(
    old: tuple[Chapter, ...], placements: list[Placement], rate: int, total: int
) -> tuple[Chapter, ...]:
    """The same chapters (titles, order) with starts taken from the moved placements."""
    starts: dict[int, int] = {0: 0}
    for placement in placements:
        starts.setdefault(placement.segment.chapter_index, _ms(placement.start_sample, rate))
    begins = [starts[c] for c in sorted(starts)]
    ends = [*begins[1:], _ms(total, rate)]
    moved = _at_most(MAX_CHAPTERS, [Chapter("", b, e) for b, e in zip(begins, ends, strict=True)])
    return tuple(replace(ch, start_ms=m.start_ms, end_ms=m.end_ms) for ch, m in zip(old, moved, strict=True))


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
