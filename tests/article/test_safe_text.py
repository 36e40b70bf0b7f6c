"""Hostile metadata: no live markup in descriptions, no non-http(s) link anywhere we publish."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import lxml.html
import pytest
from helpers import SHOW
from lxml import etree

from audio_article.article.safe_text import html_escaped, http_url, plain_text

HOSTILE_SUMMARY = (
    '<img src=x onerror="alert(1)"><script>alert(2)</script>Real summary &lt;b onmouseover=x&gt;'
)
MARKDOWN = f"""---
title: Hostile Story
summary: '{HOSTILE_SUMMARY}'
url: "javascript:alert(3)"
---

The body of the story has a few ordinary words.

## Also read

[Bad link](javascript:alert(4))

[Good link](https://example.org/good)
"""
HTML = f"""<!doctype html><html><head><title>Hostile Page</title>
<meta name="description" content='{HOSTILE_SUMMARY.replace("'", "&#39;")}'>
<meta property="og:url" content="JaVaScRiPt:alert(5)">
<link rel="canonical" href="javascript:alert(6)">
</head><body><article><h1>Hostile Page</h1>
<p>The body of the page has quite a few ordinary words in it, enough to narrate.</p>
<p>A second paragraph follows with more words so the extractor keeps the text.</p>
<aside class="related"><a href="javascript:alert(7)">Bad</a> <a href="https://example.org/g">Good</a></aside>
</article></body></html>
"""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("//example.org/x", None),
        ("https://exa mple.org/", None),
        ('https://example.org/"onmouseover=x', None),
        ("", None),
        (None, None),
    ],
)
def test_http_url(value: str | None, expected: str | None) -> None:
    assert http_url(value) == expected


def test_plain_text_drops_markup_and_escaping_keeps_it_text() -> None:
    text = plain_text(HOSTILE_SUMMARY)
    assert text == "Real summary <b onmouseover=x>"
    assert plain_text("I <3 Q&A") == "I <3 Q&A"
    shown = lxml.html.fragment_fromstring(html_escaped(text), create_parent="div")
    assert len(shown) == 0 and shown.text_content() == text  # no element, the words as written


@pytest.mark.parametrize("name,content", [("hostile.md", MARKDOWN), ("hostile.html", HTML)])
def test_hostile_metadata_never_reaches_the_feed(
    tmp_path: Path, fake_voice: Path, name: str, content: str
) -> None:
    show = tmp_path / "show.toml"
    show.write_text(SHOW, encoding="utf-8")
    article = tmp_path / name
    article.write_text(content, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "audio_article", "publish", "--show", str(show), "--voice", str(fake_voice),
         "-q", str(article)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    public = tmp_path / "public"
    for path in [*public.glob("*.xml"), *public.glob("*.chapters.json")]:
        assert not [u for u in _links(path) if not u.startswith(("https://", "urn:uuid:"))], path.name
    feed = feedparser.parse((public / "feed.xml").read_bytes())
    assert not feed.bozo
    entry = feed.entries[0]
    for html_text in (entry.summary, *(c.value for c in entry.get("content", []))):
        fragment = lxml.html.fragment_fromstring(html_text, create_parent="div")
        # Only the show notes' own markup (paragraphs, lists, https links): nothing of the article's.
        assert {e.tag for e in fragment.iter()} <= {"div", "p", "ul", "li", "a"}, html_text
        for element in fragment.iter():
            assert set(element.attrib) <= ({"href"} if element.tag == "a" else set()), html_text
            assert element.get("href", "https://").startswith("https://"), html_text
        assert "alert(1)" not in html_text and "alert(2)" not in html_text
    assert "link" not in entry or entry.link.startswith("https://")
    assert not entry.id.lower().startswith("javascript")
    item = etree.parse(str(public / "feed.xml")).getroot().find("channel/item")
    description = lxml.html.fragment_fromstring(item.findtext("description"), create_parent="div")
    assert len(description) == 0 and description.text_content().startswith("Real summary")
    chapters = json.loads(next(public.glob("*.chapters.json")).read_text("utf-8"))
    urls = [link.get("url") for link in chapters.get("relatedLinks", [])]
    assert all(u is None or u.startswith("https://") for u in urls)
    assert any(u and u.startswith("https://example.org/g") for u in urls)


def _links(path: Path) -> list[str]:
    """Every URL-bearing value: XML attributes and link/guid texts, or the chapters' `url`s."""
    if path.suffix == ".json":
        data = json.loads(path.read_text("utf-8"))
        return [
            str(x["url"]) for x in [*data.get("chapters", []), *data.get("relatedLinks", [])] if "url" in x
        ]
    root = etree.parse(str(path)).getroot()
    values = [str(v) for element in root.iter() for v in element.attrib.values()]
    texts = [e.text or "" for e in root.iter("link", "guid", "{http://www.w3.org/2005/Atom}link")]
    values = [v for v in values if not re.fullmatch(r"[\d:.]+", v)]  # psc chapter starts: 00:01:02.345
    return [v for v in values + texts if ":" in v and not v.startswith(("true", "false"))]
