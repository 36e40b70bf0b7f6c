"""Chapters where podcast apps look for them: description timestamps, show notes, Podlove Simple Chapters.

Spotify reads chapters only from Podlove Simple Chapters (`psc:chapters`) in
the item or from timestamps in the description: the first at 0:00, at least
three, one per line, in ascending order. Apple also reads the description's
timestamps. Every form is made from the same `Chapter` start times in ms:
psc carries them to the millisecond, the description to the second
(truncated, so a jump never lands after the chapter's first word).
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from audio_article.article.safe_text import http_url
from audio_article.models import Chapter, RelatedLink

PSC = "http://podlove.org/simple-chapters"
MIN_DESCRIPTION_CHAPTERS = 3  # Spotify's rule: fewer than three timestamps are not chapters


def clock(ms: int) -> str:
    """A description timestamp: `M:SS` under an hour, `H:MM:SS` from an hour on (seconds truncated)."""
    hours, rest = divmod(ms // 1000, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def npt(ms: int) -> str:
    """Normal Play Time as Podlove Simple Chapters writes it: `HH:MM:SS.mmm`."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def timestamp_lines(chapters: Sequence[Chapter]) -> list[str]:
    """`0:00 Title` per chapter, or none when there are fewer than three chapters (we invent none).

    The first line is always 0:00 (the first chapter starts the audio); a chapter
    that would repeat the previous line's second is left out, so times ascend.
    """
    lines: list[str] = []
    last_s = -1
    for number, chapter in enumerate(chapters):
        start_s = 0 if number == 0 else chapter.start_ms // 1000
        if start_s <= last_s:
            continue
        title = " ".join(chapter.title.split())
        lines.append(f"{clock(start_s * 1000)} {title}")
        last_s = start_s
    return lines if len(lines) >= MIN_DESCRIPTION_CHAPTERS else []


def psc_chapters(chapters: Sequence[Chapter]) -> etree._Element:
    """`<psc:chapters version="1.2">` with a `<psc:chapter start title>` per chapter, to the ms."""
    root = etree.Element(f"{{{PSC}}}chapters", nsmap={"psc": PSC}, version="1.2")
    for chapter in chapters:
        etree.SubElement(root, f"{{{PSC}}}chapter", start=npt(chapter.start_ms), title=chapter.title)
    return root


def show_notes_html(
    summary: str,
    chapters: Sequence[Chapter],
    related: Sequence[RelatedLink],
    article_url: str | None,
    page_url: str | None,
) -> str:
    """`content:encoded` show notes: the summary, the chapter list, the related links and our two links."""
    body = etree.Element("div")
    for paragraph in [p for p in summary.split("\n\n") if p.strip()]:
        etree.SubElement(body, "p").text = paragraph.strip()
    lines = timestamp_lines(chapters)
    if lines:
        etree.SubElement(body, "p").text = "Chapters:"
        # A list item per timestamp: each on its own line, in the HTML Apple allows (p, ul, li, a).
        chapter_list = etree.SubElement(body, "ul")
        for line in lines:
            etree.SubElement(chapter_list, "li").text = line
    links = [(r.title, http_url(r.url)) for r in related]
    if links:
        etree.SubElement(body, "p").text = "Also read:"
        listing = etree.SubElement(body, "ul")
        for title, url in links:
            _link_item(listing, title, url)
    ours = [("Read the article", http_url(article_url)), ("Episode page and transcript", page_url)]
    if any(url for _title, url in ours):
        listing = etree.SubElement(body, "ul")
        for title, url in ours:
            if url:
                _link_item(listing, title, url)
    text: str = "".join(etree.tostring(child, encoding="unicode", method="html") for child in body)
    return text


def _link_item(listing: etree._Element, title: str, url: str | None) -> None:
    entry = etree.SubElement(listing, "li")
    if url:
        etree.SubElement(entry, "a", href=url).text = title
    else:
        entry.text = title
