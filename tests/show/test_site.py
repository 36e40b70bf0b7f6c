"""The show index: published by the CLI with the fake engine, read back with lxml."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES
from helpers import run
from lxml import html

from audio_article.show.config import load_show
from audio_article.show.feed import list_episodes
from audio_article.show.site import app_links, write_show_index

SHOW_TOML = (
    'title = "Gazette <Audio>"\ndescription = "Read aloud & more."\nauthor = "a"\nowner_name = "o"\n'
    'owner_email = "o@example.org"\nlink = "https://example.org"\nbase_url = "https://example.org/a/"\n'
    'output = "pub"\nlanguage = "en-GB"\n'
)


@pytest.fixture(scope="module")
def show(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A show with two episodes, published one after the other."""
    tmp = tmp_path_factory.mktemp("site")
    voice = tmp / "fake.toml"
    voice.write_text('engine = "fake"\nrate_wpm = 180\n', encoding="utf-8")
    show_file = tmp / "show.toml"
    show_file.write_text(SHOW_TOML, encoding="utf-8")
    for sample in ("night-reading-room.txt", "harbour-swim.md"):
        proc = run("publish", str(SAMPLES / sample), "--show", str(show_file), "--voice", str(voice), "-q")
        assert proc.returncode == 0, proc.stderr
    return show_file


def test_publish_writes_the_index_beside_the_feed(show: Path) -> None:
    folder = show.parent / "pub"
    root = html.document_fromstring((folder / "index.html").read_bytes())
    assert root.get("lang") == "en-GB"
    assert [h.text_content() for h in root.iter("h1")] == ["Gazette <Audio>"]
    assert root.find(".//p[@class='summary']").text == "Read aloud & more."
    assert root.find(".//input[@id='feed-url']").get("value") == "https://example.org/a/feed.xml"
    assert root.find(".//img[@class='cover']").get("src") == "cover.jpg" and (folder / "cover.jpg").is_file()


def test_episodes_newest_first_with_their_pages(show: Path) -> None:
    folder = show.parent / "pub"
    root = html.document_fromstring((folder / "index.html").read_bytes())
    links = root.findall(".//li[@class='episode']/h3/a")
    newest_first = [title for _guid, _slug, title, _s in list_episodes(load_show(show))]  # as the feed
    assert [a.text for a in links] == newest_first and len(links) == 2
    dates = [
        t.get("datetime") for t in root.findall(".//li[@class='episode']//time") if "-" in t.get("datetime")
    ]
    assert dates == sorted(dates, reverse=True)
    for link in links:
        page = folder / link.get("href")
        assert page.is_file() and page.with_name(page.name.replace(".html", ".embed.html")).is_file()
        assert html.document_fromstring(page.read_bytes()).find(".//audio/source").get("src").endswith(".mp3")
    durations = [t.get("datetime") for t in root.findall(".//li[@class='episode']/p[@class='meta']/time")]
    assert any(d and d.startswith("PT") and d.endswith("S") for d in durations)


def test_the_site_command_rewrites_it_from_the_store(show: Path) -> None:
    index = show.parent / "pub" / "index.html"
    index.unlink()
    proc = run("site", "--show", str(show))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(index) and index.is_file()


def test_subscribe_links_carry_the_feed_url() -> None:
    links = dict(app_links("https://example.org/a/feed.xml"))
    assert links["Apple Podcasts"] == "podcast://example.org/a/feed.xml"
    assert links["Overcast"].endswith("url=https%3A%2F%2Fexample.org%2Fa%2Ffeed.xml")
    assert links["Any app (RSS)"] == "feed.xml"


def test_no_store_is_one_clear_error(tmp_path: Path) -> None:
    show_file = tmp_path / "show.toml"
    show_file.write_text(SHOW_TOML, encoding="utf-8")
    (tmp_path / "pub").mkdir()
    proc = run("site", "--show", str(show_file))
    assert proc.returncode != 0 and proc.stderr.count("\n") == 1 and "show.db" in proc.stderr
    assert not (tmp_path / "pub" / "index.html").exists()
    with pytest.raises(Exception, match="no episode store"):
        write_show_index(load_show(show_file))


def test_a_large_show_lists_its_newest_episodes_and_points_to_the_feed(show: Path) -> None:
    """The index holds the newest INDEX_EPISODES; the rest are named by count, with a link to the feed."""
    from audio_article.show import site

    assert f"LIMIT {site.INDEX_EPISODES}" in site._ROWS
    rows = [(f"Episode {i}", f"episode-{i}", None, "60", None, None) for i in range(site.INDEX_EPISODES)]
    root = html.document_fromstring(site.render_index(load_show(show), rows, 250))
    assert len(root.findall(".//li[@class='episode']")) == site.INDEX_EPISODES
    note = root.get_element_by_id("episodes").findall("p")[-1]
    assert note.text_content() == "250 older episodes are in the feed."
    assert note.find("a").get("href") == "feed.xml"


def test_feed_changes_rewrite_the_index(tmp_path: Path) -> None:
    """`feed remove`, `render` and `import` leave the index listing what the feed lists."""
    voice = tmp_path / "fake.toml"
    voice.write_text('engine = "fake"\nrate_wpm = 180\n', encoding="utf-8")
    show_file = tmp_path / "show.toml"
    show_file.write_text(SHOW_TOML, encoding="utf-8")
    proc = run("publish", str(SAMPLES / "harbour-swim.md"), "--show", str(show_file), "--voice", str(voice))
    assert proc.returncode == 0, proc.stderr
    index = tmp_path / "pub" / "index.html"
    assert len(html.parse(str(index)).findall(".//li[@class='episode']")) == 1
    ((_guid, slug, _title, _duration),) = list_episodes(load_show(show_file))
    assert run("feed", "remove", slug, "--show", str(show_file)).returncode == 0
    assert html.parse(str(index)).findall(".//li[@class='episode']") == []
    index.unlink()
    assert run("feed", "render", "--show", str(show_file)).returncode == 0
    assert "No episodes yet." in index.read_text(encoding="utf-8")
