"""Batch publishing: inputs from folders and list files, parallel builds, failures reported."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from conftest import SAMPLES
from test_cli import run

from audio_article.batch import expand_inputs
from audio_article.errors import InputError


def test_expand_folders_lists_and_urls(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("b.md", "a.txt", "notes.pdf", ".hidden.txt"):
        (folder / name).write_text("x", encoding="utf-8")
    listing = tmp_path / "list.txt"
    listing.write_text(
        "# weekend edition\nin/a.txt\n\nhttps://example.org/story#part-2\nother.html  # late addition\n",
        encoding="utf-8",
    )
    assert expand_inputs([str(folder)], [listing]) == [
        str(folder / "a.txt"),
        str(folder / "b.md"),
        "https://example.org/story#part-2",
        str(tmp_path / "other.html"),
    ]


def test_nothing_to_publish_is_an_error(tmp_path: Path):
    with pytest.raises(InputError, match="no articles"):
        expand_inputs([str(tmp_path)])


def test_parallel_batch_from_a_folder_with_a_failure(tmp_path: Path, fake_voice: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for sample in ("night-reading-room.txt", "harbour-swim.md"):
        (folder / sample).write_bytes((SAMPLES / sample).read_bytes())
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    show = tmp_path / "show.toml"
    show.write_text(
        'title = "Batch"\ndescription = "d"\nauthor = "a"\nowner_name = "o"\nowner_email = "o@example.org"\n'
        'link = "https://example.org"\nbase_url = "https://example.org/a/"\noutput = "pub"\n',
        encoding="utf-8",
    )
    proc = run("publish", "--show", str(show), "--voice", str(fake_voice), "-p", "2", "-q", str(folder))
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"audio-article: error: {folder / 'empty.txt'}: the file is empty"
    assert "2 published, 1 failed" in proc.stdout
    feed = feedparser.parse(str(tmp_path / "pub" / "feed.xml"))
    assert not feed.bozo and len(feed.entries) == 2
