"""Publish stage: the RSS 2.0 `<item>` of one episode, built with lxml.

XML is never assembled from strings: lxml escapes every value, so a title
with `<`, `&` or a stray control character cannot break the feed.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import uuid
from dataclasses import dataclass
from urllib.parse import quote

from lxml import etree

from audio_article.article.passages import plain
from audio_article.article.safe_text import html_escaped, http_url
from audio_article.episode.chapter_notes import PSC, psc_chapters, timestamp_lines
from audio_article.episode.podcast_tags import PODCAST as PODCAST  # re-exported: the feed uses it
from audio_article.episode.podcast_tags import ItemExtras, add_item_tags
from audio_article.models import Article, Chapter, FeedItem
from audio_article.script.frames import frame_for
from audio_article.textutil import is_http_url

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
NSMAP = {"itunes": ITUNES, "podcast": PODCAST, "content": CONTENT, "psc": PSC}
GUID_NAMESPACE = uuid.UUID("6f1c1d43-3b1e-5a7a-9d7e-61756469fa01")


@dataclass(frozen=True)
class ItemFiles:
    """Public URLs of the episode's files and the audio's facts."""

    audio_url: str
    audio_bytes: int
    duration_ms: int
    chapters_url: str
    transcript_url: str
    srt_url: str | None = None
    html_url: str | None = None
    epub_url: str | None = None  # the talking book (EPUB 3 with narration), linked from the description
    page_url: str | None = None  # the episode page (player, chapters, timed transcript)
    image_url: str | None = None  # the episode's cover


def episode_guid(article: Article, slug: str) -> str:
    """Stable across rebuilds: explicit guid, else the article URL, else a UUID of slug and date."""
    if article.guid:
        return article.guid
    if article.url:
        return article.url
    date = article.date.isoformat() if article.date else ""
    return f"urn:uuid:{uuid.uuid5(GUID_NAMESPACE, f'{slug}|{date}')}"


def file_url(base_url: str, name: str) -> str:
    """The public URL of file `name` in the folder published at `base_url`."""
    return base_url.rstrip("/") + "/" + quote(name)


def pub_date(article: Article, now: dt.datetime | None = None) -> str:
    """RFC 822 date: the article's date at noon UTC, else now."""
    if article.date:
        moment = dt.datetime.combine(article.date, dt.time(12, 0), tzinfo=dt.UTC)
    else:
        moment = now or dt.datetime.now(dt.UTC)
    return email.utils.format_datetime(moment)


def lead_text(article: Article) -> str:
    """The summary, else the first paragraph (passage marks removed), else the title."""
    return article.summary or (
        plain(article.sections[0].paragraphs[0]) if article.sections else article.title
    )


def description(article: Article, chapters: tuple[Chapter, ...] = ()) -> str:
    """Plain text: the summary (or first paragraph), chapter timestamps (three or more), related links."""
    text = lead_text(article)
    if lines := timestamp_lines(chapters):
        text += "\n\nChapters:\n" + "\n".join(lines)
    if article.related:
        frame = frame_for(article.language)  # the heading in the article's language
        text += f"\n\n{frame.also_read if frame else 'Also read'}:\n" + "\n".join(
            f"- {r.title}" + (f" ({url})" if (url := http_url(r.url)) else "") for r in article.related
        )
    return text


def item_data(
    article: Article, guid: str, files: ItemFiles, published: str, chapters: tuple[Chapter, ...] = ()
) -> FeedItem:
    """The RSS item's fields for an article and its published files."""
    return FeedItem(
        guid=guid,
        title=article.title,
        description=description(article, chapters) + _book_link(files.epub_url),
        pub_date=published,
        audio_url=files.audio_url,
        audio_bytes=files.audio_bytes,
        duration_s=round(files.duration_ms / 1000),
        chapters_url=files.chapters_url,
        transcript_url=files.transcript_url,
        srt_url=files.srt_url,
        html_url=files.html_url,
        language=article.language,
        link=article.url,
        author=article.author,
        summary=article.summary,
    )


def _book_link(epub_url: str | None) -> str:
    """A line naming the talking book: an EPUB is no alternative audio file, so no `alternateEnclosure`."""
    if not epub_url:
        return ""
    return f"\n\nTalking book (EPUB 3, the text with this narration in sync, for reading apps): {epub_url}"


def build_item(data: FeedItem, extras: ItemExtras | None = None) -> etree._Element:
    """The RSS `<item>` element (with iTunes, Podcasting 2.0 and Podlove tags) for `data`."""
    extras = extras or ItemExtras()
    item = etree.Element("item", nsmap=NSMAP)
    _sub(item, "title", data.title)
    # Readers take the description as HTML: our plain text goes in escaped, so it shows as written.
    _sub(item, "description", html_escaped(data.description))
    if extras.show_notes_html:
        _sub(item, f"{{{CONTENT}}}encoded", extras.show_notes_html)
    link = http_url(data.link)
    if link:
        _sub(item, "link", link)
    guid_el = _sub(item, "guid", data.guid)
    guid_el.set("isPermaLink", "true" if is_http_url(data.guid) else "false")
    _sub(item, "pubDate", data.pub_date)
    enclosure = etree.SubElement(item, "enclosure")
    enclosure.set("url", data.audio_url)
    enclosure.set("length", str(data.audio_bytes))
    enclosure.set("type", "audio/mpeg")
    _sub(item, f"{{{ITUNES}}}title", data.title)
    if data.author:
        _sub(item, f"{{{ITUNES}}}author", data.author)
    if extras.image_url:
        etree.SubElement(item, f"{{{ITUNES}}}image", href=extras.image_url)
    _sub(item, f"{{{ITUNES}}}duration", str(data.duration_s))
    _sub(item, f"{{{ITUNES}}}episodeType", "full")
    _sub(item, f"{{{ITUNES}}}explicit", "true" if data.explicit else "false")
    if data.summary:
        _sub(item, f"{{{ITUNES}}}summary", html_escaped(data.summary))
    chapters = etree.SubElement(item, f"{{{PODCAST}}}chapters")
    chapters.set("url", data.chapters_url)
    chapters.set("type", "application/json+chapters")
    for url, mime in (
        (data.transcript_url, "text/vtt"),
        (data.srt_url, "application/x-subrip"),
        (data.html_url, "text/html"),
    ):
        if url:
            transcript = etree.SubElement(item, f"{{{PODCAST}}}transcript")
            transcript.set("url", url)
            transcript.set("type", mime)
            transcript.set("language", data.language)
    if extras.chapters:
        item.append(psc_chapters(extras.chapters))
    add_item_tags(item, extras, data.title, data.author)
    return item


def render_item(item: etree._Element) -> bytes:
    """An `<item>` element as a standalone UTF-8 XML document."""
    data: bytes = etree.tostring(item, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def _sub(parent: etree._Element, tag: str, text: str) -> etree._Element:
    element = etree.SubElement(parent, tag)
    element.text = _xml_safe(text)
    return element


def _xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot carry at all (lxml would refuse them)."""
    return _NOT_XML.sub("", text)


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
