"""Talking books in the build: asked for or not, the edition note, failures, reuse, the RSS link, publish."""

from __future__ import annotations

import zipfile
from pathlib import Path

import feedparser
import pytest
from conftest import SAMPLES
from helpers import SHOW, assert_one_line_error, run

from audio_article.episode.books import container
from audio_article.errors import OutputError
from audio_article.models import ScriptOptions
from audio_article.pipeline.build import BuildOptions, build

ARTICLE = SAMPLES / "night-reading-room.txt"


def _options(tmp_path: Path, fake_voice: Path, **extra: object) -> BuildOptions:
    return BuildOptions(
        output_dir=tmp_path / "out",
        voice=str(fake_voice),
        cache_dir=tmp_path / "cache",
        base_url="https://media.example.org/audio/",
        **extra,  # type: ignore[arg-type]
    )


def _cue_text(vtt: Path) -> str:
    return " ".join(vtt.read_text(encoding="utf-8").split())


def test_no_books_and_no_edition_note_unless_asked(tmp_path: Path, fake_voice: Path) -> None:
    episode = build(ARTICLE, _options(tmp_path, fake_voice))
    assert episode.books == ()
    assert not list(episode.mp3.parent.glob("*.epub")) and not list(episode.mp3.parent.glob("*.zip"))
    assert "About this edition" not in _cue_text(episode.transcript_vtt)
    assert "Talking book" not in episode.item.description


def test_both_books_with_the_edition_note_spoken(tmp_path: Path, fake_voice: Path) -> None:
    episode = build(ARTICLE, _options(tmp_path, fake_voice, talking_books=("epub", "daisy")))
    assert [p.name for p in episode.books] == [f"{episode.slug}.epub", f"{episode.slug}.daisy.zip"]
    assert all(zipfile.ZipFile(p).testzip() is None for p in episode.books)
    assert "About this edition: a talking book, read by a synthetic voice" in _cue_text(
        episode.transcript_vtt
    )
    # The item links the EPUB in its description: it is no alternative audio file.
    item = feedparser.parse(episode.item_xml.read_bytes())
    assert "https://media.example.org/audio/" + episode.books[0].name in item.entries[0].summary
    assert not list(episode.mp3.parent.glob(".building-*"))


def test_no_edition_note_when_switched_off(tmp_path: Path, fake_voice: Path) -> None:
    options = _options(tmp_path, fake_voice, talking_books=("epub",), edition_note=False)
    episode = build(ARTICLE, options)
    assert episode.books and "About this edition" not in _cue_text(episode.transcript_vtt)
    custom = _options(tmp_path, fake_voice, script=ScriptOptions(edition_note="A talking book of {title}."))
    assert "A talking book of" in _cue_text(build(ARTICLE, custom).transcript_vtt)


def test_a_failed_book_leaves_no_partial_files(
    tmp_path: Path, fake_voice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A book that does not read back fails the build: nothing of the episode is moved into place."""

    def broken(path: Path, expected: tuple[str, ...], name: str) -> None:
        raise OutputError(f"{name}: the talking book is incomplete (ncc.html)")

    monkeypatch.setattr(container, "check_book", broken)
    with pytest.raises(OutputError, match="incomplete"):
        build(ARTICLE, _options(tmp_path, fake_voice, talking_books=("daisy",)))
    out = tmp_path / "out"
    assert not out.exists() or not [
        p for p in out.rglob("*") if p.suffix in (".zip", ".epub", ".mp3", ".tmp")
    ]


def test_a_fresh_build_is_reused_with_its_books_and_rebuilt_without_them(
    tmp_path: Path, fake_voice: Path
) -> None:
    options = _options(tmp_path, fake_voice, talking_books=("epub",))
    first = build(ARTICLE, options)
    again = build(ARTICLE, options, reuse=True)
    assert again.segments_synthesized == 0 and again.books == first.books
    first.books[0].unlink()
    rebuilt = build(ARTICLE, options, reuse=True)
    assert rebuilt.books[0].is_file()


def test_bad_input_is_one_line_and_no_book(tmp_path: Path, fake_voice: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("   \n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run("build", str(empty), "--epub", "--daisy", "-o", str(out), "--voice", str(fake_voice), "-q")
    assert_one_line_error(proc, "empty.md")
    assert not out.exists() or not [p for p in out.iterdir() if p.suffix in (".zip", ".epub")]


def test_cli_build_flags(tmp_path: Path, fake_voice: Path) -> None:
    out = tmp_path / "out"
    proc = run(
        "build",
        str(ARTICLE),
        "--epub",
        "--daisy",
        "--no-edition-note",
        "-o",
        str(out),
        "--voice",
        str(fake_voice),
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("talking book") == 2
    assert len(list(out.glob("*.epub"))) == 1 and len(list(out.glob("*.daisy.zip"))) == 1
    assert "About this edition" not in _cue_text(next(out.glob("*.vtt")))


def test_publish_makes_the_books_the_show_asks_for(tmp_path: Path, fake_voice: Path) -> None:
    show = tmp_path / "show.toml"
    show.write_text(SHOW + 'talking_books = ["epub", "daisy"]\n', encoding="utf-8")
    proc = run("publish", str(ARTICLE), "--show", str(show), "--voice", str(fake_voice), "-q")
    assert proc.returncode == 0, proc.stderr
    public = tmp_path / "public"
    (epub,) = public.glob("*.epub")
    assert len(list(public.glob("*.daisy.zip"))) == 1
    feed = feedparser.parse((public / "feed.xml").read_bytes())
    assert f"https://media.example.org/audio/{epub.name}" in feed.entries[0].summary


def test_the_episode_page_lists_the_books(tmp_path: Path, fake_voice: Path) -> None:
    from lxml import html

    episode = build(ARTICLE, _options(tmp_path, fake_voice, talking_books=("epub", "daisy")))
    page = html.fromstring((episode.mp3.parent / f"{episode.slug}.html").read_bytes())
    links = {a.get("href"): a.text_content() for a in page.iter("a")}
    assert "EPUB 3" in links[episode.books[0].name] and "DAISY 2.02" in links[episode.books[1].name]
