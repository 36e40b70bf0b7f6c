"""Plain-text articles: title line, byline, paragraphs, short heading lines.

The layout is the one newsrooms paste out of their CMS: the first line is the
title; "By ..." lines are the byline; a short line with no end punctuation
that is followed by a paragraph opens a section; an "Also Read:" trailer and
the lines after it are related links; boilerplate lines are dropped.
"""

from __future__ import annotations

import logging
import re

from audio_article.article.bylines import read_credit_line, take_credits, warn_bad_date
from audio_article.article.footnotes import dropped_notes, split_text_notes
from audio_article.models import Article, RelatedLink, Section
from audio_article.textutil import ends_sentence, is_trailer_marker, related_from_lines, squash

log = logging.getLogger(__name__)

# Lines that CMS exports scatter through articles and nobody wants read out.
BOILERPLATE = re.compile(
    r"^(advertisement|advert|ad|sponsored( content)?|scroll to continue( with content)?|"
    r"story continues below( advertisement)?|continue reading( below)?|share( this)?( article)?|"
    r"click here to subscribe|subscribe( now)?|sign up( now)?|follow us( on \w+)?|"
    r"read next|recommended|trending|\[?image[^\]]*\]?|photo:? .{0,80}|getty images)\s*[.:!]?$",
    re.I,
)
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 110


def parse_text(text: str, source_name: str) -> Article:
    """Parse a plain-text article (title line, byline and date, paragraphs, trailer) into an `Article`."""
    lines = [squash(line) for line in text.split("\n")]
    paragraphs, dropped = _paragraphs(lines)
    if not paragraphs:
        return Article(title="", sections=(), source_format="text", source_name=source_name)
    title, rest = paragraphs[0], paragraphs[1:]
    credits, rest = take_credits(rest)
    warn_bad_date(credits, source_name)
    body, related = _split_trailer(rest)
    body, notes = split_text_notes(body)
    sections = _sections(body)
    return Article(
        title=title,
        sections=sections,
        source_format="text",
        source_name=source_name,
        author=credits.author,
        date=credits.date or credits.updated,
        publication=credits.agency,
        language="",  # plain text declares none: detected (language.py)
        related=related,
        dropped=(*dropped, *dropped_notes(notes)),
        notes=notes,
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
        if not paragraphs and len(block) > 1:
            paragraphs += _title_block(block)
        elif is_trailer_marker(block[0]) or len(block) == 1:
            paragraphs.extend(block)
        elif _heading_like(block[0]) and len(block[0]) < 0.6 * len(block[1]):
            paragraphs += [block[0], " ".join(block[1:])]
        else:
            paragraphs.append(" ".join(block))
        block = []
    return paragraphs, dropped


def _title_block(block: list[str]) -> list[str]:
    """The first block: the title (perhaps wrapped), then any byline and date lines on their own.

    Without this a byline typed on the line under the title was glued onto it
    and became the spoken title, the ID3 title and the slug.
    """
    first = next((i for i, line in enumerate(block) if i and read_credit_line(line)), None)
    if first is None:
        return [" ".join(block)]
    end = first
    while end < len(block) and read_credit_line(block[end]):
        end += 1
    return [" ".join(block[:first]), *block[first:end], *([" ".join(block[end:])] if block[end:] else [])]


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
