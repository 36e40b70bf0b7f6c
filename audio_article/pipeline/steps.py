"""The build's steps, in order: narrate, add music, assemble, master and encode, join, tag, write, move.

`produce` reads as the build itself; each step takes the `BuildContext`
(and what the step before returned) and returns plain frozen data. Until
the move into place, everything is written into the staging folder.

This module imports the audio stack (numpy, the audio stages): `build`
imports it only once it must produce audio, so commands that end early (a
fresh build reused, `inspect`) never load it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace

from audio_article.atomic import file_sha256
from audio_article.audio.early import EarlyPieces
from audio_article.audio.mp3join import LAME_DELAY, join_mp3
from audio_article.audio.music import frame_with_music
from audio_article.audio.pieces import EncodedPiece, Levels, master_pieces, piece_keys
from audio_article.audio.timeline import assemble, retime
from audio_article.audio.verify import check_tagged
from audio_article.episode.cover import cover_jpeg
from audio_article.episode.tags import TagData, write_tags
from audio_article.models import Episode, RenderedSegment, Script, ScriptSegment, Timeline, UnclearSegment
from audio_article.pipeline.alternates import alternates_started
from audio_article.pipeline.companions import (
    WorkDone,
    episode_names,
    episode_record,
    write_companions,
    write_manifest,
)
from audio_article.pipeline.context import BuildContext, JoinedAudio
from audio_article.pipeline.progress import first_half, listening_part, second_half
from audio_article.pipeline.staging import move_into_place
from audio_article.speech.narrate import narrate

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EncodedPieces:
    """Every piece of the timeline mastered and encoded (or taken from the cache), and each one's gain."""

    pieces: tuple[EncodedPiece, ...]
    gains_db: tuple[float, ...]  # each piece's mastering gain


def produce(ctx: BuildContext) -> Episode:
    """Run the steps of one build in order and return the episode, its files in place."""
    early = early_pieces(ctx)
    try:
        narrated, unclear = listen_to(ctx, narrate_segments(ctx, early))
        rendered = add_music(ctx, narrated)
        timeline = assemble(ctx.script, rendered)
        encoded = master_and_encode(ctx, timeline, early.finish() if early else {})
    except BaseException:
        if early:
            early.cancel()
        raise
    audio = join_pieces(ctx, timeline, encoded.pieces)
    mp3_name = episode_names(ctx.slug, audio.sha256, ctx.options.hashed_audio_name).mp3
    with alternates_started(ctx, audio, mp3_name) as pending:  # the Opus edition, alongside
        staged = write_companions(ctx, audio, tag_audio(ctx, audio), pending)
    move_into_place(staged.moves, ctx.options.output_dir)
    episode = episode_record(ctx, staged, audio.timeline.duration_ms, work_done(rendered, encoded.pieces))
    episode = replace(episode, unclear=unclear)
    write_manifest(ctx, episode, encoded.gains_db, staged.alternates)
    return episode


def early_pieces(ctx: BuildContext) -> EarlyPieces | None:
    """Encoding that starts on each piece as soon as it is narrated; not when segments may yet change
    (the listening check retakes them) or music frames the narration."""
    options = ctx.options
    if options.verify or options.intro or options.outro:
        return None
    order = [segment.index for segment in ctx.script.segments]
    levels = Levels(options.target_lufs, options.ceiling_dbtp)
    return EarlyPieces(order, ctx.cache, levels, options.encode, ctx.workers)


def narrate_segments(ctx: BuildContext, early: EarlyPieces | None = None) -> tuple[RenderedSegment, ...]:
    """A verified WAV per segment, from the cache or the engine (the first half of the progress bar)."""
    options = ctx.options
    progress = first_half(ctx.progress, _bar_parts(ctx))
    on_segment = early.add if early else None
    return narrate(
        ctx.script, ctx.profile, ctx.cache, options.jobs, progress, ctx.pool, ctx.narration, on_segment
    )


