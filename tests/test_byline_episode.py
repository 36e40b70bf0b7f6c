"""A byline typed under the title stays out of the episode's title, tags, feed and file name."""

from __future__ import annotations

from pathlib import Path

import feedparser
from conftest import FIXTURES
from helpers import SHOW, run
from mutagen.id3 import ID3


def test_built_byline_sample_is_titled_by_its_headline(tmp_path: Path, fake_voice: Path) -> None:
    show = tmp_path / "show.toml"
    show.write_text(SHOW, encoding="utf-8")
    proc = run(
        "publish", str(FIXTURES / "byline-article.txt"), "--show", str(show), "--voice", str(fake_voice), "-q"
    )
    assert proc.returncode == 0, proc.stderr
    headline = "City Council Approves New Transit Budget"
    [mp3] = (tmp_path / "public").glob("*.mp3")
    assert mp3.stem.startswith("city-council-approves-new-transit-budget-")
    assert "okafor" not in mp3.stem and "2025" not in mp3.stem
    tags = ID3(mp3)
    assert str(tags["TIT2"]) == headline
    assert str(tags["TPE1"]) == "Maria Okafor"
    frames = sorted(tags.getall("CHAP"), key=lambda frame: frame.start_time)
    chapters = [str(frame.sub_frames["TIT2"]) for frame in frames]
    assert chapters[0] == headline and not any("Okafor" in c or "|" in c for c in chapters)
    feed = feedparser.parse((tmp_path / "public" / "feed.xml").read_bytes())
    [entry] = feed.entries
    assert entry.title == headline
    assert entry.author == "Maria Okafor"
