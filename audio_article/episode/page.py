"""The episode page `<slug>.html`: a player, chapters and a timed transcript, in one self-contained file.

Its style and script (`web/page.css`, `web/page.js`) are inlined, and every
link it loads points into its own folder, so the page works from `file://`
and from any static host, with no CDN, font or tracker. Without JavaScript it
is still whole: the native `<audio controls>`, the transcript as text and
chapter links as media fragments (`#t=`). The script turns those links into
chapter buttons and adds the keyboard player, sentence highlighting and
follow-along, after the patterns of Able Player (a custom control bar over a
native element, an interactive transcript).
"""

from __future__ import annotations

import importlib.resources
import logging
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html
from mutagen.id3 import ID3, ID3NoHeaderError

from audio_article.atomic import write_atomic
from audio_article.episode.page_data import PageData, Paragraph, read_page_data
from audio_article.episode.page_paths import cover_path, page_path
from audio_article.errors import OutputError
from audio_article.models import Episode

log = logging.getLogger(__name__)
SPEEDS = ("0.75", "1", "1.25", "1.5", "1.75", "2")
SKIP_BACK_S = 15
SKIP_FORWARD_S = 30


def write_episode_page(episode: Episode) -> Path:
    """Write `<slug>.html` and `<slug>.embed.html` (and the cover as `<slug>.cover.jpg`), atomically."""
    cover = _write_cover(episode)
    data = read_page_data(episode, cover.name if cover else None)
    for embed in (True, False):  # the page last: it is the one that announces the others
        page = render_page(data, embed).encode("utf-8")
        _verify(page, data, page_path(episode, embed))
        write_atomic(page_path(episode, embed), page)
    log.info("%s: episode page written", page_path(episode))
    return page_path(episode)


def embed_snippet(episode: Episode, base_url: str | None) -> str:
    """The `<iframe>` to paste into the article page; relative to the page when there is no base URL."""
    name = page_path(episode, embed=True).name
    src = f"{base_url.rstrip('/')}/{name}" if base_url else name
    frame = etree.Element("iframe", src=src, title=f"Listen: {episode.item.title}", width="100%")
    frame.set("height", "320")
    frame.set("style", "border:0")
    frame.set("loading", "lazy")
    return str(etree.tostring(frame, method="html", encoding="unicode"))


def _write_cover(episode: Episode) -> Path | None:
    """The MP3's front cover as a JPEG beside it, or None when it has none."""
    try:
        pictures = ID3(episode.mp3).getall("APIC")  # type: ignore[no-untyped-call]
    except ID3NoHeaderError:
        return None
    except OSError as exc:
        raise OutputError(f"{episode.mp3}: cannot read its cover for the episode page ({exc})") from exc
    jpeg = next((p.data for p in pictures if p.mime == "image/jpeg" and p.data), None)
    if jpeg is None:
        return None
    path = cover_path(episode)
    if not path.is_file() or path.read_bytes() != jpeg:
        write_atomic(path, jpeg)
    return path


def _verify(page: bytes, data: PageData, path: Path) -> None:
    """Read the page back before it replaces the old one: one h1, the audio, every sentence."""
    root = lxml_html.document_fromstring(page)
    sentences = sum(len(p.sentences) for s in data.sections for p in s.paragraphs)
    if (
        len(root.findall(".//h1")) != 1
        or root.find(".//audio/source") is None
        or len(root.findall(".//span[@data-start]")) != sentences
    ):
        raise OutputError(f"{path}: the rendered episode page did not read back whole")


def render_page(data: PageData, embed: bool = False) -> str:
    """The page's HTML from plain data (`embed`: the compact player); the serializer escapes every text."""
    html = etree.Element("html", lang=data.language)
    _head(html, data)
    body = _sub(html, "body", **({"class": "embed"} if embed else {}))
    if not embed:
        _sub(body, "a", "Skip to the transcript", href="#transcript", **{"class": "skip"})
    _header(body, data, embed)
    main = _sub(body, "main", id="main", **{"data-episode": data.guid})
    _player(main, data)
    # The embed folds chapters and transcript into native disclosures: they open without script.
    _chapters(_sub(main, "details", **{"class": "fold"}) if embed else main, data, embed)
    _transcript(_sub(main, "details", **{"class": "fold"}) if embed else main, data, embed)
    if not embed:
        _related(main, data)
        _footer(body, data)
    _sub(body, "script", web_asset("page.js"))
    out: bytes = etree.tostring(html, method="html", encoding="utf-8", doctype="<!DOCTYPE html>")
    return out.decode("utf-8")


