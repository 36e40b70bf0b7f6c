"""EPUB 3 talking books built on the fake engine, read back: EPUBCheck, overlays against the VTT and MP3."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

import pytest
from conftest import CORPUS, FIXTURES, SAMPLES, SEED
from readers import (
    NS,
    Clip,
    ace,
    ace_violations,
    assert_clips_are_cues,
    clock_s,
    epubcheck,
    ffmpeg_duration_s,
    vtt_cues,
    zip_xml,
)

from audio_article.models import Episode
from audio_article.pipeline.build import BuildOptions, build

ARTICLES = {
    "seed": SEED,
    "text": SAMPLES / "night-reading-room.txt",
    "markdown": SAMPLES / "harbour-swim.md",
    "html": SAMPLES / "tram-depot.html",
}


def _build(tmp: Path, article: Path, **options: object) -> Episode:
    tmp.mkdir(parents=True, exist_ok=True)
    voice = tmp / "fake.toml"
    voice.write_text('engine = "fake"\nvoice = "tone"\nrate_wpm = 180\n', encoding="utf-8")
    built = BuildOptions(output_dir=tmp / "out", voice=str(voice), cache_dir=tmp / "cache", **options)  # type: ignore[arg-type]
    return build(article, built)


def _framed(tmp: Path) -> Episode:
    """Intro and outro music (audio without words), read footnotes, no announcement: the odd shapes."""
    import numpy as np

    from audio_article.cache import write_wav_atomic
    from audio_article.models import ScriptOptions

    tone = (np.sin(np.arange(44100 * 2) * 2 * np.pi * 440 / 44100) * 8000).astype("<i2")
    music = tmp / "jingle.wav"
    write_wav_atomic(music, tone.tobytes(), 44100)
    script = ScriptOptions(announcement=None, notes="read", read_related=True)
    article = FIXTURES / "footnote-article.md"
    return _build(tmp, article, talking_books=("epub",), intro=music, outro=music, script=script)


@pytest.fixture(scope="module", params=[*sorted(ARTICLES), "framed"])
def book(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Episode:
    if request.param == "framed":
        return _framed(tmp_path_factory.mktemp("framed"))
    article = ARTICLES[request.param]
    if not article.exists():
        pytest.skip(f"{article} not present (../shared/corpus)")
    return _build(tmp_path_factory.mktemp(request.param), article, talking_books=("epub",))


def _epub(episode: Episode) -> Path:
    (path,) = [p for p in episode.books if p.suffix == ".epub"]
    return path


def _package(archive: zipfile.ZipFile):
    container = zip_xml(archive, "META-INF/container.xml")
    opf_path = container.find(".//{*}rootfile").get("full-path")
    return opf_path, zip_xml(archive, opf_path)


def _overlays(archive: zipfile.ZipFile) -> dict[str, list[Clip]]:
    """Every SMIL file's clips, its text sources resolved against the SMIL file's own folder."""
    opf_path, opf = _package(archive)
    base = posixpath.dirname(opf_path)
    found = {}
    for item in opf.iterfind(".//opf:item[@media-type='application/smil+xml']", NS):
        smil_path = posixpath.join(base, item.get("href"))
        smil = zip_xml(archive, smil_path)
        clips = []
        for par in smil.iterfind(".//smil:par", NS):
            text, audio = par.find("smil:text", NS), par.find("smil:audio", NS)
            src = posixpath.normpath(posixpath.join(posixpath.dirname(smil_path), text.get("src")))
            audio_src = posixpath.normpath(posixpath.join(posixpath.dirname(smil_path), audio.get("src")))
            assert audio_src in archive.namelist()
            clips.append(Clip(src, clock_s(audio.get("clipBegin")), clock_s(audio.get("clipEnd"))))
        found[item.get("id")] = clips
    return found


def test_epubcheck_finds_nothing(book: Episode, tmp_path: Path) -> None:
    counts, messages = epubcheck(_epub(book), tmp_path / "epubcheck.json")
    assert counts == {"FATAL": 0, "ERROR": 0, "WARNING": 0}, messages


def test_every_text_src_names_an_element(book: Episode) -> None:
    with zipfile.ZipFile(_epub(book)) as archive:
        overlays = _overlays(archive)
        assert overlays and all(overlays.values())
        for clips in overlays.values():
            for clip in clips:
                document, _, fragment = clip.text_src.partition("#")
                ids = zip_xml(archive, document).xpath("//@id")
                assert fragment and fragment in ids, clip.text_src


def test_clips_are_the_transcript_cues(book: Episode) -> None:
    """Each sentence's clip starts with its first VTT cue and ends with its last (long ones have two)."""
    with zipfile.ZipFile(_epub(book)) as archive:
        clips = [(clip.begin_s, clip.end_s) for clips in _overlays(archive).values() for clip in clips]
    assert_clips_are_cues(clips, vtt_cues(book.transcript_vtt))


