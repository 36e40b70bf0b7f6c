"""Pieces encoded during narration: the pieces `assemble` cuts, and the MP3 of a build without them."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import SAMPLES
from mutagen.id3 import ID3

from audio_article.audio import timeline as timeline_module
from audio_article.audio.early import EarlyPieces
from audio_article.audio.pieces import Levels, master_pieces, piece_keys
from audio_article.audio.timeline import Layout, assemble
from audio_article.cache import BuildCache, write_wav_atomic
from audio_article.models import EncodeSettings, RenderedSegment, Script, ScriptSegment
from audio_article.pipeline import steps
from audio_article.pipeline.build import BuildOptions, build

RATE = 22050


def _rendered(tmp_path: Path, count: int) -> tuple[Script, tuple[RenderedSegment, ...]]:
    rng = random.Random(5)
    items = []
    for i in range(count):
        length = rng.randint(RATE // 2, 4 * RATE)
        path = tmp_path / f"{i}.wav"
        tone = np.sin(np.arange(length) * (0.05 + 0.01 * (i % 7))) * 8000
        write_wav_atomic(path, tone.astype("<i2").tobytes(), RATE)
        pause = rng.choice([250, 250, 600, 1200])
        segment = ScriptSegment(
            i, "text", f"Sentence {i}.", f"Sentence {i}.", 0, 0, pause, starts_chapter=i == 0
        )
        items.append(RenderedSegment(segment, path, RATE, length, reused=False))
    return Script(tuple(r.segment for r in items), ("Only",)), tuple(items)


def test_a_layout_built_a_segment_at_a_time_cuts_the_pieces_assemble_cuts(tmp_path: Path) -> None:
    script, rendered = _rendered(tmp_path, 60)
    whole = assemble(script, rendered)
    layout = Layout(RATE)
    closed = [piece for item in rendered if (piece := layout.add(item)) is not None]
    assert len(whole.pieces) > 3
    assert tuple(closed) == whole.pieces[:-1]  # every piece but the last is known before the end
    assert layout.pieces(whole.total_samples) == whole.pieces
    for piece in closed:
        alone = layout.piece_timeline(piece)
        assert [b.tolist() for b in timeline_module.stream(alone, alone.pieces[0])] == [
            b.tolist() for b in timeline_module.stream(whole, piece)
        ]


def test_segments_out_of_order_encode_every_decided_piece_once(tmp_path: Path) -> None:
    script, rendered = _rendered(tmp_path, 40)
    cache = BuildCache(tmp_path / "cache")
    early = EarlyPieces([s.index for s in script.segments], cache, Levels(-16.0, -1.0), EncodeSettings(), 2)
    shuffled = list(rendered)
    random.Random(2).shuffle(shuffled)
    for item in shuffled:
        early.add(item)
    done = early.finish()
    assert len(done) == len(assemble(script, rendered).pieces) - 1
    assert all(
        not piece.reused and piece.path.parent.parent == cache.root / "pieces" for piece in done.values()
    )


def _audio_frames(path: Path) -> bytes:
    return path.read_bytes()[ID3(path).size :]


def test_a_build_with_early_pieces_is_the_build_without(
    tmp_path: Path, fake_voice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "story.txt"
    shutil.copy(SAMPLES / "night-reading-room.txt", article)
    real = steps.early_pieces
    with monkeypatch.context() as patch:
        patch.setattr(steps, "early_pieces", lambda _ctx: None)
        reference = build(
            article,
            BuildOptions(output_dir=tmp_path / "ref", voice=str(fake_voice), cache_dir=tmp_path / "c1"),
        )
    started: list[EarlyPieces | None] = []
    monkeypatch.setattr(steps, "early_pieces", lambda ctx: started.append(real(ctx)) or started[-1])
    episode = build(
        article, BuildOptions(output_dir=tmp_path / "out", voice=str(fake_voice), cache_dir=tmp_path / "c2")
    )
    assert started and started[0] is not None
    assert _audio_frames(episode.mp3) == _audio_frames(reference.mp3)
    assert episode.pieces_encoded == reference.pieces_encoded > 1 and episode.pieces_reused == 0


def test_a_piece_of_music_alone_takes_the_gain_of_the_nearest_words(tmp_path: Path) -> None:
    items = []
    for index, (kind, seconds, pause_ms) in enumerate([("text", 12, 0), ("audio", 4, 700)]):
        path = tmp_path / f"{index}.wav"
        level = 3000 if kind == "text" else 20000  # loud music: levelled alone it would be turned down
        samples = np.sin(np.arange(seconds * RATE) * 0.07) * level
        write_wav_atomic(path, samples.astype("<i2").tobytes(), RATE)
        segment = ScriptSegment(index, kind, "x", "x", 0, 0, pause_ms, starts_chapter=index == 0)  # type: ignore[arg-type]
        items.append(RenderedSegment(segment, path, RATE, seconds * RATE, reused=False))
    script = Script(tuple(r.segment for r in items), ("Only",))
    timeline = assemble(script, tuple(items))
    assert len(timeline.pieces) == 2
    cache = BuildCache(tmp_path / "cache")
    keys = piece_keys(timeline, cache)
    words, music = master_pieces(timeline, keys, Levels(-16.0, -1.0), EncodeSettings(), cache, 2)
    assert music.gain_db == words.gain_db > 5