def listen_to(
    ctx: BuildContext, narrated: tuple[RenderedSegment, ...]
) -> tuple[tuple[RenderedSegment, ...], tuple[UnclearSegment, ...] | None]:
    """With `--verify`: hear every segment, retake the unclear ones slower, and say which stayed unclear."""
    model = ctx.options.verify
    if not model:
        return narrated, None
    from audio_article.speech.listen import listen
    from audio_article.speech.recognizer import whisper_recognizer

    recognize = whisper_recognizer(model, ctx.article.language, ctx.options.jobs)

    def retake(segments: tuple[ScriptSegment, ...]) -> tuple[RenderedSegment, ...]:
        script = Script(segments, ctx.script.chapter_titles)
        return narrate(script, ctx.profile, ctx.cache, ctx.options.jobs, None, ctx.pool)

    progress = listening_part(ctx.progress, len(ctx.script.segments))
    result = listen(narrated, ctx.profile, ctx.cache, recognize, model, retake, progress)
    log.info(
        "listening: %d segments heard, %d retaken slower (%d heard better), %d still unclear",
        result.checked,
        result.retaken,
        result.improved,
        len(result.unclear),
    )
    return result.rendered, result.unclear


def _bar_parts(ctx: BuildContext) -> int:
    """The progress bar's parts: narration and encoding, and the listening check between them."""
    return 3 if ctx.options.verify else 2


def add_music(ctx: BuildContext, narrated: tuple[RenderedSegment, ...]) -> tuple[RenderedSegment, ...]:
    """The intro and outro music (if any) around the narration, faded, in the staging folder."""
    return frame_with_music(narrated, ctx.options.intro, ctx.options.outro, ctx.staging)


def master_and_encode(
    ctx: BuildContext, timeline: Timeline, early: Mapping[str, EncodedPiece] | None = None
) -> EncodedPieces:
    """Measure each piece, level it to the target with its limiter, and encode it (the bar's second half).

    `early`: the pieces mastered during narration, by content key, taken as they are.
    """
    options = ctx.options
    keys = piece_keys(timeline, ctx.cache)
    done = second_half(ctx.progress, len(ctx.script.segments), _bar_parts(ctx))
    levels = Levels(options.target_lufs, options.ceiling_dbtp)
    pieces = master_pieces(timeline, keys, levels, options.encode, ctx.cache, ctx.workers, done, early)
    gains = tuple(p.gain_db for p in pieces)
    log.info(
        "%d pieces (gains %+.2f to %+.2f dB): %d reused, %d mastered during narration",
        len(pieces),
        min(gains),
        max(gains),
        sum(p.reused for p in pieces),
        sum(key in (early or {}) for key in keys),
    )
    return EncodedPieces(tuple(pieces), gains)


def join_pieces(ctx: BuildContext, timeline: Timeline, pieces: tuple[EncodedPiece, ...]) -> JoinedAudio:
    """One MP3 from the pieces (their frames, behind one Info frame), and the timeline on its clock."""
    starts = list(itertools.accumulate((p.decoded_samples for p in pieces[:-1]), initial=0))
    moved = retime(timeline, starts, ctx.options.encode.sample_rate_hz)
    mp3 = ctx.staging / f"{ctx.slug}.mp3"
    tail = moved.total_samples - starts[-1]
    join_mp3([p.path for p in pieces], mp3, pieces[-1].decoded_samples - LAME_DELAY - tail)
    return JoinedAudio(mp3, moved, file_sha256(mp3))


def tag_audio(ctx: BuildContext, audio: JoinedAudio) -> int:
    """Write the ID3 tags (title, cover, chapters), check they read back; the tagged file's size."""
    article, options = ctx.article, ctx.options
    cover = cover_jpeg(article.title, article.author, article.image)
    tags = TagData(
        title=article.title,
        artist=article.author or article.publication or options.show_title or "audio-article",
        album=article.publication or options.show_title or "Audio editions",
        # An undated article is dated by its audio edition: players and Apple expect a date on every episode.
        date_iso=(article.date or dt.datetime.now(dt.UTC).date()).isoformat(),
        summary=article.summary,
        language=article.language,
        url=article.url,
        cover_jpeg=cover,
        chapters=audio.timeline.chapters,
    )
    write_tags(audio.path, tags, options.encode.id3_version)
    check_tagged(audio.path, audio.sha256, len(audio.timeline.chapters), len(cover))
    return audio.path.stat().st_size


def work_done(rendered: tuple[RenderedSegment, ...], pieces: tuple[EncodedPiece, ...]) -> WorkDone:
    """Segments narrated and reused (music is neither), pieces encoded and reused."""
    spoken = [r for r in rendered if r.segment.kind != "audio"]
    reused = sum(r.reused for r in spoken)
    encoded = sum(not p.reused for p in pieces)
    return WorkDone(len(spoken) - reused, reused, encoded, len(pieces) - encoded)
