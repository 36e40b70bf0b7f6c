"""Intro and outro music: the user's files, in any format ffmpeg reads, faded and put around the narration.

pydub reads the file (through the same ffmpeg binary as the rest of the
build), mixes it down to mono and applies the fades; ffmpeg's resampler
brings it to the narration's rate. The fades are linear in amplitude:

- FADE_IN_MS at the start of every clip, so a file cut mid-waveform does not
  click;
- FADE_OUT_MS at the end of every clip, so the intro sinks away into the
  pause before the first word and the outro ends softly, even when the file
  stops abruptly.

A short clip gets shorter fades: the fade-in takes at most a quarter of it,
the fade-out at most half.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import replace
from pathlib import Path

from audio_article.cache import write_wav_atomic
from audio_article.errors import InputError
from audio_article.models import RenderedSegment, ScriptSegment
from audio_article.toolchain import ffmpeg_path

with warnings.catch_warnings():
    # pydub warns at import when ffmpeg is not on PATH: it is given ffmpeg's path before use.
    warnings.simplefilter("ignore", RuntimeWarning)
    warnings.simplefilter("ignore", DeprecationWarning)  # audioop, until pydub drops it
    from pydub import AudioSegment
    from pydub.exceptions import CouldntDecodeError

FADE_IN_MS = 50
FADE_OUT_MS = 1000
MUSIC_GAP_MS = 700  # silence between the music and the first or last words


def read_music(source: Path, sample_rate_hz: int) -> bytes:
    """The clip as faded mono 16-bit PCM at `sample_rate_hz`; a file ffmpeg cannot read is an InputError."""
    if not source.is_file():
        raise InputError(f"{source}: no such audio file")
    AudioSegment.converter = ffmpeg_path()
    try:
        # Not `from_file`: that asks ffprobe about the file, and ffmpeg may come without it.
        clip = AudioSegment.from_file_using_temporary_files(str(source))
        clip = clip.set_channels(1).set_sample_width(2)
        clip = clip.fade_in(min(FADE_IN_MS, len(clip) // 4)).fade_out(min(FADE_OUT_MS, len(clip) // 2))
        if clip.frame_rate != sample_rate_hz:
            clip = _resampled(clip, sample_rate_hz)
    except CouldntDecodeError as exc:
        raise InputError(f"{source}: cannot decode audio ({_reason(exc)})") from exc
    except OSError as exc:
        raise InputError(f"{source}: cannot decode audio ({exc.strerror or exc})") from exc
    if len(clip.raw_data) < 2:
        raise InputError(f"{source}: cannot decode audio (no audio in it)")
    return bytes(clip.raw_data)


def frame_with_music(
    rendered: tuple[RenderedSegment, ...], intro: Path | None, outro: Path | None, folder: Path
) -> tuple[RenderedSegment, ...]:
    """Put intro and outro audio (decoded into `folder`) around the narration, a short gap from the words."""
    if not (intro or outro):
        return rendered
    rate = rendered[0].sample_rate_hz
    items = list(rendered)
    if intro:
        first = items[0]
        items[0] = replace(first, segment=replace(first.segment, pause_before_ms=MUSIC_GAP_MS))
        items.insert(0, _music(intro, rate, folder / "intro.wav", chapter=0, pause_ms=0))
    if outro:
        chapter = rendered[-1].segment.chapter_index
        items.append(_music(outro, rate, folder / "outro.wav", chapter=chapter, pause_ms=MUSIC_GAP_MS))
    return tuple(items)


def _music(source: Path, rate: int, wav: Path, chapter: int, pause_ms: int) -> RenderedSegment:
    pcm = read_music(source, rate)
    write_wav_atomic(wav, pcm, rate)
    segment = ScriptSegment(-1, "audio", "", "", chapter, 0, pause_ms)
    return RenderedSegment(segment, wav, rate, len(pcm) // 2, reused=False)


def _resampled(clip: AudioSegment, sample_rate_hz: int) -> AudioSegment:
    """The clip at another rate, by ffmpeg's resampler (pydub's own aliases: it does not low-pass)."""
    buffer = io.BytesIO()
    clip.export(buffer, format="wav", parameters=["-ar", str(sample_rate_hz), "-ac", "1"])
    return AudioSegment.from_wav(io.BytesIO(buffer.getvalue())).set_sample_width(2)


def _reason(exc: CouldntDecodeError) -> str:
    """The last line ffmpeg printed (pydub quotes its whole output)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[-1] if lines else "ffmpeg failed"
