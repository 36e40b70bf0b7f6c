"""Passages in another language inside an article's text, marked where they stand.

A paragraph is plain text, so a passage (`<span lang="fr">`, `<blockquote
lang="de">`, Markdown `[mot]{lang=fr}` or a `{lang=de}` line before a block)
travels inside it between private-use marks: OPEN, the language tag, SEP,
the passage, CLOSE. The script stage cuts sentences at them (`runs`) and
narrates each passage in its language; `plain` gives the text as written,
for transcripts, counts and detection. Private-use characters never come
from an article's text: the normalizer drops them as unspeakable.
"""

from __future__ import annotations

import re
from typing import Any

OPEN, SEP, CLOSE = "\ue000", "\ue001", "\ue002"
_MARKED = re.compile(f"{OPEN}([A-Za-z0-9-]{{1,35}}){SEP}(.*?){CLOSE}", re.S)
_MARKS = re.compile(f"{OPEN}[^{SEP}]*{SEP}|{CLOSE}")


def mark(text: str, language: str) -> str:
    """`text` marked as a passage in `language`."""
    return f"{OPEN}{language}{SEP}{text}{CLOSE}" if text.strip() else text


def plain(text: str) -> str:
    """The text with its passage marks removed."""
    return _MARKS.sub("", text) if OPEN in text or CLOSE in text else text


def runs(text: str) -> list[tuple[str | None, str]]:
    """(language or None for the article's own, text) pieces of `text`, in order, blank ones dropped."""
    if OPEN not in text:
        return [(None, text)]
    pieces: list[tuple[str | None, str]] = []
    at = 0
    for match in _MARKED.finditer(text):
        pieces.append((None, text[at : match.start()]))
        pieces.append((match.group(1), plain(match.group(2))))
        at = match.end()
    pieces.append((None, text[at:]))
    return [(language, plain(piece).strip()) for language, piece in pieces if plain(piece).strip()]


def languages(text: str) -> set[str]:
    """The languages of the passages marked in `text`."""
    return {match.group(1) for match in _MARKED.finditer(text)}


_BLOCKS = ("p", "li", "blockquote", "div", "section", "figure", "figcaption", "dd", "dt", "td")


def mark_html(page: Any) -> None:
    """Mark every element whose `lang` differs from the page's as a passage, in place (before extraction).

    A block that holds blocks (`<blockquote lang="de"><p>..</p><p>..</p>`)
    marks each innermost block, since extraction makes each its own paragraph.
    """
    own = (page.get("lang") or "").split("-")[0].lower()
    marked: set[Any] = set()
    for element in page.iter():
        language = element.get("lang") if isinstance(element.tag, str) else None
        if not language or element is page or language.split("-")[0].lower() == own:
            continue
        if any(a in marked for a in element.iterancestors()):
            continue  # inside a passage already marked
        marked.add(element)
        del element.attrib["lang"]  # extraction would judge the page's language by it, dropping the passage
        inner = [b for b in element.iter(*_BLOCKS) if b is not element and not _holds_blocks(b)]
        for target in inner or [element]:
            _mark_element(target, language)


def _mark_element(element: Any, language: str) -> None:
    element.text = f"{OPEN}{language}{SEP}{element.text or ''}"
    if len(element):
        element[-1].tail = f"{element[-1].tail or ''}{CLOSE}"
    else:
        element.text += CLOSE


def _holds_blocks(element: Any) -> bool:
    return any(child is not element for child in element.iter(*_BLOCKS))
