"""The `audio-article` command. The only module that prints.

Every `AudioArticleError` becomes one line on stderr and the error's exit
code; an unexpected exception becomes one line too (with `--debug` for the
traceback), never a bare traceback.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from audio_article import __version__, interrupt
from audio_article.cli.errors import error_line
from audio_article.cli.progress import progress_bar as _progress
from audio_article.cli.serve import serve
from audio_article.cli.show import feed, publish
from audio_article.cli.site import site
from audio_article.cli.types import FiniteFloat, PublicUrl
from audio_article.cli.voices import voices
from audio_article.errors import AudioArticleError
from audio_article.models import ScriptOptions

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
            click.echo(f"audio-article: interrupted ({name}); nothing was left half-written", err=True)
            interrupt.exit_now(128 + signum)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            detail = f"{type(exc).__name__}: {exc} (rerun with --debug)"
            click.echo(error_line(detail, "internal error"), err=True)
            sys.exit(70)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="audio-article")
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
    logging.basicConfig(level=level, format="audio-article: %(levelname)s: %(message)s", stream=sys.stderr)
    # The HTML extractor's own warnings ("discarding data") are about its heuristics,
    # not about anything the user can act on; our errors say what went wrong.
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.ERROR if verbose < 2 else logging.DEBUG)


_FORMAT = click.Choice(["auto", "text", "markdown", "html"])


@main.command()
@click.argument("article")
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder for the MP3 and its companion files.",
)
@click.option("--voice", default="default", show_default=True, help="Voice profile name or .toml path.")
@click.option("--format", "source_format", type=_FORMAT, default="auto", show_default=True)
@click.option(
    "--lexicon",
    "lexicons",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra pronunciation lexicon (repeatable; later ones win).",
)
@click.option(
    "--base-url",
    type=PublicUrl(),
    help="Public URL of the output folder, for enclosure and transcript links.",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(0, 64), default=0, help="Narration worker processes (0: one per CPU)."
)
@click.option("--cache-dir", type=click.Path(path_type=Path), help="Segment cache folder.")
@click.option("--no-cache", is_flag=True, help="Narrate everything afresh and keep nothing.")
@click.option("--force", is_flag=True, help="Rebuild even if the output is already up to date.")
@click.option(
    "--bitrate", type=click.IntRange(32, 320), default=64, show_default=True, help="MP3 bitrate, kbps."
)
@click.option(
    "--id3",
    "id3_version",
    type=click.Choice(["3", "4"]),
    default="3",
    show_default=True,
    help="ID3 tag version 2.3 or 2.4.",
)
@click.option(
    "--lufs",
    type=FiniteFloat(-40, -6),
    default=-16.0,
    show_default=True,
    help="Integrated loudness target.",
)
@click.option("--read-related", is_flag=True, help="Narrate 'Also read' items as a final chapter.")
@click.option(
    "--read-captions", is_flag=True, help="Read figure captions (or alt text) of web pages where they stand."
)
@click.option(
    "--announcement", help="Opening line template ({title} {by_author} {published} {sections} {minutes})."
)
@click.option("--no-announcement", is_flag=True, help="Start with the title instead of an announcement.")
@click.option("--closing", help="Closing line template ({title} ...).")
@click.option("--no-closing", is_flag=True, help="No closing line.")
@click.option("--intro", type=click.Path(path_type=Path), help="Audio file to play before the narration.")
@click.option("--outro", type=click.Path(path_type=Path), help="Audio file to play after it.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
def build(
    article: str,
    output_dir: Path,
    voice: str,
    source_format: str,
    lexicons: tuple[Path, ...],
    base_url: str | None,
    jobs: int,
    cache_dir: Path | None,
    no_cache: bool,
    force: bool,
    bitrate: int,
    id3_version: str,
    lufs: float,
    read_related: bool,
    read_captions: bool,
    announcement: str | None,
    no_announcement: bool,
    closing: str | None,
    no_closing: bool,
    intro: Path | None,
    outro: Path | None,
    quiet: bool,
) -> None:
    """Build the audio edition of ARTICLE: a text, Markdown or HTML file, or an http(s) URL."""
    from audio_article.episode.page import embed_snippet, write_episode_page
    from audio_article.models import EncodeSettings
    from audio_article.pipeline.build import BuildOptions
    from audio_article.pipeline.build import build as run_build

    options = BuildOptions(
        output_dir=output_dir,
        voice=voice,
        source_format=source_format,  # type: ignore[arg-type]
        lexicons=lexicons,
        base_url=base_url,
        jobs=jobs,
        cache_dir=cache_dir,
        use_cache=not no_cache,
        encode=EncodeSettings(bitrate_kbps=bitrate, id3_version=int(id3_version)),  # type: ignore[arg-type]
        target_lufs=lufs,
        script=_script_options(read_related, announcement, no_announcement, closing, no_closing),
        read_captions=read_captions,
        intro=intro,
        outro=outro,
    )
    with _progress("Narrating", quiet) as progress:
        episode = run_build(article, options, progress, reuse=not (force or no_cache))
    page = write_episode_page(episode)  # also after a reused build, so the page is always there
    if quiet:
        return
    minutes, seconds = divmod(round(episode.duration_ms / 1000), 60)
    click.echo(f"{episode.mp3}  {minutes}:{seconds:02d}  {episode.size_bytes / 1e6:.1f} MB")
    click.echo(f"  chapters   {episode.chapters_json}")
    click.echo(f"  transcript {episode.transcript_vtt} (+ .srt, .transcript.html)")
    click.echo(f"  rss item   {episode.item_xml}")
    click.echo(f"  page       {page}")
    click.echo(f"  embed      {embed_snippet(episode, base_url)}")
    click.echo(f"  segments   {episode.segments_synthesized} synthesized, {episode.segments_reused} reused")
    if episode.pieces_encoded or episode.pieces_reused:
        click.echo(f"  pieces     {episode.pieces_encoded} encoded, {episode.pieces_reused} reused")
    if not base_url:
        click.echo("  note: links point at this folder (file://); pass --base-url to publish online")


def _script_options(
    read_related: bool, announcement: str | None, no_announcement: bool, closing: str | None, no_closing: bool
) -> ScriptOptions:
    defaults = ScriptOptions()
    return ScriptOptions(
        announcement=None if no_announcement else (announcement or defaults.announcement),
        closing=None if no_closing else (closing or defaults.closing),
        read_related=read_related,
    )


@main.command()
@click.argument("article")
@click.option("--format", "source_format", type=_FORMAT, default="auto", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--spoken", is_flag=True, help="Show the exact text each segment sends to the engine.")
@click.option("--voice", default="default", show_default=True, help="Voice profile (for --spoken).")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(path_type=Path))
def inspect(
    article: str, source_format: str, as_json: bool, spoken: bool, voice: str, lexicons: tuple[Path, ...]
) -> None:
    """Show how ARTICLE splits into title, metadata, sections and related links."""
    from audio_article.pipeline.build import BuildOptions, prepare

    options = BuildOptions(voice=voice, source_format=source_format, lexicons=lexicons)  # type: ignore[arg-type]
    parsed, _profile, script = prepare(article, options)
    data: dict[str, Any] = {
        "title": parsed.title,
        "format": parsed.source_format,
        "author": parsed.author,
        "publication": parsed.publication,
        "date": parsed.date.isoformat() if parsed.date else None,
        "summary": parsed.summary,
        "image": parsed.image,
        "url": parsed.url,
        "language": parsed.language,
        "words": parsed.word_count,
        "sections": [
            {"heading": s.heading, "paragraphs": len(s.paragraphs), "words": s.word_count}
            for s in parsed.sections
        ],
        "related": [asdict(r) for r in parsed.related],
        "dropped": list(parsed.dropped),
    }
    if spoken:
        data["segments"] = [
            {
                "index": s.index,
                "kind": s.kind,
                "chapter": s.chapter_index,
                "pause_before_ms": s.pause_before_ms,
                "text": s.text,
                "spoken": s.spoken,
            }
            for s in script.segments
        ]
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"title:    {parsed.title}")
    for key in ("author", "publication", "date", "summary", "image", "url"):
        if data[key]:
            click.echo(f"{key + ':':9s} {data[key]}")
    click.echo(f"format:   {parsed.source_format}, {parsed.word_count} words")
    click.echo(f"sections: {len(parsed.sections)}")
    for number, section in enumerate(parsed.sections, start=1):
        heading = section.heading or f"(opening) {parsed.title}"
        click.echo(
            f"  {number}. {heading}  [{len(section.paragraphs)} paragraphs, {section.word_count} words]"
        )
    if parsed.related:
        click.echo(f"related:  {len(parsed.related)}")
        for link in parsed.related:
            click.echo(f"  - {link.title}" + (f" <{link.url}>" if link.url else ""))
    if parsed.dropped:
        click.echo(f"dropped:  {len(parsed.dropped)}")
        for line in parsed.dropped:
            click.echo(f"  - {line}")
    if spoken:
        click.echo("segments:")
        for seg in script.segments:
            click.echo(f"  [{seg.index:4d}] {seg.kind:8s} +{seg.pause_before_ms}ms  {seg.spoken}")


@main.command()
def normalize() -> None:
    """Read text on stdin, write the spoken form on stdout, line by line."""
    from audio_article.script.normalize import normalize_text

    for line in sys.stdin:
        click.echo(normalize_text(line.rstrip("\n")))


@main.group()
def cache() -> None:
    """Inspect or prune the cache of narrated segments and encoded pieces."""


@cache.command("info")
@click.option("--cache-dir", type=click.Path(path_type=Path))
def cache_info(cache_dir: Path | None) -> None:
    from audio_article.cache import SegmentCache, default_cache_dir

    store = SegmentCache(cache_dir or default_cache_dir())
    stats = store.stats()
    click.echo(
        f"{store.root}: {stats.entries} entries (segments, pieces, analyses), {stats.size_bytes / 1e6:.1f} MB"
    )


@cache.command("prune")
@click.option("--cache-dir", type=click.Path(path_type=Path))
@click.option(
    "--max-mb", type=FiniteFloat(0, 1e7), help="Keep at most this many MB (least recently used go first)."
)
@click.option("--older-than-days", type=FiniteFloat(0, 36_500), help="Remove segments unused for this long.")
@click.option("--all", "everything", is_flag=True, help="Remove every entry: empty the cache.")
def cache_prune(
    cache_dir: Path | None, max_mb: float | None, older_than_days: float | None, everything: bool
) -> None:
    """Remove cache entries: the least recently used beyond --max-mb, those older than a limit, or --all."""
    from audio_article.cache import SegmentCache, default_cache_dir

    if max_mb is None and older_than_days is None and not everything:
        raise click.UsageError("give --max-mb, --older-than-days or --all (to empty the whole cache)")
    store = SegmentCache(cache_dir or default_cache_dir())
    if everything:
        max_mb, older_than_days = 0, None
    removed = store.prune(
        None if max_mb is None else int(max_mb * 1e6),
        None if older_than_days is None else older_than_days * 86400,
    )
    click.echo(f"removed {removed.entries} entries, {removed.size_bytes / 1e6:.1f} MB")


# Registered last: these commands live in their own module.
main.add_command(publish)
main.add_command(feed)
main.add_command(voices)
main.add_command(serve)
main.add_command(site)
