"""Numbers to words: cardinals, ordinals, years, decimals and digit strings.

American newsroom forms: no "and" after hundred ("two hundred twelve"),
hyphenated tens ("forty-two"), years in pairs ("nineteen oh five").
"""

from __future__ import annotations

from audio_article.script.normalize.tables import ONES, ORDINAL_WORDS, SCALES, TENS


def cardinal(n: int) -> str:
    """A whole number in words ("minus" for negatives)."""
    if n < 0:
        return "minus " + cardinal(-n)
    if n < 20:
        return ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return TENS[tens] + ("-" + ONES[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return ONES[hundreds] + " hundred" + (" " + cardinal(rest) if rest else "")
    parts = []
    for scale_index in range(len(SCALES) - 1, -1, -1):
        scale = 1000 ** (scale_index + 1)
        if n >= scale:
            count, n = divmod(n, scale)
            parts.append(cardinal(count) + " " + SCALES[scale_index])
    if n:
        parts.append(cardinal(n))
    return " ".join(parts)


def ordinal(n: int) -> str:
    """A whole number as an ordinal in words ("twenty-first")."""
    words = cardinal(n)
    cut = max(words.rfind(" "), words.rfind("-")) + 1
    head, last = words[:cut], words[cut:]
    if last in ORDINAL_WORDS:
        last = ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + last


def year(n: int) -> str:
    """A year as newsreaders say it.

    1994 nineteen ninety-four, 2008 two thousand eight, 1905 nineteen oh five.
    """
    if n < 1000 or n >= 10000:
        return cardinal(n)
    century, rest = divmod(n, 100)
    if 2000 <= n < 2010 or n % 1000 == 0:
        return cardinal(n)
    if rest == 0:
        return cardinal(century) + " hundred"
    if rest < 10:
        return cardinal(century) + " oh " + ONES[rest]
    return cardinal(century) + " " + cardinal(rest)


def decade(n: int) -> str:
    """1980 -> nineteen eighties; 2000 -> two thousands; 80 -> eighties."""
    words = year(n) if n >= 1000 else cardinal(n)
    if words.endswith("y"):
        return words[:-1] + "ies"
    return words + "s"


def digits(text: str) -> str:
    """The digits of `text` read one by one; other characters are dropped."""
    return " ".join(ONES[int(d)] for d in text if d.isdigit())


def decimal(integer_part: str, fraction_part: str) -> str:
    """'3', '50' -> three point five zero; an empty integer part reads as 'point ...'."""
    head = cardinal(int(integer_part.replace(",", ""))) + " " if integer_part else ""
    return head + "point " + digits(fraction_part)


def number(text: str) -> str:
    """A written number with optional commas, sign and decimals."""
    sign = ""
    if text[:1] in "-−":
        sign, text = "minus ", text[1:]
    whole, _, fraction = text.partition(".")
    if fraction:
        return sign + decimal(whole, fraction)
    plain = whole.replace(",", "")
    if len(plain) > 1 and plain.startswith("0"):
        return sign + digits(plain)
    if len(plain) > 15 and "," not in whole:  # an ID or card number, not a quantity
        return sign + digits(plain)
    return sign + cardinal(int(plain))
