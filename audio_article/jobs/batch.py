"""Publish many articles into one show: expand the inputs, build in parallel, keep going past failures.

Inputs are files, folders (their article files, sorted) and list files (one
path or URL per line, `#` comments; relative paths are relative to the list
file). Each article is built and published in its own spawned process (never
forked: pyttsx3 hangs in a forked child), so one article's crash cannot take
the others down; the parent publishes each finished build, and the workers
die with it, so a killed batch changes the feed no further.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from audio_article.article.read import ARTICLE_SUFFIXES
from audio_article.errors import AudioArticleError, InputError
from audio_article.lifeline import die_with_parent
from audio_article.models import FeedItem, Progress
from audio_article.show.config import Show
from audio_article.textutil import is_url

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BatchResult:
    """How one input of a batch went."""

    source: str
    ok: bool
    detail: str  # the episode's audio file name, or the error message
    duration_ms: int = 0


@dataclass(frozen=True)
class BatchJob:
    """One article of a batch: where it comes from, the show, the voice and the build's options."""

    source: str
    show_file: Path
    voice: str
    force: bool  # build again even when a fresh build of the same inputs exists
    jobs: int  # narration workers inside this article's build
    read_captions: bool = False


def expand_inputs(
    refs: Sequence[str], list_files: Sequence[Path] = (), skipped: list[str] | None = None
) -> list[str]:
    """Every article named by `refs` (files, folders, URLs) and `list_files`, in order, once each.

    Links in a folder that lead out of it are not followed; they are logged and
    added to `skipped`, when given.
    """
    found: list[str] = []
    for ref in refs:
        path = Path(ref)
        if not is_url(ref) and path.is_dir():
            found.extend(_folder_articles(path, skipped if skipped is not None else []))
        else:
            found.append(ref)
    for list_file in list_files:
        try:
            lines = list_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{list_file}: cannot read the list ({exc})") from exc
        for line in lines:
            entry = line.split("#", 1)[0].strip() if not is_url(line.strip()) else line.strip()
            if entry:
                found.append(entry if is_url(entry) else str(list_file.parent / entry))
    unique = list(dict.fromkeys(found))
    if not unique:
        raise InputError("no articles to publish (empty folder or list?)")
    return unique


@dataclass(frozen=True)
class BuiltEpisode:
    """A batch worker's build, for the parent to publish: the feed is only ever written by the parent."""

    result: BatchResult
    show: Show | None = None
    item: FeedItem | None = None
    slug: str = ""
    item_xml: bytes | None = None  # the build's `<slug>.item.xml`, stored in the show as it is


def build_one(job: BatchJob, progress: Progress | None = None) -> BuiltEpisode:
    """Build one article for its show (no publishing); the project's errors become a failed result."""
    from audio_article.pipeline.build import BuildOptions, build
    from audio_article.show.config import load_show

    try:
        show = load_show(job.show_file)
        options = BuildOptions(
            output_dir=show.output_dir,
            voice=job.voice,
            base_url=show.base_url,
            jobs=job.jobs,
            show_title=show.title,
            hashed_audio_name=True,
            read_captions=job.read_captions,
            talking_books=show.talking_books,
            edition_note=show.edition_note,
            alternates=show.alternates,
        )
        episode = build(job.source, options, progress, reuse=not job.force)
    except AudioArticleError as exc:
        return BuiltEpisode(BatchResult(job.source, False, str(exc)))
    result = BatchResult(job.source, True, episode.mp3.name, episode.duration_ms)
    return BuiltEpisode(result, show, episode.item, episode.slug, _item_xml(episode.item_xml))


def _item_xml(path: Path) -> bytes | None:
    """The build's rendered item (with the tags `FeedItem` does not hold), or None if unreadable."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def publish_built(built: BuiltEpisode, render: bool = True) -> BatchResult:
    """Publish a successful build into its show's feed (in this process); errors become a failed result.

    Without `render`, the feed and index are left to the run's `FeedRenderer` (show/release.py)."""
    from audio_article.show.release import release_episode

    if not built.result.ok or built.show is None or built.item is None:
        return built.result
    try:
        # media, store, and (with `render`) feed and index
        release_episode(built.show, built.item, built.slug, built.item_xml, render)
    except AudioArticleError as exc:
        return BatchResult(built.result.source, False, str(exc))
    return built.result


def publish_one(job: BatchJob, progress: Progress | None = None) -> BatchResult:
    """Build and publish one article in this process."""
    return publish_built(build_one(job, progress))


def publish_batch(
    jobs: Sequence[BatchJob], parallel: int, done: Callable[[BatchResult], None] | None = None
) -> list[BatchResult]:
    """Run `jobs` `parallel` at a time; results in input order.

    Workers only build, and die with this process (`lifeline`); each finished
    build is published here, so a killed batch publishes nothing more. The
    feed and index are the caller's to render (`show.release.FeedRenderer`).
    """
    results: dict[int, BatchResult] = {}
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max(1, parallel), mp_context=context, initializer=_start_build_process, initargs=(os.getpid(),)
    ) as pool:
        futures: dict[Future[BuiltEpisode], int] = {
            pool.submit(build_one, job): i for i, job in enumerate(jobs)
        }
        for future in as_completed(futures):
            index = futures[future]
            try:
                result = publish_built(future.result(), render=False)
            except BrokenProcessPool:
                result = BatchResult(
                    jobs[index].source, False, "its build process died (out of memory or killed?)"
                )
            except Exception as exc:  # one article's bug must not stop the batch
                log.debug("unexpected failure", exc_info=exc)
                result = BatchResult(
                    jobs[index].source, False, f"internal error: {type(exc).__name__}: {exc}"
                )
            results[index] = result
            if done:
                done(result)
    return [results[i] for i in range(len(jobs))]


def _start_build_process(parent_pid: int) -> None:
    """A batch's build process: dies with the batch, keeps its narration engine between articles."""
    from audio_article.speech.workers import keep_pools

    die_with_parent(parent_pid)
    keep_pools()


def default_parallel(count: int) -> int:
    """How many articles to build at once by default: one per CPU, at most `count`."""
    return max(1, min(count, os.cpu_count() or 1))


def _folder_articles(folder: Path, skipped: list[str]) -> list[str]:
    """The folder's article files; a symlink only when it resolves inside the folder (and is no duplicate)."""
    root = folder.resolve()
    entries: list[tuple[Path, Path]] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.suffix.lower() not in ARTICLE_SUFFIXES:
            continue
        try:
            target = entry.resolve(strict=True)
        except (OSError, RuntimeError):  # dangling, a loop, unreadable
            target = None
        if entry.is_symlink() and (target is None or not target.is_relative_to(root)):
            log.warning("%s: a link that leads out of %s (or nowhere); not followed", entry, folder)
            skipped.append(str(entry))
        elif target is not None and target.is_file():
            entries.append((entry, target))
    # A link to a file that is listed itself would publish that article twice.
    plain = {target for entry, target in entries if not entry.is_symlink()}
    return [str(entry) for entry, target in entries if not (entry.is_symlink() and target in plain)]
