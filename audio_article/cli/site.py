"""The `site` command: write a show's index page again from its episode store."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option(
    "--show", "show_file", required=True, type=click.Path(path_type=Path), help="The show's show.toml."
)
def site(show_file: Path) -> None:
    """Write the show's index.html (title, subscribe links, episodes newest first) beside feed.xml."""
    from audio_article.show.config import load_show
    from audio_article.show.site import write_show_index

    click.echo(str(write_show_index(load_show(show_file))))
