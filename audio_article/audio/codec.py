"""Encode stage: a stream of float32 blocks -> a constant-bitrate mono MP3 piece, in process.

LAME (the `lameenc` binding) encodes at a constant bitrate (exact chapter
seeking in every player); no process is started per piece. 22.05 kHz
speech is upsampled by `resample`, other rates by LAME. A piece has no Info
header: pieces are joined by `mp3join`, which writes the one Info header of
the episode (exact duration, encoder delay and padding). Output goes to the path given, which the caller
renames into place. `decode_mp3` (miniaudio's dr_mp3, in process) reads a
piece back for its true-peak check; `decode_blocks` (ffmpeg) is the
independent reader for whole files.
"""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from audio_article import interrupt
from audio_article.audio.resample import upsample_2x
from audio_article.audio.verify import scan_mp3
from audio_article.errors import ToolError
from audio_article.models import EncodeSettings
from audio_article.toolchain import ffmpeg_path

_LAME_DELAY = 576  # samples LAME puts before the audio (mp3join.LAME_DELAY)
# LAME's own default (ffmpeg's libmp3lame leaves it so): 2 is slower for no audible gain at speech bitrates.
_LAME_QUALITY = 3

log = logging.getLogger(__name__)


def ffmpeg_command() -> list[str]:
    """ffmpeg, quiet but for errors, never prompting, overwriting its (temporary) output."""
    return [ffmpeg_path(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y"]


def mp3_output(out_path: Path, xing: bool) -> list[str]:
    """Output arguments for a bare MP3: no ID3 (tags come later), with or without the Info header."""
    return [
        "-write_xing",
        "1" if xing else "0",
        "-id3v2_version",
        "0",
        "-map_metadata",
        "-1",
        "-f",
        "mp3",
        str(out_path),
    ]


def encode_mp3(
    blocks: Iterable[np.ndarray],
    sample_rate_hz: int,
    settings: EncodeSettings,
    out_path: Path,
) -> bytes:
    """Encode the stream into a bare MP3 without Info header or tags (a piece, joined later).

    Returns the file's bytes as read back and checked (for the caller's true-peak check).
    """
    import lameenc  # the one module that needs it; `--help` and `inspect` do not pay its import

    if settings.sample_rate_hz == 2 * sample_rate_hz:  # espeak-ng and Piper voices: 22.05 kHz
        blocks, sample_rate_hz = upsample_2x(blocks), settings.sample_rate_hz
    encoder = lameenc.Encoder()
    encoder.set_channels(1)
    encoder.set_in_sample_rate(sample_rate_hz)
    encoder.set_out_sample_rate(settings.sample_rate_hz)
    encoder.set_bit_rate(settings.bitrate_kbps)
    encoder.set_quality(_LAME_QUALITY)
    samples = 0
    try:
        with out_path.open("wb") as sink:
            for block in blocks:
                interrupt.check()
                # LAME takes 16-bit PCM here; rounding (no dither) keeps the output a function of the input.
                pcm = np.rint(np.clip(block, -1.0, 1.0) * 32767.0).astype("<i2")
                samples += len(pcm)
                sink.write(encoder.encode(pcm.tobytes()))
            sink.write(encoder.flush())
        data = out_path.read_bytes()
    except OSError as exc:
        raise ToolError(f"cannot write the MP3 piece {out_path.name}: {exc.strerror or exc}") from exc
    except RuntimeError as exc:  # lameenc's only error: LAME refused the settings or the data
        raise ToolError(f"LAME could not encode the MP3: {exc}") from exc
    _check_encoded(out_path, data, samples * settings.sample_rate_hz // sample_rate_hz)
    return data


def decode_mp3(data: bytes, sample_rate_hz: int, block_samples: int = 1 << 16) -> Iterator[np.ndarray]:
    """Decode MP3 bytes in process to float32 mono blocks, encoder delay and padding included."""
    import miniaudio

    try:
        for chunk in miniaudio.stream_memory(
            data, miniaudio.SampleFormat.FLOAT32, 1, sample_rate_hz, block_samples
        ):
            yield np.frombuffer(chunk, dtype=np.float32)
    except miniaudio.DecodeError as exc:
        raise ToolError(f"the MP3 piece does not decode: {exc}") from exc


def _check_encoded(path: Path, data: bytes, expected_samples: int) -> None:
    """Whole frames that hold at least every sample sent (a write that seemed to succeed is not proof)."""
    scan = scan_mp3(data, name=path.name)
    held = scan.frames * scan.samples_per_frame
    if held < expected_samples + _LAME_DELAY:
        raise ToolError(
            f"{path.name}: the encoder wrote {held} of {expected_samples + _LAME_DELAY} samples (disk full?)"
        )


def decode_blocks(source: Path, sample_rate_hz: int, block_samples: int = 1 << 16) -> Iterator[np.ndarray]:
    """Decode an encoded file back to float32 mono blocks (to measure what listeners get)."""
    command = [
        *ffmpeg_command(),
        "-i",
        str(source),
        "-ac",
        "1",
        "-ar",
        str(sample_rate_hz),
        "-f",
        "f32le",
        "-",
    ]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    interrupt.track(proc)
    try:
        while data := proc.stdout.read(block_samples * 4):
            yield np.frombuffer(data[: len(data) // 4 * 4], dtype="<f4")
    finally:
        interrupt.untrack(proc)
        proc.stdout.close()
        if proc.wait() != 0:
            raise ToolError(f"ffmpeg could not decode {source.name} to check it")
