"""The feed's `<channel>` head: what Apple's, Spotify's and Podcasting 2.0's feed requirements ask of a show.

Apple and Spotify both require a title, description, language code, an
explicit flag, an Apple category, the owner's e-mail and square artwork
of 1400-3000 px (JPEG or PNG): the show's local artwork is made a 1400 px
square JPEG beside the feed (`episode.cover`). The optional tags
(`itunes:new-feed-url`, `block`, `complete`, `podcast:person`, `license`,
`txt`, `medium`, `updateFrequency`) come from `show.toml` only when given.
"""

from __future__ import annotations

import datetime as dt
import email.utils

from lxml import etree

from audio_article import __version__
from audio_article.atomic import write_atomic
from audio_article.episode.cover import cover_jpeg
from audio_article.episode.item import ITUNES, PODCAST, file_url
from audio_article.episode.podcast_tags import add_person
from audio_article.show.config import Show
from audio_article.textutil import is_http_url

ATOM = "http://www.w3.org/2005/Atom"
_SERIAL_TAGS = (
    f"{{{ITUNES}}}season",
    f"{{{ITUNES}}}episode",
    f"{{{PODCAST}}}season",
    f"{{{PODCAST}}}episode",
)


def render_channel(channel: etree._Element, show: Show, built: dt.datetime) -> None:
    """Fill `channel` with the show's own elements (the items follow); `built`: its lastBuildDate."""

    def sub(tag: str, text: str | None = None, **attrs: str) -> etree._Element:
        element = etree.SubElement(channel, tag, **attrs)
        if text is not None:
            element.text = text
        return element

    sub("title", show.title)
    sub("link", show.link)
    sub("description", show.description)
    sub("language", show.language)
    if show.copyright:
        sub("copyright", show.copyright)
    sub("generator", f"audio-article {__version__}")
    sub("lastBuildDate", email.utils.format_datetime(built.astimezone(dt.UTC)))
    sub(f"{{{ATOM}}}link", href=show.feed_url, rel="self", type="application/rss+xml")
    sub(f"{{{ITUNES}}}author", show.author)
    owner = sub(f"{{{ITUNES}}}owner")
    etree.SubElement(owner, f"{{{ITUNES}}}name").text = show.owner_name
    etree.SubElement(owner, f"{{{ITUNES}}}email").text = show.owner_email
    sub(f"{{{ITUNES}}}image", href=_artwork_url(show))
    category = etree.SubElement(channel, f"{{{ITUNES}}}category", text=show.category)
    if show.subcategory:
        etree.SubElement(category, f"{{{ITUNES}}}category", text=show.subcategory)
    sub(f"{{{ITUNES}}}explicit", "true" if show.explicit else "false")
    sub(f"{{{ITUNES}}}type", show.show_type)
    _apple_options(channel, show)
    sub(f"{{{PODCAST}}}guid", show.podcast_guid)
    sub(f"{{{PODCAST}}}locked", "yes" if show.locked else "no", owner=show.owner_email)
    _podcast_options(channel, show)
    image = sub("image")
    etree.SubElement(image, "url").text = _artwork_url(show)
    etree.SubElement(image, "title").text = show.title
    etree.SubElement(image, "link").text = show.link


def _apple_options(channel: etree._Element, show: Show) -> None:
    """`itunes:new-feed-url`, `itunes:block` and `itunes:complete`, when `show.toml` asks for them."""
    extras = show.channel
    if extras.new_feed_url:
        etree.SubElement(channel, f"{{{ITUNES}}}new-feed-url").text = extras.new_feed_url
    if extras.block:
        etree.SubElement(channel, f"{{{ITUNES}}}block").text = "Yes"
    if extras.complete:
        etree.SubElement(channel, f"{{{ITUNES}}}complete").text = "Yes"


def _podcast_options(channel: etree._Element, show: Show) -> None:
    """`podcast:medium` always; host, license, txt and updateFrequency when `show.toml` gives them."""
    extras = show.channel
    etree.SubElement(channel, f"{{{PODCAST}}}medium").text = extras.medium
    if extras.host:
        add_person(channel, extras.host, "host", "cast")
    if extras.license:
        element = etree.SubElement(channel, f"{{{PODCAST}}}license")
        element.text = extras.license
        if extras.license_url:
            element.set("url", extras.license_url)
    if extras.txt:
        element = etree.SubElement(channel, f"{{{PODCAST}}}txt")
        element.text = extras.txt
        if extras.txt_purpose:
            element.set("purpose", extras.txt_purpose)
    if extras.update_frequency:
        element = etree.SubElement(channel, f"{{{PODCAST}}}updateFrequency")
        element.text = extras.update_frequency
        if extras.update_rrule:
            element.set("rrule", extras.update_rrule)
        if extras.complete:
            element.set("complete", "true")


def number_item(item: etree._Element, show: Show, number: int) -> None:
    """A serial show's season and episode numbers, for Apple (`itunes:`) and Podcasting 2.0 apps."""
    season = show.channel.season
    name = show.channel.season_name or f"Season {season}"
    for tag, text, attrs in (
        (f"{{{ITUNES}}}season", str(season), {}),
        (f"{{{ITUNES}}}episode", str(number), {}),
        (f"{{{PODCAST}}}season", str(season), {"name": name[:128]}),
        (f"{{{PODCAST}}}episode", str(number), {}),
    ):
        etree.SubElement(item, tag, attrs).text = text


def serial_tags(item: etree._Element) -> list[etree._Element]:
    """The numbering elements `number_item` added (a stored item carries none)."""
    return [child for child in item if child.tag in _SERIAL_TAGS]


def _artwork_url(show: Show) -> str:
    """The show's square artwork: its URL, or a copy (or generated card) next to the feed."""
    if show.artwork and is_http_url(show.artwork):
        return show.artwork
    target = show.output_dir / "cover.jpg"
    if not target.exists():
        if show.artwork:
            data = cover_jpeg(show.title, None, show.artwork)
        else:
            data = cover_jpeg(show.title, show.author, None)
        write_atomic(target, data)
    return file_url(show.base_url, "cover.jpg")
