"""The build: prepare the script, reuse a fresh build or run the steps (`steps.produce`).

`prepare` is all that `inspect` needs. `build` first looks for a fresh
build of the same source file without parsing it (pipeline/fresh.py); else
it starts a narration worker for the voice the options name (its start-up
overlaps the parsing), prepares, claims the episode's name, checks for a
fresh previous build, looks the segments up in the cache and starts the
workers the rest needs (or keeps the early one), and only then imports the
audio stack to run the steps in a staging folder.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from audio_article.cache import BuildCache, default_cache_dir
from audio_article.episode.manifest import build_key, load_fresh
from audio_article.errors import InputError
from audio_article.models import Article, Episode, Progress, Script, VoiceProfile
from audio_article.pipeline.fresh import find_fresh, remember, source_key
from audio_article.pipeline.options import BuildOptions
from audio_article.pipeline.staging import staging_folder

if TYPE_CHECKING:
    from audio_article.speech.plan import NarrationPlan
    from audio_article.speech.workers import NarrationPool

__all__ = ["BuildOptions", "build", "prepare"]
log = logging.getLogger(__name__)


def prepare(article_ref: str | Path, options: BuildOptions) -> tuple[Article, VoiceProfile, Script]:
    """Parse, script and normalize: everything `inspect --spoken` shows, no audio.

    `article_ref` is a path or an http(s) URL.
    """
    # Imported here: an unchanged rebuild (pipeline/fresh.py) needs none of the parsers or rules.
    from audio_article.article.read import parse_article
    from audio_article.script.compose import EDITION_NOTE, build_script
    from audio_article.script.lexicon import load_lexicons
    from audio_article.script.normalize.languages.registry import language_of
    from audio_article.script.normalize.normalizer import normalize_script
    from audio_article.script.profiles import load_profile
    from audio_article.speech.engines import engine_spec
    from audio_article.speech.language_voices import profile_for_language

    article = parse_article(article_ref, options.source_format, captions=options.read_captions)
    if options.language:  # the user's word over the article's declaration
        article = replace(article, language=options.language)
    language = language_of(article.language)  # an unsupported language stops here, naming the supported
    profile = profile_for_language(load_profile(options.voice), article.language)
    lexicon = load_lexicons((*profile.lexicons, *options.lexicons))
    script_options = options.script
    if options.talking_books and options.edition_note and not script_options.edition_note:
        script_options = replace(script_options, edition_note=EDITION_NOTE)
    script = normalize_script(
        build_script(article, profile, script_options), lexicon, engine_spec(profile.engine).dialect, language
    )
    if not any(segment.kind == "text" for segment in script.segments):
        raise InputError(f"{article.source_name}: nothing speakable in the text (only symbols or emoji?)")
    return article, profile, script


def build(
    article_ref: str | Path, options: BuildOptions, progress: Progress | None = None, reuse: bool = False
) -> Episode:
    """Build one episode; with `reuse`, return a previous build of identical inputs instead."""
    if options.verify:
        from audio_article.speech.recognizer import check_installed

        check_installed(options.verify)  # before any work: one line naming the pip extra
    source = source_key(article_ref, options) if reuse else None
    unchanged = find_fresh(source, options)
    if unchanged:
        log.info("%s: reusing the fresh build of %s (source unchanged)", article_ref, unchanged.mp3.name)
        return unchanged
    from audio_article.episode.naming import claimed_slug

    with _early_worker(options) as early:
        article, profile, script = prepare(article_ref, options)
        # The name (and so the guid) is unique per distinct article in the folder; see naming.py.
        with claimed_slug(options.output_dir, article) as slug:
            key = build_key_of(article, profile, options)
            previous = load_fresh(options.output_dir, slug, key) if reuse else None
            if previous:
                log.info("%s: reusing the fresh build of %s", article_ref, previous.mp3.name)
                if early:
                    early.discard()
            episode = previous or _produce(article, profile, script, options, slug, key, progress, early)
        from audio_article.episode.page import write_episode_page  # lxml and mutagen: not for `inspect`

        # The pages are made from the episode's own files, so a reused build gets them too.
        write_episode_page(episode)
    # Only when the source still reads as it did before the build (an edit meanwhile: no pointer).
    if source is not None and source == source_key(article_ref, options):
        remember(source, options, slug, key, article.local_files)
    return episode


def _produce(
    article: Article,
    profile: VoiceProfile,
    script: Script,
    options: BuildOptions,
    slug: str,
    key: str,
    progress: Progress | None,
    early: NarrationPool | None = None,
) -> Episode:
    """Narrate and produce the episode in a staging folder; its files are in place when this returns."""
    with (
        _open_cache(options) as cache,
        _narration(script, profile, cache, options.jobs, early) as (plan, pool),
        staging_folder(options.output_dir) as staging,
    ):
        from audio_article.pipeline.context import BuildContext
        from audio_article.pipeline.steps import produce  # the audio stack, only now

        context = BuildContext(
            article, profile, script, options, slug, key, cache, plan, pool, staging, progress
        )
        return produce(context)


def build_key_of(article: Article, profile: VoiceProfile, options: BuildOptions) -> str:
    """The key of everything that shapes the output; where segments are cached and how many jobs do not."""
    files = [path for path in (options.intro, options.outro) if path]
    files += [Path(name) for name in article.local_files]  # a replaced cover is a new MP3
    return build_key(article, replace(options, jobs=0, cache_dir=None), profile, files)


@contextlib.contextmanager
def _early_worker(options: BuildOptions) -> Iterator[NarrationPool | None]:
    """A narration worker started before the article is even parsed, for the voice it most likely needs.

    Its start-up (a Python process, the engine) then overlaps the parsing and
    normalizing instead of following them: a cold build's first segment, and
    an edited paragraph's only one, come back that much sooner. It is stopped
    at once when the article needs another voice or no narration.
    """
    from audio_article.speech import workers

    profile = _likely_profile(options) if options.use_cache and not workers.keeping_pools() else None
    if profile is None:
        yield None  # no cache folder yet to narrate into, the process's kept pool serves it, or no guess
        return
    try:
        pool = workers.NarrationPool(profile, options.cache_dir or default_cache_dir(), 1)
    except OSError as exc:  # only a head start: the narration starts its own workers (or says why not)
        log.debug("narration: no worker started early: %s", exc)
        yield None
        return
    try:
        yield pool
    finally:
        pool.discard()


def _likely_profile(options: BuildOptions) -> VoiceProfile | None:
    """The voice profile the options name, when it runs in worker processes; None when unsure.

    A guess made before parsing: a profile that does not load, or a language
    given in the options that the profile does not speak, is left for
    `prepare` to meet and report in its place.
    """
    from audio_article.errors import AudioArticleError
    from audio_article.script.profiles import load_profile
    from audio_article.speech.engines import engine_spec
    from audio_article.speech.language_voices import speaks

    try:
        profile = load_profile(options.voice)
        isolated = engine_spec(profile.engine).isolated
    except AudioArticleError:
        return None
    same_language = not options.language or speaks(profile, options.language)
    return profile if isolated and same_language else None


@contextlib.contextmanager
def _narration(
    script: Script, profile: VoiceProfile, cache: BuildCache, jobs: int, early: NarrationPool | None = None
) -> Iterator[tuple[NarrationPlan, NarrationPool | None]]:
    """Look every segment up in the cache once and start (or reuse) the workers the rest needs."""
    # Imported here: a reused build needs neither the plan nor the workers.
    from audio_article.speech.plan import plan_narration
    from audio_article.speech.workers import build_pool

    plan = plan_narration(script, profile, cache, jobs)
    if early is not None and plan.workers and early.reusable(profile, cache.root, 1):
        log.debug("narration: the worker started early serves the build (%d in all)", plan.workers)
        early.grow(plan.workers)
        yield plan, early
        return
    if early is not None:
        log.debug("narration: the worker started early is not needed (another voice, or no work)")
        early.discard()
    if not plan.workers:
        yield plan, None
        return
    with build_pool(profile, cache.root, plan.workers) as pool:  # kept between builds in a worker
        yield plan, pool


@contextlib.contextmanager
def _open_cache(options: BuildOptions) -> Iterator[BuildCache]:
    if options.use_cache:
        yield BuildCache(options.cache_dir or default_cache_dir())
        return
    with tempfile.TemporaryDirectory(prefix="audio-article-segments-") as tmp:
        yield BuildCache(Path(tmp))
