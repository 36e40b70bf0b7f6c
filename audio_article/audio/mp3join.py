"""Join separately encoded MP3 pieces into one file with a correct Info (LAME) header.

Every piece starts with a fresh bit reservoir, so their frames can simply be
concatenated. One Info frame goes in front: frame and byte counts, a seek
table, LAME's encoder delay and the end padding, and the tag's two
checksums (of the music and of the tag), so gapless players trim exactly
the first piece's delay and the last piece's padding, as they do for a file
encoded in one go. It holds the fields ffmpeg's muxer wrote when it did the
join (its encoder string "Lavf" included): every reader sees what it saw
before, without a process and a second copy of the audio.
"""

from __future__ import annotations

import bisect
import math
import os
from collections.abc import Sequence
from pathlib import Path

from audio_article.audio.crc16 import crc16
from audio_article.audio.verify import check_mp3_frames, frame_length, scan_mp3
from audio_article.errors import ToolError

LAME_DELAY = 576  # samples LAME puts before the audio; decoders add 529 of their own
DECODER_DELAY = 529
PIECE_DELAY = LAME_DELAY + DECODER_DELAY  # where a piece's audio starts in its own decoded frames
_CRC_BYTES = 190  # the LAME tag CRC covers the first 190 bytes of the Info frame
_INFO_FIELDS = 8 + 4 + 4 + 100 + 4 + 36  # tag and flags, frames, bytes, seek table, quality, LAME extension


def join_mp3(parts: Sequence[Path], out_path: Path, padding_samples: int) -> None:
    """Concatenate `parts` (encoded without Info headers) into `out_path`, behind one Info frame."""
    if not (0 <= padding_samples < 4096):
        raise ToolError(f"MP3 delay {LAME_DELAY} or padding {padding_samples} does not fit the LAME tag")
    frames = audio_bytes = music_crc = 0
    first = b""  # the audio's first bytes: the tag CRC's 190 bytes run into them after a short Info frame
    spans: list[tuple[int, int, int, int]] = []  # each part's first frame and byte, frames and bytes
    try:
        with out_path.open("wb") as sink:
            for part in parts:
                data = part.read_bytes()
                count = scan_mp3(data, name=part.name).frames  # a damaged piece stops here
                if not count:
                    continue
                if not first:
                    first = data[:_CRC_BYTES]
                    sink.write(bytes(len(_info_frame(first, 0, 0, 0, 0, []))))  # its place, filled below
                spans.append((frames, audio_bytes, count, len(data)))
                frames += count
                audio_bytes += len(data)
                music_crc = crc16(data, music_crc)
                sink.write(data)
            if not first:
                raise ToolError("there is no encoded audio to join")
            toc = [_frame_offset(spans, i * frames // 100) for i in range(100)]
            info = _info_frame(first, frames, audio_bytes, padding_samples, music_crc, toc)
            sink.seek(0)
            sink.write(info)
            sink.flush()
            os.fsync(sink.fileno())
    except OSError as exc:
        raise ToolError(f"cannot join the encoded pieces: {exc.strerror or exc}") from exc
    check_mp3_frames(out_path, frames, audio_bytes, info_header=True)


def _frame_offset(spans: list[tuple[int, int, int, int]], frame: int) -> int:
    """Where audio frame `frame` starts, to within a frame (a part's frames differ in size only by
    their padding byte): ample for a seek table of 256ths, without a list of every frame's place."""
    first_frame, first_byte, count, size = spans[bisect.bisect_right(spans, (frame, math.inf)) - 1]
    return first_byte + (frame - first_frame) * size // max(count, 1)


def _info_frame(
    first: bytes, frames: int, audio_bytes: int, padding: int, music_crc: int, toc: list[int]
) -> bytes:
    """The Info frame for `frames` audio frames of `audio_bytes` bytes, shaped like the first one;
    `first` is the audio's start (at least its first frame header), `toc` holds the offsets (from
    the first audio frame) of the frames at each percent of the time."""
    header = first[:4]
    # The stream's version, rate and channel mode; no frame CRC, no copyright or original flag.
    second, third, fourth = header[1] | 1, header[2], header[3] & 0xF0
    mpeg1 = (second >> 3) & 3 == 3
    mono = (fourth >> 6) == 3
    tag = 4 + ((17 if mono else 32) if mpeg1 else (9 if mono else 17))
    # The stream's own rate, mode and bitrate (the next one up while its frame cannot hold the tag).
    for index in range(max(1, header[2] >> 4), 15):
        third = (index << 4) | (header[2] & 0x0C)
        found = frame_length(bytes((0xFF, second, third, fourth)))
        if found and found[0] >= tag + _INFO_FIELDS:
            break
    else:
        raise ToolError("the MP3's frames are too small for an Info header")
    size = found[0]
    total = size + audio_bytes
    frame = bytearray(size)
    frame[0:4] = bytes((0xFF, second, third, fourth))
    fields = b"Info" + (15).to_bytes(4, "big") + frames.to_bytes(4, "big") + total.to_bytes(4, "big")
    # The seek table: where each percent of the time starts, in 256ths of the audio (as LAME writes it).
    fields += bytes(min(255, start * 256 // audio_bytes) for start in toc) if toc else bytes(100)
    fields += bytes(4)  # quality: unknown
    lame = bytearray(36)
    lame[0:4] = b"Lavf"
    lame[21:24] = ((LAME_DELAY << 12) | padding).to_bytes(3, "big")
    lame[28:32] = total.to_bytes(4, "big")
    lame[32:34] = music_crc.to_bytes(2, "big")
    frame[tag : tag + _INFO_FIELDS] = fields + lame
    # The tag's CRC covers the file's first 190 bytes (the LAME tag's definition, and what this
    # project's files always carried): past a shorter Info frame, the audio's first bytes.
    covered = (bytes(frame) + first)[:_CRC_BYTES]
    frame[tag + _INFO_FIELDS - 2 : tag + _INFO_FIELDS] = crc16(covered).to_bytes(2, "big")
    return bytes(frame)
