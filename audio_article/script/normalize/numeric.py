"""Rules for numbers in context: money, dates, times, measures, ranges, fractions, ordinals, years."""

from __future__ import annotations

import re

from audio_article.script.normalize import adjectival, numbers
from audio_article.script.normalize.tables import (
    CURRENCIES,
    GLUED_ONLY_UNITS,
    MONEY_SUFFIXES,
    MONTH_NUMBERS,
    MONTHS,
    ONES,
    PER_UNITS,
    TIME_ZONES,
    UNITS,
)
from audio_article.textutil import MONTH_PATTERN

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_CUR = "|".join(re.escape(c) for c in sorted(CURRENCIES, key=len, reverse=True))
_SUF = "|".join(sorted(MONEY_SUFFIXES, key=len, reverse=True))
MONEY = re.compile(
    rf"(?<![\w$])(?P<cur>{_CUR})\s?(?P<a>{NUM})"
    rf"(?:\s?[-–]\s?(?:{_CUR})?\s?(?P<b>{NUM}))?"
    rf"(?:\s?(?P<suf>{_SUF})\b)?(?:\s?/\s?(?P<per>[a-z]+)\b)?",
    re.I,
)
MONTH_NAME = MONTH_PATTERN
ISO_DATE = re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b")
NUMERIC_DATE = re.compile(r"\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})\b")
MONTH_DAY = re.compile(
    MONTH_NAME + r"\.?(?:-|\s)(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?(?:-|\s)(?P<year>\d{4})\b)?", re.I
)
DAY_MONTH = re.compile(
    r"\b(?:the\s)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s(?:of\s)?"
    + MONTH_NAME
    + r"\b\.?(?:,?\s(?P<year>\d{4})\b)?",
    re.I,
)
MONTH_YEAR = re.compile(MONTH_NAME + r"\.?\s(?P<year>\d{4})\b", re.I)
ERA = re.compile(r"\b(\d{1,4})\s?(A\.?D|B\.?C\.?E?|C\.?E)\b\.?")
QUARTER = re.compile(r"\b([1-4])([QH])(\d{2})\b")
DECADE = re.compile(r"(?:(?<=\s)|^|(?<=[(\"-]))(?P<apos>')?(?:(?P<n>\d{2}|\d{3}0)s|(?P<spaced>\d{3}0) s)\b")
_ZONES = "|".join(sorted(TIME_ZONES, key=len, reverse=True))
TIME = re.compile(
    r"\b(?P<h>\d{1,2})(?:(?P<sep>[:.])(?P<m>\d{2})(?::(?P<s>\d{2}))?)?\s?"
    r"(?P<ampm>[ap]\.?\s?m\b\.?|[AP]\.?\s?M\b\.?)?"
    rf"(?:\s?(?P<tz>e\.?s\.?t\b|(?:{_ZONES})\b))?"  # the full stop after a zone ends the sentence
)
NOON_ZONE = re.compile(rf"\b([Nn]oon|[Mm]idnight)\s({_ZONES})\b")
# Headline capitals ("22 Kg", "2,500 Sq Ft") read as the units they capitalise.
_TITLED_UNITS = {
    u.title(): said
    for u, said in UNITS.items()
    if u.replace(" ", "").isalpha() and u.islower() and len(u) > 1 and u not in GLUED_ONLY_UNITS
}
_ALL_UNITS = {**_TITLED_UNITS, **UNITS}
_UNIT = "|".join(re.escape(u) for u in sorted(_ALL_UNITS, key=len, reverse=True))
MEASURE = re.compile(
    rf"(?<![\w.])(?P<sign>-)?(?P<a>{NUM})(?:\s(?P<frac>\d+/\d+))?(?:\s?[-–]\s?(?P<b>{NUM}))?"
    rf"(?:\s(?P<scale>thousand|million|billion))?(?P<space>\s?|-)(?P<unit>{_UNIT})"
    # "15 min. later": the unit's own full stop is not a sentence's end
    rf"(?:/(?P<per>{_UNIT}|[a-z]+))?(?![\w²³])(?:\.(?=\s+[a-z]))?"
)
PER_ONLY = re.compile(rf"(?<![\w.])(?P<a>{NUM})/(?P<unit>{_UNIT})\b")
PERCENT = re.compile(rf"(?<![\w.])(-?)({NUM})\s?(?:%|percent\b|per cent\b)")
RANGE = re.compile(r"(?<![\w.,-])(\d[\d,]*)\s?[-–—]\s?(\d[\d,]*)(?![\w,]*\d)(?!\.\d)")
BY = re.compile(r"\b(\d+)\s?x\s?(\d+)\b")
MIXED = re.compile(r"\b(\d+)\s(\d+)/(\d+)(?:st|nd|rd|th)?\b", re.I)
FRACTION = re.compile(r"(?<![\w/])(\d+)/(\d+)(?:st|nd|rd|th)?(?![\w/])", re.I)
ORDINAL = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+)(st|nd|rd|th)\b", re.I)
YEARLIKE = re.compile(r"(?<![\w.,$£€-])(1[1-9]\d\d|2\d\d\d)(?!\w|[.,]\d)")
NUMBER = re.compile(rf"(?<![\w.])(-)?({NUM})(?=([A-Za-z]?))")


