"""Read-back checks: cut-short MP3s, audio changed by tagging."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mutagen.id3 import ID3, TIT2

from audio_article.audio.codec import encode_mp3
from audio_article.audio.mp3join import join_mp3
from audio_article.audio.verify import (
    check_mp3_frames,
    check_tagged,
    frame_length,
    scan_mp3,
)
from audio_article.errors import OutputError
from audio_article.models import EncodeSettings


def _joined(tmp_path: Path) -> tuple[Path, int, int]:
    piece = tmp_path / "piece.mp3"
    encode_mp3([np.full(40000, 0.1, np.float32)], 22050, EncodeSettings(), piece)
    data = piece.read_bytes()
    out = tmp_path / "joined.mp3"
    join_mp3([piece, piece], out, 0)
    return out, 2 * scan_mp3(data).frames, 2 * len(data)


def test_a_joined_file_cut_at_a_frame_boundary_is_refused(tmp_path: Path) -> None:
    out, frames, audio_bytes = _joined(tmp_path)
    check_mp3_frames(out, frames, audio_bytes, info_header=True)
    data = out.read_bytes()
    end = 0
    for _ in range(frames // 2):  # the Info frame and about half the audio frames
        found = frame_length(data[end : end + 4])
        assert found is not None
        end += found[0]
    out.write_bytes(data[:end])
    assert scan_mp3(out.read_bytes()).frames == frames // 2
    with pytest.raises(OutputError, match=rf"joined\.mp3: holds {frames // 2 - 1} of {frames} audio frames"):
        check_mp3_frames(out, frames, audio_bytes, info_header=True)


def test_a_cut_short_frame_is_refused(tmp_path: Path) -> None:
    out, frames, audio_bytes = _joined(tmp_path)
    out.write_bytes(out.read_bytes()[:-7])
    with pytest.raises(OutputError, match=r"cut-short frame .* written incompletely"):
        check_mp3_frames(out, frames, audio_bytes, info_header=True)


def test_tagging_that_changed_the_audio_is_refused(tmp_path: Path) -> None:
    import hashlib

    out, _frames, _bytes = _joined(tmp_path)
    audio = hashlib.sha256(out.read_bytes()).hexdigest()
    tags = ID3()
    tags.add(TIT2(text="t"))
    tags.save(str(out))
    check_tagged(out, audio, 0, 0)
    out.write_bytes(out.read_bytes()[:-100])
    with pytest.raises(OutputError, match="audio changed while writing its tags"):
        check_tagged(out, audio, 0, 0)


@pytest.mark.parametrize("chunk", [7, 417, 1 << 20])
def test_the_file_is_checked_in_chunks_across_frame_boundaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    import audio_article.audio.verify as verify

    monkeypatch.setattr(verify, "_CHUNK_BYTES", chunk)
    out, frames, audio_bytes = _joined(tmp_path)
    check_mp3_frames(out, frames, audio_bytes, info_header=True)
    data = out.read_bytes()
    out.write_bytes(data[:-5])  # the last frame cut short
    with pytest.raises(OutputError, match="a cut-short frame"):
        check_mp3_frames(out, frames, audio_bytes, info_header=True)
    out.write_bytes(data[:1000] + b"\0" * 50 + data[1050:])  # a hole in the middle
    with pytest.raises(OutputError, match="no MP3 frame"):
        check_mp3_frames(out, frames, audio_bytes, info_header=True)
