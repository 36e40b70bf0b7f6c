"""Small text helpers shared by the parsers and the script stage."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import urllib.parse

from unidecode import unidecode

from audio_article.models import RelatedLink

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}  # "jan" -> 1
# A month's name or its abbreviation ("Sept" too), as the group "month"; a full stop may follow.
MONTH_PATTERN = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH = MONTH_PATTERN + r"\.?"
_DATE_PATTERNS = (
    # Not inside longer digit runs: "99999-01-01" is no date, not 9999-01-01.
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?!\d)"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})", re.I),
)
# Any digits-dash-digits-dash-digits, then nothing or a time: to tell "2025-02-30" apart from "no date".
_LOOSE_ISO = re.compile(r"(?P<year>\d+)-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?=$|[Tt ]\d)")
_LOOSE_ISO_ANYWHERE = re.compile(r"(?<![\d-])\d+-\d{1,2}-\d{1,2}(?![\d-])")
TRAILER = re.compile(
    r"^(also read|related(?: stories| articles| coverage)?|read more|read also|see also|more from \w[\w ]*)"
    r"\s*:?\s*(?P<rest>.*)$",
    re.I,
)
WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """Collapse runs of whitespace into single spaces and strip the ends."""
    return WS.sub(" ", text).strip()


def find_date(text: str) -> dt.date | None:
    """The first calendar date written in `text`, if any; impossible dates are skipped."""
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        try:
            return _match_date(match)
        except ValueError:
            continue
    return None


def read_date(text: str) -> dt.date:
    """The date `text` holds (ISO, maybe with a time, or with a month name); ValueError says why not."""
    stripped = text.strip()
    iso = _LOOSE_ISO.match(stripped)
    if iso:
        if len(iso["year"]) != 4:
            raise ValueError("is not a real date (the year needs four digits)")
        try:
            return dt.date(int(iso["year"]), int(iso["mnum"]), int(iso["day"]))
        except ValueError:
            raise ValueError("is not a real date") from None
    for pattern in _DATE_PATTERNS[1:]:
        match = pattern.search(stripped)
        if match:
            try:
                return _match_date(match)
            except ValueError:
                raise ValueError("is not a real date") from None
    raise ValueError("is not a date (write it as YYYY-MM-DD)")


def invalid_date(text: str) -> str | None:
    """The first date-shaped part of `text` that is no real date ("2025-02-30", "February 30, 2025")."""
    for pattern in (_LOOSE_ISO_ANYWHERE, *_DATE_PATTERNS[1:]):
        for match in pattern.finditer(text):
            try:
                read_date(match.group(0))
            except ValueError:
                return match.group(0)
    return None


def _match_date(match: re.Match[str]) -> dt.date:
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower()[:3]]
    return dt.date(int(groups["year"]), month, int(groups["day"]))


def is_trailer_marker(line: str) -> re.Match[str] | None:
    """Match lines such as "Also Read:" that open a list of related links."""
    return TRAILER.match(line.strip())


def related_from_lines(lines: list[str]) -> tuple[RelatedLink, ...]:
    """Related items from plain lines: "Title" or "Title - https://..." or a bare URL."""
    items = []
    for line in lines:
        line = squash(line.lstrip("-*•· "))
        if not line:
            continue
        url_match = re.search(r"https?://\S+", line)
        url = url_match.group(0) if url_match else None
        title = squash(line.replace(url, "")).rstrip(" -–—:|") if url else line
        items.append(RelatedLink(title=title or (url or ""), url=url))
    return tuple(items)


_RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)


def ascii_slug(text: str, max_length: int = 80) -> str:
    """A safe ASCII file stem: lowercase letters, digits and single hyphens, transliterated.

    Unidecode spells any script in ASCII (Łódź → lodz, Київ → kiyiv, Ελλάδα →
    ellada, 天气 → tian-qi), so no title is left without a readable name.
    """
    ascii_text = unidecode(unicodedata.normalize("NFC", text), errors="ignore")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    if slug in _RESERVED_NAMES:  # Windows device names, should the folder ever be synced there
        slug += "-article"
    return slug or "article"


_UNSPEAKABLE_CATEGORIES = frozenset({"So", "Sk", "Co", "Cn", "Cs", "Cf", "Cc", "Me", "Zl", "Zp"})


def is_speakable(char: str) -> bool:
    """Letters, combining accents, digits, punctuation, spaces, maths and currency signs."""
    if char in "\n\t":
        return True
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:  # variation selectors (Mn, yet emoji)
        return False
    return unicodedata.category(char) not in _UNSPEAKABLE_CATEGORIES


def has_words(text: str) -> bool:
    """True when `text` holds at least one letter or digit (something to say)."""
    return any(c.isalnum() for c in text)


def ends_sentence(text: str) -> bool:
    """True when `text` ends with sentence punctuation, closing quotes or brackets allowed."""
    return bool(re.search(r"[.!?…:;][\"'”’)\]]*$", text.strip()))


def is_url(ref: str) -> bool:
    """True for anything with a scheme (`https://`, `ftp://`...): a reference to fetch, not a file path."""
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", ref) is not None


def is_http_url(value: str) -> bool:
    """True when `value` is an absolute http or https URL (the one kind the tool fetches or publishes)."""
    try:
        scheme = urllib.parse.urlsplit(value).scheme
    except ValueError:  # a malformed authority, such as an unclosed IPv6 bracket
        return False
    return scheme.lower() in ("http", "https")
