"""The show commands: `publish` (one article, or a batch in parallel) and `feed list|remove|render`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from audio_article.cli.errors import error_line
from audio_article.cli.options import force_option, voice_option
from audio_article.cli.progress import progress_bar as _progress

if TYPE_CHECKING:
    from audio_article.jobs.batch import BatchJob, BatchResult
    from audio_article.show.config import Show


@click.command()
@click.argument("articles", nargs=-1)
@click.option(
    "--show", "show_file", required=True, type=click.Path(path_type=Path), help="The show's show.toml."
)
@click.option(
    "--list",
    "list_files",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A file naming articles (paths or URLs), one per line; repeatable.",
)
@voice_option()
@click.option("-j", "--jobs", type=click.IntRange(0, 64), default=0, help="Narration workers per article.")
@click.option(
    "-p", "--parallel", type=click.IntRange(0, 64), default=0, help="Articles built at once [default: CPUs]."
)
@click.option("--read-captions", is_flag=True, help="Read figure captions (or alt text) of web pages.")
@click.option(
    "--executor",
    envvar="AUDIO_ARTICLE_EXECUTOR",
    metavar="tcp://HOST:PORT",
    help="Build on this Dask scheduler's workers, one task per article [default: a local pool].",
)
@force_option
@click.option("--rebuild", is_flag=True, hidden=True, help="Old name of --force.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def publish(
    articles: tuple[str, ...],
    show_file: Path,
    list_files: tuple[Path, ...],
    voice: str,
    jobs: int,
    parallel: int,
    read_captions: bool,
    executor: str | None,
    force: bool,
    rebuild: bool,
    quiet: bool,
) -> None:
    """Build ARTICLES (files, folders, URLs) and publish them as episodes of a show's feed.

    Several articles are built in parallel; a failure is reported and the
    others carry on. The exit status is non-zero if any article failed.
    """
    from audio_article.jobs.batch import BatchJob, expand_inputs
    from audio_article.show.config import load_show
    from audio_article.show.release import rendering
    from audio_article.textutil import is_url

    if not articles and not list_files:
        raise click.UsageError("name at least one article, folder or --list file")
    show = load_show(show_file)  # a broken show.toml fails once, before any build
    skipped: list[str] = []
    refs = expand_inputs(articles, list_files, skipped)
    force = force or rebuild  # --rebuild: the old name, still accepted
    if executor:
        # Workers run elsewhere (another folder, another machine): paths go as absolute ones.
        voice = str(Path(voice).resolve()) if Path(voice).is_file() else voice
        refs = [ref if is_url(ref) else str(Path(ref).resolve()) for ref in refs]
        batch = [BatchJob(ref, show_file.resolve(), voice, force, jobs or 1, read_captions) for ref in refs]
        with rendering(show) as released:  # the workers store and upload; this renders
            results = _publish_on(executor, batch, quiet, released)
    elif len(refs) == 1:
        results = [_publish_single(BatchJob(refs[0], show_file, voice, force, jobs, read_captions), quiet)]
    else:
        with rendering(show) as released:
            results = _publish_many(
                refs, show_file, voice, force, jobs, parallel, read_captions, quiet, released
            )
    _report(results, show.output_dir / "feed.xml", skipped, quiet)


def _publish_many(
    refs: list[str],
    show_file: Path,
    voice: str,
    force: bool,
    jobs: int,
    parallel: int,
    read_captions: bool,
    quiet: bool,
    released: Callable[[], None],
) -> list[BatchResult]:
    """Several articles at once, with a progress bar over the articles; each failure reported as it ends."""
    from audio_article.jobs.batch import BatchJob, default_parallel, publish_batch

    parallel = min(parallel or default_parallel(len(refs)), len(refs))
    per_article = jobs or max(1, (os.cpu_count() or 1) // parallel)
    batch = [BatchJob(ref, show_file, voice, force, per_article, read_captions) for ref in refs]
    with _progress("Publishing", quiet) as progress:
        return publish_batch(batch, parallel, _reporter(progress, len(batch), released))


def _publish_on(
    executor: str, batch: list[BatchJob], quiet: bool, released: Callable[[], None]
) -> list[BatchResult]:
    """Every article as a task of the Dask scheduler at `executor`; each failure reported as it ends."""
    from audio_article.jobs.dask_executor import publish_on_dask

    with _progress("Publishing", quiet) as progress:
        return publish_on_dask(executor, batch, _reporter(progress, len(batch), released))


def _reporter(
    progress: Callable[[int, int], None] | None, total: int, released: Callable[[], None]
) -> Callable[[BatchResult], None]:
    """What runs as each article ends: the progress bar moves, the feed may be rendered, a failure is said."""
    finished = [0]

    def done(result: BatchResult) -> None:
        finished[0] += 1
        if progress:
            progress(finished[0], total)
        if result.ok:
            released()
        else:
            click.echo(error_line(result.detail), err=True)

    return done


def _report(results: list[BatchResult], feed_xml: Path, skipped: list[str], quiet: bool) -> None:
    """The summary of a publish run; exit 1 when any article failed."""
    failures = [r for r in results if not r.ok]
    if len(results) > 1:
        width = min(60, max(len(r.source) for r in results))
        for r in results:
            minutes, seconds = divmod(round(r.duration_ms / 1000), 60)
            detail = f"{r.detail}  {minutes}:{seconds:02d}" if r.ok else r.detail
            click.echo(f"{'ok' if r.ok else 'FAILED':6s}  {r.source:{width}s}  {detail}")
    if len(results) > 1 or failures:
        published = len(results) - len(failures)
        click.echo(f"{published} published, {len(failures)} failed; feed: {feed_xml}")
    elif not quiet:
        click.echo(f"published  {results[0].source}  ->  {results[0].detail}")
        click.echo(f"feed: {feed_xml}")
    if skipped:
        click.echo(f"{len(skipped)} skipped (links out of their folder): {', '.join(skipped)}")
    if failures:
        sys.exit(1)


def _publish_single(job: BatchJob, quiet: bool) -> BatchResult:
    """One article in this process, with the narration progress bar; errors reported like a batch's."""
    from audio_article.jobs.batch import publish_one

    with _progress(f"Narrating {job.source}", quiet) as progress:
        result = publish_one(job, progress)
    if not result.ok:
        click.echo(error_line(result.detail), err=True)
    return result


