"""DAISY 2.02: a full-text-and-audio talking book, zipped (for DAISY players and reading systems).

The file set is flat, as DAISY 2.02 has it: `ncc.html` (the navigation
control centre: one `h1` per chapter, each linking to its first `par`), one
SMIL 1.0 file per chapter (a `par` per sentence: the sentence's element in
`content.html` and its clip of the MP3), the article's text, and the MP3.
Times are the timeline's, on the MP3's clock; `ncc:totalTime` is the MP3's
duration, and each SMIL's `ncc:timeInThisSmil` its chapter's stretch.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from audio_article import __version__
from audio_article.episode.books.book import XHTML, BookChapter, BookInfo, chapter_section, clean
from audio_article.episode.books.container import write_book

SMIL10_DOCTYPE = (
    '<!DOCTYPE smil PUBLIC "-//W3C//DTD SMIL 1.0//EN" "http://www.w3.org/TR/REC-smil/SMIL10.dtd">'
)
XHTML_DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"'
    ' "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)
CONTENT = "content.html"


def daisy_clock(ms: int) -> str:
    """`hh:mm:ss.sss`, the NCC's and SMIL heads' times (hours, minutes and seconds, with milliseconds)."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _npt(ms: int) -> str:
    return f"npt={ms / 1000:.3f}s"


def smil_name(chapter: BookChapter) -> str:
    """The chapter's SMIL file in the DAISY file set."""
    return f"chapter-{chapter.number:03d}.smil"


def write_daisy(path: Path, chapters: tuple[BookChapter, ...], info: BookInfo) -> None:
    """The zipped DAISY 2.02 book at `path`: NCC, a SMIL per chapter, the text, the MP3."""
    mp3 = f"{info.slug}.mp3"
    smils: list[tuple[str, bytes]] = []
    elapsed_ms = 0
    for chapter in chapters:
        smils.append((smil_name(chapter), _smil(chapter, info, mp3, elapsed_ms)))
        elapsed_ms += chapter.duration_ms
    content = _content(chapters, info)
    sizes = info.mp3.stat().st_size + len(content) + sum(len(data) for _name, data in smils)
    ncc = _ncc(chapters, info, files=len(smils) + 3, kbytes=sizes // 1024)
    write_book(path, [("ncc.html", ncc), *smils, (CONTENT, content), (mp3, info.mp3)], ("ncc.html", CONTENT))


def _head_meta(head: etree._Element, name: str, content: str, ns: str | None = XHTML) -> None:
    tag = f"{{{ns}}}meta" if ns else "meta"
    etree.SubElement(head, tag, name=name, content=clean(content))


def _html(title: str, info: BookInfo) -> tuple[etree._Element, etree._Element, etree._Element]:
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML})
    html.set("lang", info.language)
    html.set("{http://www.w3.org/XML/1998/namespace}lang", info.language)
    head = etree.SubElement(html, f"{{{XHTML}}}head")
    etree.SubElement(
        head, f"{{{XHTML}}}meta", {"http-equiv": "Content-type", "content": "text/html; charset=utf-8"}
    )
    etree.SubElement(head, f"{{{XHTML}}}title").text = clean(title) or "Untitled"
    return html, head, etree.SubElement(html, f"{{{XHTML}}}body")


def _serialize(root: etree._Element, doctype: str) -> bytes:
    data: bytes = etree.tostring(
        root, xml_declaration=True, encoding="utf-8", doctype=doctype, pretty_print=True
    )
    return data


def _ncc(chapters: tuple[BookChapter, ...], info: BookInfo, files: int, kbytes: int) -> bytes:
    """The NCC: the book's metadata, and an `h1` per chapter pointing at its first sentence's `par`."""
    html, head, body = _html(info.title, info)
    for name, content in _ncc_metadata(chapters, info, files, kbytes):
        _head_meta(head, name, content)
    for chapter in chapters:
        heading = etree.SubElement(body, f"{{{XHTML}}}h1", id=f"ncc-{chapter.number}")
        if chapter.number == 1:
            heading.set("class", "title")
        first = chapter.sentences[0].element_id if chapter.sentences else None
        target = f"{smil_name(chapter)}#par-{first}" if first else smil_name(chapter)
        link = etree.SubElement(heading, f"{{{XHTML}}}a", href=target)
        link.text = chapter.title
    return _serialize(html, XHTML_DOCTYPE)


