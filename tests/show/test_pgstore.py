"""The PostgreSQL show store: versioned migrations, publish/republish/remove, concurrent publishers."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import feedparser
import psycopg
import pytest
from helpers import SHOW, run
from servers import Postgres

from audio_article.models import FeedItem
from audio_article.show import pgstore


def _show(folder: Path, url: str, extra: str = "") -> Path:
    path = folder / "show.toml"
    path.write_text(SHOW + f'store = "{url}"\n' + extra, encoding="utf-8")
    return path


def _article(folder: Path, n: int, body: str = "The body of the story has several words in it.") -> Path:
    path = folder / f"story-{n}.md"
    path.write_text(
        f"---\ntitle: Story number {n}\ndate: 2025-01-{n + 1:02d}\n---\n\n{body}\n", encoding="utf-8"
    )
    return path


def _publish(show: Path, voice: Path, *articles: Path) -> subprocess.CompletedProcess[str]:
    return run("publish", "--show", str(show), "--voice", str(voice), "-j", "1", "-q", *map(str, articles))


def test_migrations_apply_once_and_cover_every_feed_item_field(postgres: Postgres) -> None:
    url = postgres.database()
    with psycopg.connect(url, autocommit=True) as db:
        assert pgstore.migrate(db) == [v for v, _ in pgstore.MIGRATIONS]
        assert pgstore.migrate(db) == []
        versions = [r[0] for r in db.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == [v for v, _ in pgstore.MIGRATIONS]
        columns = {
            r[0]
            for r in db.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'episodes'"
            )
        }
    assert {f.name for f in fields(FeedItem)} <= columns


def test_publish_republish_list_remove(postgres: Postgres, tmp_path: Path, fake_voice: Path) -> None:
    url = postgres.database()
    show = _show(tmp_path, url)
    one, two = _article(tmp_path, 1), _article(tmp_path, 2)
    assert _publish(show, fake_voice, one, two).returncode == 0
    feed = feedparser.parse((tmp_path / "public" / "feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 2
    first = {e.id: e.published for e in feed.entries}
    assert not (tmp_path / "public" / "show.db").exists()  # the store is PostgreSQL's
    one.write_text(one.read_text() + "\nA new sentence was added later.\n")
    assert _publish(show, fake_voice, one).returncode == 0
    again = feedparser.parse((tmp_path / "public" / "feed.xml").read_bytes())
    assert {e.id: e.published for e in again.entries} == first  # guid and first pubDate kept
    listed = run("feed", "list", "--show", str(show))
    assert listed.returncode == 0 and listed.stdout.count("Story number") == 2
    slug = listed.stdout.split()[0]
    assert run("feed", "remove", "--show", str(show), slug).returncode == 0
    left = feedparser.parse((tmp_path / "public" / "feed.xml").read_bytes())
    assert len(left.entries) == 1
    with psycopg.connect(url) as db:
        assert db.execute("SELECT COUNT(*) FROM episodes").fetchone() == (1,)


def test_concurrent_publishers_lose_nothing(postgres: Postgres, tmp_path: Path, fake_voice: Path) -> None:
    url = postgres.database()
    procs = []
    for n in range(4):  # four "machines": their own folders, one shared store
        folder = tmp_path / f"m{n}"
        folder.mkdir()
        show, article = _show(folder, url), _article(folder, n)
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "audio_article",
                    "publish",
                    "--show",
                    str(show),
                    "--voice",
                    str(fake_voice),
                    "-j",
                    "1",
                    "-q",
                    str(article),
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    with psycopg.connect(url) as db:
        assert db.execute("SELECT COUNT(DISTINCT guid) FROM episodes").fetchone() == (4,)
    # The last feed rendered holds every committed episode, whoever rendered it.
    newest = max(
        (tmp_path / f"m{n}" / "public" / "feed.xml" for n in range(4)), key=lambda p: p.stat().st_mtime
    )
    assert len(feedparser.parse(newest.read_bytes()).entries) == 4


def test_unreachable_store_is_one_clear_line(tmp_path: Path, fake_voice: Path) -> None:
    from servers import free_port

    show = _show(tmp_path, f"postgresql://nobody:secret@127.0.0.1:{free_port()}/none")
    proc = _publish(show, fake_voice, _article(tmp_path, 1))
    assert proc.returncode != 0
    assert "cannot connect" in proc.stderr and "secret" not in proc.stderr


@pytest.mark.parametrize("bad", ["sqlite:///x.db", "postgresql://"])
def test_store_must_be_a_postgresql_url(tmp_path: Path, bad: str) -> None:
    from audio_article.errors import ConfigError
    from audio_article.show.config import load_show

    with pytest.raises(ConfigError, match="'store'"):
        load_show(_show(tmp_path, bad))
