"""Where an episode's pages and their cover go, beside its MP3 (no lxml: the rebuild shortcut needs them)."""

from __future__ import annotations

from pathlib import Path

from audio_article.models import Episode


def page_path(episode: Episode, embed: bool = False) -> Path:
    """Where the episode's page (or its embed page) goes: beside the MP3."""
    return episode.mp3.parent / f"{episode.slug}{'.embed' if embed else ''}.html"


def cover_path(episode: Episode) -> Path:
    """Where the MP3's cover goes as a JPEG for the pages: beside the MP3."""
    return episode.mp3.parent / f"{episode.slug}.cover.jpg"
