"""Producing an episode: narrate, assemble, master, encode, tag and write the companions.

Split from `pipeline` so that commands which end early (a fresh build reused,
`inspect`) never import the audio stack.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from audio_article.atomic import file_sha256
from audio_article.audio.codec import decode_to_wav
from audio_article.audio.master import plan_master
from audio_article.audio.mp3join import LAME_DELAY, join_mp3
from audio_article.audio.pieces import analyse_pieces, encode_pieces, piece_keys
from audio_article.audio.timeline import assemble, retime
from audio_article.audio.verify import check_file, check_tagged
from audio_article.cache import SegmentCache
from audio_article.episode.cover import cover_jpeg
from audio_article.episode.item import (
    ItemFiles,
    build_item,
    episode_guid,
    file_url,
    item_data,
    pub_date,
    render_item,
)
from audio_article.episode.manifest import manifest_bytes, manifest_path, previous_gain
from audio_article.episode.tags import TagData, write_tags
from audio_article.episode.transcripts import render_chapters_json, render_html, render_srt, render_vtt
from audio_article.errors import OutputError
from audio_article.models import (
    Article,
    Episode,
    Piece,
    RenderedSegment,
    Script,
    ScriptSegment,
    VoiceProfile,
)
from audio_article.speech.narrate import narrate

if TYPE_CHECKING:
    from audio_article.pipeline.build import BuildOptions, Progress
    from audio_article.speech.workers import NarrationPool

log = logging.getLogger(__name__)
MUSIC_GAP_MS = 700


def produce(
    article: Article,
    profile: VoiceProfile,
    script: Script,
    options: BuildOptions,
    slug: str,
    key: str,
    progress: Progress | None,
    cache: SegmentCache,
    pool: NarrationPool | None = None,
) -> Episode:
    with _staging(options.output_dir) as staging:
        narrated = narrate(script, profile, cache, options.jobs, _first_half(progress), pool)
        rendered = _with_music(narrated, options, staging)
        timeline = assemble(script, rendered)
        workers = options.jobs or os.cpu_count() or 1
        keys = piece_keys(timeline, cache)
        analyses = analyse_pieces(timeline, keys, cache, workers)
        plan = plan_master(
            analyses, options.target_lufs, options.ceiling_dbtp, previous_gain(options.output_dir, slug)
        )
        log.info("loudness %s LUFS, gain %+.2f dB", plan.measured_lufs, plan.gain_db)
        pieces = encode_pieces(
            timeline,
            keys,
            analyses,
            plan,
            options.encode,
            cache,
            workers,
            _second_half(progress, len(script.segments)),
        )
        log.info("%d pieces, %d reused", len(pieces), sum(p.reused for p in pieces))
        starts = list(itertools.accumulate((p.decoded_samples for p in pieces[:-1]), initial=0))
        timeline = retime(timeline, starts, options.encode.sample_rate_hz)
        mp3 = staging / f"{slug}.mp3"
        tail = timeline.total_samples - starts[-1]
        join_mp3([p.path for p in pieces], mp3, pieces[-1].decoded_samples - LAME_DELAY - tail)
        # Podcast apps never fetch a URL twice, so a feed's audio name carries a
        # hash of the audio itself (before tags, which hold the build date).
        audio_sha256 = file_sha256(mp3)
        mp3_name = f"{slug}-{audio_sha256[:10]}.mp3" if options.hashed_audio_name else f"{slug}.mp3"
        artist = article.author or article.publication or options.show_title or "audio-article"
        cover = cover_jpeg(article.title, article.author, article.image)
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
                cover_jpeg=cover,
                chapters=timeline.chapters,
            ),
            options.encode.id3_version,
        )
        check_tagged(mp3, audio_sha256, len(timeline.chapters), len(cover))
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
            pieces_encoded=sum(not p.reused for p in pieces),
            pieces_reused=sum(p.reused for p in pieces),
        )
        _write(staging / "manifest", manifest_bytes(key, episode, plan.gain_db))
        try:
            os.replace(staging / "manifest", manifest_path(out, slug))
        except OSError as exc:
            raise OutputError(f"cannot write the build manifest: {exc.strerror or exc}") from exc
        return episode


def _first_half(progress: Progress | None) -> Progress | None:
    """Narration fills the first half of the bar (a unit per segment)..."""
    if progress is None:
        return None
    return lambda done, total: progress(done, 2 * total)


def _second_half(progress: Progress | None, segments: int) -> Callable[[Piece], None] | None:
    """...mastering and encoding the second (a unit per segment in each finished piece)."""
    if progress is None:
        return None
    lock = threading.Lock()
    done = [segments]

    def piece_done(piece: Piece) -> None:
        with lock:
            done[0] += piece.stop_placement - piece.first_placement
            progress(min(done[0], 2 * segments), 2 * segments)

    return piece_done


@contextlib.contextmanager
def _staging(output_dir: Path) -> Iterator[Path]:
    created = not output_dir.exists()
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(output_dir)
        staging = Path(tempfile.mkdtemp(prefix=f".building-{os.getpid()}-", dir=output_dir))
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


def _remove_abandoned(output_dir: Path) -> None:
    """Staging folders of killed builds (their process is gone): never complete, never needed."""
    for folder in output_dir.glob(".building-*"):
        try:
            pid = int(folder.name.split("-")[1])
        except (IndexError, ValueError):
            continue
        if pid != os.getpid() and not _alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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


def _write(path: Path, data: bytes) -> None:
    """A file in the staging folder (created with the umask, like the MP3), on disk and read back."""
    try:
        with path.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise OutputError(f"cannot write {path.name}: {exc.strerror or exc}") from exc
    check_file(path, data)
