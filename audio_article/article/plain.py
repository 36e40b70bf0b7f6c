"""Plain-text articles: title line, byline, paragraphs, short heading lines.

The layout is the one newsrooms paste out of their CMS: the first line is the
title; "By ..." lines are the byline; a short line with no end punctuation
that is followed by a paragraph opens a section; an "Also Read:" trailer and
the lines after it are related links; boilerplate lines are dropped.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

from audio_article.models import Article, RelatedLink, Section
from audio_article.textutil import (
    ends_sentence,
    find_date,
    invalid_date,
    is_trailer_marker,
    related_from_lines,
    squash,
)

log = logging.getLogger(__name__)

# Lines that CMS exports scatter through articles and nobody wants read out.
BOILERPLATE = re.compile(
    r"^(advertisement|advert|ad|sponsored( content)?|scroll to continue( with content)?|"
    r"story continues below( advertisement)?|continue reading( below)?|share( this)?( article)?|"
    r"click here to subscribe|subscribe( now)?|sign up( now)?|follow us( on \w+)?|"
    r"read next|recommended|trending|\[?image[^\]]*\]?|photo:? .{0,80}|getty images)\s*[.:!]?$",
    re.I,
)
BYLINE = re.compile(r"^by\s+(?P<who>[^\d].{1,120})$", re.I)
# Where a byline's name ends: a separator, or a comma before a date ("Jan. 5", "2025-01-05").
BYLINE_END = re.compile(r"\s*[|•·]\s*|\s+[-–—]\s+|,\s*(?=(?:published|updated)?\s*(?:\w+\.? \d|\d{4}-\d))")
DATELINE = re.compile(r"^(published|updated|posted)?\s*:?\s*.{0,40}\d{4}.{0,30}$", re.I)
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 110


def parse_text(text: str, source_name: str) -> Article:
    """Parse a plain-text article (title line, byline and date, paragraphs, trailer) into an `Article`."""
    lines = [squash(line) for line in text.split("\n")]
    paragraphs, dropped = _paragraphs(lines)
    if not paragraphs:
        return Article(title="", sections=(), source_format="text", source_name=source_name)
    title, rest = paragraphs[0], paragraphs[1:]
    author, date, rest = _metadata(rest)
    if date is None:
        _warn_impossible_date(paragraphs[1:3], source_name)
    body, related = _split_trailer(rest)
    sections = _sections(body)
    return Article(
        title=title,
        sections=sections,
        source_format="text",
        source_name=source_name,
        author=author,
        date=date,
        related=related,
        dropped=tuple(dropped),
    )


def _paragraphs(lines: list[str]) -> tuple[list[str], list[str]]:
    """Paragraphs from lines, dropping boilerplate.

    When the text separates paragraphs with blank lines, a block of several
    lines is one hard-wrapped paragraph (a short first line that is much
    shorter than the next is a heading stuck to its paragraph); otherwise
    every line is a paragraph. Trailer blocks keep one item per line.
    """
    dropped = [line for line in lines if line and BOILERPLATE.match(line)]
    kept = [line for line in lines if not (line and BOILERPLATE.match(line))]
    if not any(line == "" for line in kept[1:-1]):
        return [line for line in kept if line], dropped
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*kept, ""]:
        if line:
            block.append(line)
            continue
        if not block:
            continue
        if is_trailer_marker(block[0]) or len(block) == 1:
            paragraphs.extend(block)
        elif _heading_like(block[0]) and len(block[0]) < 0.6 * len(block[1]):
            paragraphs += [block[0], " ".join(block[1:])]
        else:
            paragraphs.append(" ".join(block))
        block = []
    return paragraphs, dropped


def _metadata(paragraphs: list[str]) -> tuple[str | None, dt.date | None, list[str]]:
    """Take byline and dateline paragraphs from the top of the body."""
    author: str | None = None
    date: dt.date | None = None
    rest = list(paragraphs)
    while rest and len(rest[0]) <= 160:
        line = rest[0]
        byline = BYLINE.match(line)
        if byline and author is None:
            who = BYLINE_END.split(byline["who"])[0]
            author = who.strip(" ,.")
            date = date or find_date(line)
        elif (
            date is None and DATELINE.match(line) and find_date(line) and not ends_sentence(line.rstrip("."))
        ):
            date = find_date(line)
        else:
            break
        rest.pop(0)
    return author, date, rest


def _warn_impossible_date(lines: list[str], source_name: str) -> None:
    """A byline or dateline whose date cannot be (February 30th) is left as text, with a warning."""
    for line in lines:
        bad = (
            invalid_date(line) if len(line) <= 160 and (BYLINE.match(line) or DATELINE.match(line)) else None
        )
        if bad:
            log.warning("%s: the date %r in %r is not a real date; no date set", source_name, bad, line[:60])
            return


def _split_trailer(paragraphs: list[str]) -> tuple[list[str], tuple[RelatedLink, ...]]:
    for i, line in enumerate(paragraphs):
        marker = is_trailer_marker(line)
        if marker and (len(line) < 40 or marker["rest"]):
            items = ([marker["rest"]] if marker["rest"] else []) + paragraphs[i + 1 :]
            if all(len(item) <= 200 for item in items):
                return paragraphs[:i], related_from_lines(items)
    return paragraphs, ()


def _heading_like(line: str) -> bool:
    return (
        0 < len(line) <= MAX_HEADING_CHARS
        and len(line.split()) <= MAX_HEADING_WORDS
        and not ends_sentence(line)
        and not line.endswith(",")
        and line[0].isalnum()
    )


def _sections(paragraphs: list[str]) -> tuple[Section, ...]:
    sections: list[Section] = []
    heading: str | None = None
    current: list[str] = []
    for i, para in enumerate(paragraphs):
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        if _heading_like(para) and following is not None and not _heading_like(following):
            if current or heading is not None:
                sections.append(Section(heading, tuple(current)))
            heading, current = para, []
        else:
            current.append(para)
    if current or heading is not None:
        sections.append(Section(heading, tuple(current)))
    return tuple(s for s in sections if s.paragraphs)