def _month(name: str) -> str:
    return MONTHS[name.lower()[:3]]


def money(text: str) -> str:
    """Say amounts of money in words, with their currency and scale."""
    return MONEY.sub(_money, text)


def _money(m: re.Match[str]) -> str:
    cur = m["cur"].upper() if m["cur"].isalpha() else m["cur"]
    one, many, minor_one, minor_many = CURRENCIES.get(cur, CURRENCIES.get(m["cur"], CURRENCIES["$"]))
    per = f" per {PER_UNITS.get(m['per'].lower(), m['per'])}" if m["per"] else ""
    cents = "." in m["a"] and not m["suf"]  # "a $1.50 fee" keeps its plural
    if not per and not cents and adjectival.before_noun(m.string, *m.span()):
        # "a $1.4 million project": an amount before a noun is said like an adjective, in the singular.
        many = one
    if m["suf"]:
        scale = MONEY_SUFFIXES[m["suf"].lower()]
        amount = numbers.number(m["a"]) + (" to " + numbers.number(m["b"]) if m["b"] else "")
        return f"{amount} {scale} {many}{per}"
    first = _amount(m["a"], one, many, minor_one, minor_many)
    if m["b"]:
        return first + " to " + _amount(m["b"], one, many, minor_one, minor_many) + per
    return first + per


def _amount(value: str, one: str, many: str, minor_one: str, minor_many: str) -> str:
    whole, _, fraction = value.replace(",", "").partition(".")
    fraction = fraction.rstrip("0") if len(fraction) > 2 else fraction
    if len(fraction) > 2:
        return f"{numbers.decimal(whole, fraction)} {many}"
    units = int(whole or "0")
    cents = int(fraction.ljust(2, "0")) if fraction else 0
    parts = []
    if units or not cents:
        parts.append(f"{numbers.cardinal(units)} {one if units == 1 else many}")
    if cents:
        parts.append(f"{numbers.cardinal(cents)} {minor_one if cents == 1 else minor_many}")
    return " and ".join(parts)


def _date(month: int, day: int, year: str | None, day_first: bool = False) -> str:
    name = MONTH_NUMBERS.get(month)
    if name is None:
        return f"{numbers.cardinal(month)} {numbers.cardinal(day)}"
    spoken = f"the {numbers.ordinal(day)} of {name}" if day_first else f"{name} {numbers.ordinal(day)}"
    if year:
        spoken += ", " + (numbers.year(int(year)) if len(year) == 4 else _two_digit_year(year))
    return spoken


def _two_digit_year(value: str) -> str:
    return numbers.digits(value) if value.startswith("0") else numbers.cardinal(int(value))


def dates(text: str) -> str:
    """Say dates (ISO, numeric, with month names), quarters and eras."""
    text = QUARTER.sub(_quarter, text)
    text = ERA.sub(lambda m: f"{_pairs(m.group(1))} {m.group(2).replace('.', '').upper()}", text)
    text = ISO_DATE.sub(lambda m: _date(int(m[2]), int(m[3]), m[1]), text)
    text = NUMERIC_DATE.sub(_numeric_date, text)
    text = MONTH_DAY.sub(lambda m: _date(_month_number(m["month"]), int(m["day"]), m["year"]), text)
    text = DAY_MONTH.sub(
        lambda m: _date(_month_number(m["month"]), int(m["day"]), m["year"], day_first=True), text
    )
    return MONTH_YEAR.sub(lambda m: f"{_month(m['month'])} {numbers.year(int(m['year']))}", text)


