"""A show of three episodes as the apps read it: independent validators and parsers on our feed.

Validators used: the Podcasting 2.0 namespace XSD (../shared/podcast-namespace,
with lxml), npm `podcast-partytime` (Podcast Index's own parser, run with node),
feedparser, mutagen (ID3 and Ogg Opus tags), ffmpeg (decoding, EBU R128
loudness) and ../shared/tools/check-episode.

The W3C Feed Validation Service's Python code could not be run: it is on no
registry this machine reaches (PyPI has no `feedvalidator` distribution, nor
Debian or npm a package of it), and its source may not be copied into this
repository. `test_rss_structure` checks instead what that validator checks for
RSS 2.0 and the iTunes tags we write (required elements, their forms, the
self link, the guid's isPermaLink, RFC 822 dates, enclosure attributes).
"""

from __future__ import annotations

import email.utils
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from helpers import SHOW, integrated_lufs, run, spotify_chapter_starts
from lxml import etree
from mutagen.id3 import ID3
from mutagen.oggopus import OggOpus
from PIL import Image

from audio_article.show.apple_categories import APPLE_CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
NAMESPACE_XSD = ROOT.parent / "shared" / "podcast-namespace" / "podcast-wrapper.xsd"
CHECK_EPISODE = ROOT.parent / "shared" / "tools" / "check-episode"
PARTYTIME = ROOT / ".node" / "node_modules" / "podcast-partytime"
PODCAST = "https://podcastindex.org/namespace/1.0"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PSC = "http://podlove.org/simple-chapters"
ATOM = "http://www.w3.org/2005/Atom"
NS = {"podcast": PODCAST, "itunes": ITUNES, "psc": PSC, "atom": ATOM}
EXTRA_KEYS = """alternate = ["opus"]
host = "Ada Host"
license = "cc-by-4.0"
txt = "verify-me-123"
txt_purpose = "applepodcastsverify"
update_frequency = "Every weekday"
update_rrule = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
new_feed_url = "https://feeds.example.org/test/feed.xml"
type = "serial"
season = 2
season_name = "Winter stories"
"""