def _head(html: etree._Element, data: PageData) -> None:
    head = _sub(html, "head")
    _sub(head, "meta", charset="utf-8")
    _sub(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    _sub(head, "meta", name="color-scheme", content="light dark")
    if data.summary:
        _sub(head, "meta", name="description", content=data.summary)
    _sub(head, "title", data.title)
    _sub(head, "style", web_asset("page.css"))


def _header(body: etree._Element, data: PageData, embed: bool) -> None:
    header = _sub(body, "header", **{"class": "episode-header"})
    if embed:
        _sub(_sub(header, "h1"), "a", data.title, href=f"{data.slug}.html", target="_blank")
        return
    if data.cover_name:
        _sub(header, "img", src=data.cover_name, alt="", width="160", height="160", **{"class": "cover"})
    text = _sub(header, "div")
    _sub(text, "h1", data.title)
    meta = _sub(text, "p", **{"class": "meta"})
    parts: list[etree._Element | str] = []
    if data.byline:
        parts.append(f"By {data.byline}")
    if data.date:
        stamp = etree.Element("time", datetime=data.date.isoformat())
        stamp.text = f"{data.date.day} {data.date:%B %Y}"
        parts.append(stamp)
    parts.append(f"Listening time {spoken_duration(data.duration_ms)}")
    _join(meta, parts, " · ")
    if data.summary:
        _sub(text, "p", data.summary, **{"class": "summary"})


def _player(main: etree._Element, data: PageData) -> None:
    region = _sub(main, "section", id="player", **{"class": "player", "aria-label": "Player"})
    audio = _sub(region, "audio", id="audio", controls="", preload="metadata")
    _sub(audio, "source", src=data.audio_name, type="audio/mpeg")
    vtt = next((name for label, name in data.files if label.startswith("WebVTT")), None)
    if vtt:
        _sub(audio, "track", kind="captions", src=vtt, srclang=data.language, label="Transcript")
    _sub(audio, "a", "Download the MP3", href=data.audio_name)
    bar = _sub(region, "div", id="controls", hidden="", **{"class": "controls"})
    _sub(bar, "button", "Play", type="button", id="play", **{"class": "play"})
    _sub(bar, "button", f"Back {SKIP_BACK_S} s", type="button", id="back", **{"data-skip": f"-{SKIP_BACK_S}"})
    _sub(
        bar,
        "button",
        f"Forward {SKIP_FORWARD_S} s",
        type="button",
        id="forward",
        **{"data-skip": str(SKIP_FORWARD_S)},
    )
    seconds = str(round(data.duration_ms / 1000))
    seek = {"aria-label": "Position", "aria-valuetext": f"0 seconds of {spoken_duration(data.duration_ms)}"}
    _sub(bar, "input", type="range", id="seek", min="0", max=seconds, step="1", value="0", **seek)
    clock = _sub(bar, "span", id="clock", **{"class": "clock"})
    _sub(clock, "span", "0:00", id="elapsed")
    _sub(clock, "span", f" / {clock_time(data.duration_ms)}", id="duration")
    _sub(bar, "label", "Speed", **{"for": "speed"})
    speed = _sub(bar, "select", id="speed")
    for value in SPEEDS:
        option = _sub(speed, "option", f"{value}×", value=value)
        if value == "1":
            option.set("selected", "")
    settings = _sub(bar, "div", **{"class": "settings"})
    for key, label in (("follow", "Follow along"), ("shortcuts", "Keyboard shortcuts (K, J, L)")):
        wrap = _sub(settings, "label", **{"class": "toggle"})
        _sub(wrap, "input", type="checkbox", id=key, checked="")
        _sub(wrap, "span", label)


def _chapters(main: etree._Element, data: PageData, embed: bool = False) -> None:
    if embed:
        _sub(main, "summary", "Chapters")
    nav = _sub(main, "nav", id="chapters", **{"aria-labelledby": "chapters-heading"})
    _sub(nav, "h2", "Chapters", id="chapters-heading", **({"class": "visually-hidden"} if embed else {}))
    listing = _sub(nav, "ol", **{"class": "chapters"})
    for chapter in data.chapters:
        start = f"{chapter.start_ms / 1000:.3f}"
        link = _sub(
            _sub(listing, "li"),
            "a",
            href=f"{data.audio_name}#t={start}",
            **{"class": "chapter", "data-start": start},
        )
        _sub(link, "span", chapter.title, **{"class": "chapter-title"})
        _sub(link, "time", clock_time(chapter.start_ms), datetime=f"PT{start}S")


def _transcript(main: etree._Element, data: PageData, embed: bool = False) -> None:
    if embed:
        _sub(main, "summary", "Transcript")
    region = _sub(main, "section", id="transcript", **{"aria-labelledby": "transcript-heading"})
    hidden = {"class": "visually-hidden"} if embed else {}
    _sub(region, "h2", "Transcript", id="transcript-heading", **hidden)
    hint = "Select a sentence (click, or Enter) to listen from there; arrow keys move between sentences."
    _sub(region, "p", hint, id="transcript-hint", hidden="", **{"class": "hint"})
    body = _sub(region, "div", id="transcript-text", **{"class": "transcript"})
    for number, section in enumerate(data.sections, start=1):
        _sub(body, "h3", section.title or data.title, id=f"chapter-{number}")
        for paragraph in section.paragraphs:
            _paragraph(body, paragraph)


def _paragraph(parent: etree._Element, paragraph: Paragraph) -> None:
    para = _sub(parent, "p")
    for i, sentence in enumerate(paragraph.sentences):
        span = _sub(
            para,
            "span",
            sentence.text,
            **{"data-start": f"{sentence.start_ms / 1000:.3f}", "data-end": f"{sentence.end_ms / 1000:.3f}"},
        )
        if i < len(paragraph.sentences) - 1:
            span.tail = " "


def _related(main: etree._Element, data: PageData) -> None:
    if not data.related and not data.link:
        return
    region = _sub(main, "section", id="related", **{"aria-labelledby": "related-heading"})
    _sub(region, "h2", "Read more", id="related-heading")
    listing = _sub(region, "ul", **{"class": "links"})
    if data.link:
        _sub(_sub(listing, "li"), "a", f"The article: {data.title}", href=data.link)
    for link in data.related:
        item = _sub(listing, "li")
        if link.url:
            _sub(item, "a", link.title, href=link.url)
        else:
            item.text = link.title


def _footer(body: etree._Element, data: PageData) -> None:
    footer = _sub(body, "footer")
    _sub(footer, "h2", "Files", id="files-heading")
    listing = _sub(footer, "ul", **{"class": "links"})
    for label, name in data.files:
        _sub(_sub(listing, "li"), "a", label, href=name)


def spoken_duration(ms: int) -> str:
    """A duration in words: "1 minute 5 seconds"."""
    hours, rest = divmod(round(ms / 1000), 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [
        f"{n} {unit}{'' if n == 1 else 's'}"
        for n, unit in ((hours, "hour"), (minutes, "minute"), (seconds, "second"))
        if n
    ]
    return " ".join(parts) or "0 seconds"


def clock_time(ms: int) -> str:
    """A time on a clock, "4:18", "1:02:03": whole seconds cut off, as the player's clock shows them."""
    hours, rest = divmod(ms // 1000, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def web_asset(name: str) -> str:
    """A style or script file of episode/web/, to inline."""
    return (
        importlib.resources.files("audio_article.episode").joinpath("web", name).read_text(encoding="utf-8")
    )


def _join(parent: etree._Element, parts: list[etree._Element | str], separator: str) -> None:
    for i, part in enumerate(parts):
        text = separator if i else ""
        if isinstance(part, str):
            text += part
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        if not isinstance(part, str):
            parent.append(part)


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, **attrs)
    if text is not None:
        element.text = text
    return element
