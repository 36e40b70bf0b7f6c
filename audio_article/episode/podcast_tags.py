"""Podcasting 2.0 tags of an item beyond chapters and transcripts: person, location, soundbite, alternates.

These are the most widely supported tags (Podcast Index's app list) that fit
an audio edition. `ItemExtras` is what the item needs besides `FeedItem`'s
fields; the item is stored rendered, so the extras need no column of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from audio_article.models import Chapter, Placement

PODCAST = "https://podcastindex.org/namespace/1.0"
SOUNDBITE_MIN_MS = 15_000  # Podcasting 2.0 recommends 15-120 s; a preview of the lede is 15-60 s
SOUNDBITE_MAX_MS = 60_000
MAX_TAG_CHARS = 128  # person, location, soundbite title: the namespace's limit


@dataclass(frozen=True)
class AlternateFile:
    """Another encoding of the episode's audio, for `podcast:alternateEnclosure`."""

    url: str
    mime_type: str  # with its codecs: 'audio/ogg; codecs=opus'
    size_bytes: int
    bitrate_bps: int
    title: str  # what an app shows in its choice of editions
    default: bool = False  # the same file as the item's `<enclosure>`


@dataclass(frozen=True)
class Soundbite:
    """A preview of the episode: where it starts and how long it is, on the audio's clock."""

    start_ms: int
    duration_ms: int


@dataclass(frozen=True)
class ItemExtras:
    """What an item carries besides `FeedItem`: chapters inline, show notes, people, place, preview."""

    chapters: tuple[Chapter, ...] = ()
    show_notes_html: str | None = None  # content:encoded
    image_url: str | None = None  # the episode's cover (itunes:image)
    place: str | None = None  # podcast:location, from the article's dateline or front matter
    soundbite: Soundbite | None = None
    alternates: tuple[AlternateFile, ...] = ()


def lede_soundbite(placements: Sequence[Placement], sample_rate_hz: int) -> Soundbite | None:
    """The lede as a 15-60 s preview, cut at sentence boundaries (the transcript cues' own times).

    Starts at the body's first sentence and takes whole sentences until the first
    paragraph is done and 15 s are reached; never more than 60 s. None when the
    body is too short, or its first sentence alone is longer than 60 s.
    """
    body = [p for p in placements if p.segment.kind == "text"]
    if not body:
        return None
    start_ms = _ms(body[0].start_sample, sample_rate_hz)
    end_ms = None
    for number, placement in enumerate(body):
        until_ms = _ms(placement.start_sample + placement.num_samples, sample_rate_hz)
        if until_ms - start_ms > SOUNDBITE_MAX_MS:
            break
        end_ms = until_ms
        last_of_paragraph = number + 1 == len(body) or body[number + 1].segment.paragraph_index != (
            placement.segment.paragraph_index
        )
        if end_ms - start_ms >= SOUNDBITE_MIN_MS and last_of_paragraph:
            break
    if end_ms is None or end_ms - start_ms < SOUNDBITE_MIN_MS:
        return None
    return Soundbite(start_ms, end_ms - start_ms)


def _ms(samples: int, rate: int) -> int:
    """Samples to ms, rounded as the timeline's cues are (`audio.timeline`)."""
    return round(samples * 1000 / rate)


def seconds(ms: int) -> str:
    """Milliseconds as the decimal seconds Podcasting 2.0 attributes take: '12.345'."""
    return f"{ms // 1000}.{ms % 1000:03d}"


def add_person(parent: etree._Element, name: str, role: str, group: str) -> None:
    """`<podcast:person role group>NAME</podcast:person>` (roles from the Podcast Taxonomy Project)."""
    person = etree.SubElement(parent, f"{{{PODCAST}}}person", role=role, group=group)
    person.text = name[:MAX_TAG_CHARS]


def add_item_tags(item: etree._Element, extras: ItemExtras, title: str, author: str | None) -> None:
    """The item's person, location, soundbite and alternateEnclosure tags."""
    if author:
        add_person(item, author, "author", "writing")
    if extras.place:
        etree.SubElement(item, f"{{{PODCAST}}}location").text = extras.place[:MAX_TAG_CHARS]
    if extras.soundbite:
        bite = etree.SubElement(item, f"{{{PODCAST}}}soundbite")
        bite.set("startTime", seconds(extras.soundbite.start_ms))
        bite.set("duration", seconds(extras.soundbite.duration_ms))
        bite.text = f"From {title}"[:MAX_TAG_CHARS]
    for alternate in extras.alternates:
        element = etree.SubElement(item, f"{{{PODCAST}}}alternateEnclosure")
        element.set("type", alternate.mime_type)
        element.set("length", str(alternate.size_bytes))
        element.set("bitrate", str(alternate.bitrate_bps))
        element.set("title", alternate.title)
        if alternate.default:
            element.set("default", "true")
        etree.SubElement(element, f"{{{PODCAST}}}source", uri=alternate.url)
