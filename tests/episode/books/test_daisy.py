"""DAISY 2.02 talking books built on the fake engine, read back: NCC, SMIL references, times, metadata."""

from __future__ import annotations

import json
import zipfile

import pytest
from conftest import SAMPLES
from readers import assert_clips_are_cues, clock_s, ffmpeg_duration_s, vtt_cues, zip_xml

from audio_article.models import Episode
from audio_article.pipeline.build import BuildOptions, build

XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module", params=["night-reading-room.txt", "harbour-swim.md", "tram-depot.html"])
def book(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Episode:
    tmp = tmp_path_factory.mktemp("daisy")
    voice = tmp / "fake.toml"
    voice.write_text('engine = "fake"\nvoice = "tone"\nrate_wpm = 180\n', encoding="utf-8")
    options = BuildOptions(
        output_dir=tmp / "out", voice=str(voice), cache_dir=tmp / "cache", talking_books=("daisy",)
    )
    return build(SAMPLES / request.param, options)


def _zip(episode: Episode) -> zipfile.ZipFile:
    (path,) = [p for p in episode.books if p.name.endswith(".daisy.zip")]
    return zipfile.ZipFile(path)


def _meta(root, name: str) -> list[str]:
    return [m.get("content") for m in root.iter(f"{XHTML}meta", "meta") if m.get("name") == name]


def _ncc_links(ncc) -> list[tuple[str, str]]:
    return [
        (" ".join("".join(h.itertext()).split()), h.find(f"{XHTML}a").get("href"))
        for h in ncc.iter(f"{XHTML}h1")
    ]


def test_ncc_headings_are_the_chapters(book: Episode) -> None:
    chapters = [c["title"] for c in json.loads(book.chapters_json.read_text(encoding="utf-8"))["chapters"]]
    with _zip(book) as archive:
        ncc = zip_xml(archive, "ncc.html")
    body = ncc.find(f"{XHTML}body")
    assert body[0].tag == f"{XHTML}h1" and body[0].get("class") == "title"
    assert [title for title, _href in _ncc_links(ncc)] == chapters
    assert _meta(ncc, "ncc:tocItems") == [str(len(chapters))]


def test_every_reference_resolves(book: Episode) -> None:
    """NCC links name a SMIL element; SMIL text sources name a content element; audio files exist."""
    with _zip(book) as archive:
        names = set(archive.namelist())
        ncc = zip_xml(archive, "ncc.html")
        smils = {name: zip_xml(archive, name) for name in names if name.endswith(".smil")}
        ids = {name: set(zip_xml(archive, name).xpath("//@id")) for name in names if name.endswith(".html")}
    for _title, href in _ncc_links(ncc):
        smil, _, fragment = href.partition("#")
        assert smil in smils and fragment in smils[smil].xpath("//@id"), href
    for smil in smils.values():
        pars = smil.findall(".//par")
        assert pars
        for par in pars:
            document, _, fragment = par.find("text").get("src").partition("#")
            assert fragment in ids[document]
            assert par.find("audio").get("src") in names
    assert int(_meta(ncc, "ncc:files")[0]) == len(names)


def test_times_add_up_to_the_mp3(book: Episode) -> None:
    with _zip(book) as archive:
        ncc = zip_xml(archive, "ncc.html")
        smils = [zip_xml(archive, n) for n in sorted(archive.namelist()) if n.endswith(".smil")]
        mp3 = archive.read(next(n for n in archive.namelist() if n.endswith(".mp3")))
    total = clock_s(_meta(ncc, "ncc:totalTime")[0])
    assert abs(total - ffmpeg_duration_s(book.mp3)) <= 0.1
    assert mp3 == book.mp3.read_bytes()
    elapsed = 0.0
    for smil in smils:
        assert abs(clock_s(_meta(smil, "ncc:totalElapsedTime")[0]) - elapsed) <= 0.002
        in_this = clock_s(_meta(smil, "ncc:timeInThisSmil")[0])
        assert abs(clock_s(smil.find(".//seq").get("dur")) - in_this) <= 0.001
        elapsed += in_this
    assert abs(elapsed - total) <= 0.002


def test_clips_are_the_transcript_cues(book: Episode) -> None:
    with _zip(book) as archive:
        smils = sorted(name for name in archive.namelist() if name.endswith(".smil"))
        audios = [audio for name in smils for audio in zip_xml(archive, name).iter("audio")]
    clips = [(clock_s(a.get("clip-begin")), clock_s(a.get("clip-end"))) for a in audios]
    assert_clips_are_cues(clips, vtt_cues(book.transcript_vtt))


def test_metadata(book: Episode) -> None:
    with _zip(book) as archive:
        ncc = zip_xml(archive, "ncc.html")
        smil = zip_xml(archive, "chapter-001.smil")
    assert _meta(ncc, "dc:identifier") == [book.guid] == _meta(smil, "dc:identifier")
    assert _meta(ncc, "dc:format") == ["Daisy 2.02"] == _meta(smil, "dc:format")
    assert _meta(ncc, "ncc:multimediaType") == ["audioFullText"]
    assert "synthetic" in _meta(ncc, "ncc:narrator")[0].lower()
    assert _meta(ncc, "ncc:producer")[0]
    assert _meta(ncc, "dc:title") == [book.item.title]