def _month_number(name: str) -> int:
    return list(MONTHS).index(name.lower()[:3]) + 1


def _numeric_date(m: re.Match[str]) -> str:
    a, b, year = int(m[1]), int(m[3]), m[4]
    if m[2] == "." and len(year) == 2:
        return m.group(0)  # 1.15.20 is more likely a version number
    if a > 12 and b <= 12:
        return _date(b, a, year, day_first=True)
    if a > 12:
        return m.group(0)
    return _date(a, b, year)


def _quarter(m: re.Match[str]) -> str:
    kind = "quarter" if m[2] == "Q" else "half"
    return f"the {numbers.ordinal(int(m[1]))} {kind} of {numbers.cardinal(int(m[3]))}"


def _pairs(value: str) -> str:
    if len(value) == 3:
        return ONES[int(value[0])] + " " + numbers.cardinal(int(value[1:]))
    return numbers.year(int(value)) if len(value) == 4 else numbers.cardinal(int(value))


def decades(text: str) -> str:
    """Say decades ("1990s", "'80s") and decade ranges."""

    def say(m: re.Match[str]) -> str:
        written = m["n"] or m["spaced"]
        n = int(written)
        if len(written) == 2 and n % 10:
            return m.group(0)
        return numbers.decade(n)

    text = re.sub(r"\b(\d{4})s?[-–](\d{2,4})s\b", lambda m: f"{m[1]}s to {m[2]}s", text)
    return DECADE.sub(say, text)


def times(text: str) -> str:
    """Say clock times, with am/pm and time zones."""
    text = NOON_ZONE.sub(lambda m: f"{m[1]} {TIME_ZONES[m[2]]}", text)
    return TIME.sub(_time, text)


def _time(m: re.Match[str]) -> str:
    if not (m["ampm"] or (m["sep"] == ":" and m["m"])):
        return m.group(0)
    if m["sep"] == "." and not m["ampm"]:
        return m.group(0)
    hour = int(m["h"])
    minute = int(m["m"]) if m["m"] else 0
    if hour > 24 or minute > 59:
        return m.group(0)
    ampm = " " + _ampm(m["ampm"]) if m["ampm"] else ""
    tz = " " + _zone(m["tz"]) if m["tz"] else ""
    if m["s"] is not None:
        second = int(m["s"])
        spoken = (
            f"{numbers.cardinal(hour)} {_plural(hour, 'hour')} {numbers.cardinal(minute)} "
            f"{_plural(minute, 'minute')} and {numbers.cardinal(second)} {_plural(second, 'second')}"
        )
    elif minute == 0:
        spoken = numbers.cardinal(hour) + ("" if ampm else " o'clock")
    elif minute < 10:
        spoken = f"{numbers.cardinal(hour)} oh {ONES[minute]}"
    else:
        spoken = f"{numbers.cardinal(hour)} {numbers.cardinal(minute)}"
    return spoken + ampm + tz + (" " if m.group(0).endswith(" ") else "")


def _zone(written: str) -> str:
    """ET -> Eastern Time, e.s.t -> EST, IST -> I S T: as tables.TIME_ZONES says."""
    code = written.replace(".", "").upper()
    return TIME_ZONES.get(code, code)


def _ampm(written: str) -> str:
    """Keep the writer's form (AM or a.m.): engines read both as letters, and style guides differ."""
    letter = written[0].lower()
    return f"{letter.upper()}M" if "." not in written else f"{letter}.m."


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def time_ranges(text: str) -> str:
    """Say "to" for the dash after an am/pm time ("9am-5pm")."""
    return re.sub(r"\b([AaPp]\.?[Mm]\b\.?)\s?[-–]\s?(?=\w)", r"\1 to ", text)


