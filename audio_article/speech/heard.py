"""Was a segment heard? Compare what a recognizer heard with what the engine was told to say.

Both sides go through the same tolerant normalization (`words_of`): case,
punctuation and apostrophes do not count, hyphens split words, and numbers
count the same written as words or digits ("forty-six" = "46", "nineteen
ninety-four" = "1994", "four point two billion" = "4.2 billion",
"fifth" = "5th", "$5" = "5 dollars", "11:45" = "eleven forty-five").

The measure is word recall: the share of the spoken words found, in order,
in what was heard (extra words heard do not count against it). A segment of
`MIN_WORDS` or more words is unclear below `MIN_RECALL`; a shorter one
(a heading, a name) only when none of its words was heard, because a
recognizer guesses badly from a word or two out of context.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MIN_RECALL = 0.7  # Whisper base on clear espeak-ng speech hears 0.9-1.0 of a sentence's words
MIN_WORDS = 4

_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS: tuple[str, ...] = ("ten", "eleven", "twelve", "thirteen", "fourteen")
_TEENS += ("fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SMALL = {w: i for i, w in enumerate(_UNITS)} | {w: 10 + i for i, w in enumerate(_TEENS)}
_SMALL |= {w: 10 * i for i, w in enumerate(_TENS) if w != "_"} | {"oh": 0}
_ORDINALS = {
    "first": "one", "second": "two", "third": "three", "fifth": "five", "eighth": "eight",
    "ninth": "nine", "twelfth": "twelve",
}  # fmt: skip
_CURRENCY = {"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen"}


@dataclass(frozen=True)
class Hearing:
    """How much of a segment's spoken text a recognizer heard."""

    words: int  # in the spoken text, after normalization
    found: int  # of those, heard in order
    missed: tuple[str, ...]  # the spoken words not heard (normalized), in order

    @property
    def recall(self) -> float:
        """The share of the spoken words heard (1.0 for a segment with no words)."""
        return self.found / self.words if self.words else 1.0

    @property
    def unclear(self) -> bool:
        """True when too few words were heard (see the module's docstring)."""
        if self.words >= MIN_WORDS:
            return self.recall < MIN_RECALL
        return self.words > 0 and self.found == 0


def hearing(spoken: str, heard: str) -> Hearing:
    """Compare `spoken` (what the engine was given) with `heard` (what a recognizer wrote)."""
    said, got = words_of(spoken), words_of(heard)
    matcher = difflib.SequenceMatcher(None, said, got, autojunk=False)
    matched: set[int] = set()
    for block in matcher.get_matching_blocks():
        matched.update(range(block.a, block.a + block.size))
    missed = tuple(w for i, w in enumerate(said) if i not in matched)
    return Hearing(len(said), len(matched), missed)