def _ncc_metadata(
    chapters: tuple[BookChapter, ...], info: BookInfo, files: int, kbytes: int
) -> list[tuple[str, str]]:
    total_ms = sum(c.duration_ms for c in chapters)
    metadata = [
        ("dc:title", info.title or "Untitled"),
        *([("dc:creator", info.author)] if info.author else []),
        ("dc:date", (info.date or info.modified.date()).isoformat()),
        ("dc:format", "Daisy 2.02"),
        ("dc:identifier", info.guid),
        ("dc:language", info.language),
        ("dc:publisher", info.publisher or info.producer),
        ("ncc:charset", "utf-8"),
        ("ncc:depth", "1"),
        ("ncc:files", str(files)),
        ("ncc:footnotes", "0"),
        ("ncc:generator", f"audio-article {__version__}"),
        ("ncc:kByteSize", str(kbytes)),
        ("ncc:maxPageNormal", "0"),
        ("ncc:multimediaType", "audioFullText"),
        ("ncc:narrator", info.narrator),
        ("ncc:pageFront", "0"),
        ("ncc:pageNormal", "0"),
        ("ncc:pageSpecial", "0"),
        ("ncc:prodNotes", "0"),
        ("ncc:producedDate", info.modified.date().isoformat()),
        ("ncc:producer", info.producer),
        ("ncc:setInfo", "1 of 1"),
        ("ncc:sidebars", "0"),
        ("ncc:tocItems", str(len(chapters))),
        ("ncc:totalTime", daisy_clock(total_ms)),
    ]
    return metadata


def _smil(chapter: BookChapter, info: BookInfo, mp3: str, elapsed_ms: int) -> bytes:
    """One chapter's SMIL 1.0 file: a `par` per sentence, the text element and the MP3 clip."""
    smil = etree.Element("smil")
    head = etree.SubElement(smil, "head")
    for name, content in (
        ("dc:format", "Daisy 2.02"),
        ("dc:identifier", info.guid),
        ("dc:title", info.title or "Untitled"),
        ("ncc:generator", f"audio-article {__version__}"),
        ("ncc:totalElapsedTime", daisy_clock(elapsed_ms)),
        ("ncc:timeInThisSmil", daisy_clock(chapter.duration_ms)),
    ):
        _head_meta(head, name, content, ns=None)
    etree.SubElement(etree.SubElement(head, "layout"), "region", id="textView")
    seq = etree.SubElement(etree.SubElement(smil, "body"), "seq", dur=f"{chapter.duration_ms / 1000:.3f}s")
    for sentence in chapter.sentences:
        par = etree.SubElement(seq, "par", endsync="last", id=f"par-{sentence.element_id}")
        etree.SubElement(
            par, "text", src=f"{CONTENT}#{sentence.element_id}", id=f"text-{sentence.element_id}"
        )
        audio = etree.SubElement(par, "audio", src=mp3, id=f"audio-{sentence.element_id}")
        audio.set("clip-begin", _npt(sentence.clip_begin_ms))
        audio.set("clip-end", _npt(sentence.clip_end_ms))
    return _serialize(smil, SMIL10_DOCTYPE)


def _content(chapters: tuple[BookChapter, ...], info: BookInfo) -> bytes:
    """The article's full text: every sentence an element whose id a SMIL `text` names."""
    html, _head, body = _html(info.title, info)
    for chapter in chapters:
        body.append(chapter_section(chapter, info, html5=False))
    return _serialize(html, XHTML_DOCTYPE)
