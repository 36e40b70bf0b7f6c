"""A measure or an amount before a noun is an adjective in the singular, whatever the capitals."""

from __future__ import annotations

import pytest

from audio_article.script.normalize.adjectival import before_noun
from audio_article.script.normalize.normalizer import normalize_text


@pytest.mark.parametrize(
    "written,spoken",
    [
        ("a 22 kg rover", "a twenty-two-kilogram rover"),
        ("a 2,500 sq ft expansion", "a two thousand five hundred square foot expansion"),
        ("a 10-mile race", "a ten-mile race"),
        ("a 10-km race", "a ten-kilometer race"),
        ("a 30 min walk", "a thirty-minute walk"),
        ("a 50 km/h zone", "a fifty kilometer per hour zone"),
        ("10-20 kg bags", "ten to twenty kilogram bags"),
        ("22 kg rovers were lost.", "twenty-two-kilogram rovers were lost."),
        ("a 3.5% raise", "a three point five percent raise"),
        ("approves $4.2bn budget", "approves four point two billion dollar budget"),
        ("a $300 million plan", "a three hundred million dollar plan"),
        ("a $5 million funding round", "a five million dollar funding round"),
        ("₹500 crore", "five hundred crore rupees"),
    ],
)
def test_an_amount_before_a_noun_is_singular(written: str, spoken: str) -> None:
    assert normalize_text(written) == spoken


@pytest.mark.parametrize(
    "written,spoken",
    [
        ("22 kg of rock", "twenty-two kilograms of rock"),
        ("It weighs 22 kg.", "It weighs twenty-two kilograms."),
        ("It weighs 22 kg and more.", "It weighs twenty-two kilograms and more."),
        ("It weighed 22 kg Monday.", "It weighed twenty-two kilograms Monday."),
        ("It is 5 ft tall.", "It is five feet tall."),
        ("The storm dumped 30 cm overnight.", "The storm dumped thirty centimeters overnight."),
        ("$4.2bn in 2026", "four point two billion dollars in twenty twenty-six"),
        ("$5 million was spent", "five million dollars was spent"),
        ("$2bn pledged by donors", "two billion dollars pledged by donors"),
        ("$5 million going to schools", "five million dollars going to schools"),
        ("a fare of $1.50 each", "a fare of one dollar and fifty cents each"),
    ],
)
def test_an_amount_before_a_verb_a_preposition_or_the_end_keeps_its_plural(written: str, spoken: str) -> None:
    assert normalize_text(written) == spoken


@pytest.mark.parametrize(
    "lower",
    [
        "a 22 kg rover",
        "city approves $4.2bn budget",
        "a 2,500 sq ft expansion",
        "22 kg of rock",
        "$5 million was spent on it",
        "$4.2bn in 2026",
    ],
)
def test_capitals_do_not_change_the_reading(lower: str) -> None:
    """Headline capitals and a capitalised sentence start read like the lowercase text."""
    expected = normalize_text(lower).lower()
    assert normalize_text(lower.title()).lower() == expected
    assert normalize_text(lower[0].upper() + lower[1:]).lower() == expected


def test_headline_money_reads_like_the_sentence() -> None:
    assert normalize_text("$4.2bn Budget Approved") == "four point two billion dollar Budget Approved"
    assert normalize_text("$5 Million Was Spent") == "five million dollars Was Spent"


def test_before_noun_reads_only_the_next_word() -> None:
    text = "a 22 kg rover, 22 kg. 22 kg 5"
    assert before_noun(text, 2, 7)
    assert not before_noun(text, 15, 20)  # a full stop, not a word
    assert not before_noun(text, 22, 27)  # a number
