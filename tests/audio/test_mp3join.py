from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from mutagen.mp3 import MP3

from audio_article.audio.codec import decode_blocks, encode_mp3
from audio_article.audio.crc16 import crc16
from audio_article.audio.mp3join import LAME_DELAY, PIECE_DELAY, join_mp3
from audio_article.errors import AudioArticleError
from audio_article.models import EncodeSettings
from audio_article.toolchain import ffmpeg_path

RATE = 22050
_FLAG_SIZES = ((1, 4), (2, 4), (4, 100), (8, 4))  # Xing fields present per flag: frames, bytes, toc, quality
OUT = 44100


def _click_piece(
    tmp_path: Path, name: str, length: int, click: int, settings: EncodeSettings | None = None
) -> tuple[Path, int]:
    audio = np.zeros(length, np.float32)
    audio[click] = 0.9
    path = tmp_path / name
    encode_mp3([audio], RATE, settings or EncodeSettings(), path)
    decoded = sum(len(b) for b in decode_blocks(path, OUT))
    return path, decoded


def test_joined_pieces_decode_gapless_at_the_planned_offsets(tmp_path: Path) -> None:
    a, a_len = _click_piece(tmp_path, "a.mp3", 30000, 1000)
    b, b_len = _click_piece(tmp_path, "b.mp3", 20000, 500)
    assert a_len % 1152 == 0 and a_len >= 2 * 30000 + PIECE_DELAY
    out = tmp_path / "joined.mp3"
    join_mp3([a, b], out, b_len - LAME_DELAY - 2 * 20000)
    decoded = np.concatenate(list(decode_blocks(out, OUT)))
    # A gapless decoder trims the delay and padding: piece b starts exactly at a's decoded length.
    assert len(decoded) == a_len + 2 * 20000
    clicks = sorted(np.argsort(-np.abs(decoded))[:2].tolist())
    assert abs(clicks[0] - 2000) <= 2 and abs(clicks[1] - (a_len + 1000)) <= 2
    # mutagen reads the delay only from LAME-written tags (as for any ffmpeg MP3): it counts frames.
    assert abs(MP3(out).info.length - (a_len + b_len) / OUT) < 0.001
    strict = subprocess.run(
        [ffmpeg_path(), "-v", "error", "-xerror", "-i", str(out), "-f", "null", "-"],
        capture_output=True,
        text=True,
    )
    assert strict.returncode == 0 and not strict.stderr.strip()
    data = out.read_bytes()
    frame = data[:190]
    lame = _lame_offset(frame)
    assert lame is not None
    # The Info fields: frames after it, the file's bytes, a seek table rising from 0 through the file.
    assert frame[21:25] == b"Info" and frame[25:29] == bytes((0, 0, 0, 15))  # mono MPEG-1: side info 17 bytes
    frames, size = int.from_bytes(frame[29:33], "big"), int.from_bytes(frame[33:37], "big")
    toc = list(frame[37:137])
    assert frames == (a_len + b_len) // 1152 and size == len(data)
    assert toc[0] == 0 and toc == sorted(toc) and 100 <= toc[50] <= 156
    assert int.from_bytes(frame[lame + 28 : lame + 32], "big") == len(data)  # the LAME tag's music length
    assert int.from_bytes(frame[lame + 32 : lame + 34], "big") == crc16(
        data[len(data) - sum(len(p.read_bytes()) for p in (a, b)) :]
    )  # the music CRC covers the audio frames
    zeroed = frame[: lame + 34] + b"\0\0" + frame[lame + 36 :]
    assert int.from_bytes(frame[lame + 34 : lame + 36], "big") == crc16(zeroed)


def _lame_offset(frame: bytes) -> int | None:
    """Offset of the LAME extension in an Info/Xing frame, or None (read here from the format itself)."""
    if len(frame) < 4 or frame[0] != 0xFF or (frame[1] & 0xE0) != 0xE0:
        return None
    mpeg1 = (frame[1] >> 3) & 3 == 3
    mono = (frame[3] >> 6) == 3
    tag = 4 + ((17 if mono else 32) if mpeg1 else (9 if mono else 17))
    if frame[tag : tag + 4] not in (b"Info", b"Xing"):
        return None
    flags = int.from_bytes(frame[tag + 4 : tag + 8], "big")
    return tag + 8 + sum(size for bit, size in _FLAG_SIZES if flags & bit)


def test_a_short_info_frame_has_its_tag_crc_over_the_files_first_190_bytes(tmp_path: Path) -> None:
    """At 32 kbps the Info frame (in the 56 kbps slot, 182 bytes) is shorter than the CRC's reach."""
    piece, _ = _click_piece(tmp_path, "a.mp3", 30000, 1000, EncodeSettings(bitrate_kbps=32))
    out = tmp_path / "joined.mp3"
    join_mp3([piece], out, 0)
    data = out.read_bytes()
    lame = _lame_offset(data[:190])
    assert lame is not None and (data[2] >> 4) == 4  # bitrate index 4: 56 kbps, 182 bytes
    zeroed = data[: lame + 34] + b"\0\0" + data[lame + 36 : 190]
    assert int.from_bytes(data[lame + 34 : lame + 36], "big") == crc16(zeroed)
    strict = subprocess.run([ffmpeg_path(), "-v", "error", "-xerror", "-i", str(out), "-f", "null", "-"])
    assert strict.returncode == 0


def test_a_damaged_or_empty_piece_is_reported_not_joined(tmp_path: Path) -> None:
    good, _ = _click_piece(tmp_path, "a.mp3", 30000, 1000)
    empty, garbled = tmp_path / "empty.mp3", tmp_path / "garbled.mp3"
    empty.write_bytes(b"")
    garbled.write_bytes(b"\0\1\2")
    out = tmp_path / "joined.mp3"
    join_mp3([empty, good], out, 0)  # an empty part adds nothing
    assert out.read_bytes()[4 + 17 : 4 + 21] == b"Info"
    with pytest.raises(AudioArticleError, match=r"garbled\.mp3: no MP3 frame at byte 0"):
        join_mp3([garbled, good], out, 0)
    with pytest.raises(AudioArticleError, match="no encoded audio"):
        join_mp3([empty], out, 0)
