"""The files beside the MP3: chapters JSON, VTT, SRT and HTML transcripts, talking books, the RSS item.

Each is rendered from the timeline on the MP3's clock and written into the
staging folder; `StagedEpisode.moves` lists them for the move into place,
the MP3 first and the item last.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from audio_article.atomic import write_atomic
from audio_article.episode.chapter_notes import show_notes_html
from audio_article.episode.item import (
    ItemFiles,
    build_item,
    episode_guid,
    file_url,
    item_data,
    lead_text,
    pub_date,
    render_item,
)
from audio_article.episode.manifest import manifest_bytes, manifest_path
from audio_article.episode.podcast_tags import AlternateFile, ItemExtras, lede_soundbite
from audio_article.episode.transcripts import render_chapters_json, render_html, render_srt, render_vtt
from audio_article.models import Episode, FeedItem, Timeline
from audio_article.pipeline.alternates import PendingAlternates, StagedAlternate
from audio_article.pipeline.books import stage_books
from audio_article.pipeline.context import BuildContext, JoinedAudio
from audio_article.pipeline.staging import stage


@dataclass(frozen=True)
class EpisodeNames:
    """The episode's file names in the output folder; a feed's MP3 name carries a hash of its audio."""

    mp3: str
    chapters: str
    vtt: str
    srt: str
    html: str
    item: str


@dataclass(frozen=True)
class StagedEpisode:
    """Every file of the episode complete in the staging folder, and what its RSS item says."""

    names: EpisodeNames
    item: FeedItem
    size_bytes: int  # of the tagged MP3
    moves: tuple[tuple[Path, str], ...]  # (staged file, name in the output folder): MP3 first, item last
    books: tuple[str, ...] = ()  # the talking books' names in the output folder
    alternates: tuple[str, ...] = ()  # the other encodings' names (the Opus edition)


@dataclass(frozen=True)
class WorkDone:
    """What this build narrated and encoded, and what it took from the cache."""

    segments_synthesized: int
    segments_reused: int
    pieces_encoded: int
    pieces_reused: int


def episode_names(slug: str, audio_sha256: str, hashed_audio_name: bool) -> EpisodeNames:
    """`<slug>.mp3` and companions; `<slug>-<hash>.mp3` for feeds (podcast apps never fetch a URL twice)."""
    mp3 = f"{slug}-{audio_sha256[:10]}.mp3" if hashed_audio_name else f"{slug}.mp3"
    return EpisodeNames(
        mp3,
        f"{slug}.chapters.json",
        f"{slug}.vtt",
        f"{slug}.srt",
        f"{slug}.transcript.html",
        f"{slug}.item.xml",
    )


def write_companions(
    ctx: BuildContext, audio: JoinedAudio, size_bytes: int, pending: PendingAlternates
) -> StagedEpisode:
    """Chapters JSON, the three transcripts and the RSS item, written into the staging folder."""
    names = episode_names(ctx.slug, audio.sha256, ctx.options.hashed_audio_name)
    timeline, article = audio.timeline, ctx.article
    texts = {
        names.chapters: render_chapters_json(timeline, article.title, article.related),
        names.vtt: render_vtt(timeline, article.language),
        names.srt: render_srt(timeline),
        names.html: render_html(timeline, article.title, article.language),
    }
    moves = [(audio.path, names.mp3)]
    moves += [(stage(ctx.staging, name, text.encode("utf-8")), name) for name, text in texts.items()]
    books = stage_books(ctx, audio, episode_guid(article, ctx.slug))
    moves += books
    epub = next((name for _path, name in books if name.endswith(".epub")), None)
    alternates = pending.finish()
    moves += [(alt.path, alt.name) for alt in alternates]
    item = feed_item(ctx, names, timeline, size_bytes, epub)
    extras = item_extras(ctx, names, timeline, size_bytes, alternates)
    moves.append((stage(ctx.staging, names.item, render_item(build_item(item, extras))), names.item))
    book_names = tuple(name for _path, name in books)
    return StagedEpisode(
        names, item, size_bytes, tuple(moves), book_names, tuple(alt.name for alt in alternates)
    )


def _base_url(ctx: BuildContext) -> str:
    return ctx.options.base_url or ctx.options.output_dir.resolve().as_uri()


def item_extras(
    ctx: BuildContext,
    names: EpisodeNames,
    timeline: Timeline,
    size_bytes: int,
    alternates: list[StagedAlternate],
) -> ItemExtras:
    """The item's tags beyond `FeedItem`: chapters inline, show notes, cover, place, preview, alternates."""
    base_url, article = _base_url(ctx), ctx.article
    page_url = file_url(base_url, f"{ctx.slug}.html")
    listed = [
        AlternateFile(file_url(base_url, a.name), a.mime_type, a.size_bytes, a.bitrate_bps, a.title)
        for a in alternates
    ]
    if listed:  # the enclosure itself comes first, marked default, as the namespace asks
        bitrate = ctx.options.encode.bitrate_kbps * 1000
        mp3 = AlternateFile(file_url(base_url, names.mp3), "audio/mpeg", size_bytes, bitrate, "MP3", True)
        listed.insert(0, mp3)
    notes = show_notes_html(lead_text(article), timeline.chapters, article.related, article.url, page_url)
    return ItemExtras(
        chapters=timeline.chapters,
        show_notes_html=notes,
        image_url=file_url(base_url, f"{ctx.slug}.cover.jpg"),  # written with the episode page
        place=article.place,
        soundbite=lede_soundbite(timeline.placements, timeline.sample_rate_hz),
        alternates=tuple(listed),
    )


