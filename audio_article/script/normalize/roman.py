"""Roman numerals after names and titles: "Henry the eighth", "World War two", "Artemis three".

Regnal names (monarchs, popes: tables.ROMAN_CONTEXT_ORDINAL_NAMES and
MORE_REGNAL_NAMES) take an ordinal with "the"; the words of
ROMAN_CONTEXT_CARDINAL_WORDS ("War", "Title", "Super Bowl", "Chapter") take a
cardinal, any numeral. After any other capitalised name, a numeral of two or
more of the letters I, V and X is a sequence number and takes a cardinal
("Artemis three", "Final Fantasy seven"), except II-IV after a person's
first and last name, a family suffix ("Robert Griffin the third"). Single
letters ("I" the pronoun, "Plan V") and numerals with L, C, D or M ("Washington
DC", "MD") are read as numerals only after the context words.
"""

from __future__ import annotations

import re

from audio_article.script.normalize.numbers import cardinal, ordinal
from audio_article.script.normalize.tables import (
    MORE_REGNAL_NAMES,
    NOT_NOUNS_AFTER_AMOUNT,
    NOT_ROMAN,
    ROMAN_CONTEXT_CARDINAL_WORDS,
    ROMAN_CONTEXT_ORDINAL_NAMES,
)

_LETTERS = tuple(
    zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ["M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"],
        strict=True,
    )
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN = re.compile(r"\b([A-Z][a-z]+|[A-Z]{2,})\s([IVXLCDM]{1,7})\b('s)?(?!'\w|\.\w)")
_REGNAL = ROMAN_CONTEXT_ORDINAL_NAMES | MORE_REGNAL_NAMES
_SEQUENCE = re.compile(r"(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})")
_NOT_SEQUENCE = NOT_ROMAN | {"XX", "XXX"}
_FAMILY_SUFFIXES = {"II", "III", "IV"}
_NAME_BEFORE = re.compile(r"(?:^|\s)([A-Z][a-z]*)\.?\s$")


def roman_numerals(text: str) -> str:
    """Say Roman numerals after names and words that take them ("Henry VIII", "Artemis III")."""
    return _ROMAN.sub(_say, text)


def _say(m: re.Match[str]) -> str:
    word, numeral, possessive = m[1], m[2], m[3] or ""
    value = roman_value(numeral)
    if value is None:
        return m.group(0)
    if word.capitalize() in _REGNAL:
        return f"{word} the {ordinal(value)}{possessive}"
    if word.capitalize() in ROMAN_CONTEXT_CARDINAL_WORDS:
        return f"{word} {cardinal(value)}{possessive}"
    if not _is_sequence(word, numeral):
        return m.group(0)
    if numeral in _FAMILY_SUFFIXES and _follows_first_name(m.string[: m.start()]):
        return f"{word} the {ordinal(value)}{possessive}"
    return f"{word} {cardinal(value)}{possessive}"


def _is_sequence(word: str, numeral: str) -> bool:
    """A numeral read after any name: I, V and X only, two letters or more, after a word in lower case."""
    return (
        not word.isupper()
        and word.lower() not in NOT_NOUNS_AFTER_AMOUNT
        and numeral not in _NOT_SEQUENCE
        and _SEQUENCE.fullmatch(numeral) is not None
    )


def _follows_first_name(before: str) -> bool:
    """True when the name before the numeral follows another name or an initial ("Robert Griffin III")."""
    found = _NAME_BEFORE.search(before)
    return found is not None and found[1].lower() not in NOT_NOUNS_AFTER_AMOUNT


def roman_value(numeral: str) -> int | None:
    """The value of a canonical Roman numeral ("XIV" 14), None for letters that are not one ("IIII", "VX")."""
    total = 0
    values = [_ROMAN_VALUES[c] for c in numeral]
    for i, value in enumerate(values):
        total += -value if i + 1 < len(values) and values[i + 1] > value else value
    return total if _to_roman(total) == numeral else None


def _to_roman(n: int) -> str:
    out = ""
    for value, letters in _LETTERS:
        while n >= value:
            out += letters
            n -= value
    return out
