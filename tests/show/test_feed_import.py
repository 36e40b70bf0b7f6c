"""A lost or emptied show.db: publishing refuses to wipe the feed; `feed import` rebuilds the store."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from helpers import SHOW
from lxml import etree


def _article(folder: Path, n: int) -> Path:
    path = folder / f"story-{n}.md"
    path.write_text(
        f"---\ntitle: Story number {n}\nauthor: Reporter {n}\ndate: 2025-01-{n + 1:02d}\n"
        f"url: https://example.org/story-{n}\nsummary: Summary of story {n}.\n---\n\n"
        f"The body of story {n} has a few words.\n\n## Second part\n\nMore words for part two.\n",
        encoding="utf-8",
    )
    return path


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "audio_article", *args], capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A show folder with three published episodes (copied by each test)."""
    root = tmp_path_factory.mktemp("show")
    (root / "show.toml").write_text(SHOW, encoding="utf-8")
    (root / "fake.toml").write_text('engine = "fake"\nvoice = "tone"\n', encoding="utf-8")
    articles = [_article(root, n) for n in range(3)]
    show, voice = str(root / "show.toml"), str(root / "fake.toml")
    proc = cli("publish", "--show", show, "--voice", voice, "-q", *map(str, articles))
    assert proc.returncode == 0, proc.stderr
    return root


@pytest.fixture
def show(published: Path, tmp_path: Path) -> Path:
    shutil.copytree(published, tmp_path / "show")
    return tmp_path / "show"


def _entries(feed: Path) -> list[dict[str, object]]:
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    keys = ("id", "title", "summary", "published", "link", "author", "itunes_duration", "enclosures")
    entries = [{k: e.get(k) for k in keys} for e in parsed.entries]
    # Everything else an item says (chapters, transcripts, explicit...), read by lxml.
    items = etree.parse(str(feed)).getroot().findall("channel/item")
    return [e | {"xml": etree.tostring(i, method="c14n")} for e, i in zip(entries, items, strict=True)]


def _lose_store(public: Path, how: str) -> None:
    for path in public.glob("show.db*"):
        path.unlink()
    if how == "empty":
        sqlite3.connect(public / "show.db").close()


def _publish(show: Path, article: Path) -> subprocess.CompletedProcess[str]:
    """Publish one article into the test show with the fake voice."""
    return cli(
        "publish", "--show", str(show / "show.toml"), "--voice", str(show / "fake.toml"), "-q", str(article)
    )


@pytest.mark.parametrize("how", ["deleted", "empty"])
def test_lost_store_refuses_to_publish_then_import_restores(show: Path, how: str) -> None:
    public = show / "public"
    feed = public / "feed.xml"
    before, before_bytes = _entries(feed), feed.read_bytes()
    assert len(before) == 3
    _lose_store(public, how)
    proc = _publish(show, _article(show, 7))
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "show.db" in lines[0] and "feed import" in lines[0], proc.stderr
    assert feed.read_bytes() == before_bytes
    proc = cli("feed", "import", "--show", str(show / "show.toml"))
    assert proc.returncode == 0, proc.stderr
    assert "imported 3 of 3" in proc.stdout
    assert _entries(feed) == before
    listed = cli("feed", "list", "--show", str(show / "show.toml"))
    assert all(f"story-number-{n}" in listed.stdout for n in range(3)), listed.stdout
    assert cli("feed", "render", "--show", str(show / "show.toml")).returncode == 0
    assert _entries(feed) == before
    # And publishing works again, keeping the imported episodes.
    proc = _publish(show, show / "story-1.md")
    assert proc.returncode == 0, proc.stderr
    assert [e["id"] for e in _entries(feed)] == [e["id"] for e in before]


def test_import_keeps_episodes_already_in_the_store(show: Path) -> None:
    feed = show / "public" / "feed.xml"
    before = _entries(feed)
    proc = cli("feed", "import", "--show", str(show / "show.toml"))
    assert proc.returncode == 0, proc.stderr
    assert "imported 0 of 3" in proc.stdout
    assert _entries(feed) == before


def test_import_of_a_damaged_feed_changes_nothing(show: Path) -> None:
    public = show / "public"
    _lose_store(public, "deleted")
    feed = public / "feed.xml"
    feed.write_bytes(feed.read_bytes().replace(b"<enclosure", b"<not-enclosure", 1))
    damaged = feed.read_bytes()
    proc = cli("feed", "import", "--show", str(show / "show.toml"))
    assert proc.returncode != 0 and "item 1" in proc.stderr and "enclosure" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert feed.read_bytes() == damaged
    assert not (public / "show.db").exists()
