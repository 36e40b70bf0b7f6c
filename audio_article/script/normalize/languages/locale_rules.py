"""The normalization rules of every non-English language: the same code over each `LanguageTable`.

Order as in the English rules: abbreviations first (so "Nr. 5" is still
seen), then numbers from the most specific context (money, dates, times,
percentages, measures, ordinals, years) to the least (plain numbers), then
symbols and spacing. Numbers are written the locale's way: thousands with a
dot or a space ("1.000", "1 000"), decimals with a comma ("3,5").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from num2words import num2words

from audio_article.script.normalize.languages.table import LanguageTable
from audio_article.script.normalize.tables import TYPOGRAPHY
from audio_article.textutil import is_speakable

Rule = Callable[[str], str]

# The English typography, but the ordinal indicator "º" stays itself ("1.º", not a degree sign).
_TYPOGRAPHY = {k: v for k, v in TYPOGRAPHY.items() if k != ord("º")}

# A number as the supported locales write it: "1.234.567", "1 234", "12", "3,5", "1.234,56".
NUMBER = r"\d{1,3}(?:[. ]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_NUMBER = re.compile(rf"(?<![\w,.])-?(?:{NUMBER})(?![\w]|[.,]\d)")


def words(n: int, table: LanguageTable, to: str = "cardinal") -> str:
    """`n` in words in the table's language (num2words)."""
    said = str(num2words(n, lang=table.num2words, to=to))
    if table.code == "de" and said.startswith(("einhundert", "eintausend")):
        return said[3:]  # "hundertzwanzig", as German newsreaders say it
    return said


def parse(written: str) -> tuple[int, str]:
    """ "1.234,56" -> (1234, "56"): the whole part and the decimal digits as written."""
    whole, _, decimals = written.replace(" ", "").partition(",")
    return int(whole.replace(".", "")), decimals


def say_number(written: str, table: LanguageTable) -> str:
    """A written number (locale separators, decimal comma, minus sign) in words."""
    negative = written.startswith("-")
    whole, decimals = parse(written.lstrip("-"))
    said = words(whole, table)
    if decimals:
        said += f" {table.decimal_word} " + _decimals(decimals, table)
    return f"{table.minus_word} {said}" if negative else said


def _decimals(digits: str, table: LanguageTable) -> str:
    """The digits after the comma: one by one (de), or leading zeros then a number ("zéro cinq")."""
    if table.decimals_by_digit:
        return " ".join(words(int(d), table) for d in digits)
    zeros = len(digits) - len(digits.lstrip("0"))
    rest = [words(int(digits[zeros:]), table)] if digits[zeros:] else []
    return " ".join([words(0, table)] * zeros + rest)


def _alternation(keys: list[str]) -> str:
    return "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))


def abbreviations(table: LanguageTable, text: str) -> str:
    """The language's abbreviations, expanded only as whole tokens ("Nr." but never inside a word)."""
    if not table.abbreviations:
        return text
    pattern = rf"(?<![\w.])({_alternation(list(table.abbreviations))})(?![\w])"
    return re.sub(pattern, lambda m: _expanded(m, table.abbreviations[m.group(1)]), text)


def _expanded(m: re.Match[str], expansion: str) -> str:
    """At the end of the text the abbreviation's dot was also the full stop: keep one."""
    end = m.group(1).endswith(".") and not m.string[m.end() :].strip()
    before = m.string[: m.start()].rstrip()
    if not before or before[-1] in ".!?:":  # "M. Dupont" opening a sentence: "Monsieur Dupont"
        expansion = expansion[:1].upper() + expansion[1:]
    return expansion + ("." if end else "")


def money(table: LanguageTable, text: str) -> str:
    """ "12,50 €" / "€12,50" / "3,5 Mio. €" -> the amount, the currency, the cents, in words."""
    symbols = _alternation(list(table.currencies))
    scales = _alternation(list(table.scales))
    after = rf"(?<![\w,.])({NUMBER})(?:\s?({scales}))?\s?({symbols})(?!\w)"
    before = rf"(?<!\w)({symbols})\s?({NUMBER})(?:\s?({scales}))?(?![\w]|[.,]\d)"
    text = re.sub(after, lambda m: _amount(table, m.group(1), m.group(2), m.group(3)), text)
    return re.sub(before, lambda m: _amount(table, m.group(2), m.group(3), m.group(1)), text)


