"""Engine dialects: after the general rules, the forms each engine says best.

The general rules write what a newsreader says, in words. Engines differ in
how they pronounce those words: espeak-ng says "forty" with the vowel of
"for", and runs "forty-six" together into one word, so listeners heard "for
the six". An engine's spec names its dialect (`models.Dialect`); the rules
here rewrite the words for it, as `[[phonemes]]` in the alphabet the engine
reads, or as spacing. Each is a small `str -> str` rule over data in
`dialect_tables.py`, checked against espeak-ng's own phonemizer in the tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from audio_article.errors import ConfigError
from audio_article.models import Dialect
from audio_article.script.normalize.dialect_tables import ESPEAK_TEENS, ESPEAK_WORDS, NUMBER_WORDS

Rule = Callable[[str], str]

_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_HYPHEN_AFTER_NUMBER = re.compile(rf"(?i)\b({_NUMBER_WORD})-(?=\w)")
_HYPHEN_BEFORE_NUMBER = re.compile(rf"(?i)(?<=\w)-({_NUMBER_WORD})\b")
_ESPEAK_WORD = re.compile(r"(?i)\b(" + "|".join(ESPEAK_WORDS) + r")\b")
_ESPEAK_TEEN = re.compile(r"(?i)\b(" + "|".join(ESPEAK_TEENS) + rf")\b(?![ -](?:{_NUMBER_WORD})\b)")
_BRACKETS = re.compile(r"\[\[|\]\]")
# A capital "A" inside a sentence is the letter ("Gate A three", "the A Line", "double A minus"):
# the article is lower case there, and in title-case headings too.
_LETTER_A = re.compile(r"(?<=[\w,;)] )A(?= [\w\[])|(?<=\w)-A\b(?!-)")
LETTER_A = "[['eI]]"


def literal_brackets(text: str) -> str:
    """`[[` or `]]` written in the article never reach an engine as a phoneme switch."""
    return _BRACKETS.sub(" ", text)


def number_hyphens(text: str) -> str:
    """ "forty-six" -> "forty six": espeak-ng runs hyphenated words into one, with one stress."""
    return _HYPHEN_BEFORE_NUMBER.sub(r" \1", _HYPHEN_AFTER_NUMBER.sub(r"\1 ", text))


def espeak_words(text: str) -> str:
    """Words espeak-ng says badly -> their espeak-ng phonemes, `[[f'o@rti]]`."""
    text = _ESPEAK_WORD.sub(lambda m: f"[[{ESPEAK_WORDS[m.group(1).lower()]}]]", text)
    return _ESPEAK_TEEN.sub(lambda m: f"[[{ESPEAK_TEENS[m.group(1).lower()]}]]", text)


def letter_a(text: str) -> str:
    """The letter "A" inside a sentence -> its name: before another word espeak-ng says "uh"."""
    return _LETTER_A.sub(lambda m: " " + LETTER_A if m[0].startswith("-") else LETTER_A, text)


# Dialect name -> its rules, in order (literal brackets are handled for every
# engine that reads phonemes, before these run).
DIALECTS: dict[str, tuple[Rule, ...]] = {
    "espeak-ng": (number_hyphens, espeak_words, letter_a),
}


def speak_as(text: str, dialect: Dialect) -> str:
    """The normalized `text` rewritten in the forms `dialect`'s engine says best."""
    if dialect.phonemes:
        text = literal_brackets(text)
    if dialect.forms is None:
        return text
    try:
        rules = DIALECTS[dialect.forms]
    except KeyError:
        raise ConfigError(
            f"engine dialect {dialect.forms!r} is not known (known: {', '.join(sorted(DIALECTS))})"
        ) from None
    for rule in rules:
        text = rule(text)
    return text
