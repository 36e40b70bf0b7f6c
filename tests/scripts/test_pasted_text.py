"""scripts/pasted_text.py: what raw espeak-ng reads is the page's text, markup stripped."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from pasted_text import html_text, markdown_text


def test_markdown_keeps_the_words_and_drops_the_markup() -> None:
    source = (
        "---\ntitle: Hidden\n---\n# A Title\n\nBy Jo Reporter, Agency\n\n"
        "Some **bold** and _quiet_ text with a [link](https://x.org) here.[^1]\n\n"
        "## A Heading\n\n- one item\n- two items\n\n> quoted words\n\n```\ncode here\n```\n\n"
        "[^1]: The note text.\n"
    )
    assert markdown_text(source).split("\n\n") == [
        "A Title",
        "By Jo Reporter, Agency",
        "Some bold and quiet text with a link here.",
        "A Heading",
        "one item two items",
        "quoted words",
        "The note text.\n",
    ]


def test_html_reads_the_article_block_by_block() -> None:
    source = (
        "<html><head><title>T</title><script>x()</script></head><body><nav>Home</nav>"
        "<article><h1>The Title</h1><p class='byline'>By Jo | May 1, 2025</p>"
        "<p>First <b>bold</b> paragraph.</p><ul><li>An <a href='/x'>item</a></li></ul></article>"
        "<footer>© Us</footer></body></html>"
    )
    assert html_text(source).split("\n\n") == [
        "The Title",
        "By Jo | May 1, 2025",
        "First bold paragraph.",
        "An item\n",
    ]
