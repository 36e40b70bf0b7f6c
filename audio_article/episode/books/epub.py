"""EPUB 3 with Media Overlays: the article's text and its narration in step, one file.

The package (`EPUB/package.opf`) lists one XHTML document per chapter, each
with a SMIL 3.0 overlay (`par` per sentence: the sentence's element and its
clip of the MP3), a navigation document from the chapters, the cover and
the MP3. Every path in a SMIL file is relative to that file; clip times and
`media:duration`s are SMIL clock values; the chapters' durations add up to
the total, which is the MP3's. EPUB Accessibility 1.1 metadata says what a
reader gets: text and audio, each sufficient, synchronized, navigable.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lxml import etree

from audio_article.episode.books.book import (
    XHTML,
    BookChapter,
    BookInfo,
    chapter_section,
    clean,
    smil_clock,
)
from audio_article.episode.books.container import Entry, write_book

OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
OPS = "http://www.idpf.org/2007/ops"
SMIL = "http://www.w3.org/ns/SMIL"
ACTIVE_CLASS = "-epub-media-overlay-active"
FIRST_READ = ("mimetype", "META-INF/container.xml", "EPUB/package.opf")
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
CSS = f"""body {{ font-family: serif; line-height: 1.5; margin: 0 1em; }}
h1, h2 {{ font-family: sans-serif; line-height: 1.2; }}
.byline, .announcement, .closing {{ font-style: italic; }}
/* The sentence being read: high contrast in light and dark themes. */
.{ACTIVE_CLASS} {{ background-color: #ffe14d; color: #000000; }}
"""
CONTAINER = b"""<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def write_epub(path: Path, chapters: tuple[BookChapter, ...], info: BookInfo) -> None:
    """The whole EPUB 3 file at `path`: container, package, texts, overlays, navigation, cover, MP3."""
    files: list[Entry] = [("META-INF/container.xml", CONTAINER)]
    files.append(("EPUB/package.opf", _package(chapters, info)))
    files.append(("EPUB/nav.xhtml", _nav(chapters, info)))
    files.append(("EPUB/book.css", CSS.encode("utf-8")))
    for chapter in chapters:
        files.append((f"EPUB/{_text_name(chapter)}", _chapter_xhtml(chapter, info)))
        files.append((f"EPUB/{_smil_name(chapter)}", _overlay(chapter, info)))
    files.append(("EPUB/cover.jpg", info.cover_jpeg))
    files.append((f"EPUB/audio/{info.slug}.mp3", info.mp3))
    write_book(path, files, FIRST_READ, mimetype=b"application/epub+zip")


def _text_name(chapter: BookChapter) -> str:
    return f"chapter-{chapter.number:03d}.xhtml"


def _smil_name(chapter: BookChapter) -> str:
    return f"chapter-{chapter.number:03d}.smil"


def _xhtml_document(title: str, info: BookInfo) -> tuple[etree._Element, etree._Element]:
    """An EPUB 3 XHTML document (its `html` and `body`): language, title, the stylesheet."""
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML, "epub": OPS})
    html.set("lang", info.language)
    html.set("{http://www.w3.org/XML/1998/namespace}lang", info.language)
    head = etree.SubElement(html, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}meta", charset="utf-8")
    etree.SubElement(head, f"{{{XHTML}}}title").text = title
    etree.SubElement(head, f"{{{XHTML}}}link", rel="stylesheet", type="text/css", href="book.css")
    return html, etree.SubElement(html, f"{{{XHTML}}}body")


def _serialize(root: etree._Element, doctype: str | None = "<!DOCTYPE html>") -> bytes:
    data: bytes = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", doctype=doctype, pretty_print=True
    )
    return data


def _chapter_xhtml(chapter: BookChapter, info: BookInfo) -> bytes:
    title = clean(info.title) if chapter.number == 1 else chapter.title
    html, body = _xhtml_document(title or chapter.title, info)
    main = etree.SubElement(body, f"{{{XHTML}}}main")
    main.append(chapter_section(chapter, info))
    return _serialize(html)


def _nav(chapters: tuple[BookChapter, ...], info: BookInfo) -> bytes:
    """The navigation document: a table of contents from the chapters, and the landmarks."""
    html, body = _xhtml_document(f"Contents: {clean(info.title)}", info)
    toc = etree.SubElement(body, f"{{{XHTML}}}nav", id="toc", role="doc-toc")
    toc.set(f"{{{OPS}}}type", "toc")
    etree.SubElement(toc, f"{{{XHTML}}}h1").text = "Contents"
    items = etree.SubElement(toc, f"{{{XHTML}}}ol")
    for chapter in chapters:
        link = etree.SubElement(etree.SubElement(items, f"{{{XHTML}}}li"), f"{{{XHTML}}}a")
        link.set("href", _text_name(chapter))
        link.text = chapter.title
    landmarks = etree.SubElement(body, f"{{{XHTML}}}nav", id="landmarks", hidden="hidden")
    landmarks.set(f"{{{OPS}}}type", "landmarks")
    etree.SubElement(landmarks, f"{{{XHTML}}}h2").text = "Landmarks"
    item = etree.SubElement(etree.SubElement(landmarks, f"{{{XHTML}}}ol"), f"{{{XHTML}}}li")
    start = etree.SubElement(item, f"{{{XHTML}}}a", href=_text_name(chapters[0]))
    start.set(f"{{{OPS}}}type", "bodymatter")
    start.text = "Start of the article"
    return _serialize(html)


