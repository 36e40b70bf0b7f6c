"""Check what was written before anyone relies on it: the MP3's frames and its tags.

A tool's exit status is not proof: ffmpeg exits 0 after "No space left on
device" while closing its output, leaving a file cut short. Every file the
build produces is read back here, by its own structure, against what the
plan says it must hold.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from audio_article.episode.tags import read_back
from audio_article.errors import OutputError

# Layer III bitrates (kbps) by index: MPEG-1, then MPEG-2 and 2.5.
_BITRATES = (
    (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
)
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
_ID3_HEADER_BYTES = 10
_CHUNK_BYTES = 1 << 20


@dataclass(frozen=True)
class Mp3Frames:
    """What a walk over an MP3's frames found."""

    frames: int
    samples_per_frame: int
    first_frame_bytes: int


def frame_length(header: bytes) -> tuple[int, int] | None:
    """(bytes, samples) of the Layer III frame whose 4-byte header this is, or None if it is none."""
    if len(header) < 4 or header[0] != 0xFF:
        return None
    return _frame_length(header[1], header[2])


@functools.cache
def _frame_length(second: int, third: int) -> tuple[int, int] | None:
    """From a frame header's second and third bytes (cached: a file has only a few kinds of frame)."""
    version, layer = (second >> 3) & 3, (second >> 1) & 3
    bitrate_index, rate_index = third >> 4, (third >> 2) & 3
    if (second & 0xE0) != 0xE0 or version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    mpeg1 = version == 3
    bitrate = _BITRATES[0 if mpeg1 else 1][bitrate_index] * 1000
    rate = _RATES[version][rate_index]
    samples = 1152 if mpeg1 else 576
    padding = (third >> 1) & 1
    return samples // 8 * bitrate // rate + padding, samples


def scan_mp3(data: bytes, offset: int = 0, name: str = "MP3") -> Mp3Frames:
    """Walk every frame from `offset` to the end; anything but whole frames is an error."""
    frames = spf = first = 0
    position = offset
    end = len(data)
    while position < end:
        found = _frame_length(data[position + 1], data[position + 2]) if position + 4 <= end else None
        if found is None or data[position] != 0xFF or position + found[0] > end:
            what = "a cut-short frame" if found else "no MP3 frame"
            where = f"at byte {position} of {end}"
            raise OutputError(f"{name}: {what} {where}: written incompletely (disk full?)")
        if frames == 0:
            spf, first = found[1], found[0]
        position += found[0]
        frames += 1
    return Mp3Frames(frames, spf, first)


def id3_size(data: bytes) -> int:
    """Bytes of the ID3v2 tag at the start of `data` (0 when there is none)."""
    if len(data) < 10 or data[:3] != b"ID3":
        return 0
    size = 0
    for byte in data[6:10]:
        size = (size << 7) | (byte & 0x7F)
    footer = 10 if data[5] & 0x10 else 0
    return 10 + size + footer


def check_mp3_frames(path: Path, frames: int, audio_bytes: int, info_header: bool) -> None:
    """`path` holds exactly `frames` audio frames of `audio_bytes` bytes (after an Info frame if asked)."""
    try:
        scan, size, tag = _scan_file(path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot read it back to check it: {exc.strerror or exc}") from exc
    extra_frames = 1 if info_header else 0
    extra_bytes = scan.first_frame_bytes if info_header else 0
    if scan.frames != frames + extra_frames or size - tag != audio_bytes + extra_bytes:
        raise OutputError(
            f"{path.name}: holds {scan.frames - extra_frames} of {frames} audio frames "
            f"({size} bytes): written incompletely (disk full?)"
        )


def check_tagged(path: Path, audio_sha256: str, chapters: int, cover_bytes: int) -> None:
    """After tagging: the audio is byte for byte what was joined, and the tags read back whole."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            handle.seek(id3_size(handle.read(_ID3_HEADER_BYTES)))
            for block in iter(lambda: handle.read(_CHUNK_BYTES), b""):
                digest.update(block)
    except OSError as exc:
        raise OutputError(f"{path}: cannot read it back to check it: {exc.strerror or exc}") from exc
    if digest.hexdigest() != audio_sha256:
        raise OutputError(f"{path.name}: the audio changed while writing its tags (disk full?)")
    if read_back(path) != (chapters, cover_bytes):
        raise OutputError(f"{path.name}: the ID3 tags read back incomplete (chapters or cover missing)")


def _scan_file(path: Path) -> tuple[Mp3Frames, int, int]:
    """`scan_mp3` of a file after its ID3 tag, a megabyte at a time (an 11-hour episode is 300 MB).

    Returns the scan, the file's size and the tag's size.
    """
    frames = spf = first = 0
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        tag = id3_size(handle.read(_ID3_HEADER_BYTES))
        handle.seek(tag)
        position, buf = tag, b""  # position: where buf starts in the file
        while chunk := handle.read(_CHUNK_BYTES):
            buf += chunk
            used = 0
            while used + 4 <= len(buf):
                found = _frame_length(buf[used + 1], buf[used + 2]) if buf[used] == 0xFF else None
                if found is None:
                    _incomplete(path, "no MP3 frame", position + used, size)
                if used + found[0] > len(buf):
                    break  # the frame goes on in the next chunk
                if frames == 0:
                    spf, first = found[1], found[0]
                frames += 1
                used += found[0]
            position, buf = position + used, buf[used:]
    if buf:
        found = _frame_length(buf[1], buf[2]) if len(buf) >= 4 and buf[0] == 0xFF else None
        _incomplete(path, "a cut-short frame" if found else "no MP3 frame", position, size)
    return Mp3Frames(frames, spf, first), size, tag


def _incomplete(path: Path, what: str, position: int, size: int) -> NoReturn:
    raise OutputError(f"{path.name}: {what} at byte {position} of {size}: written incompletely (disk full?)")
