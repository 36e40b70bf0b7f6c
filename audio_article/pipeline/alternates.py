"""The low-bandwidth edition of a build (`alternate = ["opus"]`): encoded from the tagged MP3, staged.

Its name follows the MP3's (`<slug>-<hash>.opus` in a feed, so an app never
fetches an old file under a new URL), and it moves into place with the
episode's other files; the RSS item lists it as `podcast:alternateEnclosure`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from audio_article.audio.alternate import OPUS_BITRATE_BPS, OPUS_MIME, AlternateTags, encode_opus
from audio_article.pipeline.context import BuildContext, JoinedAudio


@dataclass(frozen=True)
class StagedAlternate:
    """One alternate encoding in the staging folder: its name in the output folder and its facts."""

    path: Path
    name: str
    mime_type: str
    size_bytes: int
    bitrate_bps: int  # the file's average, as the feed states it
    title: str


def stage_alternates(ctx: BuildContext, audio: JoinedAudio, mp3_name: str) -> list[StagedAlternate]:
    """Each alternate encoding the build asks for, encoded and checked in the staging folder."""
    if "opus" not in ctx.options.alternates:
        return []
    article, options = ctx.article, ctx.options
    tags = AlternateTags(
        title=article.title,
        artist=article.author or article.publication or options.show_title or "audio-article",
        album=article.publication or options.show_title or "Audio editions",
        date_iso=(article.date or dt.datetime.now(dt.UTC).date()).isoformat(),
        language=article.language,
    )
    name = mp3_name.removesuffix(".mp3") + ".opus"
    path = ctx.staging / name
    size = encode_opus(audio.path, path, tags, audio.timeline.chapters)
    duration_ms = max(1, audio.timeline.duration_ms)
    bitrate = round(size * 8 * 1000 / duration_ms)
    title = f"Low bandwidth (Opus, about {OPUS_BITRATE_BPS // 1000} kbps)"
    return [StagedAlternate(path, name, OPUS_MIME, size, bitrate, title)]