def _amount(table: LanguageTable, written: str, scale: str | None, symbol: str) -> str:
    singular, plural = table.currencies[symbol]
    if scale:  # "3,5 Millionen Euro": the decimals belong to the millions
        words_of_scale = table.scales[scale]
        gap = "" if words_of_scale.endswith("'") else " "  # "millions d'euros"
        return f"{say_number(written, table)} {words_of_scale}{gap}{plural}"
    whole, decimals = parse(written)
    said = f"{words(whole, table)} {singular if whole == 1 else plural}"
    cents = int((decimals + "00")[:2]) if decimals else 0
    if cents:
        unit = table.cents[0] if cents == 1 else table.cents[1]
        joiner = f" {table.money_joiner}" if table.money_joiner else ""
        said += f"{joiner} {words(cents, table)}" + (f" {unit}" if unit else "")
    return said


def percentages(table: LanguageTable, text: str) -> str:
    """ "3,5 %" -> "drei Komma fünf Prozent"."""
    return re.sub(
        rf"(?<![\w,.])(-?(?:{NUMBER}))\s?%",
        lambda m: f"{say_number(m.group(1), table)} {table.percent_word}",
        text,
    )


def dates(table: LanguageTable, text: str) -> str:
    """ "3.5.2026", "03/05/2026", "3-5-2026", "3. Mai 2026", "3 de mayo de 2026" -> the spoken date."""
    numeric = r"(?<![\w.,/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\w]|[.,/-]\d)"
    text = re.sub(numeric, lambda m: _date(table, m, int(m[1]), int(m[3]), m[4]), text)
    months = "|".join(re.escape(m) for m in table.months)
    written = rf"(?<![\w.,])(\d{{1,2}})\.?\s(?:de\s)?({months})(?:\s(?:de\s)?(\d{{4}}))?(?!\w)"
    return re.sub(
        written, lambda m: _date(table, m, int(m[1]), table.months.index(m[2]) + 1, m[3]), text, flags=0
    )


def _date(table: LanguageTable, m: re.Match[str], day: int, month: int, year: str | None) -> str:
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return m.group(0)
    if table.code == "de":  # German says the day as an ordinal: "dritter Mai", "am dritten Mai"
        spoken_day = _german_ordinal(words(day, table, "ordinal"), m.string[: m.start()], table)
    elif day == 1 and table.day_first:
        spoken_day = table.day_first
    else:
        spoken_day = words(day, table)
    spoken_year = _year(int(year), table) if year else ""
    template = table.date_format if year else table.date_format[: table.date_format.index("{month}") + 7]
    return template.format(day=spoken_day, month=table.months[month - 1], year=spoken_year)


def _german_ordinal(ordinal: str, before: str, table: LanguageTable) -> str:
    """ "dritte" after "der", "dritten" after "am"/"vom"/"zum" (the dative of newsroom dates)."""
    previous = before.split()[-1].lower() if before.split() else ""
    return ordinal + "n" if previous in table.dative_after else ordinal


def _year(year: int, table: LanguageTable) -> str:
    return words(year, table, "year") if table.year_form and 1100 <= year <= 1999 else words(year, table)


def times(table: LanguageTable, text: str) -> str:
    """ "14:30", "14.30 Uhr", "14h30", "14 h 30" -> the 24-hour time in words."""
    after = rf"(?:\s?{re.escape(table.time_after)})" if table.time_after else ""
    colon = rf"(?<![\w.,:])([01]?\d|2[0-3])(?::|h\s?|\s?h\s)([0-5]\d)(?![\w:]){after}?"
    dotted = rf"(?<![\w.,:])([01]?\d|2[0-3])\.([0-5]\d){after}(?!\w)" if table.time_after else None
    text = re.sub(colon, lambda m: _time(table, int(m[1]), int(m[2])), text)
    if dotted:
        text = re.sub(dotted, lambda m: _time(table, int(m[1]), int(m[2])), text)
    if table.code == "fr":  # "14h", "14 h": the hour alone
        text = re.sub(r"(?<![\w.,:])([01]?\d|2[0-3])\s?h(?!\w)", lambda m: _time(table, int(m[1]), 0), text)
    return text


def _time(table: LanguageTable, hours: int, minutes: int) -> str:
    hour_words = words(hours, table)
    if table.code == "fr" and hours == 1:
        hour_words = "une"  # "une heure"; the table's plural then reads "une heures"
        if not minutes:
            return "une heure"
    if not minutes:
        return table.time_hour.format(h=hour_words)
    return table.time_format.format(h=hour_words, m=words(minutes, table))


