"""What both talking books are made of: the chapters with their timed sentences, and the book's text.

`book_chapters` reads the timeline on the MP3's clock: one `BookChapter` per
chapter of the script, each sentence (title, byline, announcement, heading,
text, closing) with the id its element carries in the text and the same
start and end as its transcript cues. A chapter spans from its first sound
to the next chapter's (the pause before a heading belongs to the chapter
before it, as in the MP3's chapters), so the chapters' durations add up to
the MP3's. `chapter_section` is the XHTML of one chapter, shared by both
formats; they differ only in the document around it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from audio_article.models import Placement, SegmentKind, Timeline

XHTML = "http://www.w3.org/1999/xhtml"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class BookSentence:
    """One narrated segment: its element's id in the text, what it says, and when the MP3 says it."""

    element_id: str
    kind: SegmentKind
    text: str
    paragraph_index: int
    clip_begin_ms: int
    clip_end_ms: int


@dataclass(frozen=True)
class BookChapter:
    """One chapter of the book (a section of the article) and the stretch of the MP3 it covers."""

    number: int  # from 1
    title: str
    start_ms: int
    end_ms: int
    sentences: tuple[BookSentence, ...]

    @property
    def duration_ms(self) -> int:
        """The chapter's stretch of the MP3, pauses included."""
        return self.end_ms - self.start_ms


@dataclass(frozen=True)
class BookInfo:
    """The book's metadata and the files it packs."""

    slug: str
    guid: str
    title: str
    language: str
    author: str | None
    publisher: str | None
    date: dt.date | None
    summary: str | None
    narrator: str  # the voice, said to be synthetic
    producer: str
    mp3: Path  # the tagged MP3, packed into the book
    cover_jpeg: bytes
    modified: dt.datetime  # when the book was made (UTC)


def book_chapters(timeline: Timeline, chapter_titles: tuple[str, ...]) -> tuple[BookChapter, ...]:
    """The script's chapters on the timeline's clock, each with its timed sentences."""
    groups: dict[int, list[Placement]] = {}
    for placement in timeline.placements:
        groups.setdefault(placement.segment.chapter_index, []).append(placement)
    order = sorted(groups)
    starts = [0] + [_ms(groups[c][0].start_sample, timeline) for c in order[1:]]
    ends = [*starts[1:], timeline.duration_ms]
    chapters = []
    for number, (chapter, start, end) in enumerate(zip(order, starts, ends, strict=True), start=1):
        sentences = tuple(_sentence(p, timeline) for p in groups[chapter] if p.segment.kind != "audio")
        title = chapter_titles[chapter] if chapter < len(chapter_titles) else ""
        chapters.append(BookChapter(number, clean(title) or f"Section {number}", start, end, sentences))
    return tuple(chapters)


def _sentence(placement: Placement, timeline: Timeline) -> BookSentence:
    seg = placement.segment
    begin = _ms(placement.start_sample, timeline)
    end = _ms(placement.start_sample + placement.num_samples, timeline)
    return BookSentence(f"s{seg.index}", seg.kind, clean(seg.text), seg.paragraph_index, begin, end)


def _ms(samples: int, timeline: Timeline) -> int:
    """Milliseconds rounded as the transcripts' cues are, so clips and cues agree to the millisecond."""
    return round(samples * 1000 / timeline.sample_rate_hz)


def clean(text: str) -> str:
    """Text XML 1.0 can carry (control characters dropped), whitespace runs made one space."""
    return " ".join(_NOT_XML.sub("", text).split())


def chapter_section(chapter: BookChapter, info: BookInfo, html5: bool = True) -> etree._Element:
    """A chapter as XHTML: its heading, paragraphs of sentences (each with its id).

    A `section` labelled by its heading for EPUB 3; a `div class="section"`
    for DAISY 2.02, whose XHTML 1.0 has neither sections nor ARIA.
    """
    section = etree.Element(f"{{{XHTML}}}{'section' if html5 else 'div'}", id=f"chapter-{chapter.number}")
    if not html5:
        section.set("class", "section")
    if chapter.number == 1:
        _front_matter(section, chapter, info, html5)
    paragraph: etree._Element | None = None
    last_paragraph = -1
    for sentence in chapter.sentences:
        if sentence.kind in ("title", "byline"):
            continue  # in the front matter
        if sentence.kind == "heading":
            _element(section, "h2", sentence)
            if html5:
                section.set("aria-labelledby", section.get("aria-labelledby") or sentence.element_id)
            paragraph = None
        elif sentence.kind == "text":
            if paragraph is None or sentence.paragraph_index != last_paragraph:
                paragraph = etree.SubElement(section, f"{{{XHTML}}}p")
                last_paragraph = sentence.paragraph_index
            _sentence_span(paragraph, sentence)
        else:  # the announcement, the edition note, the closing line: paragraphs of their own
            _element(section, "p", sentence).set("class", sentence.kind)
            paragraph = None
    return section


def _front_matter(section: etree._Element, chapter: BookChapter, info: BookInfo, html5: bool) -> None:
    """The title (and byline) open the book, spoken or not (an announcement may stand in for them)."""
    spoken = {s.kind: s for s in chapter.sentences if s.kind in ("title", "byline")}
    title = spoken.get("title")
    heading = etree.SubElement(section, f"{{{XHTML}}}h1", id=title.element_id if title else "book-title")
    heading.text = clean(info.title) or "Untitled"
    if html5:
        section.set("aria-labelledby", heading.get("id", ""))
    byline = spoken.get("byline")
    if byline:
        _element(section, "p", byline).set("class", "byline")
    elif info.author:
        etree.SubElement(section, f"{{{XHTML}}}p", {"class": "byline"}).text = f"By {clean(info.author)}"


def _element(parent: etree._Element, tag: str, sentence: BookSentence) -> etree._Element:
    element = etree.SubElement(parent, f"{{{XHTML}}}{tag}", id=sentence.element_id)
    element.text = sentence.text
    return element


def _sentence_span(paragraph: etree._Element, sentence: BookSentence) -> None:
    if len(paragraph):
        paragraph[-1].tail = " "
    span = etree.SubElement(paragraph, f"{{{XHTML}}}span", id=sentence.element_id)
    span.text = sentence.text


def narrator_name(profile_name: str, engine: str) -> str:
    """`media:narrator` and `ncc:narrator`: the voice, said plainly to be synthetic."""
    engines = {"pyttsx3": "espeak-ng text-to-speech", "piper": "Piper text-to-speech", "fake": "test tones"}
    return f"Synthetic voice ({engines.get(engine, engine)}, profile {profile_name}), not a human narrator"


def smil_clock(ms: int) -> str:
    """A SMIL 3.0 full clock value, `h:mm:ss.fff` (EPUB `media:duration` and clip times)."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"
