"""The ordered normalization rules, each a small `str -> str` function.

Order matters: addresses that are read symbol by symbol go first (so their
dots are not taken for decimals), then abbreviations (so "No. 5" is still
recognisable), then numbers from the most specific context (money, dates,
times, measures) to the least (plain numbers), and finally capital-letter
words, symbols and spacing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from audio_article.script.normalize import designators, electronic, numeric, periods, ratings, roman, streets
from audio_article.script.normalize.numbers import cardinal, number
from audio_article.script.normalize.tables import (
    ABBREVIATIONS,
    ACRONYM_SAY,
    ACRONYM_WORDS,
    NOT_ROMAN,
    SYMBOL_NAMES,
    SYMBOLS,
    TYPOGRAPHY,
)
from audio_article.textutil import is_speakable

Rule = Callable[[str], str]

_ABBREVIATION = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?=\s|$|[,;:)])"
)
_ACRONYM = re.compile(r"(?<![\w&'-])([A-Z][A-Z&]{1,5})(s|'s)?(?![\w&-])")
_DOTTED = re.compile(r"(?<![\w.])((?:[A-Za-z]\.){2,})(?!\w)")


def typography(text: str) -> str:
    """Curly quotes, odd spaces and ellipses -> plain forms engines read well."""
    return text.translate(TYPOGRAPHY)


def strays(text: str) -> str:
    """What no engine can say and no rule reads (controls, unassigned or private-use code points,
    emoji) becomes a space before any rule reads the text.

    Dropped late, such a character would join what the earlier rules saw apart
    ("A.\\bA"), and normalizing the result again would read it differently. The
    symbols that rules read (READ_SYMBOLS) wait for them and `unspeakable`.
    """
    if text.isascii():
        return _STRAY_ASCII.sub(" ", text)
    return "".join(c if is_speakable(c) or c in READ_SYMBOLS else " " for c in text)


_STRAY_ASCII = re.compile(r"[\x00-\x08\x0b-\x1f\x7f`^]")  # as in `unspeakable`
# Symbols (Unicode "So") that a rule reads: the degree sign of measures, and those said as words.
READ_SYMBOLS = frozenset({"°", *SYMBOL_NAMES})


def special_words(text: str) -> str:
    """Say a few fixed expressions ("401(k)", "and/or", "3 x 4")."""
    text = text.replace("401(k)", "four oh one k")
    text = re.sub(r"(?<=\d)\s?[*×]\s?(?=\d)", " times ", text)
    return re.sub(r"\band/or\b", "and or", text)


def abbreviations(text: str) -> str:
    """Expand abbreviations ("St.", "No.", titles and the table's others)."""
    text = re.sub(r"\bSt\.(?=\s+[A-Z])(?<!\d\sSt\.)", "Saint", text)  # St. Louis, St. Mary's
    text = re.sub(r"(?<=[A-Za-z])\sSt\.(\s*)$", r" Street.\1", text)  # the full stop also ends the sentence
    text = re.sub(r"(?<=[A-Za-z])\sSt\.", " Street", text)
    text = re.sub(r"\bNo\.\s?(?=\d)", "number ", text)
    text = re.sub(r"\bNos\.\s?(?=\d)", "numbers ", text)
    text = re.sub(r"#\s?(?=\d)", "number ", text)
    text = _ABBREVIATION.sub(
        lambda m: ABBREVIATIONS[m.group(1)] + ("." if not text[m.end() :].strip() else ""), text
    )
    text = re.sub(r"(?<!\.)\b([A-Z])\.(?=\s[A-Z])", r"\1", text)  # initials: C. S. Lewis, not "U.S. Then"
    return _DOTTED.sub(_dotted, text)


def _dotted(m: re.Match[str]) -> str:
    """U.S. -> US (engines spell it; the dots would look like sentence ends); a.m. stays."""
    letters = m.group(1).replace(".", "")
    if letters.lower() in ("am", "pm"):
        return m.group(0)
    # At the end of a sentence the stop was also the full stop: keep it for the intonation.
    return letters.upper() + ("." if not m.string[m.end() :].strip() else " ")


def acronyms(text: str) -> str:
    """Say acronyms as the table says, leave spoken ones as words, spell the rest."""

    def say(m: re.Match[str]) -> str:
        word, suffix = m.group(1), m.group(2) or ""
        if word in ACRONYM_SAY:
            return ACRONYM_SAY[word] + suffix
        if word in ACRONYM_WORDS or word in NOT_ROMAN:
            return m.group(0)
        if "&" in word:
            return " and ".join(" ".join(part) for part in word.split("&") if part) + suffix
        # Engines spell unknown capitals themselves ("FBI") and read pronounceable
        # ones as words ("NATO"); spacing the letters out would make "A" a schwa.
        return m.group(0)

    text = _DOTTED.sub(_dotted, text)  # again: numbers may have freed some ("0X.X.")
    return _ACRONYM.sub(say, text)


def letter_digit_words(text: str) -> str:
    """Q3 -> Q three, G7 -> G seven: a letter code glued to a number."""
    return re.sub(r"\b([A-Z]{1,3})(\d{1,3})\b", lambda m: f"{m[1]} {cardinal(int(m[2]))}", text)


def leftover_digits(text: str) -> str:
    """Whatever digits no rule claimed (codes like X0A7) are still read as numbers, never as symbols."""
    return re.sub(r"\d+", lambda m: f" {number(m.group(0))} ", text)


def symbols(text: str) -> str:
    """Say symbols in words ("&", "/", "°" and the table's others)."""
    for symbol, word in SYMBOLS.items():
        text = text.replace(symbol, word)
    text = re.sub(r"\s?/\s?", " slash ", text)
    return re.sub(r"\s?°\s?", " degrees ", text)


def unspeakable(text: str) -> str:
    """Emoji, pictographs, flags, variation selectors, private-use and format characters become spaces.

    Engines either skip them or read out Unicode names ("party popper") in the
    middle of a sentence; a few common marks are said as words instead.
    """
    if text.isascii():  # the common case, without a per-character loop
        return re.sub(r"[\x00-\x08\x0b-\x1f\x7f`^]", " ", text)  # controls, and the Sk marks ` ^
    for symbol, word in SYMBOL_NAMES.items():
        text = text.replace(symbol, word)
    return "".join(c if is_speakable(c) else " " for c in text)


def dashes(text: str) -> str:
    """A spaced or doubled dash is a pause, not a word."""
    return re.sub(r"\s*(?:--|[—―])\s*|\s+[–-]\s+", ", ", text)


def spacing(text: str) -> str:
    """Tidy spaces: none before punctuation, single spaces between words."""
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()


RULES: tuple[Rule, ...] = (
    typography,
    strays,
    special_words,
    electronic.electronic,
    electronic.phones,
    streets.compass_points,
    electronic.addresses,
    streets.streets,
    abbreviations,
    designators.designators,
    periods.periods,
    ratings.ratings,
    numeric.money,
    numeric.dates,
    numeric.times,
    numeric.time_ranges,
    numeric.decades,
    numeric.measures,
    numeric.ranges,
    numeric.fractions,
    numeric.ordinals,
    numeric.years,
    letter_digit_words,
    numeric.plain_numbers,
    leftover_digits,
    roman.roman_numerals,
    acronyms,
    symbols,
    unspeakable,
    dashes,
    spacing,
)
