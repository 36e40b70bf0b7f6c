"""The layouts of bylines, date stamps and datelines, as data (read by `bylines.py`).

A metadata line is one or more fields split by `FIELD_SEPARATOR`; each field
must match one of `FIELD_LAYOUTS` in full. The placeholders stand for:

    {who}     one or more names ("Maria Okafor", "Ana Ruiz and Ben Cole")
    {credit}  an agency or a role after a comma ("Reuters", "Staff Writer")
    {when}    a date with its year, perhaps with a weekday and a time
    {day}     {when}, a date without its year, or "2 hours ago"
    {place}   a city in capitals ("NAIROBI"), {region} what follows it ("Kenya")

Names, credits and places are checked in code (capitalised words; a place in
capitals), since Python's `re` has no class for upper-case letters.
"""

from __future__ import annotations

from audio_article.textutil import MONTH_PATTERN

_MONTH = MONTH_PATTERN.replace("?P<month>", "?:") + r"\.?"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_ZONE = r"(?:[ECMPA][SD]?T|UTC|GMT|BST|CES?T|EAT|WAT|CAT|IST|JST|AES?[DT]T?|HKT|SGT)"
TIME = (
    r"(?:\d{1,2}(?::\d{2}\s*(?:[ap]\.?\s?m\b\.?)?|\s*[ap]\.?\s?m\b\.?)"
    r"(?:\s*\(?" + _ZONE + r"\b\)?)?|noon|midnight)"
)
DATE_WITH_YEAR = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+\d{4}"
    r"|\d{1,2}/\d{1,2}/\d{4})"
)
DATE_NO_YEAR = r"(?:" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r")"
WHEN = (
    r"(?P<when>(?:"
    + TIME
    + r",?\s+(?:on\s+)?)?(?:"
    + _WEEKDAY
    + r",?\s+)?"
    + DATE_WITH_YEAR
    + r"(?:(?:,\s*|\s+)(?:at\s+)?"
    + TIME
    + r")?)"
)
DAY = (
    r"(?P<when>(?:" + TIME + r",?\s+(?:on\s+)?)?(?:" + _WEEKDAY + r",?\s+)?"
    r"(?:" + DATE_WITH_YEAR + r"|" + DATE_NO_YEAR + r")(?:(?:,\s*|\s+)(?:at\s+)?" + TIME + r")?"
    r"|\d{1,3}\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago|today|yesterday)"
)
_NAME_TEXT = r"[^\W\d_][^|\d]*?"  # starts with a letter, holds no digits; checked in code
PLACEHOLDERS = {
    "who": r"(?P<who>" + _NAME_TEXT + r")",
    "credit": r"(?P<credit>[^\W\d_][^,|\d]*?)",
    "when": WHEN,
    "day": DAY,
    "place": r"(?P<place>[^\W\d_][^\W\d_.'’ -]*(?:[.'’ -]+[^\W\d_]+)*\.?)",
    "region": r"(?P<region>[^\W\d_][^\W\d_.'’ -]*(?:[.'’ -]+[^\W\d_]+)*\.?)",
}
STAMP_LABEL = r"(?P<label>first published|published|last updated|updated|posted|last modified|modified)"

# (kind, layout): tried in order against each field, case-insensitively.
FIELD_LAYOUTS: tuple[tuple[str, str], ...] = (
    # By Maria Okafor / By Kwame Osei, Reuters / By Jane Doe, 2025-02-03 / By A and B, March 3, 2025
    ("byline", r"by:?\s+{who}(?:,\s*{credit})?(?:(?:,\s*|\s+)(?:on\s+)?{when})?"),
    # Published March 3, 2025 / Last updated: March 4, 2025 at 9:00 a.m. / Posted on March 3, 2025 by Jo Ng
    ("stamp", STAMP_LABEL + r"(?:\s+on)?\s*:?\s*{day}(?:,?\s+by\s+{who})?"),
    # March 3, 2025, 11:45 p.m. ET (after a separator, or a line of its own)
    ("dated", r"(?:on\s+)?{when}"),
    # NAIROBI, Kenya, March 3, 2025 (the second half of "Maria Okafor — NAIROBI, March 3, 2025")
    ("dateline", r"{place}(?:,\s*{region})?,\s*{when}"),
    # Maria Okafor: a name alone, taken only on a line that also holds a date
    ("name", r"{who}"),
)
FIELD_SEPARATOR = r"\s*[|•·]\s*|\s+[—–]\s+|\s+-{1,2}\s+"

# Words that make a byline's credit a job title rather than an agency ("By Jo Ng, Staff Writer").
ROLE_WORDS = (
    r"\b(?:staff|writer|reporter|correspondent|editor|contributor|columnist|critic|producer|"
    r"bureau|chief|special to|for the|photographer|intern|fellow)\b"
)
# Lower-case words allowed inside names and agency names.
NAME_PARTICLES = frozenset(
    {
        "de",
        "da",
        "di",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "le",
        "la",
        "al",
        "el",
        "bin",
        "ibn",
        "dos",
        "das",
        "du",
        "ter",
        "ten",
        "y",
        "of",
        "the",
        "for",
        "and",
    }
)
# A dateline opening the first paragraph: "NAIROBI, Kenya —", "WASHINGTON (AP) —", "PARIS, March 3 —".
PARAGRAPH_DATELINE = (
    r"^{place}(?:,\s*{region})?(?:,?\s+(?P<date>(?i:" + DATE_WITH_YEAR + r"|" + DATE_NO_YEAR + r")))?"
    r"\s*(?:\((?P<agency>[^()\d]{2,40})\))?\s*(?:—|–|--|\s-\s)\s*(?=\S)"
)
