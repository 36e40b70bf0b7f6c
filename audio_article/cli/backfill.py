"""`backfill`: a show's archive through the durable job list, on a Dask cluster."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from audio_article.cli.errors import error_line
from audio_article.cli.options import force_option, voice_option
from audio_article.cli.progress import progress_bar as _progress

if TYPE_CHECKING:
    from audio_article.jobs.batch import BatchJob
    from audio_article.jobs.joblist import Job


@click.command()
@click.option(
    "--list",
    "list_files",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A file naming articles (paths or URLs), one per line; repeatable. None: run the list as it is.",
)
@click.option(
    "--show", "show_file", required=True, type=click.Path(path_type=Path), help="The show's show.toml."
)
@voice_option()
@click.option(
    "--executor",
    envvar="AUDIO_ARTICLE_EXECUTOR",
    required=True,
    metavar="tcp://HOST:PORT",
    help="The Dask scheduler whose workers build the articles.",
)
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, help="Narration workers per article.")
@click.option("--read-captions", is_flag=True, help="Read figure captions (or alt text) of web pages.")
@click.option("--retry-failed", is_flag=True, help="Queue the jobs that failed before again.")
@click.option("--lease", "lease_s", type=click.FloatRange(3, 3600), default=60.0, hidden=True)
@force_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def backfill(
    list_files: tuple[Path, ...],
    show_file: Path,
    voice: str,
    executor: str,
    jobs: int,
    read_captions: bool,
    retry_failed: bool,
    lease_s: float,
    force: bool,
    quiet: bool,
) -> None:
    """Add the listed articles to the show's job list, then build and publish every unfinished job.

    Needs `store = "postgresql://..."` in show.toml: the job list lives there.
    Listing an unchanged article again is a no-op; re-running after a crash
    finishes only what was left. The exit status is non-zero if any job failed.
    """
    from audio_article.errors import ConfigError
    from audio_article.jobs.backfill import list_jobs
    from audio_article.jobs.batch import BatchJob, expand_inputs
    from audio_article.show.config import load_show
    from audio_article.show.release import rendering
    from audio_article.textutil import is_url

    show = load_show(show_file)
    if show.store is None:  # show.toml's schema admits only PostgreSQL URLs
        raise ConfigError(
            f'{show_file}: backfill keeps its job list in the store; set store = "postgresql://..."'
        )
    # Workers run elsewhere (another folder, another machine): paths go as absolute ones.
    voice = str(Path(voice).resolve()) if Path(voice).is_file() else voice
    listed = expand_inputs((), list_files) if list_files else []  # none: the jobs the API took in
    refs = [ref if is_url(ref) else str(Path(ref).resolve()) for ref in listed]

    def make_job(source: str) -> BatchJob:
        return BatchJob(source, show_file.resolve(), voice, force, jobs, read_captions)

    new = list_jobs(show.store, [make_job(ref) for ref in refs], retry_failed)
    if not quiet:
        click.echo(f"{len(refs)} listed, {new} new", err=True)
    with rendering(show) as released:
        counts = _drive(executor, show.store, make_job, lease_s, new, quiet, released)
    published, failed = counts.get("published", 0), counts.get("failed", 0)
    click.echo(f"{published} published, {failed} failed; feed: {show.output_dir / 'feed.xml'}")
    if failed:
        sys.exit(1)


def _drive(
    executor: str,
    store: str,
    make_job: Callable[[str], BatchJob],
    lease_s: float,
    new: int,
    quiet: bool,
    released: Callable[[], None],
) -> dict[str, int]:
    """Run the unfinished jobs with a progress bar; each failure reported as it ends."""
    from audio_article.jobs.backfill import drive

    with _progress("Backfilling", quiet) as progress:
        finished = [0]

        def done(job: Job) -> None:
            finished[0] += 1
            if progress:
                progress(finished[0], max(finished[0], new))
            if job.state == "failed":
                click.echo(error_line(job.error or f"{job.source}: failed"), err=True)
            elif job.state == "published":
                released()

        return drive(executor, store, make_job, lease_s, done)
