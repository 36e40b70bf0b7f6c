"""Bylines, date stamps and datelines: the metadata newsrooms print around a headline.

A line above the body such as `By Maria Okafor | March 3, 2025, 11:45 p.m. ET`,
`By Kwame Osei, Reuters`, `Published March 3, 2025` or `Posted on ... by ...`
is metadata: its author and date go to the `Article`, and it is not read as
text. A line is metadata only when every one of its fields matches a layout
of `byline_layouts` (so "By 2030, the city..." and "Published reports say..."
stay text). A dateline opening the first paragraph ("NAIROBI, Kenya — The
council...") is cut off; its place is kept as `Article.place` and the rest of
the paragraph is read.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, fields, replace
from typing import Any

from audio_article.article import byline_layouts as layouts
from audio_article.models import Article, Section
from audio_article.textutil import find_date, invalid_date, read_date, squash

log = logging.getLogger(__name__)

MAX_LINE_CHARS = 160
MAX_LINES = 4  # metadata lines looked for above the body


def _expand(layout: str) -> str:
    """A layout with its {placeholders} replaced (regex counts such as {1,2} are left alone)."""
    return re.sub(r"\{([a-z]+)\}", lambda m: layouts.PLACEHOLDERS[m[1]], layout)


_FIELDS = tuple((kind, re.compile(_expand(layout), re.I)) for kind, layout in layouts.FIELD_LAYOUTS)
_SEPARATOR = re.compile(layouts.FIELD_SEPARATOR)
_DATELINE = re.compile(_expand(layouts.PARAGRAPH_DATELINE))
_ROLE = re.compile(layouts.ROLE_WORDS, re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*", re.I)
_SLASH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


@dataclass(frozen=True)
class Credits:
    """What metadata lines say: who wrote it, when, where, for which agency."""

    author: str | None = None
    date: dt.date | None = None
    updated: dt.date | None = None  # an "Updated ..." date, used when no other date is given
    place: str | None = None
    agency: str | None = None
    bad_date: str | None = None  # a date-shaped part that is no real date ("2025-02-30")

    @property
    def iso_date(self) -> str | None:
        """The date (else the updated date) as YYYY-MM-DD, or None."""
        date = self.date or self.updated
        return date.isoformat() if date else None

    def merged(self, other: Credits) -> Credits:
        """These credits, with the gaps filled from `other`."""
        values: dict[str, Any] = {}
        for name in (f.name for f in fields(self)):
            mine = getattr(self, name)
            values[name] = mine if mine is not None else getattr(other, name)
        return Credits(**values)


def read_credit_line(line: str) -> Credits | None:
    """The credits a metadata line holds, or None when the line is (or holds) text."""
    line = squash(line)
    if not line or len(line) > MAX_LINE_CHARS:
        return None
    found = Credits()
    named_only = False
    for field in _SEPARATOR.split(line):
        credits, kind = _read_field(field.strip())
        if credits is None:
            return None
        named_only = named_only or kind == "name"
        found = found.merged(credits)
    if named_only and found.date is None and found.updated is None and found.bad_date is None:
        return None  # a short line of capitalised words is a heading, unless it is dated
    return found


def take_credits(paragraphs: list[str]) -> tuple[Credits, list[str]]:
    """The credits of the metadata lines at the top of `paragraphs`, and the paragraphs after them."""
    found = Credits()
    rest = list(paragraphs)
    for _ in range(MAX_LINES):
        credits = read_credit_line(rest[0]) if rest else None
        if credits is None:
            break
        found = found.merged(credits)
        rest.pop(0)
    return found, rest


def split_dateline(paragraph: str) -> tuple[Credits | None, str]:
    """A paragraph's opening dateline ("NAIROBI, Kenya — ...") as credits, and the text after it."""
    match = _DATELINE.match(paragraph)
    if not match or not _is_capitals(match["place"]) or len(paragraph) - match.end() < 2:
        return None, paragraph
    if not _starts_sentence(paragraph[match.end() :]):  # "NATO — the alliance of 32 — met": an aside
        return None, paragraph
    place = _place_name(match["place"], match["region"])
    date = find_date(match["date"]) if match["date"] else None
    agency = squash(match["agency"]) if match["agency"] else None
    return Credits(place=place, date=date, agency=agency), paragraph[match.end() :]


def _starts_sentence(text: str) -> bool:
    """True when text opens like a sentence: a capital, a digit or an opening quote."""
    first = text[:1]
    return first.isupper() or first.isdigit() or first in "\"'“‘«"


