"""What an episode page shows, read back from the files a build wrote.

The page is rendered from plain data (`PageData`). It is read from the
episode's own files rather than from the build's timeline, so the page can
be written for a fresh build, a reused one and every episode of a show alike:
the feed item gives title, byline, date and language; the chapters JSON the
chapters and related links; the HTML transcript the chapter headings and
paragraphs; the WebVTT file the cue times.

A sentence (one narrated segment) may span several cues, which follow each
other without a gap; cues are matched to paragraph text by their letters,
whitespace aside, so the page shows the paragraph's own text.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from audio_article.article.safe_text import http_url
from audio_article.errors import OutputError
from audio_article.models import Chapter, Cue, Episode, RelatedLink

log = logging.getLogger(__name__)
_TIMING = re.compile(r"(\d+):(\d\d):(\d\d)\.(\d{3})\s+-->\s+(\d+):(\d\d):(\d\d)\.(\d{3})")
_DURATION = re.compile(r"PT(\d+(?:\.\d+)?)S")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the transcript: its sentences, from the paragraph's start."""

    start_ms: int
    sentences: tuple[Cue, ...]  # one cue per sentence, its text whole


@dataclass(frozen=True)
class TranscriptSection:
    """A chapter of the transcript: its heading and paragraphs."""

    title: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class PageData:
    """Everything an episode page shows; file names are relative to the page's folder."""

    slug: str
    guid: str
    title: str
    language: str
    duration_ms: int
    audio_name: str
    byline: str | None
    date: dt.date | None
    summary: str | None
    link: str | None
    cover_name: str | None
    chapters: tuple[Chapter, ...]
    sections: tuple[TranscriptSection, ...]
    related: tuple[RelatedLink, ...]
    files: tuple[tuple[str, str], ...]  # (label, file name) of the companion files


_BOOK_LABELS = {".epub": "Talking book (EPUB 3)", ".zip": "Talking book (DAISY 2.02, zipped)"}


def _low_bandwidth(mp3: Path) -> tuple[tuple[str, str], ...]:
    """The Opus edition beside the MP3 (`alternate = ["opus"]`), for listeners on slow connections."""
    opus = mp3.with_suffix(".opus")
    return (("Low-bandwidth audio (Opus, about 24 kbps)", opus.name),) if opus.is_file() else ()


def read_page_data(episode: Episode, cover_name: str | None = None) -> PageData:
    """The page's data from the episode's files; an unreadable file is an `OutputError` naming it."""
    item = episode.item
    chapters, related = _read_chapters(episode.chapters_json)
    cues = read_vtt(episode.transcript_vtt)
    sections = tuple(
        TranscriptSection(title, tuple(_sentences(paragraphs, cues)))
        for title, paragraphs in _read_transcript(episode.transcript_html)
    )
    files = (
        ("MP3 audio", episode.mp3.name),
        ("WebVTT captions", episode.transcript_vtt.name),
        ("SRT subtitles", episode.transcript_srt.name),
        ("Transcript (HTML)", episode.transcript_html.name),
        ("Chapters (JSON)", episode.chapters_json.name),
        *((_BOOK_LABELS[book.suffix], book.name) for book in episode.books),
        *_low_bandwidth(episode.mp3),
    )
    return PageData(
        slug=episode.slug,
        guid=episode.guid,
        title=item.title,
        language=item.language or "en",
        duration_ms=episode.duration_ms,
        audio_name=episode.mp3.name,
        byline=item.author,
        date=_date(item.pub_date),
        summary=item.summary,
        link=http_url(item.link),
        cover_name=cover_name,
        chapters=chapters,
        sections=sections,
        related=related,
        files=files,
    )


_VOICE_TAG = re.compile(r"</?v(?:[ .][^>]*)?>")  # the speaker's voice span (`<v Narrator>`), not text


