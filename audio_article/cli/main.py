"""The `audio-article` command. The only module that prints.

Every `AudioArticleError` becomes one line on stderr and the error's exit
code; an unexpected exception becomes one line too (with `--debug` for the
traceback), never a bare traceback.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from audio_article import __version__, interrupt
from audio_article.cli.backfill import backfill
from audio_article.cli.errors import PREFIX, error_line
from audio_article.cli.inspect import inspect_data, inspect_lines
from audio_article.cli.listening import listening_summary, print_unclear
from audio_article.cli.options import (
    build_options,
    cache_dir_option,
    format_option,
    language_option,
    lexicon_option,
    notes_option,
    options_from,
    voice_option,
)
from audio_article.cli.progress import progress_bar as _progress
from audio_article.cli.serve import serve
from audio_article.cli.show import feed, publish
from audio_article.cli.site import site
from audio_article.cli.types import FiniteFloat
from audio_article.cli.voices import phonemes, voices
from audio_article.errors import AudioArticleError

if TYPE_CHECKING:
    from audio_article.models import Episode

log = logging.getLogger("audio_article")


class _Group(click.Group):
    """Turns errors into one line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AudioArticleError as exc:
            click.echo(error_line(str(exc)), err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt as exc:
            signum = exc.signum if isinstance(exc, interrupt.Interrupted) else 2
            name = "SIGTERM" if signum == 15 else "SIGINT"
            click.echo(f"{PREFIX}: interrupted ({name}); nothing was left half-written", err=True)
            interrupt.exit_now(128 + signum)
        except click.UsageError as exc:  # a bad option value too: one line, like every other error
            where = exc.ctx.command_path if exc.ctx else PREFIX
            click.echo(error_line(f"{exc.format_message()} (see '{where} --help')"), err=True)
            sys.exit(exc.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except BrokenPipeError:
            # Whoever read our output has gone (`| head`): stop quietly, as Unix tools do, and
            # point stdout at /dev/null so Python's flush at exit does not fail a second time.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(128 + 13)  # SIGPIPE
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            detail = f"{type(exc).__name__}: {exc} (rerun with --debug)"
            click.echo(error_line(detail, "internal error"), err=True)
            sys.exit(70)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name=PREFIX)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("--debug", is_flag=True, hidden=True, help="Show tracebacks of internal errors.")
@click.pass_context
def main(ctx: click.Context, verbose: int, debug: bool) -> None:
    """Turn a written article into a chaptered, tagged podcast episode."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    if threading.current_thread() is threading.main_thread():
        interrupt.install()  # SIGINT and SIGTERM stop every thread and child, then exit 130 / 143
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format=f"{PREFIX}: %(levelname)s: %(message)s", stream=sys.stderr)
    # The HTML extractor's own warnings ("discarding data") are about its heuristics,
    # not about anything the user can act on; our errors say what went wrong.
    for name in ("trafilatura", "htmldate", "courlan", "justext", "faster_whisper"):
        logging.getLogger(name).setLevel(logging.ERROR if verbose < 2 else logging.DEBUG)


@main.command()
@click.argument("article")
@build_options
def build(article: str, force: bool, quiet: bool, **values: Any) -> None:
    """Build the audio edition of ARTICLE: a text, Markdown or HTML file, or an http(s) URL."""
    from audio_article.pipeline.build import build as run_build

    options = options_from(values)
    with _progress("Narrating", quiet) as progress:
        episode = run_build(article, options, progress, reuse=not (force or values["no_cache"]))
    if not quiet:
        _print_built(episode, values["base_url"])
    print_unclear(episode, values["verify_strict"])


def _print_built(episode: Episode, base_url: str | None) -> None:
    """The summary of a build: the MP3, its companion files, what was reused."""
    from audio_article.episode.page import embed_snippet
    from audio_article.episode.page_paths import page_path

    minutes, seconds = divmod(round(episode.duration_ms / 1000), 60)
    click.echo(f"{episode.mp3}  {minutes}:{seconds:02d}  {episode.size_bytes / 1e6:.1f} MB")
    click.echo(f"  chapters   {episode.chapters_json}")
    click.echo(f"  transcript {episode.transcript_vtt} (+ .srt, .transcript.html)")
    for book in episode.books:
        click.echo(f"  talking book {book}")
    if (opus := episode.mp3.with_suffix(".opus")).is_file():
        click.echo(f"  low bandwidth {opus}")
    click.echo(f"  rss item   {episode.item_xml}")
    click.echo(f"  page       {page_path(episode)}")
    click.echo(f"  embed      {embed_snippet(episode, base_url)}")
    click.echo(f"  segments   {episode.segments_synthesized} synthesized, {episode.segments_reused} reused")
    if episode.pieces_encoded or episode.pieces_reused:
        click.echo(f"  pieces     {episode.pieces_encoded} encoded, {episode.pieces_reused} reused")
    if episode.unclear is not None:
        click.echo(listening_summary(episode.unclear))
    if not base_url:
        click.echo("  note: links point at this folder (file://); pass --base-url to publish online")


@main.command()
@click.argument("article")
@format_option
@language_option
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--spoken", is_flag=True, help="Show the exact text each segment sends to the engine.")
@voice_option("Voice profile (for --spoken).")
@lexicon_option()
@notes_option
def inspect(
    article: str,
    source_format: str,
    as_json: bool,
    spoken: bool,
    voice: str,
    lexicons: tuple[Path, ...],
    notes: str,
    language: str | None,
) -> None:
    """Show how ARTICLE splits into title, metadata, sections and related links."""
    from audio_article.models import ScriptOptions
    from audio_article.pipeline.build import BuildOptions, prepare

    options = BuildOptions(
        voice=voice,
        source_format=source_format,  # type: ignore[arg-type]
        lexicons=lexicons,
        script=ScriptOptions(notes=notes),  # type: ignore[arg-type]
        language=language,
    )
    parsed, _profile, script = prepare(article, options)
    data = inspect_data(parsed, script if spoken else None)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for line in inspect_lines(parsed, data, script if spoken else None):
        click.echo(line)


@main.command()
def normalize() -> None:
    """Read text on stdin, write the spoken form on stdout, line by line."""
    from audio_article.script.normalize.normalizer import normalize_text

    for line in sys.stdin:
        click.echo(normalize_text(line.rstrip("\n")))


@main.group()
def cache() -> None:
    """Inspect or prune the cache of narrated segments and encoded pieces."""


@cache.command("info")
@cache_dir_option
def cache_info(cache_dir: Path | None) -> None:
    """Show where the cache is, how many entries it holds and their size."""
    from audio_article.cache import BuildCache, default_cache_dir

    store = BuildCache(cache_dir or default_cache_dir())
    stats = store.stats()
    click.echo(
        f"{store.root}: {stats.entries} entries (segments, pieces, analyses), {stats.size_bytes / 1e6:.1f} MB"
    )


@cache.command("prune")
@cache_dir_option
@click.option(
    "--max-mb", type=FiniteFloat(0, 1e7), help="Keep at most this many MB (least recently used go first)."
)
@click.option("--older-than-days", type=FiniteFloat(0, 36_500), help="Remove segments unused for this long.")
@click.option("--all", "everything", is_flag=True, help="Remove every entry: empty the cache.")
def cache_prune(
    cache_dir: Path | None, max_mb: float | None, older_than_days: float | None, everything: bool
) -> None:
    """Remove cache entries: the least recently used beyond --max-mb, those older than a limit, or --all."""
    from audio_article.cache import BuildCache, default_cache_dir

    if max_mb is None and older_than_days is None and not everything:
        raise click.UsageError("give --max-mb, --older-than-days or --all (to empty the whole cache)")
    store = BuildCache(cache_dir or default_cache_dir())
    if everything:
        max_mb, older_than_days = 0, None
    removed = store.prune(
        None if max_mb is None else int(max_mb * 1e6),
        None if older_than_days is None else older_than_days * 86400,
    )
    click.echo(f"removed {removed.entries} entries, {removed.size_bytes / 1e6:.1f} MB")


# Registered last: these commands live in their own module.
main.add_command(publish)
main.add_command(backfill)
main.add_command(feed)
main.add_command(voices)
main.add_command(phonemes)
main.add_command(serve)
main.add_command(site)