def words_of(text: str) -> list[str]:
    """`text` as comparable words: lower case, no punctuation, numbers as digits."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[\u2018\u2019'`´]", "", text)
    text = _symbols(text)
    tokens = re.findall(r"\d+(?:\.\d+)?(?:st|nd|rd|th)?|[^\W\d_]+", text)
    return _numbers(tokens)


def _symbols(text: str) -> str:
    """Digit punctuation and symbols a recognizer writes for words: 1,000  11:45  $5  20%  &."""
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    text = re.sub(r"(?<=\b[^\W\d_])\.(?=[^\W\d_]\b)", "", text)  # initialisms: p.m. = pm, U.S. = us
    text = re.sub(r"(?<=\d):(?=\d\d\b)", "", text)  # a clock time is read as one run of numbers
    scales = "|".join(_SCALES)
    text = re.sub(
        rf"([$£€¥])\s?(\d+(?:\.\d+)?)(\s?(?:{scales})\b)?",
        lambda m: f" {m.group(2)}{m.group(3) or ''} {_CURRENCY[m.group(1)]} ",
        text,
    )
    return text.replace("%", " percent ").replace("&", " and ")


def _numbers(tokens: list[str]) -> list[str]:
    """Runs of number words (and digits) become one canonical number each; other words stay."""
    out: list[str] = []
    run: list[str] = []
    for i, token in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if _is_number_word(token, run, nxt):
            run.append(token)
            continue
        if run:
            out.append(_value(run))
            run = []
        out.append(token)
    if run:
        out.append(_value(run))
    return out


def _is_number_word(token: str, run: list[str], nxt: str) -> bool:
    """Whether `token` belongs to a number: "and" and "point" only inside one, "oh" only between digits."""
    if token[0].isdigit() or token in _SCALES or _ordinal(token) is not None:
        return True
    if token in ("and", "point"):
        return bool(run) and (nxt in _SMALL or nxt[:1].isdigit()) and nxt != "oh"
    if token == "oh":  # noqa: S105 (a word, not a password)
        return bool(run) and nxt in _SMALL
    return token in _SMALL


def _ordinal(token: str) -> str | None:
    """The cardinal word of an ordinal word ("fifth" -> "five", "twentieth" -> "twenty"), else None."""
    if token in _ORDINALS:
        return _ORDINALS[token]
    if token.endswith("ieth") and token[:-4] + "y" in _SMALL:
        return token[:-4] + "y"
    if token.endswith("th") and token[:-2] in _SMALL and token[:-2] not in ("oh", "zero"):
        return token[:-2]
    if token.endswith("th") and token[:-2] in _SCALES:
        return token[:-2]
    return None


def _value(run: list[str]) -> str:
    """One run of number words and digits as digits; an ordinal ends in "th" whatever its suffix."""
    ordinal = False
    words: list[str] = []
    for token in run:
        if token[0].isdigit() and token[-2:] in ("st", "nd", "rd", "th"):
            token, ordinal = token[:-2], True
        elif (cardinal := _ordinal(token)) is not None:
            token, ordinal = cardinal, True
        words.append(token)
    groups = _groups([w for w in words if w != "and"])
    return "".join(groups) + ("th" if ordinal else "")


def _groups(words: list[str]) -> list[str]:
    """Numbers read one after another ("nineteen ninety four", "two oh one") as digit groups."""
    groups: list[str] = []
    total, current = Decimal(0), Decimal(0)
    decimals: str | None = None
    last = ""  # "unit", "tens", "teen", "scale", "digits": what may follow what
    for word in words:
        if word == "point":
            decimals = ""
            continue
        kind = _kind(word)
        if decimals is not None and kind == "unit":
            decimals += str(_SMALL[word])
            continue
        if decimals is not None and kind == "scale":  # "four point two billion"
            current, decimals = current + Decimal("0." + (decimals or "0")), None
        if not _continues(last, kind) or decimals is not None:
            groups.append(_digits(total + current, decimals))
            total, current, decimals = Decimal(0), Decimal(0), None
        total, current = _add(total, current, word, kind)
        last = kind
    groups.append(_digits(total + current, decimals))
    return groups


def _kind(word: str) -> str:
    if word[0].isdigit():
        return "digits"
    if word in _SCALES:
        return "scale"
    value = _SMALL[word]
    return "unit" if value < 10 else "teen" if value < 20 else "tens"


def _continues(last: str, kind: str) -> bool:
    """Whether a word of `kind` after one of `last` is still the same number ("forty" "six": yes)."""
    if not last or kind == "scale":
        return True
    if last == "scale":
        return kind != "digits"
    return last == "tens" and kind == "unit"


def _add(total: Decimal, current: Decimal, word: str, kind: str) -> tuple[Decimal, Decimal]:
    if kind == "digits":
        try:
            return total, current + Decimal(word)
        except InvalidOperation:
            return total, current
    if kind != "scale":
        return total, current + Decimal(_SMALL[word])
    scale = _SCALES[word]
    if scale == 100:
        return total, (current or Decimal(1)) * 100
    return total + (current or 1) * scale, Decimal(0)


def _digits(value: Decimal, decimals: str | None) -> str:
    if decimals:
        value += Decimal("0." + decimals)
    return format(value.normalize(), "f")
