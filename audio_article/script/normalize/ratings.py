"""Credit ratings: "AA-" is "double A-minus", "BBB+" "triple B-plus", Moody's "Baa3" "B double A-three".

A rating with a sign ("AA-", "A+") or in Moody's mixed case with a digit
("Aa2", "Baa3") is a rating wherever it stands. The bare forms ("AAA", "BB",
"A2", "Ba1") are common letters and codes too, so they are read as ratings only
in a sentence that speaks of ratings (tables.RATING_CONTEXT: "rated",
"downgrade", "Moody's", "S&P", "Fitch"...), and a single letter only right
after "rated", "to", "from" or "at" in such a sentence.

The modifier is joined to the last letter ("A-minus", "triple-A"): a lone
capital A between words is read as the article by engines such as espeak-ng.
"""

from __future__ import annotations

import re

from audio_article.script.normalize import numbers
from audio_article.script.normalize.tables import RATING_CONTEXT

SIGNED = re.compile(r"(?<![\w&+-])(AAA|AA|A|BBB|BB|B|CCC|CC|C)([+-])(?=[\s,;:)]|\.(?!\w)|$)")
MOODYS = re.compile(r"(?<![\w&-])((?:Aa|Baa|Caa)[1-3])(?![\w&+-])")
BARE = re.compile(r"(?<![\w&-])(AAA|AA|BBB|BB|CCC|CC|Aaa|A[1-3]|Ba[1-3]|B[1-3]|Ca)(?![\w&+]|-(?!rated))")
SINGLE = re.compile(r"\b(?P<before>rated|to|from|at) (?P<code>[ABCD])(?![\w&+-])", re.I)
_COUNT = {1: "", 2: "double ", 3: "triple "}
_SIGN = {"+": "plus", "-": "minus"}
_STOPS = (". ", "! ", "? ")


def ratings(text: str) -> str:
    """Say credit ratings as analysts and newsreaders do."""
    text = SINGLE.sub(_single, text)  # first: the spoken forms below start with capital letters too
    text = SIGNED.sub(_signed, text)
    text = MOODYS.sub(lambda m: say_rating(m[1]), text)
    text = BARE.sub(lambda m: say_rating(m[1]) if _in_rating_sentence(m) else m.group(0), text)
    return re.sub(r"\b([Aa])n (?=(?:double|triple|single)-? ?[A-D])", r"\1 ", text)  # "a triple-A"


def _signed(m: re.Match[str]) -> str:
    after = m.string[m.end() :]
    if m[2] == "-" and re.match(r"\s+(?:and|or)\b", after) and not _in_rating_sentence(m):
        return m.group(0)  # "A- and B-list": a suspended hyphen, not a rating
    return say_rating(m[1] + m[2])


def _single(m: re.Match[str]) -> str:
    if not m["code"].isupper() or not _in_rating_sentence(m):
        return m.group(0)
    return f"{m['before']} {say_rating(m['code'])}"


def say_rating(code: str) -> str:
    """AA- -> double A-minus, Baa3 -> B double A-three, AAA -> triple-A, A2 -> A-two."""
    body, modifier = code.rstrip("+-0123456789"), code[len(code.rstrip("+-0123456789")) :]
    runs = re.findall(r"([A-Za-z])(\1*)", body.upper())
    said = [_COUNT.get(1 + len(rest), "") + letter for letter, rest in runs]
    last = said[-1]
    if modifier:
        word = _SIGN.get(modifier) or numbers.cardinal(int(modifier))
        said[-1] = f"{last}-{word}"
    elif " " in last:
        said[-1] = last.replace(" ", "-")  # "triple-A", as it is written in prose
    elif len(said) == 1:
        said[-1] = "single-" + last  # a bare "A" rating is "single-A"
    else:
        return "-".join(said)  # Moody's "Ca": "C-A"
    return " ".join(said)


def _in_rating_sentence(m: re.Match[str]) -> bool:
    """True when the sentence around the match speaks of ratings (tables.RATING_CONTEXT)."""
    text = m.string
    start = max(text.rfind(stop, 0, m.start()) for stop in _STOPS)
    ends = [i for i in (text.find(stop, m.end()) for stop in _STOPS) if i >= 0]
    sentence = text[start + 1 : min(ends) if ends else len(text)].lower()
    words = {re.sub(r"'s$", "", w) for w in re.findall(r"[\w&'-]+", sentence)}
    return bool(words & RATING_CONTEXT)
