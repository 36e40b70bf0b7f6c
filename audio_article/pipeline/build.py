"""The build: run the stages in order and move finished files into place.

Everything is produced in a hidden staging folder inside the output folder
and renamed into place only when every file is complete, so an error or a
kill never leaves a half-written MP3 or a transcript that belongs to another
build. Renames within one folder are atomic.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from audio_article.article.read import FormatChoice, parse_article
from audio_article.cache import SegmentCache, default_cache_dir
from audio_article.episode.manifest import build_key, load_fresh
from audio_article.episode.naming import claimed_slug
from audio_article.errors import InputError
from audio_article.models import (
    DEFAULT_TARGET_LUFS,
    Article,
    EncodeSettings,
    Episode,
    Script,
    ScriptOptions,
    VoiceProfile,
)
from audio_article.script.compose import build_script
from audio_article.script.lexicon import load_lexicons
from audio_article.script.normalize.normalizer import normalize_script
from audio_article.script.profiles import load_profile
from audio_article.speech.engines import engine_spec
from audio_article.speech.workers import NarrationPool, plan_jobs, worker_count

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildOptions:
    output_dir: Path = Path("output")
    voice: str = "default"
    source_format: FormatChoice = "auto"
    lexicons: tuple[Path, ...] = ()
    base_url: str | None = None  # None: file:// URLs of the output folder
    jobs: int = 0
    cache_dir: Path | None = None  # None: the user cache folder
    use_cache: bool = True
    encode: EncodeSettings = field(default_factory=EncodeSettings)
    target_lufs: float = DEFAULT_TARGET_LUFS
    ceiling_dbtp: float = -1.0
    script: ScriptOptions = field(default_factory=ScriptOptions)
    show_title: str | None = None
    hashed_audio_name: bool = False  # <slug>-<audio hash>.mp3, for feeds
    intro: Path | None = None  # audio played before the narration
    outro: Path | None = None  # audio played after it
    read_captions: bool = False  # web pages: read figure captions (or alt text) where they stand


def prepare(article_ref: str | Path, options: BuildOptions) -> tuple[Article, VoiceProfile, Script]:
    """Parse, script and normalize: everything `inspect --spoken` shows, no audio.

    `article_ref` is a path or an http(s) URL.
    """
    article = parse_article(article_ref, options.source_format, captions=options.read_captions)
    profile = load_profile(options.voice)
    lexicon = load_lexicons((*profile.lexicons, *options.lexicons))
    script = normalize_script(
        build_script(article, profile, options.script), lexicon, engine_spec(profile.engine).accepts_phonemes
    )
    if not any(segment.kind == "text" for segment in script.segments):
        raise InputError(f"{article.source_name}: nothing speakable in the text (only symbols or emoji?)")
    return article, profile, script


def build(
    article_ref: str | Path, options: BuildOptions, progress: Progress | None = None, reuse: bool = False
) -> Episode:
    """Build one episode; with `reuse`, return a previous build of identical inputs instead."""
    article, profile, script = prepare(article_ref, options)
    # The name (and so the guid) is unique per distinct article in the folder; see naming.py.
    with claimed_slug(options.output_dir, article) as slug:
        return _build_named(article_ref, article, profile, script, slug, options, progress, reuse)


def _build_named(
    article_ref: str | Path,
    article: Article,
    profile: VoiceProfile,
    script: Script,
    slug: str,
    options: BuildOptions,
    progress: Progress | None,
    reuse: bool,
) -> Episode:
    extra = [p for p in (options.intro, options.outro) if p]
    key = build_key(article, replace(options, jobs=0, cache_dir=None), profile, extra)
    if reuse:
        previous = load_fresh(options.output_dir, slug, key)
        if previous:
            log.info("%s: reusing the fresh build of %s", article_ref, previous.mp3.name)
            return previous
    with _open_cache(options) as cache:
        # Start the narration workers now: their spawn overlaps importing the audio stack.
        _hits, todo = plan_jobs(script, profile, cache)
        workers = worker_count(profile, len(todo), options.jobs)
        pool = NarrationPool(profile, cache.root, workers) if workers else None
        try:
            from audio_article.pipeline.produce import produce

            return produce(article, profile, script, options, slug, key, progress, cache, pool)
        finally:
            if pool:
                pool.close()


@contextlib.contextmanager
def _open_cache(options: BuildOptions) -> Iterator[SegmentCache]:
    if options.use_cache:
        yield SegmentCache(options.cache_dir or default_cache_dir())
        return
    with tempfile.TemporaryDirectory(prefix="audio-article-segments-") as tmp:
        yield SegmentCache(Path(tmp))
