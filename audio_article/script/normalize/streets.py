"""Street abbreviations by context: "400 W. 42nd St." is "four hundred West forty-second Street".

A compass letter ("W.", "NE") is a direction only before a street: one to three
names or an ordinal, then a street word ("W. 42nd St.", "E. Main St."), so
"George W. Bush" keeps its initial. A street word without its full stop
("Main St", "3rd Ave") is expanded after a name or an ordinal; "Dr." after a
street name is "Drive" ("Mulholland Dr."), before a name "Doctor"; "St" before
a name that follows no street name is "Saint" ("St Louis").
"""

from __future__ import annotations

import re

from audio_article.script.normalize.tables import COMPASS, STREET_WORDS

_STREET = "|".join(sorted({w for w in STREET_WORDS if w[0].isupper()}, key=len, reverse=True))
_NAME = r"(?:\d+(?:st|nd|rd|th)|[A-Z][\w'’]*)"
COMPASS_STREET = re.compile(rf"\b(NE|NW|SE|SW|N|S|E|W)\.?\s(?={_NAME}(?:\s{_NAME}){{0,2}}\s(?:{_STREET})\b)")
# "Main St", "3rd Ave": a street word without its full stop, after a capitalised name or an ordinal.
BARE_STREET = re.compile(rf"\b({_NAME})\s({_STREET})(?![\w.'’])(?P<name_after>\s[A-Z][a-z])?")
DRIVE = re.compile(rf"\b({_NAME})\sDr\.(?!\s+[A-Z])")
SAINT = re.compile(r"(?P<before>\S+\s)?\bSt\.?\s(?=[A-Z][a-z])")


def compass_points(text: str) -> str:
    """Say a compass letter before a street as its direction ("W. 42nd St." -> "West 42nd St.")."""
    return COMPASS_STREET.sub(lambda m: COMPASS[m[1]] + " ", text)


def streets(text: str) -> str:
    """Say street words and "Saint" by their place (after `electronic.addresses` read whole addresses)."""
    text = DRIVE.sub(lambda m: f"{m[1]} Drive" + ("." if not m.string[m.end() :].strip() else ""), text)
    text = SAINT.sub(_saint, text)
    return BARE_STREET.sub(_bare_street, text)


def _saint(m: re.Match[str]) -> str:
    before = m["before"] or ""
    if re.fullmatch(rf"{_NAME}\s", before):
        return m.group(0)  # "Elm St. Louis said": the street's, left to the abbreviations
    return before + "Saint "


def _bare_street(m: re.Match[str]) -> str:
    if m["name_after"] and m[2] in ("St", "Dr"):
        return m.group(0)  # "Meet Dr Smith", "Main St Louis": a title before a name
    return f"{m[1]} {STREET_WORDS[m[2]]}{m['name_after'] or ''}"
