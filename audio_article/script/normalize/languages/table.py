"""What a language's normalizer needs to know, as data: one `LanguageTable` per language module.

The rules (`locale_rules.py`) are the same code for every language; what differs
(month names, the word for "per cent", where the euro sign stands, how a year
or a decimal is read, the language's abbreviations) is here, filled in by
`de.py`, `fr.py` ... from each language's own newsroom style guide.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LanguageTable:
    """One language's spoken forms, for the shared locale rules."""

    code: str  # ISO 639-1
    name: str  # in English, for messages
    num2words: str  # num2words' locale
    months: tuple[str, ...]  # January..December
    decimal_word: str  # "Komma", "virgule"
    percent_word: str
    minus_word: str
    and_word: str  # "&"
    # currency symbol or code -> (singular, plural); the minor unit (cents) after the amount
    currencies: dict[str, tuple[str, str]]
    cents: tuple[str, str]
    money_joiner: str  # between euros and cents: "" (de "zwölf Euro fünfzig"), "con" (es)
    time_format: str  # "{h} Uhr {m}"; minutes == 0 uses time_hour
    time_hour: str
    time_after: str  # a word that follows the time in writing ("Uhr", "uur", "horas") and is folded in
    date_format: str  # "{day} {month} {year}": the spoken date
    day_first: str  # the first of the month: "premier", "primo"; "" reads it as a cardinal
    ordinal_suffixes: tuple[str, ...]  # written after the digits: "e", "er", "º", "." (de)
    abbreviations: dict[str, str]  # whole tokens only
    units: dict[str, str]  # after a number: "km" -> "Kilometer"
    scales: dict[str, str]  # "Mio." -> "Millionen", before a currency
    decimals_by_digit: bool = False  # German reads "3,14" as "drei Komma eins vier"
    year_form: bool = False  # a year is read in the num2words "year" form (de, nl: hundreds)
    # words that follow a cardinal when a noun follows: ("eins", "ein") for German
    before_noun: tuple[tuple[str, str], ...] = ()
    dative_after: tuple[str, ...] = ()  # de: "am 3. Mai" -> "am dritten Mai"
