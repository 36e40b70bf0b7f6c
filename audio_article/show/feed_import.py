"""Read a show's published `feed.xml` back into episode records: rebuilds a lost `show.db`.

Every field the store renders an item from is in the feed we wrote: guid,
title, description, pubDate, enclosure, duration, chapters and transcripts.
The slug is the episode's file stem, taken from its chapters (or audio) URL.
An item that lacks what an episode needs stops the import before anything is
written, naming the item.
"""

from __future__ import annotations

import email.utils
import html
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from audio_article.episode.item import ITUNES, PODCAST
from audio_article.errors import ConfigError, InputError
from audio_article.models import FeedItem
from audio_article.textutil import ascii_slug

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_TRANSCRIPT_FIELDS = {
    "text/vtt": "transcript_url",
    "application/x-subrip": "srt_url",
    "text/html": "html_url",
}


def read_feed_items(feed_path: Path, default_language: str) -> list[tuple[FeedItem, str]]:
    """(item, slug) for every `<item>` of the feed, in feed order."""
    items = feed_item_elements(feed_path)
    return [_item(feed_path, n, element, default_language) for n, element in enumerate(items, start=1)]


def feed_item_elements(feed_path: Path) -> list[etree._Element]:
    """The feed's `<item>` elements, in feed order: stored whole, they keep every tag we wrote."""
    try:
        root = etree.parse(str(feed_path), _PARSER).getroot()
    except OSError as exc:
        raise ConfigError(f"{feed_path}: cannot read the feed ({exc})") from exc
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{feed_path}: not a readable feed ({exc})") from exc
    return list(root.findall("channel/item"))


def _item(feed_path: Path, number: int, item: etree._Element, language: str) -> tuple[FeedItem, str]:
    title = _text(item, "title") or ""
    where = f"{feed_path}: item {number} ({title or 'untitled'})"
    guid = _text(item, "guid")
    enclosure = item.find("enclosure")
    chapters = item.find(f"{{{PODCAST}}}chapters")
    pub_date = _text(item, "pubDate")
    if not guid or enclosure is None or not enclosure.get("url"):
        raise InputError(f"{where}: no guid or enclosure URL, cannot import it")
    if pub_date is None or email.utils.parsedate_tz(pub_date) is None:
        raise InputError(f"{where}: pubDate is missing or not an RFC 822 date")
    transcripts: dict[str, etree._Element] = {}
    for element in item.findall(f"{{{PODCAST}}}transcript"):
        field = _TRANSCRIPT_FIELDS.get(element.get("type", ""))
        if field:
            transcripts.setdefault(field, element)
    vtt = transcripts.get("transcript_url")
    chapters_url = chapters.get("url", "") if chapters is not None else ""
    fields = FeedItem(
        guid=guid,
        title=title,
        description=html.unescape(_text(item, "description") or ""),
        pub_date=pub_date,
        audio_url=enclosure.get("url", ""),
        audio_bytes=_int(enclosure.get("length"), where, "enclosure length"),
        duration_s=_duration(_text(item, f"{{{ITUNES}}}duration"), where),
        chapters_url=chapters_url,
        transcript_url=vtt.get("url", "") if vtt is not None else "",
        language=(vtt.get("language") if vtt is not None else None) or language,
        srt_url=_attr(transcripts.get("srt_url"), "url"),
        html_url=_attr(transcripts.get("html_url"), "url"),
        link=_text(item, "link"),
        author=_text(item, f"{{{ITUNES}}}author"),
        summary=_unescaped(_text(item, f"{{{ITUNES}}}summary")),
        explicit=(_text(item, f"{{{ITUNES}}}explicit") or "").lower() in ("true", "yes"),
    )
    return fields, _slug(chapters_url, fields.audio_url)


def _slug(chapters_url: str, audio_url: str) -> str:
    """The file stem the episode was built under."""
    name = unquote(posixpath.basename(urlsplit(chapters_url or audio_url).path))
    for suffix in (".chapters.json", ".mp3"):
        if name.endswith(suffix):
            name = name.removesuffix(suffix)
            break
    if not chapters_url:  # audio names carry "-<10 hex digits of the audio hash>"
        stem, _, digest = name.rpartition("-")
        name = stem if len(digest) == 10 and all(c in "0123456789abcdef" for c in digest) else name
    return ascii_slug(name)


def _text(item: etree._Element, tag: str) -> str | None:
    element = item.find(tag)
    return element.text if element is not None and element.text else None


def _unescaped(text: str | None) -> str | None:
    """Descriptions are written HTML-escaped (see publish.build_item); the store holds plain text."""
    return html.unescape(text) if text is not None else None


def _attr(element: etree._Element | None, name: str) -> str | None:
    return element.get(name) if element is not None else None


def _int(value: str | None, where: str, what: str) -> int:
    try:
        return int(value or "0")
    except ValueError as exc:
        raise InputError(f"{where}: {what} {value!r} is not a whole number") from exc


def _duration(value: str | None, where: str) -> int:
    """itunes:duration as seconds: "754", "12:34" or "1:02:03"."""
    try:
        seconds = 0.0
        for part in (value or "0").split(":"):
            seconds = seconds * 60 + float(part)
        return round(seconds)
    except (ValueError, OverflowError) as exc:
        raise InputError(f"{where}: itunes:duration {value!r} is not a duration") from exc