def _article(folder: Path, n: int) -> Path:
    path = folder / f"story-{n}.md"
    place = "place: Nairobi, Kenya\n" if n != 2 else ""
    third = (
        "\n## Third part\n\nThe last part says when the council meets again to decide.\n" if n != 3 else ""
    )
    path.write_text(
        f"---\ntitle: Story number {n}\nauthor: Reporter {n}\ndate: 2025-01-0{n}\n{place}"
        f"url: https://example.org/story-{n}\n---\n\n"
        f"The first paragraph of story {n} opens with a sentence that takes a while to say aloud. "
        "It goes on with a second sentence that adds some detail about the event. "
        "A third sentence closes the lede with a quote from someone who was there and saw it all.\n\n"
        "## Second part\n\nMore words follow here for part two, enough for a chapter of a few seconds.\n"
        f"{third}\nAlso read:\n\n- [Another story](https://example.org/another)\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def show(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """show.toml of a serial show with three episodes published, narrated by espeak-ng."""
    folder = tmp_path_factory.mktemp("apps")
    show_file = folder / "show.toml"
    show_file.write_text(SHOW + EXTRA_KEYS, encoding="utf-8")
    articles = [str(_article(folder, n)) for n in (1, 2, 3)]
    proc = run("publish", "--show", str(show_file), "-j", "1", "-q", *articles)
    assert proc.returncode == 0, proc.stderr
    return show_file


@pytest.fixture(scope="module")
def public(show: Path) -> Path:
    return show.parent / "public"


@pytest.fixture(scope="module")
def feed(public: Path) -> etree._Element:
    return etree.parse(str(public / "feed.xml")).getroot()


def _items(feed: etree._Element) -> list[etree._Element]:
    return feed.findall("channel/item")


def _local(public: Path, url: str) -> Path:
    assert url.startswith("https://media.example.org/audio/")
    return public / url.rsplit("/", 1)[1]


def test_rss_structure(feed: etree._Element) -> None:
    channel = feed.find("channel")
    assert feed.tag == "rss" and feed.get("version") == "2.0" and channel is not None
    for tag in ("title", "link", "description", "language", "lastBuildDate"):
        assert channel.findtext(tag), tag
    assert email.utils.parsedate_to_datetime(channel.findtext("lastBuildDate") or "")
    self_link = channel.find("atom:link", NS)
    assert self_link is not None and self_link.attrib == {
        "href": "https://media.example.org/audio/feed.xml",
        "rel": "self",
        "type": "application/rss+xml",
    }
    image = channel.find("image")
    assert image is not None and image.findtext("link") == channel.findtext("link")
    assert image.findtext("title") == channel.findtext("title")
    assert len(_items(feed)) == 3
    for item in _items(feed):
        guid = item.find("guid")
        assert guid is not None and guid.get("isPermaLink") == "true" and guid.text.startswith("https://")
        assert email.utils.parsedate_to_datetime(item.findtext("pubDate") or "")
        enclosure = item.find("enclosure")
        assert enclosure is not None and enclosure.get("type") == "audio/mpeg"
        assert int(enclosure.get("length", "0")) > 0
        assert item.findtext("itunes:duration", namespaces=NS).isdigit()
        assert item.findtext("itunes:explicit", namespaces=NS) == "false"
        assert item.findtext("itunes:title", namespaces=NS) == item.findtext("title")
    assert len({item.findtext("guid") for item in _items(feed)}) == 3


def test_channel_meets_apples_and_spotifys_requirements(feed: etree._Element, public: Path) -> None:
    channel = feed.find("channel")
    assert channel is not None
    assert channel.findtext("language") == "en"
    assert channel.findtext("itunes:explicit", namespaces=NS) in ("true", "false")
    assert channel.findtext("itunes:owner/itunes:email", namespaces=NS) == "owner@example.org"
    category = channel.find("itunes:category", NS)
    assert category is not None and category.get("text") in APPLE_CATEGORIES
    sub = category.find("itunes:category", NS)
    assert sub is not None and sub.get("text") in APPLE_CATEGORIES[category.get("text", "")]
    artwork = channel.find("itunes:image", NS)
    assert artwork is not None
    with Image.open(_local(public, artwork.get("href", ""))) as cover:
        assert cover.format in ("JPEG", "PNG") and cover.width == cover.height
        assert 1400 <= cover.width <= 3000
    assert channel.findtext("itunes:new-feed-url", namespaces=NS) == "https://feeds.example.org/test/feed.xml"
    assert channel.find("itunes:block", NS) is None and channel.find("itunes:complete", NS) is None
    assert channel.findtext("podcast:medium", namespaces=NS) == "podcast"
    for item in _items(feed):
        with Image.open(_local(public, item.find("itunes:image", NS).get("href", ""))) as cover:
            assert cover.format == "JPEG" and cover.width == cover.height >= 1400


def test_block_and_complete_come_from_show_toml(show: Path, tmp_path: Path) -> None:
    moved = tmp_path / "show.toml"
    text = show.read_text(encoding="utf-8") + "block = true\ncomplete = true\n"
    moved.write_text(text.replace('output = "public"', f'output = "{show.parent / "public"}"'), "utf-8")
    proc = run("feed", "render", "--show", str(moved))
    assert proc.returncode == 0, proc.stderr
    channel = etree.parse(str(show.parent / "public" / "feed.xml")).getroot().find("channel")
    assert channel.findtext("itunes:block", namespaces=NS) == "Yes"
    assert channel.findtext("itunes:complete", namespaces=NS) == "Yes"
    assert channel.find("podcast:updateFrequency", NS).get("complete") == "true"
    assert run("feed", "render", "--show", str(show)).returncode == 0  # as it was, for the other tests


def _declared_elements() -> set[str]:
    schema = etree.parse(str(NAMESPACE_XSD.with_name("podcast.xsd"))).getroot()
    xs = "{http://www.w3.org/2001/XMLSchema}"
    return {e.get("name", "") for e in schema.findall(f"{xs}element")}


@pytest.mark.skipif(not NAMESPACE_XSD.is_file(), reason="../shared/podcast-namespace is not present")
def test_podcast_tags_validate_against_the_namespace_xsd(feed: etree._Element) -> None:
    schema = etree.XMLSchema(etree.parse(str(NAMESPACE_XSD)))
    declared = _declared_elements()
    undeclared: set[str] = set()
    checked: set[str] = set()
    for parent in [feed.find("channel"), *_items(feed)]:
        for element in parent.findall("podcast:*", NS):
            name = etree.QName(element).localname
            if name not in declared:
                undeclared.add(name)  # the schema lags the namespace (its README says so)
                continue
            wrapper = etree.Element(f"{{{PODCAST}}}test-wrapper", nsmap={"podcast": PODCAST})
            wrapper.append(etree.fromstring(etree.tostring(element)))
            assert schema.validate(wrapper), (name, schema.error_log.last_error)
            checked.add(name)
    assert checked == {
        "chapters",
        "transcript",
        "locked",
        "person",
        "location",
        "soundbite",
        "season",
        "episode",
    }
    assert undeclared == {"guid", "medium", "license", "txt", "updateFrequency", "alternateEnclosure"}


_PARTYTIME_SCRIPT = """
const pt = require(process.argv[1]);
const xml = require("fs").readFileSync(process.argv[2], "utf8");
process.stdout.write(JSON.stringify(pt.parseFeed(xml, {allowMissingGuid: false})));
"""


@pytest.fixture(scope="module")
def partytime(public: Path) -> dict[str, object]:
    if not (PARTYTIME / "package.json").is_file() or shutil.which("node") is None:
        pytest.skip("podcast-partytime is not installed in .node/ (scripts/setup-validators)")
    proc = subprocess.run(
        ["node", "-e", _PARTYTIME_SCRIPT, str(PARTYTIME), str(public / "feed.xml")],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PARTYTIME_LOG": "error"},
        check=True,
    )
    data: dict[str, object] = json.loads(proc.stdout)
    return data


def test_partytime_reads_the_channels_tags(partytime: dict[str, object]) -> None:
    feed = partytime
    assert (
        feed["title"] == "Test Show"
        and feed["locked"] is True
        and feed["podcastOwner"] == "owner@example.org"
    )
    assert feed["pubsub"] == {"self": "https://media.example.org/audio/feed.xml"}
    assert feed["itunesNewFeedUrl"] == "https://feeds.example.org/test/feed.xml"
    assert feed["itunesType"] == "serial" and feed["itunesCategory"] == ["News > Daily News"]
    assert feed["podcastPeople"] == [{"name": "Ada Host", "role": "Host", "group": "Cast"}]
    assert feed["license"] == {"identifier": "cc-by-4.0", "url": "https://spdx.org/licenses/CC-BY-4.0.html"}
    assert feed["podcastTxt"] == [{"value": "verify-me-123", "purpose": "applepodcastsverify"}]
    assert feed["medium"] == "podcast" and isinstance(feed["guid"], str) and len(feed["guid"]) == 36
    # partytime 5 does not read podcast:updateFrequency (no phase of it lists the tag); the XSD
    # lacks it too, so its presence and form are checked on the feed itself.
    support = {tag for tags in feed["pc20support"].values() for tag in tags}  # type: ignore[attr-defined]
    assert support >= {
        *("locked", "transcript", "chapters", "soundbite", "person", "location", "season", "episode"),
        *("license", "guid", "alternateEnclosure", "medium", "txt"),
    }


def test_partytime_reads_every_items_tags(partytime: dict[str, object], public: Path) -> None:
    items = partytime["items"]
    assert isinstance(items, list) and [i["title"] for i in items] == [f"Story number {n}" for n in (3, 2, 1)]
    for item, n in zip(items, (3, 2, 1), strict=True):
        slug = f"story-number-{n}"
        base = "https://media.example.org/audio/"
        assert item["podcastChapters"] == {
            "url": f"{base}{slug}.chapters.json",
            "type": "application/json+chapters",
        }
        assert [t["url"] for t in item["podcastTranscripts"]] == [
            f"{base}{slug}.vtt",
            f"{base}{slug}.srt",
            f"{base}{slug}.transcript.html",
        ]
        assert item["podcastPeople"] == [{"name": f"Reporter {n}", "role": "Author", "group": "Writing"}]
        assert item.get("podcastLocation") == ({"name": "Nairobi, Kenya"} if n != 2 else None)
        assert item["podcastSeason"] == {"number": 2, "name": "Winter stories"} and item["itunesSeason"] == 2
        assert item["podcastEpisode"] == {"number": n} and item["itunesEpisode"] == n
        assert item["itunesImage"] == f"{base}{slug}.cover.jpg"
        (bite,) = item["podcastSoundbites"]
        assert 15 <= bite["duration"] <= 60 and bite["startTime"] > 0
        default, opus = item["alternativeEnclosures"]
        assert default["default"] is True and default["source"][0]["uri"] == item["enclosure"]["url"]
        assert opus["type"] == "audio/ogg; codecs=opus" and opus["source"][0]["uri"].endswith(".opus")
        assert opus["length"] == _local(public, opus["source"][0]["uri"]).stat().st_size
        assert 16_000 <= opus["bitrate"] <= 32_000
        assert "Read the article" in item["content"] and "Episode page" in item["content"]
        assert ("<li>0:00 Story number" in item["content"]) == (n != 3)  # story 3 has two chapters


def _psc_starts_ms(item: etree._Element) -> list[int]:
    starts = []
    for chapter in item.findall("psc:chapters/psc:chapter", NS):
        hours, minutes, seconds = chapter.get("start", "").split(":")
        starts.append(round((int(hours) * 3600 + int(minutes) * 60 + float(seconds)) * 1000))
    return starts


def test_chapters_agree_in_id3_json_psc_and_description(feed: etree._Element, public: Path) -> None:
    parsed = feedparser.parse(str(public / "feed.xml"))
    assert not parsed.bozo
    for item, entry in zip(_items(feed), parsed.entries, strict=True):
        slug = item.findtext("itunes:title", namespaces=NS).lower().replace(" ", "-")
        mp3 = _local(public, item.find("enclosure").get("url", ""))
        id3_ms = sorted(frame.start_time for frame in ID3(mp3).getall("CHAP"))
        data = json.loads((public / f"{slug}.chapters.json").read_text(encoding="utf-8"))
        json_ms = [round(c["startTime"] * 1000) for c in data["chapters"]]
        assert id3_ms == json_ms == _psc_starts_ms(item)
        titles = [c.get("title") for c in item.findall("psc:chapters/psc:chapter", NS)]
        assert titles == [c["title"] for c in data["chapters"]]
        described = spotify_chapter_starts(entry.description)
        if len(json_ms) >= 3:
            assert described == [0, *(ms // 1000 for ms in json_ms[1:])]
            notes = re.sub(r"<[^>]+>", "", entry.content[0].value.replace("<li>", "\n"))
            assert spotify_chapter_starts(notes) == described
        else:  # fewer than three chapters: no timestamps rather than invented chapters
            assert described == [] and "0:00" not in entry.description


def test_alternate_enclosures_are_the_files(feed: etree._Element, public: Path) -> None:
    for item in _items(feed):
        enclosure = item.find("enclosure")
        alternates = item.findall("podcast:alternateEnclosure", NS)
        assert [a.get("default") for a in alternates] == ["true", None]
        assert alternates[0].find("podcast:source", NS).get("uri") == enclosure.get("url")
        for alternate in alternates:
            path = _local(public, alternate.find("podcast:source", NS).get("uri", ""))
            assert int(alternate.get("length", "0")) == path.stat().st_size
        mp3_bytes = int(enclosure.get("length", "0"))
        opus_bytes = int(alternates[1].get("length", "0"))
        assert opus_bytes < 0.45 * mp3_bytes  # about 24 kbps against 64: the third of the bytes


def test_opus_edition_decodes_with_the_mp3s_loudness_and_chapters(feed: etree._Element, public: Path) -> None:
    for item in _items(feed):
        mp3 = _local(public, item.find("enclosure").get("url", ""))
        opus_file = mp3.with_suffix(".opus")
        opus = OggOpus(opus_file)
        assert abs(integrated_lufs(opus_file) - integrated_lufs(mp3)) <= 1.0
        starts = [opus.tags[f"chapter{n:03d}"][0] for n in range(len(_psc_starts_ms(item)))]
        psc = [c.get("start") for c in item.findall("psc:chapters/psc:chapter", NS)]
        assert starts == psc
        assert abs(opus.info.length - int(item.findtext("itunes:duration", namespaces=NS))) <= 1


def test_soundbite_starts_and_ends_on_cue_times(feed: etree._Element, public: Path) -> None:
    for item in _items(feed):
        slug = item.findtext("itunes:title", namespaces=NS).lower().replace(" ", "-")
        vtt = (public / f"{slug}.vtt").read_text(encoding="utf-8")
        starts, ends = set(), set()
        for line in vtt.splitlines():
            if " --> " in line:
                start, end = (_clock_ms(t) for t in line.split(" --> "))
                starts.add(start)
                ends.add(end)
        bite = item.find("podcast:soundbite", NS)
        start_ms = round(float(bite.get("startTime", "")) * 1000)
        duration_ms = round(float(bite.get("duration", "")) * 1000)
        assert start_ms in starts and start_ms + duration_ms in ends
        assert 15_000 <= duration_ms <= 60_000
        assert "<v Narrator>" in vtt


def _clock_ms(stamp: str) -> int:
    hours, minutes, seconds = stamp.strip().split(":")
    return round((int(hours) * 3600 + int(minutes) * 60 + float(seconds)) * 1000)


def test_import_keeps_every_tag(show: Path, public: Path) -> None:
    before = etree.parse(str(public / "feed.xml")).getroot()
    (public / "show.db").rename(public / "show.db.moved")
    try:
        for name in ("show.db-wal", "show.db-shm"):
            (public / name).unlink(missing_ok=True)
        proc = run("feed", "import", "--show", str(show))
        assert proc.returncode == 0, proc.stderr
        after = etree.parse(str(public / "feed.xml")).getroot()
    finally:
        (public / "show.db").unlink(missing_ok=True)
        (public / "show.db.moved").rename(public / "show.db")
    for old, new in zip(_items(before), _items(after), strict=True):
        assert [etree.QName(e).text for e in old] == [etree.QName(e).text for e in new]
        assert new.findtext("itunes:episode", namespaces=NS) == old.findtext("itunes:episode", namespaces=NS)


@pytest.mark.skipif(not CHECK_EPISODE.is_file(), reason="../shared/tools/check-episode is not present")
def test_check_episode_passes_against_the_feed(feed: etree._Element, public: Path) -> None:
    item = _items(feed)[0]
    mp3 = _local(public, item.find("enclosure").get("url", ""))
    slug = item.findtext("itunes:title", namespaces=NS).lower().replace(" ", "-")
    proc = subprocess.run(
        [
            sys.executable,
            str(CHECK_EPISODE),
            str(mp3),
            "--feed",
            str(public / "feed.xml"),
            "--chapters",
            str(public / f"{slug}.chapters.json"),
            "--transcript",
            str(public / f"{slug}.vtt"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0 and "FAIL" not in proc.stdout, proc.stdout
