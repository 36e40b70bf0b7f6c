"""Footnotes: reference markers are never read; note texts are kept apart as `Article.notes`.

A marker read aloud ("change. [ one] The continent") and a note read as the
last paragraph both confuse a listener. The script reads the notes in a final
"Notes" chapter only when asked (`ScriptOptions.notes`); otherwise they are
listed as dropped, so `inspect` shows them.

Plain text: `[1]` glued to a word or punctuation (`change.[1]`) is a marker,
and a trailing "Notes" / "References" section of numbered lines holds the
notes. HTML: the markers and note lists that Pandoc, markdown-it, WordPress
(core footnotes, Easy Footnotes, Modern Footnotes) and Wikipedia write, and
the DPUB-ARIA roles `doc-noteref`, `doc-endnotes`, `doc-footnote`. Markdown
footnotes (`[^1]`) are read by markdown-it's footnote plugin (markdown.py).
"""

from __future__ import annotations

import re
from typing import Any

from audio_article.textutil import squash

# "change.[1]", "said[2][3]", "year.[12, 13]": a marker glued to what it follows.
TEXT_MARKER = re.compile(r"(?<=[^\s\[])(?:\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\])+")
NOTES_HEADING = re.compile(r"^(?:notes|footnotes|endnotes|references|sources)\s*:?$", re.I)
NOTE_NUMBER = re.compile(r"^(?:\[\d{1,3}\]|\^?\d{1,3}[.):]?)\s+")
_HTML_MARKER_CLASSES = frozenset({"footnote-ref", "footnote_ref", "reference", "fn", "easy-footnote"})
_HTML_MARKER_CLASSES |= {"modern-footnotes-footnote", "footnote"}
_HTML_NOTES_CLASSES = frozenset(
    {"footnotes", "footnotes-list", "wp-block-footnotes", "easy-footnotes-wrapper", "references"}
) | {"reflist", "endnotes", "modern-footnotes-footnote__note"}
_HTML_NOTES_ROLES = frozenset({"doc-endnotes", "doc-footnote", "doc-endnote"})
_HTML_BACKLINK_CLASSES = frozenset({"footnote-back", "footnote-backref", "mw-cite-backlink"})
_MARKER_TEXT = re.compile(r"^\[?(?:\d{1,3}|[a-z]|[*†‡§])\]?$")
_BACKLINK_TEXT = re.compile(r"^[\s↩︎^↑]*$")


def dropped_notes(notes: tuple[str, ...]) -> tuple[str, ...]:
    """How the notes are listed among what was not read."""
    return tuple(f"footnote {number} ({note[:60]})" for number, note in enumerate(notes, start=1))


def split_text_notes(paragraphs: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """Plain-text paragraphs without their glued `[1]` markers, and the notes of a trailing notes section."""
    marked = any(TEXT_MARKER.search(p) for p in paragraphs)
    body = [squash(TEXT_MARKER.sub("", p)) for p in paragraphs]
    for index in range(len(body) - 1, -1, -1):
        if not NOTES_HEADING.match(body[index]):
            continue
        items = [item for p in paragraphs[index + 1 :] for item in _note_items(p)]
        if items and (marked or all(NOTE_NUMBER.match(item) for item in items)):
            notes = tuple(squash(NOTE_NUMBER.sub("", item)) for item in items)
            return body[:index], tuple(n for n in notes if n)
        break
    return body, ()


def _note_items(paragraph: str) -> list[str]:
    """The notes of one paragraph: numbered lines joined into one block are split again."""
    numbered = NOTE_NUMBER.match(paragraph)
    if not numbered:
        return [paragraph]
    style = r"\[\d{1,3}\]" if paragraph.startswith("[") else r"\^?\d{1,3}[.):]"
    return re.split(r"\s+(?=" + style + r"\s)", paragraph)


def take_html_notes(page: Any) -> tuple[str, ...]:
    """Take footnote markers and note lists out of a parsed page (an lxml tree); the notes' texts."""
    containers: list[Any] = []
    markers: list[Any] = []
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        if _is_notes(element) and not any(a in containers for a in element.iterancestors()):
            containers.append(element)
        elif _is_marker(element):
            markers.append(element)
    notes = [text for container in containers for text in _note_texts(container)]
    for element in [*containers, *markers, *page.iter("hr")]:
        separator = element.tag != "hr" or "footnotes-sep" in _classes(element)
        if separator and element.getparent() is not None:
            element.drop_tree()  # keeps the text that follows the element
    return tuple(notes)


def _classes(element: Any) -> set[str]:
    return set((element.get("class") or "").split())


def _is_notes(element: Any) -> bool:
    return bool(
        element.get("role") in _HTML_NOTES_ROLES
        or (element.tag != "sup" and _classes(element) & _HTML_NOTES_CLASSES)
        or element.get("data-footnotes") is not None
    )


def _is_marker(element: Any) -> bool:
    if element.get("role") == "doc-noteref":
        return True
    if element.tag not in ("sup", "a", "span"):
        return False
    text = squash(element.text_content())
    if not _MARKER_TEXT.match(text):
        return False
    if _classes(element) & _HTML_MARKER_CLASSES:
        return True
    anchors = [element] if element.tag == "a" else list(element.iter("a"))
    return element.tag != "span" and len(anchors) == 1 and (anchors[0].get("href") or "").startswith("#")


def _note_texts(container: Any) -> list[str]:
    """One text per note: each list item of a notes list, or the whole of a single note."""
    for link in list(container.iter("a", "span")):
        backlink = link.get("role") == "doc-backlink" or _classes(link) & _HTML_BACKLINK_CLASSES
        if (backlink or _BACKLINK_TEXT.match(link.text_content() or "")) and link.getparent() is not None:
            link.drop_tree()
    items = [item for item in container.iter("li") if not any(a.tag == "li" for a in item.iterancestors())]
    texts = [squash(" ".join(item.itertext())) for item in items or [container]]
    return [text.strip(" ↩︎^↑") for text in texts if text.strip(" ↩︎^↑")]
