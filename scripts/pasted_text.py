"""An article's text as a user would paste it into espeak-ng: the baseline for the meter.

What a reader sees on the page, copied as plain text, with no help from us:

- .txt: the file as it is (title, byline/dateline lines, paragraphs).
- .md: markup stripped: YAML front matter (not shown on a rendered page) and
  `#` markers, emphasis, list bullets, quote markers, code fences and tables go; links and
  images keep their text; footnote markers `[^1]` go, footnote texts stay as the
  last paragraphs (a rendered page shows them at the foot).
- .html: the text of the `<article>` (else `<main>`, else `<body>`) block by block,
  headings, bylines and paragraphs as shown; scripts, styles, navigation,
  headers, footers and forms are not part of what one selects and copies.
"""

from __future__ import annotations

import re
from pathlib import Path

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*\n", re.S)
_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "figcaption", "dt", "dd")
_SKIP = ("script", "style", "nav", "header", "footer", "form", "noscript", "template", "aside")


def pasted_text(path: Path) -> str:
    """The text of the article at PATH as a user would paste it (see the module docstring)."""
    raw = path.read_text(encoding="utf-8")
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        return markdown_text(raw)
    if suffix in (".html", ".htm"):
        return html_text(raw)
    return raw.strip() + "\n"


def markdown_text(source: str) -> str:
    """Markdown with its markup stripped (footnote markers dropped, footnote texts kept)."""
    source = _FRONT_MATTER.sub("", source)
    source = re.sub(r"^(```|~~~).*?^\1[ \t]*$", "", source, flags=re.S | re.M)  # code is not prose
    source = re.sub(r"^[ \t]*\|.*\|[ \t]*$", "", source, flags=re.M)  # table rows
    source = re.sub(r"\[\^[^\]]+\]:[ \t]*", "", source)  # footnote definitions: their text stays
    source = re.sub(r"\[\^[^\]]+\]", "", source)  # footnote markers
    source = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", source)  # links and images: their text
    source = re.sub(r"^[ \t]{0,3}#{1,6}[ \t]+", "", source, flags=re.M)
    source = re.sub(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", "", source, flags=re.M)
    source = re.sub(r"^[ \t]*>[ \t]?", "", source, flags=re.M)
    source = re.sub(r"(\*\*|__|\*|`)", "", source)
    source = re.sub(r"(?<!\w)_(\S.*?\S|\S)_(?!\w)", r"\1", source)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", source)]
    return "\n\n".join(p for p in paragraphs if p) + "\n"


def html_text(source: str) -> str:
    """The visible text of an HTML article's main block, one block a paragraph."""
    from lxml import html

    root = html.fromstring(source)
    for element in list(root.iter(*_SKIP)):
        element.drop_tree()
    container = root
    for tag in ("body", "main", "article"):  # the narrowest one present wins
        found = next(root.iter(tag), None)
        if found is not None:
            container = found
    paragraphs = []
    for block in container.iter(*_BLOCKS):
        if any(parent.tag in _BLOCKS for parent in block.iterancestors()):
            continue  # its text is already in the enclosing block
        text = " ".join(block.text_content().split())
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs) + "\n"