def measures(table: LanguageTable, text: str) -> str:
    """ "12 km", "3,5 kg", "20 °C" -> the number and the unit in words."""
    if not table.units:
        return text
    units = _alternation(list(table.units))
    pattern = rf"(?<![\w,.])(-?(?:{NUMBER}))\s?({units})(?!\w)"
    return re.sub(pattern, lambda m: f"{say_number(m[1], table)} {table.units[m[2]]}", text)


def ordinals(table: LanguageTable, text: str) -> str:
    """ "3.", "3e", "1er", "3º", "1.ª" -> the ordinal in words ("dritte", "troisième", "tercero")."""
    suffixes = _alternation(list(table.ordinal_suffixes))
    # German "3." is an ordinal only before a word: "der 3. Platz", not "Es waren 3."
    follow = r"(?=\s+\w)" if table.ordinal_suffixes == (".",) else r"(?!\w)"
    pattern = rf"(?<![\w.,])(\d{{1,3}})(?:{suffixes}){follow}"
    return re.sub(pattern, lambda m: _ordinal(table, m), text)


def _ordinal(table: LanguageTable, m: re.Match[str]) -> str:
    said = words(int(m[1]), table, "ordinal")
    if table.code == "de":
        return _german_ordinal(said, m.string[: m.start()], table)
    feminine = m.group(0).endswith(("ª", "a", "re"))  # "1.ª", "1ª", "1re": the feminine form
    if feminine and said.endswith("o"):
        return said[:-1] + "a"
    if feminine and said == "premier":
        return "première"
    return said


def years(table: LanguageTable, text: str) -> str:
    """A four-digit number from 1100 to 2099 read as a year: "1990" -> "neunzehnhundertneunzig" (de)."""
    pattern = r"(?<![\w,.])(1[1-9]\d\d|20\d\d)(?![\w]|[.,]\d)"
    return re.sub(pattern, lambda m: _year(int(m[1]), table), text)


def plain_numbers(table: LanguageTable, text: str) -> str:
    """Every other number, with the locale's separators, in words."""
    return _NUMBER.sub(lambda m: say_number(m.group(0), table), text)


NOT_NOUNS = ("de", "del", "di", "y", "e", "o", "a", "por", "per", "en", "in", "mil", "mila")


def nouns(table: LanguageTable, text: str) -> str:
    """The form a cardinal takes before a noun: German "eins Tag" -> "ein Tag", Spanish "uno" -> "un"."""
    # Not a digit read after the decimal word ("Komma eins"), nor a number before it or "per cent".
    function_words = (table.decimal_word, table.percent_word.split()[0], *NOT_NOUNS)
    skip = rf"(?!(?:{'|'.join(map(re.escape, function_words))})\b)"
    noun = r"[A-ZÄÖÜ]\w+" if table.code == "de" else r"[^\W\d]{2,}"
    for ending, replacement in table.before_noun:
        pattern = rf"\b(\w*?){ending}(?= {skip}{noun})"  # an ending that starts with \b: the whole word
        text = re.sub(pattern, functools.partial(_noun_form, table, replacement), text)
    return text


def _noun_form(table: LanguageTable, replacement: str, m: re.Match[str]) -> str:
    before = m.string[: m.start()].split()
    if before and before[-1] == table.decimal_word:
        return m.group(0)
    return m.group(1) + replacement


def symbols(table: LanguageTable, text: str) -> str:
    """ "&" -> the language's "and"; a slash between words is a pause."""
    text = re.sub(r"\s?&\s?", f" {table.and_word} ", text)
    return re.sub(r"(?<=[^\W\d])\s?/\s?(?=[^\W\d])", " ", text)


def leftover_digits(table: LanguageTable, text: str) -> str:
    """Whatever digits no rule claimed (codes like X0A7) are still read as numbers."""
    return re.sub(r"\d+", lambda m: f" {words(int(m.group(0)), table)} ", text)


def rules_for(table: LanguageTable) -> tuple[Rule, ...]:
    """The ordered rules of one language, bound to its table."""
    steps: tuple[Callable[[LanguageTable, str], str], ...] = (
        abbreviations, money, dates, times, percentages, measures, ordinals, years, plain_numbers,
        nouns, leftover_digits, symbols,
    )  # fmt: skip
    return tuple(functools.partial(step, table) for step in steps)


def normalize_foreign(text: str, table: LanguageTable) -> str:
    """Written text in the table's language -> the words a newsreader of that language would say."""
    from audio_article.script.normalize import rules as shared  # strays and spacing: no English words

    text = shared.strays(text.translate(_TYPOGRAPHY))
    for rule in rules_for(table):
        text = rule(text)
    text = "".join(c if is_speakable(c) else " " for c in text)
    return shared.spacing(shared.dashes(text))
