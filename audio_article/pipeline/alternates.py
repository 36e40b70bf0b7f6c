"""The low-bandwidth edition of a build (`alternate = ["opus"]`): encoded from the tagged MP3, staged.

The encode starts as soon as the MP3 is joined and runs while the build tags
it and writes the companions (`steps.produce`). Its name follows the MP3's
(`<slug>-<hash>.opus` in a feed, so an app never fetches an old file under a
new URL), and it moves into place with the episode's other files; the RSS
item lists it as `podcast:alternateEnclosure`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from audio_article.audio.alternate import OPUS_BITRATE_BPS, OPUS_MIME, AlternateTags, OpusEncoding
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


@contextlib.contextmanager
def alternates_started(ctx: BuildContext, audio: JoinedAudio, mp3_name: str) -> Iterator[PendingAlternates]:
    """Start the alternate encodings from a copy of the untagged MP3; stopped if the build fails."""
    if "opus" not in ctx.options.alternates:
        yield PendingAlternates(ctx, audio, None)
        return
    source = ctx.staging / f"{ctx.slug}.opus-source.mp3"
    shutil.copyfile(audio.path, source)  # tagging rewrites the MP3 in place while ffmpeg reads
    name = mp3_name.removesuffix(".mp3") + ".opus"
    encoding = OpusEncoding(source, ctx.staging / name)
    try:
        yield PendingAlternates(ctx, audio, encoding)
    finally:
        encoding.stop()
        source.unlink(missing_ok=True)


@dataclass(frozen=True)
class PendingAlternates:
    """The alternate encodings of one build, running; `finish` waits for them."""

    ctx: BuildContext
    audio: JoinedAudio
    opus: OpusEncoding | None

    def finish(self) -> list[StagedAlternate]:
        """Each alternate encoding asked for, finished, tagged and checked in the staging folder."""
        if self.opus is None:
            return []
        article, options = self.ctx.article, self.ctx.options
        tags = AlternateTags(
            title=article.title,
            artist=article.author or article.publication or options.show_title or "audio-article",
            album=article.publication or options.show_title or "Audio editions",
            date_iso=(article.date or dt.datetime.now(dt.UTC).date()).isoformat(),
            language=article.language,
        )
        size = self.opus.finish(tags, self.audio.timeline.chapters)
        bitrate = round(size * 8 * 1000 / max(1, self.audio.timeline.duration_ms))
        title = f"Low bandwidth (Opus, about {OPUS_BITRATE_BPS // 1000} kbps)"
        path = self.opus.out_path
        return [StagedAlternate(path, path.name, OPUS_MIME, size, bitrate, title)]
