"""Reporting periods: quarters and halves ("Q1 2026"), fiscal years ("FY2026").

The convention is the newsroom style of ../shared/tn ("In Q3 the firm grew" is
"In Q three the firm grew"), which is also how business broadcasters read the
code: "Q one", "H two". A year after the code is set off by a pause ("Q one,
twenty twenty-six"): run together, "Q one twenty twenty-six" is heard as "Q
one hundred twenty". "FY2026" is "fiscal year twenty twenty-six".
"""

from __future__ import annotations

import re

from audio_article.script.normalize import numbers

# After `typography`, so a curly apostrophe ("Q2 ’25") is already a straight one.
PERIOD = re.compile(
    r"\b([QH])([1-4])(?:\s?(?:[-/]\s?)?(?P<year>\d{4}|'\d{2})|\s(?P<fy>FY\s?(?:\d{4}|\d{2})))?\b"
)
APOSTROPHE = "'"
FISCAL = re.compile(r"\bFY\s?(?P<year>\d{4}|\d{2})\b")


def periods(text: str) -> str:
    """Say quarter, half and fiscal-year codes: "Q one, twenty twenty-six", "fiscal year twenty-six"."""
    text = PERIOD.sub(_period, text)
    return FISCAL.sub(lambda m: "fiscal year " + _year(m["year"]), text)


def _period(m: re.Match[str]) -> str:
    if m[1] == "H" and m[2] not in "12":
        return m.group(0)
    code = f"{m[1]} {numbers.cardinal(int(m[2]))}"
    if m["year"]:
        return f"{code}, {_year(m['year'].lstrip(APOSTROPHE))}"
    if m["fy"]:
        return f"{code}, {m['fy']}"
    return code


def _year(written: str) -> str:
    if len(written) == 2:
        return numbers.digits(written) if written.startswith("0") else numbers.cardinal(int(written))
    return numbers.year(int(written))
