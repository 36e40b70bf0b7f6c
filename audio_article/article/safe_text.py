"""What may reach a feed reader: plain text (escaped for readers that take HTML) and http(s) links only.

RSS readers and podcast apps show `<description>` as HTML, so text that
holds markup would arrive as live elements (`<img onerror=…>`). Article
metadata is therefore reduced to plain text when it is read, and escaped
when it is written into a field that readers parse as HTML. Any URL we
publish (item link, related links, chapter links) must be an absolute
http(s) URL: `javascript:`, `data:` and the like are dropped.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import replace
from urllib.parse import urlsplit

from audio_article.models import Article, RelatedLink
from audio_article.textutil import is_http_url

log = logging.getLogger(__name__)
_UNSAFE_IN_URL = re.compile(r"[\s\x00-\x1f\x7f<>\"'`\\]")
_HIDDEN_TAGS = ("script", "style", "template", "noscript", "iframe", "object", "svg", "math")


def http_url(value: str | None, what: str = "link") -> str | None:
    """`value` if it is an absolute http(s) URL with a host, else None (logged)."""
    if not value:
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts and is_http_url(url) and parts.netloc and not _UNSAFE_IN_URL.search(url):
        return url
    log.warning("%s %r is not an http(s) URL; left out", what, value[:80])
    return None


def plain_text(value: str | None) -> str | None:
    """Text with any HTML markup removed (tags dropped, entities decoded, hidden content gone)."""
    if value is None or ("<" not in value and "&" not in value):
        return value
    import lxml.html  # only for text that holds markup (most summaries do not)
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(value, create_parent="div")
    except (etree.ParserError, ValueError):
        return html.unescape(re.sub(r"<[^>]*>?", " ", value))
    for element in root.iter(*_HIDDEN_TAGS):
        element.drop_tree()
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    text: str = root.text_content()
    return "\n".join(" ".join(line.split()) for line in text.splitlines()).strip()


def html_escaped(text: str) -> str:
    """Plain text as HTML text: readers that parse the field as HTML show it as written."""
    return html.escape(text, quote=False)


def sanitized(article: Article) -> Article:
    """The article with plain-text summary and related titles, and only http(s) links."""
    name = article.source_name
    related = tuple(
        RelatedLink(plain_text(r.title) or "", http_url(r.url, f"{name}: related link"))
        for r in article.related
    )
    return replace(
        article,
        summary=plain_text(article.summary),
        url=http_url(article.url, f"{name}: url"),
        related=related,
    )
