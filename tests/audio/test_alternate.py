"""The Opus edition: decodes, keeps the MP3's chapters and tags, a third of the bytes.

Its loudness against the MP3's is checked on real narration (tests/show/test_channel.py):
on noise, Opus at 24 kbps drops the high band that K-weighting counts most, so a
synthetic signal says little about speech.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import imageio_ffmpeg
import pytest
from mutagen.oggopus import OggOpus

from audio_article.audio.alternate import (
    AlternateTags,
    OpusEncoding,
    check_decodes,
    encode_opus,
    vorbis_comments,
)
from audio_article.errors import ToolError
from audio_article.models import Chapter

FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()
TAGS = AlternateTags("A title = with; signs", "Reporter", "Show", "2025-01-02", "en")
CHAPTERS = (
    Chapter("Opening", 0, 7123),
    Chapter("Second; part", 7123, 15_600),
    Chapter("End", 15_600, 30_000),
)


@pytest.fixture(scope="module")
def mp3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 s of a speech-like signal (pink noise shaped by a syllable-rate tremolo), 64 kbps mono MP3."""
    path = tmp_path_factory.mktemp("alt") / "episode.mp3"
    source = "anoisesrc=color=pink:amplitude=0.3:duration=30,tremolo=f=4:d=0.9,lowpass=f=4000"
    subprocess.run(
        [
            FFMPEG,
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            source,
            "-ac",
            "1",
            "-ar",
            "44100",
            "-b:a",
            "64k",
            str(path),
        ],
        check=True,
    )
    return path


def test_opus_edition_decodes_with_the_mp3s_loudness_and_chapters(mp3: Path, tmp_path: Path) -> None:
    out = tmp_path / "episode.opus"
    size = encode_opus(mp3, out, TAGS, CHAPTERS)
    assert size == out.stat().st_size
    check_decodes(out)
    opus = OggOpus(out)
    assert abs(opus.info.length - 30.0) < 0.1
    assert opus.tags["title"] == [TAGS.title] and opus.tags["artist"] == ["Reporter"]
    starts = [opus.tags[f"chapter{n:03d}"][0] for n in range(3)]
    assert starts == ["00:00:00.000", "00:00:07.123", "00:00:15.600"]
    assert [opus.tags[f"chapter{n:03d}name"][0] for n in range(3)] == ["Opening", "Second; part", "End"]
    # About 24 kbps against the MP3's 64: well under half the bytes.
    assert size < 0.45 * mp3.stat().st_size


def test_chapter_times_keep_their_milliseconds() -> None:
    # ffmpeg's own Ogg chapter writer rounds the seconds: 23.536 s would read 00:00:24.536.
    comments = vorbis_comments(TAGS, [Chapter("A", 0, 23_536), Chapter("B", 23_536, 3_723_999)])
    assert comments["CHAPTER001"] == "00:00:23.536" and comments["CHAPTER001NAME"] == "B"
    assert comments["TITLE"] == TAGS.title and comments["GENRE"] == "Podcast"


def test_a_file_that_is_no_opus_fails_the_check(tmp_path: Path) -> None:
    out = tmp_path / "episode.opus"
    out.write_bytes(b"OggS" + bytes(range(256)) * 40)
    with pytest.raises(ToolError, match="does not decode"):
        check_decodes(out)


def test_a_stopped_encode_leaves_no_process_or_log(mp3: Path, tmp_path: Path) -> None:
    out = tmp_path / "episode.opus"
    encoding = OpusEncoding(mp3, out)
    encoding.stop()  # a build that failed after starting the encode
    assert encoding._proc.poll() is not None
    assert not (tmp_path / "episode.opus.log").exists()
