"""Whisper's numerals read the way the reference says them, before scoring.

A recognizer writes what it hears in its own orthography: "one fourteen" comes
back as "114", "six oh five a.m." as "6.05 a.m.", "Henry the eighth" as "Henry
VIII". ../shared/tools/intelligibility.py spells every numeral one way ("one
hundred fourteen", "six point zero five", "viii"), so a number the listener
heard exactly as it was said counted as two or three errors, and the count
measured Whisper's spelling, not our narration. Here each numeral in the
transcript is replaced by whichever of its valid readings (cardinal, in pairs,
digit by digit, as a clock time, a Roman numeral as "the eighth" or "three")
the reference has at about the same place; a numeral none of whose readings is
there is left to the meter, so a misheard number still counts. The same
rewriting applies to every voice, raw espeak-ng included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from unidecode import unidecode

from audio_article.script.normalize.numbers import cardinal, ordinal
from audio_article.script.normalize.roman import roman_value
from audio_article.script.normalize.tables import MORE_REGNAL_NAMES, ROMAN_CONTEXT_ORDINAL_NAMES
from audio_article.textutil import MONTH_NAMES

REGNAL_NAMES = ROMAN_CONTEXT_ORDINAL_NAMES | MORE_REGNAL_NAMES
WINDOW_WORDS = 30  # how far from its expected place a reading may be found in the reference
_MONTHS = "|".join(MONTH_NAMES)
_UNITS = {  # abbreviations Whisper writes after a number: singular, plural
    "km": ("kilometer", "kilometers"), "m": ("meter", "meters"), "kg": ("kilogram", "kilograms"),
    "cm": ("centimeter", "centimeters"), "mm": ("millimeter", "millimeters"), "ft": ("foot", "feet"),
    "lb": ("pound", "pounds"), "lbs": ("pound", "pounds"), "mph": ("mile per hour", "miles per hour"),
}  # fmt: skip
_CURRENCIES = {"$": ("dollar", "dollars"), "£": ("pound", "pounds"), "€": ("euro", "euros")}
_SCALES = {"k": "thousand", "m": "million", "bn": "billion", "b": "billion"}
_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Percentages, ordinals written as such ("29th") and decades ("1990s") are left to the
# meter, which reads them as the references do.
_NUMERAL = re.compile(
    rf"(?P<cur>[$£€])\s?(?P<amount>{_AMOUNT})(?:\s?(?P<scale>bn|[kmb]|thousand|million|billion)\b)?"
    rf"|\b(?P<month>{_MONTHS}) (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
    r"|\bQ(?P<quarter>[1-4])\b"
    rf"|(?<![\w.,:])(?P<qty>{_AMOUNT}) ?(?P<unit>{'|'.join(_UNITS)})\b"
    r"|(?<![\w.,:])(?:(?P<h>\d{1,2})[:.](?P<m>\d{2})(?![\d%])"
    r"|(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?![\w%]|[,.]\d))"
    r"|(?P<name>\b[A-Z][a-z]+ )(?P<roman>[IVX]{1,5})\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_LETTERS = re.compile(r"[^\W\d_]+")


def rewrite(hypothesis: str, reference: str) -> str:
    """The hypothesis with each numeral spelled as the reference reads it nearby, if it does,
    and each word written without the reference's diacritics in the reference's spelling."""
    return _numerals(_diacritics(hypothesis, reference), reference)


def _diacritics(hypothesis: str, reference: str) -> str:
    """ "Sao Paulo", "Mueller" as the reference writes them ("São Paulo", "Müller"): the same
    word heard, written in ASCII."""
    spelled = {}
    for word in set(_LETTERS.findall(reference)):
        if not word.isascii():
            spelled[unidecode(word).lower()] = word
            spelled[_umlauts(word).lower()] = word
    return _LETTERS.sub(lambda m: spelled.get(m[0].lower(), m[0]), hypothesis)


def _umlauts(word: str) -> str:
    """German transliteration: Müller -> Mueller."""
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
        word = word.replace(umlaut, spelled)
    return unidecode(word)


def _numerals(hypothesis: str, reference: str) -> str:
    """Each numeral spelled as the reference reads it nearby, if one of its readings is there."""
    ref_words = words(reference)
    total = max(len(words(hypothesis)), 1)
    out, last = [], 0
    for m in _NUMERAL.finditer(hypothesis):
        place = len(words(hypothesis[: m.start()])) * len(ref_words) // total
        chosen = _closest(list(readings(m)), ref_words, place)
        if chosen is not None:
            out += [hypothesis[last : m.start()], m["name"] or "", chosen]
            last = m.end()
    return "".join(out) + hypothesis[last:]


def words(text: str) -> list[str]:
    """Lowercase words without punctuation; hyphens split words, as the meter splits them."""
    return _WORD.findall(text.lower().replace("-", " "))


def readings(m: re.Match[str]) -> Iterator[str]:
    """Every way a person may read the numeral matched."""
    if m["cur"]:
        scale = _SCALES.get((m["scale"] or "").lower(), (m["scale"] or "").lower())
        amount = " ".join(filter(None, (amount_words(m["amount"]), scale)))
        yield from (f"{amount} {unit}" for unit in _CURRENCIES[m["cur"]])
    elif m["month"]:
        month, day = m["month"].capitalize(), int(m["day"])
        yield from (f"{month} {ordinal(day)}", f"{month} {cardinal(day)}", f"{month} the {ordinal(day)}")
    elif m["quarter"]:
        q = int(m["quarter"])
        yield from (f"Q {cardinal(q)}", f"the {ordinal(q)} quarter of", f"the {ordinal(q)} quarter")
    elif m["qty"]:
        yield from (f"{amount_words(m['qty'])} {unit}" for unit in _UNITS[m["unit"].lower()])
    elif m["roman"] and m["roman"].isupper() and m["name"][0].isupper():
        value = roman_value(m["roman"])
        if value == 1:  # also the pronoun: not "Then I", only "Elizabeth the first", "World War one"
            name = m["name"].strip()
            if name in REGNAL_NAMES or name == "War":
                yield "one" if name == "War" else "the first"
        elif value is not None and len(m["roman"]) > 1:
            yield from (f"the {ordinal(value)}", cardinal(value), ordinal(value))
    elif m["roman"]:
        return
    elif m["h"]:
        hour, minute = cardinal(int(m["h"])), m["m"]
        if minute == "00":
            yield from (hour, f"{hour} o'clock", f"{hour} hundred")
        else:
            yield from (
                f"{hour} {pair(minute)}",
                f"{hour} point {cardinal(int(minute[0]))} {cardinal(int(minute[1]))}",
            )
    else:
        yield from integer_readings(m["n"].replace(",", ""))


def integer_readings(digits: str) -> Iterator[str]:
    """A whole number: as a cardinal, in pairs ("one fourteen", "twelve hundred"), digit by digit."""
    n = int(digits)
    yield cardinal(n)
    if len(digits) == 3 and not digits.startswith("0"):
        yield f"{cardinal(int(digits[0]))} {pair(digits[1:])}"
    if len(digits) == 4 and not digits.startswith("0"):
        yield f"{cardinal(int(digits[:2]))} {pair(digits[2:])}"
    if 1 < len(digits) <= 6:
        yield " ".join("oh" if d == "0" else cardinal(int(d)) for d in digits)
        yield " ".join(cardinal(int(d)) for d in digits)


def amount_words(written: str) -> str:
    """ "1,200" one thousand two hundred, "4.25" four point two five."""
    whole, _, fraction = written.replace(",", "").partition(".")
    spoken = cardinal(int(whole))
    return f"{spoken} point {' '.join(cardinal(int(d)) for d in fraction)}" if fraction else spoken


def pair(two: str) -> str:
    """The second half of a number read in pairs: "14" fourteen, "05" oh five, "00" hundred."""
    if two == "00":
        return "hundred"
    return f"oh {cardinal(int(two[1]))}" if two.startswith("0") else cardinal(int(two))


def _closest(candidates: list[str], ref_words: list[str], place: int) -> str | None:
    """The candidate found in the reference nearest to `place` (within the window), or None."""
    best: tuple[int, str] | None = None
    lo, hi = max(0, place - WINDOW_WORDS), place + WINDOW_WORDS
    for candidate in candidates:
        seq = words(candidate)
        for start in range(lo, min(hi, len(ref_words) - len(seq) + 1)):
            if ref_words[start : start + len(seq)] == seq and (best is None or abs(start - place) < best[0]):
                best = (abs(start - place), candidate)
    return None if best is None else best[1]
