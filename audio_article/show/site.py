"""The show's site: `index.html` beside `feed.xml`, listing the episodes newest first.

Rendered whole from the episode store, like the feed, and renamed into
place; it uses the episode pages' style, links to each episode's page and
loads nothing from outside its folder (the show's artwork only when it is the
local `cover.jpg`). Subscribing: the feed URL with a copy button, and links
that open it in common podcast apps.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
from pathlib import Path
from urllib.parse import quote

from lxml import etree
from lxml import html as lxml_html

from audio_article.atomic import write_atomic
from audio_article.episode.page import spoken_duration, web_asset
from audio_article.errors import OutputError
from audio_article.show.config import Show
from audio_article.show.feed import FEED_NAME
from audio_article.show.store import query_store

log = logging.getLogger(__name__)
INDEX_NAME = "index.html"
# The newest episodes only: a page of thousands helps no listener, and publishing
# into a large show must not cost a page of all its episodes every time.
INDEX_EPISODES = 100  # the LIMIT below
_ROWS = (
    "SELECT title, slug, pub_date, duration_s, summary, description"
    " FROM episodes ORDER BY first_published DESC LIMIT 100"
)
_COUNT = "SELECT COUNT(*) FROM episodes"


def write_show_index(show: Show) -> Path:
    """Render `index.html` from the store and rename it into place."""
    rows = [tuple(str(v) if v is not None else None for v in row) for row in query_store(show, _ROWS)]
    total = int(query_store(show, _COUNT)[0][0])
    page = render_index(show, rows, total - len(rows)).encode("utf-8")
    path = show.output_dir / INDEX_NAME
    root = lxml_html.document_fromstring(page)
    if len(root.findall(".//h1")) != 1 or len(root.findall(".//li[@class='episode']")) != len(rows):
        raise OutputError(f"{path}: the rendered show index did not read back whole")
    write_atomic(path, page)
    log.info("%s: show index written (%d episodes)", path, len(rows))
    return path


def app_links(feed_url: str) -> list[tuple[str, str]]:
    """(app, link) that subscribe to the feed in common podcast apps."""
    bare = feed_url.split("://", 1)[-1]
    return [
        ("Apple Podcasts", f"podcast://{bare}"),
        ("Overcast", f"overcast://x-callback-url/add?url={quote(feed_url, safe='')}"),
        ("Pocket Casts", f"pktc://subscribe/{bare}"),
        ("AntennaPod", f"antennapod-subscribe://{bare}"),
        ("Any app (RSS)", FEED_NAME),
    ]


def render_index(show: Show, rows: list[tuple[str | None, ...]], older: int = 0) -> str:
    """The index page's HTML; every text is escaped by the serializer."""
    html = etree.Element("html", lang=show.language)
    head = _sub(html, "head")
    _sub(head, "meta", charset="utf-8")
    _sub(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    _sub(head, "meta", name="color-scheme", content="light dark")
    _sub(head, "title", show.title)
    _sub(head, "link", rel="alternate", type="application/rss+xml", title=show.title, href=FEED_NAME)
    _sub(head, "style", web_asset("page.css"))
    body = _sub(html, "body")
    header = _sub(body, "header", **{"class": "episode-header"})
    if (show.output_dir / "cover.jpg").is_file():
        _sub(header, "img", src="cover.jpg", alt="", width="160", height="160", **{"class": "cover"})
    text = _sub(header, "div")
    _sub(text, "h1", show.title)
    _sub(text, "p", show.description, **{"class": "summary"})
    main = _sub(body, "main")
    _subscribe(main, show)
    _episodes(main, rows, older)
    footer = _sub(body, "footer")
    _sub(footer, "p", f"{show.copyright or show.author}")
    _sub(body, "script", web_asset("index.js"))
    out: bytes = etree.tostring(html, method="html", encoding="utf-8", doctype="<!DOCTYPE html>")
    return out.decode("utf-8")


def _subscribe(main: etree._Element, show: Show) -> None:
    region = _sub(main, "section", id="subscribe", **{"aria-labelledby": "subscribe-heading"})
    _sub(region, "h2", "Subscribe", id="subscribe-heading")
    row = _sub(region, "p", **{"class": "feed-url"})
    _sub(row, "label", "Feed URL", **{"for": "feed-url"})
    _sub(row, "input", id="feed-url", type="text", readonly="", value=show.feed_url, size="40")
    _sub(row, "button", "Copy", type="button", id="copy", hidden="")
    _sub(row, "span", "", id="copied", role="status")
    listing = _sub(region, "ul", **{"class": "links"})
    for app, link in app_links(show.feed_url):
        _sub(_sub(listing, "li"), "a", app, href=link)


def _episodes(main: etree._Element, rows: list[tuple[str | None, ...]], older: int) -> None:
    region = _sub(main, "section", id="episodes", **{"aria-labelledby": "episodes-heading"})
    _sub(region, "h2", "Episodes", id="episodes-heading")
    if not rows:
        _sub(region, "p", "No episodes yet.")
        return
    listing = _sub(region, "ol", **{"class": "episodes"})
    for title, slug, pub_date, duration_s, summary, description in rows:
        item = _sub(listing, "li", **{"class": "episode"})
        _sub(_sub(item, "h3"), "a", title or slug or "", href=f"{slug}.html")
        meta = _sub(item, "p", **{"class": "meta"})
        date = _date(pub_date)
        if date:
            stamp = _sub(meta, "time", f"{date.day} {date:%B %Y}", datetime=date.isoformat())
            stamp.tail = " · "
        seconds = int(duration_s or 0)
        _sub(meta, "time", spoken_duration(seconds * 1000), datetime=f"PT{seconds}S")
        if summary or description:
            _sub(item, "p", summary or description)
    if older:
        note = _sub(region, "p", f"{older} older episode{'s are' if older != 1 else ' is'} in ")
        _sub(note, "a", "the feed", href=FEED_NAME).tail = "."


def _date(rfc822: str | None) -> dt.date | None:
    try:
        return email.utils.parsedate_to_datetime(rfc822 or "").date()
    except (TypeError, ValueError):
        return None


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, **attrs)
    if text is not None:
        element.text = text
    return element