def test_durations_add_up_to_the_mp3(book: Episode) -> None:
    with zipfile.ZipFile(_epub(book)) as archive:
        _opf_path, opf = _package(archive)
        meta = opf.findall(".//opf:meta[@property='media:duration']", NS)
        total = [clock_s(m.text) for m in meta if m.get("refines") is None]
        per_overlay = {m.get("refines").lstrip("#"): clock_s(m.text) for m in meta if m.get("refines")}
        assert set(per_overlay) == set(_overlays(archive))
        packed = archive.read(next(n for n in archive.namelist() if n.endswith(".mp3")))
    assert len(total) == 1
    assert abs(sum(per_overlay.values()) - total[0]) <= 0.05
    assert abs(total[0] - ffmpeg_duration_s(book.mp3)) <= 0.05
    assert packed == book.mp3.read_bytes()  # the very MP3 of the episode, tags and all


def test_package_metadata(book: Episode) -> None:
    with zipfile.ZipFile(_epub(book)) as archive:
        _opf_path, opf = _package(archive)
        names = archive.namelist()
        assert names[0] == "mimetype" and archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    unique = opf.get("unique-identifier")
    assert opf.find(f".//dc:identifier[@id='{unique}']", NS).text == book.guid
    assert opf.find(".//dc:title", NS).text == book.item.title
    assert opf.find(".//dc:language", NS).text == book.item.language

    def values(prop: str) -> list[str]:
        return [m.text for m in opf.iterfind(f".//opf:meta[@property='{prop}']", NS)]

    assert "synthetic" in values("media:narrator")[0].lower()
    assert values("media:active-class") == ["-epub-media-overlay-active"]
    assert set(values("schema:accessMode")) == {"textual", "auditory"}
    assert {"synchronizedAudioText", "structuralNavigation", "tableOfContents", "readingOrder"} <= set(
        values("schema:accessibilityFeature")
    )
    assert values("schema:accessibilityHazard") == ["none"]
    assert values("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert values("schema:accessibilitySummary")[0]
    assert len(values("dcterms:modified")) == 1


def test_navigation_lists_the_chapters(book: Episode) -> None:
    import json

    chapters = [c["title"] for c in json.loads(book.chapters_json.read_text(encoding="utf-8"))["chapters"]]
    with zipfile.ZipFile(_epub(book)) as archive:
        opf_path, opf = _package(archive)
        nav_href = opf.find(".//opf:item[@properties='nav']", NS).get("href")
        nav = zip_xml(archive, posixpath.join(posixpath.dirname(opf_path), nav_href))
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    assert [" ".join("".join(a.itertext()).split()) for a in toc.iterfind(".//x:a", NS)] == chapters


def test_the_edition_note_is_spoken_and_written(book: Episode) -> None:
    cues = " ".join(text for _s, _e, text in vtt_cues(book.transcript_vtt))
    assert "About this edition" in cues and "synthetic voice" in cues.replace("\n", " ")
    with zipfile.ZipFile(_epub(book)) as archive:
        first = next(n for n in sorted(archive.namelist()) if n.endswith(".xhtml") and "chapter" in n)
        text = " ".join(zip_xml(archive, first).itertext())
    assert "About this edition" in text


def test_corpus_markdown_and_html_pass_epubcheck(tmp_path: Path) -> None:
    """The shared corpus's Markdown and HTML articles too (when present)."""
    sources = [CORPUS / "harbor-festival.md", CORPUS / "library-robots.html"]
    if not all(p.exists() for p in sources):
        pytest.skip("../shared/corpus not present")
    for source in sources:
        episode = _build(tmp_path / source.stem, source, talking_books=("epub",))
        counts, messages = epubcheck(_epub(episode), tmp_path / f"{source.stem}.json")
        assert counts == {"FATAL": 0, "ERROR": 0, "WARNING": 0}, messages


def test_ace_finds_no_serious_or_critical_violation(book: Episode, tmp_path: Path) -> None:
    """DAISY Ace on Debian's chromium: the books' accessibility, checked by DAISY's own tool."""
    report = ace(_epub(book), tmp_path / "ace")
    serious = [v for v in ace_violations(report) if v[2] in ("serious", "critical")]
    assert not serious, serious
    metadata = report["a11y-metadata"]
    assert "schema:accessibilitySummary" in metadata["present"] and not metadata["empty"]