def feed_item(
    ctx: BuildContext, names: EpisodeNames, timeline: Timeline, size_bytes: int, epub: str | None = None
) -> FeedItem:
    """The RSS item's data: the episode's URLs under the base URL (or the output folder's file:// URL)."""
    base_url = _base_url(ctx)
    files = ItemFiles(
        audio_url=file_url(base_url, names.mp3),
        audio_bytes=size_bytes,
        duration_ms=timeline.duration_ms,
        chapters_url=file_url(base_url, names.chapters),
        transcript_url=file_url(base_url, names.vtt),
        srt_url=file_url(base_url, names.srt),
        html_url=file_url(base_url, names.html),
        epub_url=file_url(base_url, epub) if epub else None,
    )
    guid = episode_guid(ctx.article, ctx.slug)
    return item_data(ctx.article, guid, files, pub_date(ctx.article), timeline.chapters)


def episode_record(ctx: BuildContext, staged: StagedEpisode, duration_ms: int, work: WorkDone) -> Episode:
    """The finished episode, its files named where they now are in the output folder."""
    out, names = ctx.options.output_dir, staged.names
    return Episode(
        slug=ctx.slug,
        guid=staged.item.guid,
        mp3=out / names.mp3,
        chapters_json=out / names.chapters,
        transcript_vtt=out / names.vtt,
        transcript_srt=out / names.srt,
        transcript_html=out / names.html,
        item_xml=out / names.item,
        duration_ms=duration_ms,
        size_bytes=staged.size_bytes,
        segments_synthesized=work.segments_synthesized,
        segments_reused=work.segments_reused,
        item=staged.item,
        pieces_encoded=work.pieces_encoded,
        pieces_reused=work.pieces_reused,
        books=tuple(out / name for name in staged.books),
    )


def write_manifest(
    ctx: BuildContext, episode: Episode, gains_db: tuple[float, ...], alternates: tuple[str, ...]
) -> None:
    """Record the build key and the files' hashes, so a later build of the same inputs can reuse this one."""
    extra = tuple(ctx.options.output_dir / name for name in alternates)
    languages = {"language": ctx.article.language, "segments": [s.language for s in ctx.script.segments]}
    data = manifest_bytes(ctx.key, episode, gains_db, extra, languages)
    write_atomic(manifest_path(ctx.options.output_dir, ctx.slug), data)
