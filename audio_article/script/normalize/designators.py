"""Numbers that name a place or a service, read as a person reads them.

"Room 201" is "room two-oh-one", "Flight 1549" "flight fifteen forty-nine",
"Highway 101" "highway one-oh-one", "I-95" "I ninety-five": after a word of
tables.DESIGNATOR_WORDS, a number of three or four digits is read in pairs
after its first digit (three digits) or as two pairs (four), a zero tens
digit as "oh"; round hundreds and thousands as said ("room three hundred").
One or two digits are a cardinal; five or more are read digit by digit.
"""

from __future__ import annotations

import re

from audio_article.script.normalize import numbers
from audio_article.script.normalize.tables import DESIGNATOR_WORDS, ONES

_WORDS = "|".join(sorted(DESIGNATOR_WORDS, key=len, reverse=True))
DESIGNATED = re.compile(
    rf"\b(?P<word>{_WORDS})(?P<no>\s+(?:No\.|no\.|number|#))?\s+"
    r"(?P<pre>[A-Z]{1,2}-?)?(?P<n>\d{1,6})(?P<post>[A-Z])?(?!\w|[,.]\d|[-/:]\d)",
    re.I,
)
# "I-95", "US-101": a route named by a letter code and a hyphen.
ROUTE_CODE = re.compile(r"\b(I|US|SR)-(\d{1,3})\b(?![-/.]\d)")


def designators(text: str) -> str:
    """Say room, flight, route, gate and similar numbers as a person reads them."""
    text = ROUTE_CODE.sub(lambda m: f"{' '.join(m[1])} {designator_number(m[2])}", text)
    return DESIGNATED.sub(_designated, text)


def _designated(m: re.Match[str]) -> str:
    number = " number" if m["no"] else ""
    prefix = " ".join(m["pre"].rstrip("-").upper()) + " " if m["pre"] else ""
    suffix = " " + m["post"].upper() if m["post"] else ""
    return f"{m['word']}{number} {prefix}{designator_number(m['n'])}{suffix}"


def designator_number(digits: str) -> str:
    """201 two-oh-one, 1549 fifteen forty-nine, 101 one-oh-one, 300 three hundred, 66 sixty-six."""
    n = int(digits)
    if (digits.startswith("0") and len(digits) > 1) or len(digits) > 4:
        return numbers.digits(digits)
    if len(digits) <= 2 or n % 1000 == 0:
        return numbers.cardinal(n)
    head, rest = divmod(n, 100)
    head_words = ONES[head] if len(digits) == 3 else numbers.cardinal(head)
    if rest == 0:
        return f"{head_words} hundred"
    if rest < 10:
        return f"{head_words}-oh-{ONES[rest]}"
    return f"{head_words} {numbers.cardinal(rest)}"