def measures(text: str) -> str:
    """Say percentages, dimensions and measures with their units."""
    text = PERCENT.sub(lambda m: ("minus " if m[1] else "") + numbers.number(m[2]) + " percent", text)
    text = BY.sub(
        lambda m: (
            f"{m[1]} by {m[2]}"
            if re.match(r"\s?(m2|m²|ft|cm|mm|m)\b", text[m.end() :])
            else f"{m[1]} x {m[2]}"
        ),
        text,
    )
    text = MEASURE.sub(_measure, text)
    return PER_ONLY.sub(lambda m: f"{numbers.number(m['a'])} per {_ALL_UNITS[m['unit']][0]}", text)


def _measure(m: re.Match[str]) -> str:
    unit = m["unit"]
    if unit in GLUED_ONLY_UNITS and m["space"]:
        return m.group(0)  # "5 m people", and "3-in-1" too
    singular, plural = _ALL_UNITS[unit]
    adjective = m["space"] == "-" or adjectival.before_noun(m.string, *m.span())
    amount = ("minus " if m["sign"] else "") + numbers.number(m["a"])
    if m["frac"]:
        numerator, denominator = (int(part) for part in m["frac"].split("/"))
        amount += " and " + _fraction(numerator, denominator, mixed=True)
    if m["b"]:
        amount += " to " + numbers.number(m["b"])
    if m["scale"]:
        amount += " " + m["scale"]
    is_one = m["a"] == "1" and not (m["b"] or m["frac"] or m["scale"])
    said = singular if is_one or adjective else plural
    if m["per"]:
        said += " per " + UNITS.get(m["per"], (PER_UNITS.get(m["per"], m["per"]),))[0]
    if adjective:
        return adjectival.measure_adjective(amount, said)  # "a twenty-two-kilogram rover"
    return f"{amount} {said}"


def ranges(text: str) -> str:
    """Say number ranges ("10-20") with "to"."""
    return RANGE.sub(_range, text)


def _range(m: re.Match[str]) -> str:
    a_text, b_text = m[1].replace(",", ""), m[2].replace(",", "")
    a, b = int(a_text), int(b_text)
    if len(a_text) == 4 and 1000 <= a < 2100 and (len(b_text) in (2, 4)):
        return f"{numbers.year(a)} to {numbers.year(b) if len(b_text) == 4 else numbers.cardinal(b)}"
    if b < a and len(a_text) > 2:
        return f"{numbers.number(m[1])}, {numbers.number(m[2])}"
    return f"{numbers.number(m[1])} to {numbers.number(m[2])}"


def fractions(text: str) -> str:
    """Say fractions and mixed numbers in words."""
    text = re.sub(r"\b24/7\b", "twenty-four seven", text)
    text = MIXED.sub(
        lambda m: f"{numbers.cardinal(int(m[1]))} and {_fraction(int(m[2]), int(m[3]), True)}", text
    )
    return FRACTION.sub(lambda m: _fraction(int(m[1]), int(m[2])), text)


def _fraction(numerator: int, denominator: int, mixed: bool = False) -> str:
    if denominator == 1:
        return f"{numbers.cardinal(numerator)} over one"
    if denominator == 0:
        return f"{numbers.cardinal(numerator)} over zero"
    if denominator == 2:
        name = "half" if numerator == 1 else "halves"
    elif denominator == 4:
        name = "quarter" if numerator == 1 else "quarters"
    else:
        name = numbers.ordinal(denominator) + ("" if numerator == 1 else "s")
    if numerator == 1 and mixed and denominator == 2:
        return "a half"
    return f"{numbers.cardinal(numerator)} {name}"


def ordinals(text: str) -> str:
    """Say written ordinals ("21st") in words."""
    return ORDINAL.sub(_ordinal, text)


def _ordinal(m: re.Match[str]) -> str:
    n = int(m[1].replace(",", ""))
    expected = numbers.ordinal(n)[-2:]
    if m[2].lower() == expected:
        return numbers.ordinal(n)
    return f"{numbers.cardinal(n)} {m[2].lower()}"


def years(text: str) -> str:
    """Say four-digit years the way years are read ("nineteen eighty-four")."""
    return YEARLIKE.sub(lambda m: numbers.year(int(m[1])), text)


def plain_numbers(text: str) -> str:
    """Say every remaining number in words."""

    def say(m: re.Match[str]) -> str:
        spoken = numbers.number(("-" if m[1] else "") + m[2])
        return spoken + (" " if m[3] else "")

    return NUMBER.sub(say, text)
