"""Low-bandwidth edition: the finished MP3 re-encoded as Ogg Opus at about 24 kbps, chapters included.

Made from the mastered, tagged MP3 (decoded by ffmpeg, which trims LAME's
delay and padding), so it carries the same loudness and the same timeline:
its chapters (Vorbis comments CHAPTERnnn, in ms) start where the MP3's do. A quarter of the MP3's bytes,
for listeners on slow or metered connections. The file is written to the path
given (in the staging folder) and checked by decoding it before it is used.
"""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from audio_article import interrupt
from audio_article.errors import ToolError
from audio_article.models import Chapter
from audio_article.toolchain import ffmpeg_path, stderr_tail

log = logging.getLogger(__name__)

ALTERNATE_FORMATS = ("opus",)
OPUS_BITRATE_BPS = 24_000
OPUS_MIME = "audio/ogg; codecs=opus"  # RFC 7845
OPUS_COMPLEXITY = 10  # libopus's default and best; 5 takes 0.7x the CPU (BENCHMARKS.md, issue 18)
_LENGTH_TOLERANCE_MS = 100  # Opus and MP3 agree within a few ms on our episodes
_TIMEOUT_S = 1800


def ffmpeg_command() -> list[str]:
    """ffmpeg as `codec.ffmpeg_command` runs it (not imported from there: that module loads numpy,
    and `show.toml`'s loader checks `alternate` against `ALTERNATE_FORMATS`)."""
    return [ffmpeg_path(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y"]


@dataclass(frozen=True)
class AlternateTags:
    """What the Opus edition's Vorbis comments say (the MP3's ID3 tags, in short)."""

    title: str
    artist: str
    album: str
    date_iso: str
    language: str


def vorbis_comments(tags: AlternateTags, chapters: Sequence[Chapter]) -> dict[str, str]:
    """The Opus edition's Vorbis comments: tags, and CHAPTERnnn / CHAPTERnnnNAME to the millisecond.

    Written with mutagen rather than by ffmpeg, whose Ogg muxer rounds each
    chapter's seconds (23.536 s became 00:00:24.536 in ffmpeg 7).
    """
    comments = {
        "TITLE": tags.title,
        "ARTIST": tags.artist,
        "ALBUM": tags.album,
        "DATE": tags.date_iso,
        "LANGUAGE": tags.language,
        "GENRE": "Podcast",
    }
    for number, chapter in enumerate(chapters):
        comments[f"CHAPTER{number:03d}"] = _npt(chapter.start_ms)
        comments[f"CHAPTER{number:03d}NAME"] = chapter.title
    return comments


def _npt(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def encode_opus(mp3: Path, out_path: Path, tags: AlternateTags, chapters: Sequence[Chapter]) -> int:
    """Encode `mp3` as mono Ogg Opus at 24 kbps with tags and chapters; returns the file's size in bytes."""
    encoding = OpusEncoding(mp3, out_path)
    try:
        return encoding.finish(tags, chapters)
    finally:
        encoding.stop()


class OpusEncoding:
    """An Opus encode running in the background (ffmpeg), so the build's other steps overlap it.

    `mp3` must not change while it runs: the build hands it a copy made before tagging.
    """

    def __init__(self, mp3: Path, out_path: Path) -> None:
        self.out_path = out_path
        self._errors = out_path.with_name(out_path.name + ".log")
        command = [
            *ffmpeg_command(),
            *("-i", str(mp3), "-map", "0:a", "-map_metadata", "-1", "-map_chapters", "-1"),
            *("-ac", "1", "-c:a", "libopus", "-b:a", str(OPUS_BITRATE_BPS)),
            # libopus's mode tuned for speech intelligibility
            *("-application", "voip", "-compression_level", str(OPUS_COMPLEXITY)),
            *("-f", "opus", str(out_path)),
        ]
        log.debug("running %s", " ".join(command))
        try:
            with self._errors.open("wb") as errors:
                self._proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        except OSError as exc:
            raise ToolError(f"cannot run ffmpeg for the Opus edition: {exc.strerror or exc}") from exc
        interrupt.track(self._proc)

    def finish(self, tags: AlternateTags, chapters: Sequence[Chapter]) -> int:
        """Wait for the encode, tag it, decode it to check it; the file's size in bytes."""
        try:
            code = self._proc.wait(timeout=_TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            raise ToolError("ffmpeg took too long over the Opus edition") from exc
        finally:
            interrupt.untrack(self._proc)
        interrupt.check()
        if code != 0:
            reason = stderr_tail(self._errors.read_text("utf-8", "replace"), code)
            raise ToolError(f"ffmpeg could not encode the Opus edition: {reason}")
        self._errors.unlink(missing_ok=True)
        _write_comments(self.out_path, vorbis_comments(tags, chapters))
        check_decodes(self.out_path)
        if chapters:
            _check_length(self.out_path, chapters[-1].end_ms)
        return self.out_path.stat().st_size

    def stop(self) -> None:
        """Kill the encode if it still runs (a failed build), and remove its log."""
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        interrupt.untrack(self._proc)
        self._errors.unlink(missing_ok=True)


def _write_comments(path: Path, comments: dict[str, str]) -> None:
    from mutagen import MutagenError
    from mutagen.oggopus import OggOpus

    try:
        opus = OggOpus(path)  # type: ignore[no-untyped-call]
        tags = opus.tags  # ffmpeg always writes an OpusTags packet (its encoder's name)
        if tags is None:
            raise ToolError(f"{path.name}: ffmpeg wrote no OpusTags packet")
        tags.clear()
        tags.update(comments)
        opus.save()
    except (MutagenError, OSError) as exc:
        raise ToolError(f"cannot tag the Opus edition {path.name}: {exc}") from exc


def _check_length(path: Path, episode_ms: int) -> None:
    """The whole episode: a file cut at a page boundary (ffmpeg out of space, exiting 0) still decodes."""
    from mutagen import MutagenError
    from mutagen.oggopus import OggOpus

    try:
        length_s = float(OggOpus(path).info.length)  # type: ignore[no-untyped-call,attr-defined]
    except (MutagenError, OSError) as exc:
        raise ToolError(f"cannot read the Opus edition {path.name} back: {exc}") from exc
    if abs(length_s * 1000 - episode_ms) > _LENGTH_TOLERANCE_MS:
        raise ToolError(
            f"{path.name} holds {length_s:.2f} s of the {episode_ms / 1000:.2f} s episode:"
            " written incompletely (disk full?)"
        )


def check_decodes(path: Path) -> None:
    """Decode the whole file: ffmpeg's exit status alone is no proof that every packet is sound."""
    command = [*ffmpeg_command(), "-xerror", "-i", str(path), "-f", "null", "-"]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ToolError(f"cannot run ffmpeg to check {path.name}: {exc}") from exc
    if run.returncode != 0 or not path.stat().st_size:
        raise ToolError(f"{path.name} does not decode: {stderr_tail(run.stderr, run.returncode)}")
