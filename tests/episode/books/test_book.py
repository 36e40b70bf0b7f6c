"""The chapters and timed sentences both talking books are made of, from a hand-made timeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lxml import etree

from audio_article.episode.books.book import (
    BookInfo,
    book_chapters,
    chapter_section,
    clean,
    narrator_name,
    smil_clock,
)
from audio_article.models import Placement, ScriptSegment, SegmentKind, Timeline

RATE = 1000  # one sample per millisecond: the arithmetic reads as it is


def _placement(
    index: int, kind: SegmentKind, text: str, chapter: int, paragraph: int, start: int, length: int
):
    segment = ScriptSegment(index, kind, text, text, chapter, paragraph, 0, starts_chapter=kind == "heading")
    return Placement(segment, Path("x.wav"), start, length)


def _timeline() -> Timeline:
    placements = (
        _placement(0, "audio", "", 0, 0, 0, 2000),  # intro music: no words, no sentence
        _placement(1, "title", "A Title", 0, 0, 2500, 1000),
        _placement(2, "text", "First \x07sentence.", 0, 1, 4000, 1500),
        _placement(3, "text", "Second one.", 0, 1, 5750, 1200),
        _placement(4, "heading", "Part two", 1, 0, 9000, 800),
        _placement(5, "text", "Last words.", 1, 1, 10300, 1100),
    )
    return Timeline(RATE, 12_000, placements, (), ())


def _info() -> BookInfo:
    return BookInfo(
        slug="a-title",
        guid="urn:uuid:1",
        title="A Title",
        language="en",
        author="Ann Author",
        publisher=None,
        date=None,
        summary=None,
        narrator=narrator_name("default", "pyttsx3"),
        producer="tests",
        mp3=Path("a.mp3"),
        cover_jpeg=b"",
        modified=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )


def test_chapters_cover_the_whole_audio() -> None:
    first, second = book_chapters(_timeline(), ("A Title", "Part two"))
    assert (first.start_ms, first.end_ms, second.start_ms, second.end_ms) == (0, 9000, 9000, 12_000)
    assert first.duration_ms + second.duration_ms == 12_000
    assert [s.element_id for s in first.sentences] == ["s1", "s2", "s3"]
    assert (first.sentences[1].clip_begin_ms, first.sentences[1].clip_end_ms) == (4000, 5500)
    assert first.sentences[1].text == "First sentence."  # control characters cannot go into XML
    assert second.title == "Part two" and second.sentences[0].kind == "heading"


def test_a_chapter_without_a_title_gets_one() -> None:
    _first, second = book_chapters(_timeline(), ("A Title", "\x01 "))
    assert second.title == "Section 2"


def test_section_markup() -> None:
    first, second = book_chapters(_timeline(), ("A Title", "Part two"))
    section = chapter_section(first, _info())
    x = "{http://www.w3.org/1999/xhtml}"
    assert section.tag == f"{x}section" and section.get("aria-labelledby") == "s1"
    assert section.find(f"{x}h1").get("id") == "s1"
    assert section.find(f"{x}p[@class='byline']").text == "By Ann Author"  # written, not spoken here
    spans = section.findall(f".//{x}p/{x}span")
    assert [s.get("id") for s in spans] == ["s2", "s3"]
    div = chapter_section(second, _info(), html5=False)
    assert div.tag == f"{x}div" and div.get("class") == "section" and div.get("aria-labelledby") is None
    assert etree.tostring(div.find(f"{x}h2")).count(b'id="s4"') == 1


def test_clock_values_and_names() -> None:
    assert smil_clock(0) == "0:00:00.000"
    assert smil_clock(3_723_004) == "1:02:03.004"
    assert clean(" a\tb \x0c c ") == "a b c"
    assert "synthetic" in narrator_name("brisk", "piper").lower()