def read_vtt(path: Path) -> tuple[Cue, ...]:
    """The cues of a WebVTT file as our transcript writer writes it (one timing line per block)."""
    text = _read_text(path)
    cues: list[Cue] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = block.strip("\n").split("\n")
        for i, line in enumerate(lines):
            match = _TIMING.match(line.strip())
            if match:
                h1, m1, s1, f1, h2, m2, s2, f2 = (int(g) for g in match.groups())
                body = _VOICE_TAG.sub("", "\n".join(lines[i + 1 :]))
                body = body.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                start = ((h1 * 60 + m1) * 60 + s1) * 1000 + f1
                cues.append(Cue(start, ((h2 * 60 + m2) * 60 + s2) * 1000 + f2, body))
                break
    return tuple(cues)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise OutputError(f"{path}: cannot read it for the episode page ({exc})") from exc


def _read_chapters(path: Path) -> tuple[tuple[Chapter, ...], tuple[RelatedLink, ...]]:
    try:
        data = json.loads(_read_text(path))
        chapters = tuple(
            Chapter(str(c["title"]), round(float(c["startTime"]) * 1000), round(float(c["endTime"]) * 1000))
            for c in data["chapters"]
        )
        related = tuple(
            RelatedLink(str(r["title"]), http_url(r.get("url"))) for r in data.get("relatedLinks", ())
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise OutputError(f"{path}: chapters: not the chapters JSON a build writes ({exc})") from exc
    return chapters, related


def _read_transcript(path: Path) -> list[tuple[str, list[tuple[int, str]]]]:
    """(chapter heading, [(paragraph start ms, paragraph text)]) per section of the HTML transcript."""
    try:
        root = lxml_html.document_fromstring(_read_text(path).encode("utf-8"))
    except etree.ParserError as exc:
        raise OutputError(f"{path}: cannot parse the HTML transcript ({exc})") from exc
    sections = []
    for section in root.iter("section"):
        heading = section.find("h2")
        paragraphs = []
        for para in section.iter("p"):
            stamp = para.find("time")
            match = _DURATION.fullmatch(stamp.get("datetime", "")) if stamp is not None else None
            if match is None or stamp is None:
                continue
            paragraphs.append((round(float(match.group(1)) * 1000), " ".join((stamp.tail or "").split())))
        sections.append((heading.text_content().strip() if heading is not None else "", paragraphs))
    return sections


def _sentences(paragraphs: list[tuple[int, str]], cues: tuple[Cue, ...]) -> list[Paragraph]:
    """Each paragraph's sentences, timed by the cues that spell out its text."""
    result = []
    for start_ms, text in paragraphs:
        first = next((i for i, c in enumerate(cues) if c.start_ms >= start_ms), len(cues))
        result.append(Paragraph(start_ms, tuple(_match(text, cues, first))))
    return result


def _match(text: str, cues: tuple[Cue, ...], first: int) -> list[Cue]:
    """Consume cues from `first` while their letters continue `text`; join gapless cues into sentences."""
    sentences: list[Cue] = []
    pos = 0
    index = first
    while index < len(cues) and pos < len(text):
        letters = "".join(cues[index].text.split())
        end = _advance(text, pos, letters)
        if end is None:
            break
        piece = Cue(cues[index].start_ms, cues[index].end_ms, text[pos:end].strip())
        if sentences and index > first and cues[index - 1].end_ms == piece.start_ms:
            last = sentences.pop()  # the next cue of a long sentence: split by length, not by meaning
            piece = Cue(last.start_ms, piece.end_ms, f"{last.text} {piece.text}".strip())
        sentences.append(piece)
        pos, index = end, index + 1
    if pos < len(text.rstrip()):
        log.warning(
            "transcript text and cues differ near %r; the rest of the paragraph is untimed", text[pos:][:40]
        )
        start = sentences[-1].end_ms if sentences else (cues[first].start_ms if first < len(cues) else 0)
        sentences.append(Cue(start, start, text[pos:].strip()))
    return sentences


def _advance(text: str, pos: int, letters: str) -> int | None:
    """The position in `text` after `letters` (whitespace skipped on both sides), or None if they differ."""
    for char in letters:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text) or text[pos] != char:
            return None
        pos += 1
    return pos


def _date(rfc822: str) -> dt.date | None:
    try:
        return email.utils.parsedate_to_datetime(rfc822).date()
    except (TypeError, ValueError):
        return None
