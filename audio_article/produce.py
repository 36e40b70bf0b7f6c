"""Producing an episode: narrate, assemble, master, encode, tag and write the companions.

Split from `pipeline` so that commands which end early (a fresh build reused,
`inspect`) never import the audio stack.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from audio_article.assemble import assemble, stream
from audio_article.cache import SegmentCache, default_cache_dir
from audio_article.cover import cover_jpeg
from audio_article.encode import decode_blocks, decode_to_wav, encode_mp3
from audio_article.errors import OutputError
from audio_article.manifest import manifest_bytes, manifest_path
from audio_article.master import apply_master, plan_master, tighten, true_peak_dbtp
from audio_article.models import (
    Article,
    Episode,
    RenderedSegment,
    Script,
    ScriptSegment,
    VoiceProfile,
)
from audio_article.narrate import narrate
from audio_article.publish import (
    ItemFiles,
    build_item,
    episode_guid,
    file_url,
    item_data,
    pub_date,
    render_item,
)
from audio_article.tag import TagData, write_tags
from audio_article.transcript import render_chapters_json, render_html, render_srt, render_vtt

if TYPE_CHECKING:
    from audio_article.pipeline import BuildOptions, Progress

log = logging.getLogger(__name__)
MUSIC_GAP_MS = 700
PEAK_SAFETY_DB = 0.15
PEAK_ATTEMPTS = 3


def produce(
    article: Article,
    profile: VoiceProfile,
    script: Script,
    options: BuildOptions,
    slug: str,
    key: str,
    progress: Progress | None,
) -> Episode:
    with _cache(options) as cache, _staging(options.output_dir) as staging:
        rendered = _with_music(narrate(script, profile, cache, options.jobs, progress), options, staging)
        timeline = assemble(script, rendered)
        plan = plan_master(timeline, options.target_lufs, options.ceiling_dbtp)
        log.info("loudness %s LUFS, gain %+.1f dB", plan.measured_lufs, plan.gain_db)
        mp3 = staging / f"{slug}.mp3"
        encode_mp3(
            apply_master(stream(timeline), plan, timeline.sample_rate_hz),
            timeline.sample_rate_hz,
            options.encode,
            mp3,
        )
        # MP3 coding can push a limited peak up by a dB or more, and not
        # predictably; measure what listeners will decode and, while it is over
        # the ceiling, encode again a little quieter.
        for _attempt in range(PEAK_ATTEMPTS):
            peak = true_peak_dbtp(decode_blocks(mp3, timeline.sample_rate_hz), timeline.sample_rate_hz)
            if peak <= options.ceiling_dbtp - PEAK_SAFETY_DB:
                break
            plan = tighten(plan, peak - options.ceiling_dbtp + 2 * PEAK_SAFETY_DB)
            log.info("encoded true peak %.2f dBTP; re-encoding with %+.1f dB gain", peak, plan.gain_db)
            encode_mp3(
                apply_master(stream(timeline), plan, timeline.sample_rate_hz),
                timeline.sample_rate_hz,
                options.encode,
                mp3,
            )
        # Podcast apps never fetch a URL twice, so a feed's audio name carries a
        # hash of the audio itself (before tags, which hold the build date).
        mp3_name = f"{slug}-{_file_hash(mp3)}.mp3" if options.hashed_audio_name else f"{slug}.mp3"
        artist = article.author or article.publication or options.show_title or "audio-article"
        write_tags(
            mp3,
            TagData(
                title=article.title,
                artist=artist,
                album=article.publication or options.show_title or "Audio editions",
                # An undated article is dated by its audio edition: players and
                # Apple expect a date on every episode.
                date_iso=(article.date or dt.datetime.now(dt.UTC).date()).isoformat(),
                summary=article.summary,
                language=article.language,
                url=article.url,
                cover_jpeg=cover_jpeg(article.title, article.author, article.image),
                chapters=timeline.chapters,
            ),
            options.encode.id3_version,
        )
        size = mp3.stat().st_size
        base_url = options.base_url or options.output_dir.resolve().as_uri()
        names = {
            k: f"{slug}{ext}"
            for k, ext in (
                ("chapters", ".chapters.json"),
                ("vtt", ".vtt"),
                ("srt", ".srt"),
                ("html", ".transcript.html"),
                ("item", ".item.xml"),
            )
        }
        names["mp3"] = mp3_name
        guid = episode_guid(article, slug)
        files = ItemFiles(
            audio_url=file_url(base_url, names["mp3"]),
            audio_bytes=size,
            duration_ms=timeline.duration_ms,
            chapters_url=file_url(base_url, names["chapters"]),
            transcript_url=file_url(base_url, names["vtt"]),
            srt_url=file_url(base_url, names["srt"]),
            html_url=file_url(base_url, names["html"]),
        )
        _write(
            staging / names["chapters"],
            render_chapters_json(timeline, article.title, article.related).encode(),
        )
        _write(staging / names["vtt"], render_vtt(timeline, article.language).encode("utf-8"))
        _write(staging / names["srt"], render_srt(timeline).encode("utf-8"))
        _write(
            staging / names["html"], render_html(timeline, article.title, article.language).encode("utf-8")
        )
        item = item_data(article, guid, files, pub_date(article))
        _write(staging / names["item"], render_item(build_item(item)))
        # The item goes last: whoever sees it can rely on the files it names.
        try:
            os.replace(mp3, options.output_dir / mp3_name)
            for kind in ("chapters", "vtt", "srt", "html", "item"):
                os.replace(staging / names[kind], options.output_dir / names[kind])
        except OSError as exc:
            raise OutputError(
                f"cannot move the episode into {options.output_dir}: {exc.strerror or exc}"
            ) from exc
        out = options.output_dir
        reused = sum(1 for r in rendered if r.reused)
        rendered = tuple(r for r in rendered if r.segment.kind != "audio")
        episode = Episode(
            slug=slug,
            guid=guid,
            mp3=out / names["mp3"],
            chapters_json=out / names["chapters"],
            transcript_vtt=out / names["vtt"],
            transcript_srt=out / names["srt"],
            transcript_html=out / names["html"],
            item_xml=out / names["item"],
            duration_ms=timeline.duration_ms,
            size_bytes=size,
            segments_synthesized=len(rendered) - reused,
            segments_reused=reused,
            item=item,
        )
        _write(staging / "manifest", manifest_bytes(key, episode))
        try:
            os.replace(staging / "manifest", manifest_path(out, slug))
        except OSError as exc:
            raise OutputError(f"cannot write the build manifest: {exc.strerror or exc}") from exc
        return episode


@contextlib.contextmanager
def _cache(options: BuildOptions) -> Iterator[SegmentCache]:
    if options.use_cache:
        yield SegmentCache(options.cache_dir or default_cache_dir())
        return
    with tempfile.TemporaryDirectory(prefix="audio-article-segments-") as tmp:
        yield SegmentCache(Path(tmp))


@contextlib.contextmanager
def _staging(output_dir: Path) -> Iterator[Path]:
    created = not output_dir.exists()
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".building-", dir=output_dir))
    except OSError as exc:
        raise OutputError(f"cannot write to {output_dir}: {exc.strerror or exc}") from exc
    try:
        yield staging
    except BaseException:
        if created:
            shutil.rmtree(output_dir, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _with_music(
    rendered: tuple[RenderedSegment, ...], options: BuildOptions, staging: Path
) -> tuple[RenderedSegment, ...]:
    """Put intro and outro audio around the narration, with a short gap to the first and last words."""
    if not (options.intro or options.outro):
        return rendered
    rate = rendered[0].sample_rate_hz
    last = rendered[-1].segment
    items = list(rendered)
    for path, position in ((options.intro, "intro"), (options.outro, "outro")):
        if path is None:
            continue
        wav = staging / f"{position}.wav"
        samples = decode_to_wav(path, rate, wav)
        chapter = 0 if position == "intro" else last.chapter_index
        segment = ScriptSegment(-1, "audio", "", "", chapter, 0, 0 if position == "intro" else MUSIC_GAP_MS)
        music = RenderedSegment(segment, wav, rate, samples, reused=False)
        if position == "intro":
            items[0] = replace(items[0], segment=replace(items[0].segment, pause_before_ms=MUSIC_GAP_MS))
            items.insert(0, music)
        else:
            items.append(music)
    return tuple(items)


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:10]


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise OutputError(f"cannot write {path.name}: {exc.strerror or exc}") from exc
