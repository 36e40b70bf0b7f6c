"""The shared option groups: `build`'s values become the same `BuildOptions` the pipeline defaults to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from audio_article.cli.options import build_options, options_from
from audio_article.models import ScriptOptions
from audio_article.pipeline.build import BuildOptions


@click.command()
@click.argument("article")
@build_options
def _probe(article: str, **values: Any) -> BuildOptions:
    return options_from(values)


def _options(*args: str) -> BuildOptions:
    result = _probe.main(["a.md", *args], standalone_mode=False)
    assert isinstance(result, BuildOptions)
    return result


def test_defaults_are_the_pipeline_defaults() -> None:
    assert _options() == BuildOptions()


def test_values_reach_their_fields() -> None:
    options = _options(
        "-o", "out", "--voice", "clear", "--bitrate", "96", "--id3", "4", "--lufs", "-18",
        "--no-announcement", "--closing", "Bye {title}.", "--read-related", "--no-cache",
    )  # fmt: skip
    assert options.output_dir == Path("out") and options.voice == "clear"
    assert options.encode.bitrate_kbps == 96 and options.encode.id3_version == 4
    assert options.target_lufs == -18 and not options.use_cache
    assert options.script == ScriptOptions(announcement=None, closing="Bye {title}.", read_related=True)


def test_no_byline_leaves_the_article_alone() -> None:
    options = _options("--no-announcement", "--no-byline", "--no-closing")
    assert options.script == ScriptOptions(announcement=None, closing=None, read_byline=False)


def test_opus_asks_for_the_low_bandwidth_edition() -> None:
    assert _options("--opus").alternates == ("opus",)
    assert _options().alternates == ()
