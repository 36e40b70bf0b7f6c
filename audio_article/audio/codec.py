"""Encode stage: a stream of float32 blocks -> a constant-bitrate mono MP3 piece.

ffmpeg reads raw PCM on stdin, resamples to the delivery rate and encodes
with LAME at a constant bitrate (exact chapter seeking in every player).
A piece has no Info header: pieces are joined by `mp3join`, which writes
the one Info header of the episode (exact duration, encoder delay and
padding). Output goes to the path given, which the caller renames into place.
"""

from __future__ import annotations

import logging
import queue
import subprocess
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from audio_article import interrupt
from audio_article.audio.verify import scan_mp3
from audio_article.errors import ToolError
from audio_article.models import EncodeSettings
from audio_article.toolchain import ffmpeg_path, stderr_tail

_LAME_DELAY = 576  # samples LAME puts before the audio (mp3join.LAME_DELAY)
_POLL_S = 0.2  # how often the encoder threads look for a stop signal or a dead ffmpeg

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
) -> None:
    """Encode the stream into a bare MP3 without Info header or tags (a piece, joined later)."""
    command = [
        *ffmpeg_command(),
        "-f",
        "f32le",
        "-ar",
        str(sample_rate_hz),
        "-ac",
        "1",
        "-i",
        "pipe:0",
        "-ac",
        "1",
        "-ar",
        str(settings.sample_rate_hz),
        "-c:a",
        "libmp3lame",
        "-b:a",
        f"{settings.bitrate_kbps}k",
        "-abr",
        "0",
        *mp3_output(out_path, xing=False),
    ]
    log.debug("running %s", " ".join(command))
    try:
        proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
    except OSError as exc:
        raise ToolError(f"cannot run ffmpeg ({command[0]}): {exc.strerror or exc}") from exc
    assert proc.stdin is not None and proc.stderr is not None
    samples = _pipe_blocks(proc, blocks)
    error = proc.stderr.read().decode("utf-8", "replace").strip()
    if proc.wait() != 0:
        raise ToolError(f"ffmpeg could not encode the MP3: {stderr_tail(error, proc.returncode)}")
    try:
        data = out_path.read_bytes()
    except OSError as exc:
        raise ToolError(f"ffmpeg wrote no MP3 at {out_path}") from exc
    _check_encoded(out_path, data, samples * settings.sample_rate_hz // sample_rate_hz)


def _check_encoded(path: Path, data: bytes, expected_samples: int) -> None:
    """Whole frames that hold at least every sample sent (ffmpeg's exit status is not proof)."""
    scan = scan_mp3(data, name=path.name)
    held = scan.frames * scan.samples_per_frame
    if held < expected_samples + _LAME_DELAY:
        raise ToolError(
            f"{path.name}: ffmpeg wrote {held} of {expected_samples + _LAME_DELAY} samples (disk full?)"
        )


def _pipe_blocks(proc: subprocess.Popen[bytes], blocks: Iterable[np.ndarray]) -> int:
    """Send the blocks to ffmpeg's stdin and close it; returns the number of samples sent."""
    samples = 0
    # A writer thread feeds ffmpeg while this thread computes the next blocks,
    # so mastering and encoding use both cores instead of taking turns. No wait
    # here or in the writer is without a timeout: if ffmpeg dies or a stop
    # signal comes (which kills ffmpeg), both threads notice within _POLL_S.
    pending: queue.Queue[bytes | None] = queue.Queue(maxsize=8)
    writer = threading.Thread(target=_feed, args=(pending, proc), daemon=True)
    interrupt.track(proc)
    writer.start()
    try:
        for block in blocks:
            interrupt.check()
            clipped = np.clip(block, -1.0, 1.0).astype("<f4")
            samples += len(clipped)
            if not _hand_over(pending, clipped.tobytes(), writer):
                break  # ffmpeg stopped reading; its exit status and message say why
        _hand_over(pending, None, writer)
        while writer.is_alive():
            writer.join(_POLL_S)
            interrupt.check()
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    finally:
        interrupt.untrack(proc)
    return samples


def _hand_over(pending: queue.Queue[bytes | None], data: bytes | None, writer: threading.Thread) -> bool:
    """Queue `data` for the writer; False if the writer has stopped (ffmpeg gone)."""
    while writer.is_alive():
        try:
            pending.put(data, timeout=_POLL_S)
            return True
        except queue.Full:
            interrupt.check()
    return False


def _feed(pending: queue.Queue[bytes | None], proc: subprocess.Popen[bytes]) -> None:
    """The writer thread: queued blocks to ffmpeg's stdin, until None, ffmpeg's end or a stop signal."""
    assert proc.stdin is not None
    try:
        while True:
            try:
                data = pending.get(timeout=_POLL_S)
            except queue.Empty:
                if proc.poll() is not None or interrupt.cancelled():
                    return
                continue
            if data is None:
                break
            proc.stdin.write(data)
        proc.stdin.close()
    except (BrokenPipeError, OSError):
        pass


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
