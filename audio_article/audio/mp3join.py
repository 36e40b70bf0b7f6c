"""Join separately encoded MP3 pieces into one file with a correct Info (LAME) header.

Every piece starts with a fresh bit reservoir, so their frames can simply be
concatenated. ffmpeg then copies the frames into the final file and writes
the Info header (frame count, byte count, seek table, music CRC). Its header
says nothing of the encoder delay, so we patch in LAME's delay and the end
padding and fix the header's CRC: gapless players then trim exactly the
first piece's delay and the last piece's padding, as they do for a file
encoded in one go.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from audio_article.audio.codec import ffmpeg_command, mp3_output
from audio_article.audio.verify import check_mp3_frames, scan_mp3
from audio_article.errors import ToolError
from audio_article.toolchain import stderr_tail

LAME_DELAY = 576  # samples LAME puts before the audio; decoders add 529 of their own
DECODER_DELAY = 529
PIECE_DELAY = LAME_DELAY + DECODER_DELAY  # where a piece's audio starts in its own decoded frames
_CRC_BYTES = 190  # the LAME tag CRC covers the first 190 bytes of the Info frame
_FLAG_SIZES = ((1, 4), (2, 4), (4, 100), (8, 4))  # Xing fields present per flag: frames, bytes, toc, quality


def join_mp3(parts: Sequence[Path], out_path: Path, padding_samples: int) -> None:
    """Concatenate `parts` (encoded without Info headers) into `out_path`."""
    joined = out_path.with_name(out_path.name + ".frames")
    frames = audio_bytes = 0
    try:
        with joined.open("wb") as sink:
            for part in parts:
                data = part.read_bytes()
                frames += scan_mp3(data, name=part.name).frames
                audio_bytes += len(data)
                sink.write(data)
    except OSError as exc:
        joined.unlink(missing_ok=True)
        raise ToolError(f"cannot join the encoded pieces: {exc.strerror or exc}") from exc
    command = [*ffmpeg_command(), "-f", "mp3", "-i", str(joined), "-c:a", "copy", *mp3_output(out_path, True)]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise ToolError(f"cannot run ffmpeg ({command[0]}): {exc.strerror or exc}") from exc
    finally:
        joined.unlink(missing_ok=True)
    if proc.returncode != 0:
        raise ToolError(f"ffmpeg could not join the MP3: {stderr_tail(proc.stderr, proc.returncode)}")
    _patch_info(out_path, LAME_DELAY, padding_samples)
    # ffmpeg exits 0 even when it could not finish the file (disk full): count what it wrote.
    check_mp3_frames(out_path, frames, audio_bytes, info_header=True)


def _patch_info(path: Path, delay: int, padding: int) -> None:
    if not (0 <= delay < 4096 and 0 <= padding < 4096):
        raise ToolError(f"MP3 delay {delay} or padding {padding} does not fit the LAME tag")
    with path.open("r+b") as handle:
        frame = bytearray(handle.read(_CRC_BYTES))
        lame = _lame_offset(bytes(frame))
        if lame is None or lame + 36 > _CRC_BYTES:
            raise ToolError(f"{path.name}: ffmpeg wrote no Info header to patch")
        frame[lame + 21 : lame + 24] = ((delay << 12) | padding).to_bytes(3, "big")
        frame[lame + 34 : lame + 36] = b"\0\0"
        frame[lame + 34 : lame + 36] = _crc16(bytes(frame)).to_bytes(2, "big")
        handle.seek(0)
        handle.write(frame)
        handle.flush()
        os.fsync(handle.fileno())


def _lame_offset(frame: bytes) -> int | None:
    """Offset of the LAME extension in an Info/Xing frame, or None."""
    if len(frame) < 4 or frame[0] != 0xFF or (frame[1] & 0xE0) != 0xE0:
        return None
    mpeg1 = (frame[1] >> 3) & 3 == 3
    mono = (frame[3] >> 6) == 3
    side_info = (17 if mono else 32) if mpeg1 else (9 if mono else 17)
    tag = 4 + side_info
    if frame[tag : tag + 4] not in (b"Info", b"Xing"):
        return None
    flags = int.from_bytes(frame[tag + 4 : tag + 8], "big")
    return tag + 8 + sum(size for bit, size in _FLAG_SIZES if flags & bit)


def _crc16(data: bytes) -> int:
    """CRC-16/ARC, the LAME tag's checksum."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc
