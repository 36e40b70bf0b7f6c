"""Episode names and guids: transliterated, unique per distinct article, kept on republishing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from helpers import SHOW
from lxml import etree

from audio_article.episode.item import PODCAST
from audio_article.models import Episode
from audio_article.pipeline.build import BuildOptions, build
from audio_article.textutil import ascii_slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("每日天气预报", "mei-ri-tian-qi-yu-bao"),
        ("Київ сьогодні", "kiyiv-s-ogodni"),
        ("Ελληνικά νέα", "ellenika-nea"),
        ("Łódź i Gdańsk", "lodz-i-gdansk"),
        ("Straße über Ærø", "strasse-uber-aero"),
        ("🎉🎉", "article"),
    ],
)
def test_slugs_transliterate(title: str, slug: str) -> None:
    assert ascii_slug(title) == slug


def _write(path: Path, title: str, body: str, date: str | None = None) -> Path:
    front = f"title: {title}\n" + (f"date: {date}\n" if date else "")
    path.write_text(f"---\n{front}---\n\n{body}\n\n## Outlook\n\nMore words for part two.\n", "utf-8")
    return path


def _build(article: Path, out: Path, voice: Path) -> Episode:
    return build(article, BuildOptions(output_dir=out, voice=str(voice)), reuse=True)


def _files(episode: Episode) -> set[Path]:
    return {
        episode.mp3,
        episode.chapters_json,
        episode.transcript_vtt,
        episode.transcript_srt,
        episode.transcript_html,
        episode.item_xml,
    }


@pytest.mark.parametrize("dates", [("2025-03-01", "2025-03-02"), ("2025-03-01", "2025-03-01"), (None, None)])
def test_same_title_distinct_articles_get_distinct_files(
    tmp_path: Path, fake_voice: Path, dates: tuple[str | None, str | None]
) -> None:
    out = tmp_path / "out"
    one = _write(tmp_path / "a.md", "Daily Weather", "Sunny with a light breeze today.", dates[0])
    two = _write(tmp_path / "b.md", "Daily Weather", "Heavy rain and thunder all day long.", dates[1])
    first, second = _build(one, out, fake_voice), _build(two, out, fake_voice)
    assert (first.slug, second.slug) == ("daily-weather", "daily-weather-2")
    assert first.guid != second.guid
    assert not _files(first) & _files(second)
    assert "Sunny" in first.transcript_vtt.read_text("utf-8")
    assert "rain" in second.transcript_vtt.read_text("utf-8")
    # Republishing either (edited) keeps its name and guid; its companions stay its own.
    _write(one, "Daily Weather", "Sunny, then clouds in the evening.", dates[0])
    again = _build(one, out, fake_voice)
    assert (again.slug, again.guid) == (first.slug, first.guid)
    assert "clouds" in again.transcript_vtt.read_text("utf-8")
    assert "rain" in second.transcript_vtt.read_text("utf-8")
    assert not list(out.glob(".*"))  # no claim left behind


def test_edited_title_keeps_name_and_guid(tmp_path: Path, fake_voice: Path) -> None:
    out = tmp_path / "out"
    article = _write(tmp_path / "a.md", "Council Votes", "The council voted on the budget.", "2025-03-01")
    first = _build(article, out, fake_voice)
    _write(article, "Council Votes On Budget", "The council voted on the budget.", "2025-03-01")
    assert (_build(article, out, fake_voice).slug, first.guid) == (first.slug, first.guid)


def test_manifest_without_identity_is_adopted_by_its_article(tmp_path: Path, fake_voice: Path) -> None:
    out = tmp_path / "out"
    article = _write(tmp_path / "a.md", "Old Story", "Written before identities were kept.", "2024-05-01")
    first = _build(article, out, fake_voice)
    manifest = out / f"{first.slug}.build.json"
    data = json.loads(manifest.read_text("utf-8"))
    del data["identity"]
    manifest.write_text(json.dumps(data), "utf-8")
    other = _write(tmp_path / "b.md", "Old Story", "Another story of that title, another day.", "2024-05-02")
    assert _build(other, out, fake_voice).slug == "old-story-2"
    again = _build(article, out, fake_voice)
    assert (again.slug, again.guid) == (first.slug, first.guid)


def _publish(show: Path, voice: Path, *articles: Path) -> subprocess.CompletedProcess[str]:
    args = ["publish", "--show", str(show), "--voice", str(voice), "-j", "1", "-p", "2", "-q"]
    return subprocess.run(
        [sys.executable, "-m", "audio_article", *args, *map(str, articles)],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("date", [None, "2025-04-01"])
def test_same_title_articles_are_two_feed_items(tmp_path: Path, fake_voice: Path, date: str | None) -> None:
    show = tmp_path / "show.toml"
    show.write_text(SHOW, encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    one = _write(folder / "one.md", "Weather Update", "Fog in the valleys this morning.", date)
    _write(folder / "two.md", "Weather Update", "Frost on the hills tonight.", date)
    proc = _publish(show, fake_voice, folder)  # a batch: both built at once
    assert proc.returncode == 0, proc.stderr
    assert "2 published" in proc.stdout
    feed = feedparser.parse((tmp_path / "public" / "feed.xml").read_bytes())
    assert not feed.bozo
    entries = feed.entries
    assert len(entries) == 2 and entries[0].id != entries[1].id
    tree = etree.parse(str(tmp_path / "public" / "feed.xml"))
    for path in ("enclosure/@url", "podcast:chapters/@url", "podcast:transcript/@url"):
        urls = [str(u) for u in tree.xpath(f"//item/{path}", namespaces={"podcast": PODCAST})]
        assert len(urls) == len(set(urls)) >= 2, path
    ids = {e.id for e in entries}
    _write(one, "Weather Update", "Fog in the valleys, lifting by noon.", date)
    proc = _publish(show, fake_voice, one)
    assert proc.returncode == 0, proc.stderr
    again = feedparser.parse((tmp_path / "public" / "feed.xml").read_bytes())
    assert {e.id for e in again.entries} == ids
    assert "lifting by noon" in " ".join(e.summary for e in again.entries)


def test_claims_of_running_builds_are_respected_and_dead_ones_removed(
    tmp_path: Path, fake_voice: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    stale = out / f".claim.daily-weather.{dead.stdout.strip()}.{'0' * 32}"
    live = out / f".claim.daily-weather-2.{os.getppid()}.{'1' * 32}"  # the test runner: alive
    stale.mkdir()
    live.mkdir()
    article = _write(tmp_path / "a.md", "Daily Weather", "Clear skies.", "2025-05-01")
    assert _build(article, out, fake_voice).slug == "daily-weather"
    other = _write(tmp_path / "b.md", "Daily Weather", "Snow.", "2025-05-02")
    assert _build(other, out, fake_voice).slug == "daily-weather-3"
    assert not stale.exists() and live.exists()