@click.group()
def feed() -> None:
    """List, remove, re-render or re-import a show's episodes."""


_SHOW = click.option("--show", "show_file", required=True, type=click.Path(path_type=Path), help="show.toml")


@feed.command("list")
@_SHOW
def feed_list(show_file: Path) -> None:
    """List the episodes (reads only: changes nothing, needs no write access)."""
    from audio_article.show.config import load_show
    from audio_article.show.store import list_episodes

    for guid, slug, title, duration_s in list_episodes(load_show(show_file)):
        click.echo(f"{slug:50s} {duration_s // 60:3d}:{duration_s % 60:02d}  {title}  [{guid}]")


@feed.command("remove")
@_SHOW
@click.argument("episode")
def feed_remove(show_file: Path, episode: str) -> None:
    """Remove EPISODE (its guid or slug) from the feed."""
    from audio_article.errors import ConfigError
    from audio_article.show.config import load_show
    from audio_article.show.store import remove_episode

    show = load_show(show_file)
    if not remove_episode(show, episode, then=after_render(show)):
        raise ConfigError(f"{show_file}: no episode {episode!r} in the show (see `feed list`)")
    click.echo(f"removed {episode}")


@feed.command("render")
@_SHOW
def feed_render(show_file: Path) -> None:
    """Render feed.xml again from the episode store."""
    from audio_article.show.config import load_show
    from audio_article.show.store import render_feed

    show = load_show(show_file)
    path = render_feed(show, then=after_render(show))
    click.echo(str(path))


@feed.command("import")
@_SHOW
def feed_import(show_file: Path) -> None:
    """Rebuild a lost or emptied episode store (show.db) from the show's published feed.xml."""
    from audio_article.errors import ConfigError
    from audio_article.show.config import load_show
    from audio_article.show.feed import FEED_NAME
    from audio_article.show.feed_import import feed_item_elements, read_feed_items
    from audio_article.show.store import import_items

    show = load_show(show_file)
    feed_path = show.output_dir / FEED_NAME
    if not feed_path.is_file():
        raise ConfigError(f"{feed_path}: no such feed to import")
    items = read_feed_items(feed_path, show.language)
    added, path = import_items(show, items, feed_item_elements(feed_path), then=after_render(show))
    click.echo(f"imported {added} of {len(items)} episodes from {feed_path}; feed: {path}")


def after_render(show: Show) -> Callable[[Path], None]:
    """The show's index page (and, for S3 media, the uploads) follow every change of its feed."""
    from audio_article.show.release import after_render as then

    return then(show)
