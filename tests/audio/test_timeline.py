from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import numpy as np

from audio_article.audio.timeline import TAIL_MS, assemble, retime, stream
from audio_article.cache import write_wav_atomic
from audio_article.models import RenderedSegment, Script, ScriptSegment

RATE = 1000


def _rendered(
    tmp_path: Path, specs: list[tuple[str, int, int, int, bool]]
) -> tuple[Script, tuple[RenderedSegment, ...]]:
    """specs: (text, chapter, pause_before_ms, num_samples, starts_chapter)."""
    items = []
    for i, (text, chapter, pause, length, starts) in enumerate(specs):
        path = tmp_path / f"{i}.wav"
        write_wav_atomic(path, (np.full(length, 1000 * (i + 1), dtype="<i2")).tobytes(), RATE)
        segment = ScriptSegment(i, "text", text, text, chapter, 0, pause, starts_chapter=starts)
        items.append(RenderedSegment(segment, path, RATE, length, reused=False))
    return Script(tuple(r.segment for r in items), ("Intro", "Second")), tuple(items)


def test_timeline_chapters_and_cues(tmp_path: Path) -> None:
    script, rendered = _rendered(
        tmp_path,
        [
            ("Title.", 0, 0, 1000, True),
            ("Body one.", 0, 500, 2000, False),
            ("Heading", 1, 1200, 800, True),
            ("Body two.", 1, 400, 1500, False),
        ],
    )
    timeline = assemble(script, rendered)
    assert [p.start_sample for p in timeline.placements] == [0, 1500, 4700, 5900]
    assert timeline.total_samples == 7400 + TAIL_MS
    assert [(c.title, c.start_ms, c.end_ms) for c in timeline.chapters] == [
        ("Intro", 0, 4700),
        ("Second", 4700, 7400 + TAIL_MS),
    ]
    assert [(c.start_ms, c.end_ms, c.text) for c in timeline.cues] == [
        (0, 1000, "Title."),
        (1500, 3500, "Body one."),
        (4700, 5500, "Heading"),
        (5900, 7400, "Body two."),
    ]
    audio = np.concatenate(list(stream(timeline)))
    assert len(audio) == timeline.total_samples
    assert audio[4700] > audio[4699] == 0.0  # the heading's audio starts exactly at its chapter


def test_long_sentences_get_two_line_cues(tmp_path: Path) -> None:
    long = " ".join(["word"] * 60)
    script, rendered = _rendered(tmp_path, [(long, 0, 0, 6000, True)])
    cues = assemble(script, rendered).cues
    assert len(cues) > 1
    assert all(
        len(c.text.split("\n")) <= 2 and all(len(line) <= 42 for line in c.text.split("\n")) for c in cues
    )
    assert cues[0].start_ms == 0 and cues[-1].end_ms == 6000
    assert all(a.end_ms == b.start_ms for a, b in pairwise(cues))


def test_pieces_meet_in_long_pauses_and_retime_keeps_offsets(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("audio_article.audio.timeline.MIN_PIECE_MS", 1000)
    script, rendered = _rendered(
        tmp_path,
        [
            ("Title.", 0, 0, 1000, True),
            ("Body one.", 0, 500, 2000, False),
            ("Same paragraph.", 0, 250, 500, False),
            ("Heading", 1, 1200, 800, True),
            ("Body two.", 1, 400, 1500, False),
        ],
    )
    timeline = assemble(script, rendered)
    # Cuts in the middle of the 500, 1200 and 400 ms pauses; never in the 250 ms one.
    assert [(p.start_sample, p.first_placement, p.stop_placement) for p in timeline.pieces] == [
        (0, 0, 1),
        (1250, 1, 3),
        (4850, 3, 4),
        (6450, 4, 5),
    ]
    assert sum(p.num_samples for p in timeline.pieces) == timeline.total_samples
    whole = np.concatenate(list(stream(timeline)))
    parts = np.concatenate([np.concatenate(list(stream(timeline, p))) for p in timeline.pieces])
    assert np.array_equal(whole, parts)
    # Encoded at twice the rate, each piece grown by some padding:
    moved = retime(timeline, [0, 2600, 6400, 9000], 2 * RATE)
    assert moved.sample_rate_hz == 2 * RATE
    assert [p.start_sample for p in moved.placements] == [0, 2600 + 500, 2600 + 5000, 6400 + 1200, 9000 + 400]
    assert [(c.title, c.start_ms) for c in moved.chapters] == [("Intro", 0), ("Second", 3800)]
    assert moved.total_samples == 9000 + 2 * timeline.pieces[-1].num_samples
    assert moved.cues[1].start_ms == 1550
    # Pieces shorter than MIN_PIECE_MS run on to the next long pause.
    monkeypatch.setattr("audio_article.audio.timeline.MIN_PIECE_MS", 2000)
    merged = assemble(script, rendered).pieces
    layout = [(p.start_sample, p.first_placement, p.stop_placement) for p in merged]
    assert layout == [(0, 0, 3), (4850, 3, 5)]
