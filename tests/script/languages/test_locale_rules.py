"""The shared locale rules over every table: hundreds of amounts, dates, times and percentages each.

The expected words come from num2words, read independently of the rules: what
is checked is that each rule finds the written form (separators, symbols,
order) and says it in the table's order with the table's words.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from num2words import num2words

from audio_article.script.normalize.languages.registry import TABLES
from audio_article.script.normalize.languages.table import LanguageTable
from audio_article.script.normalize.normalizer import normalize_text

LANGUAGES = sorted(TABLES)


def _n(n: int, table: LanguageTable, to: str = "cardinal") -> str:
    said = str(num2words(n, lang=table.num2words, to=to))
    return said[3:] if table.code == "de" and said.startswith(("einhundert", "eintausend")) else said


def _before_noun(said: str, table: LanguageTable) -> str:
    """A cardinal before a noun takes its short form: German "hunderteins Euro" -> "hundertein Euro"."""
    for ending, replacement in table.before_noun:
        if re.search(rf"\b\w*?{ending}$", said):
            return said[: len(said) - len(ending.removeprefix("\\b"))] + replacement
    return said


def _grouped(n: int, table: LanguageTable) -> str:
    """ "12.500" (a dot) or "12 500" (French: a space), as the locale writes thousands."""
    return f"{n:,}".replace(",", " " if table.code == "fr" else ".")


def _check(cases: list[tuple[str, str]], language: str) -> None:
    wrong = [(w, s, got) for w, s in cases if (got := normalize_text(w, language)) != s]
    assert not wrong, f"{len(wrong)}/{len(cases)} wrong, e.g. {wrong[:3]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_whole_amounts_of_euros(language: str) -> None:
    table = TABLES[language]
    cases = []
    for euros in [*range(2, 120), *range(120, 100_000, 997)]:
        written = _grouped(euros, table)
        cases.append((f"{written} €", f"{_before_noun(_n(euros, table), table)} {table.currencies['€'][1]}"))
    assert len(cases) >= 200
    _check(cases, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_amounts_with_cents(language: str) -> None:
    table = TABLES[language]
    cases = []
    for euros in range(2, 40, 3):
        for cents in range(2, 99, 6):
            unit = f" {table.cents[1]}" if table.cents[1] else ""
            joiner = f" {table.money_joiner}" if table.money_joiner else ""
            amount = f"{_before_noun(_n(euros, table), table)} {table.currencies['€'][1]}"
            said = f"{amount}{joiner} {_n(cents, table)}{unit}"
            cases.append((f"{euros},{cents:02d} €", said))
    assert len(cases) >= 200
    _check(cases, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_day_of_a_year_in_numbers(language: str) -> None:
    table = TABLES[language]
    separator = {"de": ".", "nl": "-"}.get(language, "/")
    cases = []
    day = dt.date(2025, 1, 1)
    while day.year == 2025:
        written = f"{day.day}{separator}{day.month}{separator}{day.year}"
        if language == "de":
            spoken_day = _n(day.day, table, "ordinal")
        elif day.day == 1 and table.day_first:
            spoken_day = table.day_first
        else:
            spoken_day = _n(day.day, table)
        said = table.date_format.format(
            day=spoken_day, month=table.months[day.month - 1], year=_n(2025, table)
        )
        cases.append((written, said))
        day += dt.timedelta(days=1)
    _check(cases, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_times_through_the_day(language: str) -> None:
    table = TABLES[language]
    cases = []
    for minute_of_day in range(0, 24 * 60, 7):
        hours, minutes = divmod(minute_of_day, 60)
        hour_words = "une" if language == "fr" and hours == 1 else _n(hours, table)
        if language == "de":  # "ein Uhr drei"
            hour_words = _before_noun(hour_words, table)
        if minutes:
            said = table.time_format.format(h=hour_words, m=_n(minutes, table))
        else:
            said = "une heure" if hour_words == "une" else table.time_hour.format(h=hour_words)
        cases.append((f"{hours}:{minutes:02d}", said))
    assert len(cases) >= 200
    _check(cases, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_percentages_with_the_decimal_comma(language: str) -> None:
    table = TABLES[language]
    cases = []
    for tenths in range(11, 1000, 4):
        whole, tenth = divmod(tenths, 10)
        said = f"{_n(whole, table)} {table.decimal_word} {_n(tenth, table)} {table.percent_word}"
        cases.append(
            (
                f"{whole},{tenth} %" if tenth else f"{whole} %",
                said if tenth else f"{_n(whole, table)} {table.percent_word}",
            )
        )
    assert len(cases) >= 200
    _check(cases, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_cardinals_with_thousands_separators(language: str) -> None:
    table = TABLES[language]
    cases = [(_grouped(n, table), _n(n, table)) for n in range(10_000, 3_000_000, 9_973)]
    assert len(cases) >= 200
    _check(cases, language)
