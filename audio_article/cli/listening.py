"""What `build --verify` prints: the segments the recognizer could not hear well, one line each."""

from __future__ import annotations

import sys

import click

from audio_article.cli.errors import PREFIX, error_line, one_line
from audio_article.models import Episode, UnclearSegment


def listening_summary(unclear: tuple[UnclearSegment, ...]) -> str:
    """The summary's line about the listening check."""
    if not unclear:
        return "  listening  every segment heard"
    return f"  listening  {len(unclear)} unclear segment(s), listed below"


def print_unclear(episode: Episode, strict: bool) -> None:
    """The unclear segments on stderr (even with --quiet), one line each; with `strict`, exit 1."""
    if not episode.unclear:
        return
    count = len(episode.unclear)
    click.echo(
        f"{PREFIX}: warning: {count} segment(s) of {episode.mp3.name} stayed unclear to the recognizer, "
        "even narrated again slower (reword them or add a lexicon entry):",
        err=True,
    )
    for item in episode.unclear:
        click.echo(one_line(f"  {unclear_line(item)}"), err=True)
    if strict:
        message = f"--verify-strict: {count} unclear segment(s); the episode was built"
        click.echo(error_line(message), err=True)
        sys.exit(1)


def unclear_line(item: UnclearSegment) -> str:
    """One unclear segment: its number, how much was heard, its text and what the recognizer heard."""
    text = item.text if len(item.text) <= 90 else item.text[:87] + "..."
    heard = item.heard if len(item.heard) <= 60 else item.heard[:57] + "..."
    return f"segment {item.index} ({100 * item.recall:.0f}% heard): {text!r} heard as {heard!r}"