def with_credits(article: Article) -> Article:
    """The article with metadata lines and a dateline at the top of its body taken out as metadata."""
    if not article.sections:
        return article
    first = article.sections[0]
    credits, paragraphs = take_credits(list(first.paragraphs))
    if paragraphs:
        dateline, opening = split_dateline(paragraphs[0])
        if dateline is not None:
            credits = credits.merged(dateline)
            paragraphs[0] = opening
    if paragraphs == list(first.paragraphs):
        return article
    warn_bad_date(credits, article.source_name)
    sections = (Section(first.heading, tuple(paragraphs)), *article.sections[1:])
    return replace(
        article,
        sections=tuple(s for s in sections if s.paragraphs),
        author=article.author or credits.author,
        date=article.date or credits.date or credits.updated,
        place=article.place or credits.place,
        publication=article.publication or credits.agency,
    )


def warn_bad_date(credits: Credits, source_name: str) -> None:
    """A metadata line's date that cannot be (February 30th) is left unset, with a warning."""
    if credits.bad_date:
        log.warning(
            "%s: the date %r in the byline is not a real date; no date set", source_name, credits.bad_date
        )


def _read_field(field: str) -> tuple[Credits | None, str]:
    """The credits of one field of a metadata line, and the layout it matched."""
    for kind, pattern in _FIELDS:
        match = pattern.fullmatch(field)
        if match is None:
            continue
        credits = _field_credits(kind, match)
        if credits is not None:
            return credits, kind
    return None, ""


def _field_credits(kind: str, match: re.Match[str]) -> Credits | None:
    groups = match.groupdict()
    author, agency = _who_and_credit(groups.get("who"), groups.get("credit"))
    if groups.get("who") and author is None:
        return None
    if kind == "dateline" and not _is_capitals(groups["place"]):
        return None
    if kind == "name" and (len(match["who"].split()) < 2 or re.search(r"(?<!\b[JS]r)[.!?]$", match["who"])):
        return None  # a name alone is two words or more, no sentence: "Rain." is text
    date, bad = _date_of(groups.get("when"))
    updated = None
    if (groups.get("label") or "").lower() in ("updated", "last updated", "modified", "last modified"):
        date, updated = None, date
    place = _place_name(groups["place"], groups.get("region")) if groups.get("place") else None
    return Credits(author=author, date=date, updated=updated, place=place, agency=agency, bad_date=bad)


def _who_and_credit(who: str | None, credit: str | None) -> tuple[str | None, str | None]:
    """The author named in `who` (and a list of names running on into `credit`), and an agency."""
    if who is None:
        return None, None
    if credit is not None and _names(f"{who}, {credit}") and (" and " in credit or "&" in credit):
        return _author(f"{who}, {credit}"), None
    if not _names(who):
        return None, None
    if credit is None or _ROLE.search(credit):
        return _author(who), None
    return (_author(who), squash(credit)) if _names(credit) else (None, None)


def _author(who: str) -> str:
    """The names as written; "BY MARIA OKAFOR" gives "Maria Okafor"."""
    names = squash(who).strip(" ,")
    return re.sub(r"\b(AND)\b", "and", names.title()) if names.isupper() else names


def _names(text: str) -> bool:
    """True when `text` reads as names: capitalised words, joined by commas, "and" or "&"."""
    names = [n for n in _NAME_SPLIT.split(squash(text)) if n]
    return bool(names) and all(_is_name(n) for n in names)


def _is_name(name: str) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 6 or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in layouts.NAME_PARTICLES for w in words) and not re.search(
        r"[!?;:\"“”]", name
    )


def _is_capitals(place: str | None) -> bool:
    letters = [c for c in place or "" if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _place_name(city: str, region: str | None) -> str:
    """ "NEW YORK" -> "New York"; a region stays as written ("SAN JOSE, Calif." -> "San Jose, Calif.")."""
    name = " ".join(word.capitalize() for word in city.split())
    return f"{name}, {squash(region)}" if region else name


def _date_of(when: str | None) -> tuple[dt.date | None, str | None]:
    """The date written in `when` (None without a year), or the impossible date it holds."""
    if not when:
        return None, None
    bad = invalid_date(when)
    if bad:
        return None, bad
    slash = _SLASH_DATE.search(when)
    if slash:  # US order, as American newsrooms print it: 3/4/2025 is March 4
        try:
            return dt.date(int(slash[3]), int(slash[1]), int(slash[2])), None
        except ValueError:
            return None, slash[0]
    try:
        return read_date(when), None
    except ValueError:
        return find_date(when), None
