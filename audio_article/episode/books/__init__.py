"""Talking books for blind and low-vision readers: EPUB 3 with Media Overlays, and DAISY 2.02.

Both are made from the timeline on the MP3's clock: every narrated sentence
becomes an element with an id in the book's text and a `par` in a SMIL file
whose clip times are the sentence's cue times, so a reading system can move
by section, paragraph and sentence and highlight the text as it is read.
Kept light (no lxml here): the build options name the formats.
"""

from __future__ import annotations

from typing import Literal

BookFormat = Literal["epub", "daisy"]
BOOK_FORMATS: tuple[BookFormat, ...] = ("epub", "daisy")


def book_name(slug: str, kind: BookFormat) -> str:
    """The talking book's file name in the output folder: `<slug>.epub` or `<slug>.daisy.zip`."""
    return f"{slug}.epub" if kind == "epub" else f"{slug}.daisy.zip"
