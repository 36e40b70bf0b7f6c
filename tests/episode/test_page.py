"""The episode page, built on the fake engine and read back with lxml, PIL and mutagen."""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import SAMPLES
from helpers import run
from lxml import html
from mutagen.id3 import ID3
from PIL import Image

from audio_article.episode.page import clock_time, embed_snippet, spoken_duration, write_episode_page
from audio_article.episode.page_data import read_vtt
from audio_article.errors import OutputError
from audio_article.models import Episode
from audio_article.pipeline.build import BuildOptions, build


def _build(tmp: Path, source: Path, voice: Path) -> Episode:
    options = BuildOptions(output_dir=tmp / "out", voice=str(voice), cache_dir=tmp / "cache")
    return build(source, options)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Episode, Path]:
    tmp = tmp_path_factory.mktemp("page")
    voice = tmp / "fake.toml"
    voice.write_text('engine = "fake"\nrate_wpm = 180\n', encoding="utf-8")
    episode = _build(tmp, SAMPLES / "harbour-swim.md", voice)
    return episode, write_episode_page(episode)


def _root(page: Path) -> html.HtmlElement:
    return html.document_fromstring(page.read_bytes())


def test_page_beside_the_mp3_with_title_language_and_one_h1(built: tuple[Episode, Path]) -> None:
    episode, page = built
    assert page == episode.mp3.with_suffix(".html")
    root = _root(page)
    assert root.get("lang") == "en"
    assert [h.text_content() for h in root.iter("h1")] == ["Harbour Swim Returns After Water Tests Pass"]
    assert root.find(".//title").text == "Harbour Swim Returns After Water Tests Pass"
    assert "By Lena Vogt" in root.find(".//p[@class='meta']").text_content()
    assert root.find(".//p[@class='meta']/time").get("datetime") == "2025-07-19"
    for landmark in ("header", "main", "nav", "footer"):
        assert root.find(f".//{landmark}") is not None, landmark


def test_audio_element_works_without_script(built: tuple[Episode, Path]) -> None:
    episode, page = built
    audio = _root(page).find(".//audio")
    assert audio.get("controls") is not None and audio.get("autoplay") is None
    assert audio.find("source").get("src") == episode.mp3.name
    assert audio.find("track").get("src") == episode.transcript_vtt.name


def test_chapter_links_are_media_fragments_at_the_chapter_starts(built: tuple[Episode, Path]) -> None:
    episode, page = built
    chapters = json.loads(episode.chapters_json.read_text(encoding="utf-8"))["chapters"]
    links = _root(page).findall(".//nav//a[@class='chapter']")
    assert [a.find("span").text for a in links] == [c["title"] for c in chapters]
    for link, chapter in zip(links, chapters, strict=True):
        assert link.get("href") == f"{episode.mp3.name}#t={chapter['startTime']:.3f}"
        assert float(link.get("data-start")) == pytest.approx(chapter["startTime"], abs=0.001)


def test_sentences_carry_the_cue_times_and_the_whole_text(built: tuple[Episode, Path]) -> None:
    episode, page = built
    root = _root(page)
    spans = root.findall(".//div[@id='transcript-text']//span[@data-start]")
    cue_starts = {c.start_ms for c in read_vtt(episode.transcript_vtt)}
    assert len(spans) > 5
    starts = [float(s.get("data-start")) for s in spans]
    assert starts == sorted(starts)
    assert all(round(t * 1000) in cue_starts for t in starts)
    page_letters = "".join("".join(s.text_content() for s in spans).split())
    transcript = html.document_fromstring(episode.transcript_html.read_bytes())
    written = "".join(
        "".join((t.tail or "").split()) for t in transcript.iter("time") if t.getparent().tag == "p"
    )
    assert page_letters == written
    headings = [h.text_content() for h in root.findall(".//div[@id='transcript-text']/h3")]
    assert headings == [h.text_content() for h in transcript.iter("h2")]


def test_cover_is_the_mp3_cover_as_a_jpeg_beside_it(built: tuple[Episode, Path]) -> None:
    episode, page = built
    img = _root(page).find(".//img[@class='cover']")
    cover = page.parent / img.get("src")
    assert cover.read_bytes() == ID3(episode.mp3).getall("APIC")[0].data
    assert Image.open(io.BytesIO(cover.read_bytes())).format == "JPEG"
    assert img.get("alt") == ""  # the title beside it says what it shows


