"""Option groups the commands share, as decorators, and the build options they make.

`build` takes many options; grouped here (where the episode goes, what is
read, how it is narrated, how it is encoded, what is said besides the
article), the command itself stays a short function, and an option that
two commands share (`--voice`, `--format`, `--lexicon`, `--cache-dir`,
`--force`, `--quiet`) is declared once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from audio_article.cli.types import FiniteFloat, PublicUrl
from audio_article.models import ScriptOptions

if TYPE_CHECKING:
    from audio_article.pipeline.build import BuildOptions

F = TypeVar("F", bound=Callable[..., Any])

FORMAT = click.Choice(["auto", "text", "markdown", "html"])


def _group(*options: Callable[[Any], Any]) -> Callable[[F], F]:
    """One decorator applying `options` in the order they are listed (as `--help` shows them)."""

    def apply(command: F) -> F:
        for option in reversed(options):
            command = option(command)
        return command

    return apply


def voice_option(help_text: str = "Voice profile name or .toml path.") -> Callable[[F], F]:
    """`--voice NAME|FILE.toml`, default "default"."""
    return click.option("--voice", default="default", show_default=True, help=help_text)


format_option = click.option("--format", "source_format", type=FORMAT, default="auto", show_default=True)


def _language_tag(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    from audio_article.schema import language_tag

    problem = language_tag(value) if value else None
    if problem:
        raise click.BadParameter(problem)
    return value


language_option = click.option(
    "--language",
    callback=_language_tag,
    help="The article's language (BCP 47: de, fr, pt-BR), over its own (default: declared, else detected).",
)
cache_dir_option = click.option("--cache-dir", type=click.Path(path_type=Path), help="Cache folder.")
quiet_option = click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
force_option = click.option(
    "--force", is_flag=True, help="Build again even when a fresh build of the same inputs exists."
)


def lexicon_option(help_text: str | None = None) -> Callable[[F], F]:
    """`--lexicon FILE`, repeatable."""
    return click.option(
        "--lexicon", "lexicons", multiple=True, type=click.Path(path_type=Path), help=help_text
    )


output_options = _group(
    click.option(
        "-o",
        "--output",
        "output_dir",
        type=click.Path(path_type=Path),
        default=Path("output"),
        show_default=True,
        help="Folder for the MP3 and its companion files.",
    ),
    click.option(
        "--base-url",
        type=PublicUrl(),
        help="Public URL of the output folder, for enclosure and transcript links.",
    ),
)

reading_options = _group(
    voice_option(),
    format_option,
    language_option,
    lexicon_option("Extra pronunciation lexicon (repeatable; later ones win)."),
)

narration_options = _group(
    click.option(
        "-j",
        "--jobs",
        type=click.IntRange(0, 64),
        default=0,
        help="Narration worker processes (0: one per CPU).",
    ),
    cache_dir_option,
    click.option("--no-cache", is_flag=True, help="Narrate everything afresh and keep nothing."),
    force_option,
)

encoding_options = _group(
    click.option(
        "--bitrate", type=click.IntRange(32, 320), default=64, show_default=True, help="MP3 bitrate, kbps."
    ),
    click.option(
        "--id3",
        "id3_version",
        type=click.Choice(["3", "4"]),
        default="3",
        show_default=True,
        help="ID3 tag version 2.3 or 2.4.",
    ),
    click.option(
        "--lufs",
        type=FiniteFloat(-40, -6),
        default=-16.0,
        show_default=True,
        help="Integrated loudness target.",
    ),
)

notes_option = click.option(
    "--notes",
    type=click.Choice(["drop", "read"]),
    default="drop",
    show_default=True,
    help="Footnotes: leave them out, or read them in a final 'Notes' chapter.",
)

spoken_extras_options = _group(
    click.option("--read-related", is_flag=True, help="Narrate 'Also read' items as a final chapter."),
    notes_option,
    click.option(
        "--read-captions",
        is_flag=True,
        help="Read figure captions (or alt text) of web pages where they stand.",
    ),
    click.option(
        "--announcement", help="Opening line template ({title} {by_author} {published} {sections} {minutes})."
    ),
    click.option("--no-announcement", is_flag=True, help="Start with the title instead of an announcement."),
    click.option(
        "--no-byline",
        is_flag=True,
        help="With --no-announcement, do not read 'By AUTHOR' after the title (the article alone).",
    ),
    click.option("--closing", help="Closing line template ({title} ...)."),
    click.option("--no-closing", is_flag=True, help="No closing line."),
    click.option("--intro", type=click.Path(path_type=Path), help="Audio file to play before the narration."),
    click.option("--outro", type=click.Path(path_type=Path), help="Audio file to play after it."),
)

verify_options = _group(
    click.option(
        "--verify",
        is_flag=True,
        help="Hear the narration with an offline recognizer; retake unclear segments slower, list the rest.",
    ),
    click.option(
        "--verify-model",
        type=click.Choice(["base", "tiny.en"]),
        default="base",
        show_default=True,
        help="Whisper model for --verify (tiny.en: faster, less accurate).",
    ),
    click.option(
        "--verify-strict", is_flag=True, help="Like --verify, and exit 1 when a segment stays unclear."
    ),
)

book_options = _group(
    click.option(
        "--epub", is_flag=True, help="Also make an EPUB 3 talking book (text and narration in sync)."
    ),
    click.option(
        "--daisy", is_flag=True, help="Also make a DAISY 2.02 talking book (zipped full text and audio)."
    ),
    click.option(
        "--opus",
        is_flag=True,
        help="Also make a low-bandwidth edition: Ogg Opus at about 24 kbps, same loudness and chapters.",
    ),
    click.option(
        "--no-edition-note",
        is_flag=True,
        help="Talking books: no spoken 'About this edition' sentence at the start.",
    ),
)

build_options = _group(
    output_options,
    reading_options,
    narration_options,
    encoding_options,
    spoken_extras_options,
    book_options,
    verify_options,
    quiet_option,
)


def options_from(values: dict[str, Any]) -> BuildOptions:
    """The `BuildOptions` that `build`'s command-line values describe."""
    from audio_article.models import EncodeSettings
    from audio_article.pipeline.build import BuildOptions

    return BuildOptions(
        output_dir=values["output_dir"],
        voice=values["voice"],
        source_format=values["source_format"],
        lexicons=values["lexicons"],
        base_url=values["base_url"],
        jobs=values["jobs"],
        cache_dir=values["cache_dir"],
        use_cache=not values["no_cache"],
        encode=EncodeSettings(bitrate_kbps=values["bitrate"], id3_version=int(values["id3_version"])),  # type: ignore[arg-type]
        target_lufs=values["lufs"],
        script=script_options(values),
        read_captions=values["read_captions"],
        intro=values["intro"],
        outro=values["outro"],
        verify=values["verify_model"] if values["verify"] or values["verify_strict"] else None,
        talking_books=tuple(kind for kind in ("epub", "daisy") if values[kind]),
        edition_note=not values["no_edition_note"],
        alternates=("opus",) if values["opus"] else (),
        language=values.get("language"),
    )


def script_options(values: dict[str, Any]) -> ScriptOptions:
    """What is spoken besides the article: the announcement, the closing line, related items, notes."""
    defaults = ScriptOptions()
    return ScriptOptions(
        announcement=None if values["no_announcement"] else (values["announcement"] or defaults.announcement),
        closing=None if values["no_closing"] else (values["closing"] or defaults.closing),
        read_related=values["read_related"],
        read_byline=not values["no_byline"],
        notes=values["notes"],
    )
