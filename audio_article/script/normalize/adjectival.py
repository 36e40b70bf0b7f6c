"""Is a measure or an amount an adjective? "a 22 kg rover" is, "22 kg of rock" is not.

A measure or an amount directly before a noun qualifies it and is said in the
singular ("a twenty-two-kilogram rover", "a four point two billion dollar
budget"). The nouns are an open class, so the test is the other way round: the
next word is a noun unless it is one of the closed list of words that are not
(prepositions, verbs, conjunctions, determiners, time words), compared
lowercased so that a headline's capitals change nothing.
"""

from __future__ import annotations

import re

from audio_article.script.normalize.tables import NOT_NOUNS_AFTER_AMOUNT

_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][a-z]*|[A-Z]+)(?![\w'’-]*\d)")
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|the|this|that|its|their|his|her|our|each|every)\s+\S*$", re.I)


def before_noun(text: str, start: int, end: int) -> bool:
    """True when the amount written at text[start:end] stands directly before a noun."""
    following = _NEXT_WORD.match(text, end)
    if not following:
        return False
    word = following[1].lower()
    if word in NOT_NOUNS_AFTER_AMOUNT:
        return False
    if len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        return False  # "$2bn pledged", "22 kg lifted": a verb, not a noun
    if word.endswith("ing"):
        # "a $5 million funding round" qualifies; "$5 million going to schools" does not.
        return bool(_ARTICLE_BEFORE.search(text, 0, start))
    return True


def measure_adjective(amount: str, unit: str) -> str:
    """The amount and the singular unit as one modifier: "twenty-two-kilogram", "two thousand square foot"."""
    if " " in amount or " " in unit:
        return f"{amount} {unit}"
    return f"{amount}-{unit}"