def test_nothing_is_loaded_from_outside_the_folder(built: tuple[Episode, Path]) -> None:
    _episode, page = built
    root = _root(page)
    for element in root.iter("img", "audio", "source", "track", "script", "link", "iframe"):
        src = element.get("src") or ""
        assert not urlsplit(src).scheme and "/" not in src, src
    assert root.find(".//link") is None and root.find(".//script[@src]") is None
    for link in root.iter("a"):  # links only leave the folder for the article's own related links
        href = link.get("href", "")
        assert not urlsplit(href).scheme or href.startswith("https://"), href


def test_hostile_text_is_escaped(tmp_path: Path, fake_voice: Path) -> None:
    article = tmp_path / "x.md"
    article.write_text(
        "---\ntitle: A </script><script>alert(1)</script> & <b>bold</b>\n---\n\n"
        "## </style><img src=x onerror=alert(1)>\n\nOne sentence here. Another one there.\n",
        encoding="utf-8",
    )
    page = write_episode_page(_build(tmp_path, article, fake_voice))
    root = _root(page)
    assert root.find(".//h1").text_content() == "A </script><script>alert(1)</script> & <b>bold</b>"
    assert root.find(".//img[@onerror]") is None
    assert len(root.findall(".//script")) == 1


def test_a_reused_build_gets_its_page_again(tmp_path: Path, fake_voice: Path) -> None:
    out = tmp_path / "out"
    source = str(SAMPLES / "night-reading-room.txt")
    first = run("build", source, "-o", str(out), "--voice", str(fake_voice))
    assert first.returncode == 0, first.stderr
    page = next(p for p in out.glob("*.html") if p.name.count(".") == 1)
    assert f"page       {page}" in first.stdout
    assert "embed      <iframe src=" in first.stdout
    page.unlink()
    again = run("build", source, "-o", str(out), "--voice", str(fake_voice))
    assert again.returncode == 0, again.stderr
    assert "0 synthesized" in again.stdout and page.is_file()
    assert len(_root(page).findall(".//span[@data-start]")) > 5


def test_a_missing_transcript_is_an_error_and_the_old_page_stays(tmp_path: Path, fake_voice: Path) -> None:
    episode = _build(tmp_path, SAMPLES / "night-reading-room.txt", fake_voice)
    page = write_episode_page(episode)
    before = page.read_bytes()
    episode.transcript_vtt.unlink()
    with pytest.raises(OutputError, match=r"\.vtt: cannot read it"):
        write_episode_page(episode)
    assert page.read_bytes() == before
    assert not [p for p in page.parent.iterdir() if p.name.endswith(".tmp")]


def test_durations_in_words_and_on_a_clock() -> None:
    assert spoken_duration(65_000) == "1 minute 5 seconds"
    assert spoken_duration(258_000) == "4 minutes 18 seconds"
    assert spoken_duration(3_601_000) == "1 hour 1 second"
    assert spoken_duration(0) == "0 seconds"
    assert clock_time(258_000) == "4:18"
    assert clock_time(3_723_000) == "1:02:03"
    assert clock_time(34_900) == "0:34"  # as the player's clock shows 34.9 s


def test_the_embed_is_compact_and_folds_chapters_and_transcript(built: tuple[Episode, Path]) -> None:
    episode, page = built
    embed = page.with_name(f"{episode.slug}.embed.html")
    root = _root(embed)
    assert [a.get("href") for a in root.findall(".//h1/a")] == [page.name]
    assert [d.find("summary").text for d in root.iter("details")] == ["Chapters", "Transcript"]
    assert root.find(".//audio[@controls]/source").get("src") == episode.mp3.name
    assert len(root.findall(".//span[@data-start]")) == len(_root(page).findall(".//span[@data-start]"))
    assert root.find(".//footer") is None and root.find(".//img") is None


def test_the_embed_snippet_is_an_iframe_at_the_base_url(built: tuple[Episode, Path]) -> None:
    episode, _page = built
    frame = html.fragment_fromstring(embed_snippet(episode, "https://media.example.org/a/"))
    assert frame.tag == "iframe"
    assert frame.get("src") == f"https://media.example.org/a/{episode.slug}.embed.html"
    assert frame.get("title") == "Listen: Harbour Swim Returns After Water Tests Pass"
    assert html.fragment_fromstring(embed_snippet(episode, None)).get("src") == f"{episode.slug}.embed.html"