def _overlay(chapter: BookChapter, info: BookInfo) -> bytes:
    """The chapter's SMIL 3.0 Media Overlay: a `par` per sentence, its clip the sentence's cue times."""
    smil = etree.Element(f"{{{SMIL}}}smil", nsmap={None: SMIL, "epub": OPS}, version="3.0")
    body = etree.SubElement(smil, f"{{{SMIL}}}body")
    seq = etree.SubElement(body, f"{{{SMIL}}}seq", id=f"seq-{chapter.number}")
    seq.set(f"{{{OPS}}}textref", _text_name(chapter))
    for sentence in chapter.sentences:
        par = etree.SubElement(seq, f"{{{SMIL}}}par", id=f"par-{sentence.element_id}")
        etree.SubElement(par, f"{{{SMIL}}}text", src=f"{_text_name(chapter)}#{sentence.element_id}")
        audio = etree.SubElement(par, f"{{{SMIL}}}audio", src=f"audio/{info.slug}.mp3")
        audio.set("clipBegin", smil_clock(sentence.clip_begin_ms))
        audio.set("clipEnd", smil_clock(sentence.clip_end_ms))
    return _serialize(smil, doctype=None)


def _package(chapters: tuple[BookChapter, ...], info: BookInfo) -> bytes:
    """The package document: metadata (overlays, accessibility), manifest and spine."""
    package = etree.Element(
        f"{{{OPF}}}package", nsmap={None: OPF}, version="3.0", **{"unique-identifier": "pub-id"}
    )
    package.set("{http://www.w3.org/XML/1998/namespace}lang", info.language)
    _metadata(etree.SubElement(package, f"{{{OPF}}}metadata", nsmap={"dc": DC}), chapters, info)
    manifest = etree.SubElement(package, f"{{{OPF}}}manifest")

    def item(item_id: str, href: str, media_type: str, **attrs: str) -> None:
        etree.SubElement(
            manifest, f"{{{OPF}}}item", id=item_id, href=href, **{"media-type": media_type}, **attrs
        )

    item("nav", "nav.xhtml", "application/xhtml+xml", properties="nav")
    item("css", "book.css", "text/css")
    item("cover", "cover.jpg", "image/jpeg", properties="cover-image")
    item("audio", f"audio/{info.slug}.mp3", "audio/mpeg")
    spine = etree.SubElement(package, f"{{{OPF}}}spine")
    for chapter in chapters:
        number = f"{chapter.number:03d}"
        item(
            f"text-{number}",
            _text_name(chapter),
            "application/xhtml+xml",
            **{"media-overlay": f"mo-{number}"},
        )
        item(f"mo-{number}", _smil_name(chapter), "application/smil+xml")
        etree.SubElement(spine, f"{{{OPF}}}itemref", idref=f"text-{number}")
    return _serialize(package, doctype=None)


def _metadata(metadata: etree._Element, chapters: tuple[BookChapter, ...], info: BookInfo) -> None:
    def dc(name: str, text: str, **attrs: str) -> None:
        etree.SubElement(metadata, f"{{{DC}}}{name}", **attrs).text = clean(text)

    def meta(prop: str, text: str, **attrs: str) -> None:
        etree.SubElement(metadata, f"{{{OPF}}}meta", property=prop, **attrs).text = text

    dc("identifier", info.guid, id="pub-id")
    dc("title", info.title or "Untitled")
    dc("language", info.language)
    if info.author:
        dc("creator", info.author)
    if info.publisher:
        dc("publisher", info.publisher)
    if info.date:
        dc("date", info.date.isoformat())
    if info.summary:
        dc("description", info.summary)
    meta("dcterms:modified", info.modified.strftime("%Y-%m-%dT%H:%M:%SZ"))
    meta("media:duration", smil_clock(sum(c.duration_ms for c in chapters)))
    for chapter in chapters:
        meta("media:duration", smil_clock(chapter.duration_ms), refines=f"#mo-{chapter.number:03d}")
    meta("media:narrator", info.narrator)
    meta("media:active-class", ACTIVE_CLASS)
    _accessibility(meta, info)


def _accessibility(meta: Callable[..., None], info: BookInfo) -> None:
    """EPUB Accessibility 1.1: how the book can be read, what it offers, and what it conforms to."""
    for mode in ("textual", "auditory"):
        meta("schema:accessMode", mode)
        meta("schema:accessModeSufficient", mode)
    for feature in ("synchronizedAudioText", "structuralNavigation", "tableOfContents", "readingOrder"):
        meta("schema:accessibilityFeature", feature)
    meta("schema:accessibilityHazard", "none")
    meta(
        "schema:accessibilitySummary",
        "The full text of the article with its narration by a synthetic voice, synchronized sentence"
        " by sentence; sections have headings and a table of contents; the text is in reading order.",
    )
    meta("dcterms:conformsTo", CONFORMS_TO)
    meta("a11y:certifiedBy", info.producer)  # self-declared: who produced the book vouches for it
