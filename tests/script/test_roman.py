"""Roman numerals after names and titles: regnal ordinals, cardinals for sequences, and what is no numeral."""

from __future__ import annotations

import pytest

from audio_article.script.normalize.normalizer import normalize_text
from audio_article.script.normalize.roman import roman_value


@pytest.mark.parametrize(
    "written,spoken",
    [
        ("Artemis III", "Artemis three"),
        ("NASA's Artemis II mission", "NASA's Artemis two mission"),
        ("The Artemis II crew", "The Artemis two crew"),
        ("Apollo XI", "Apollo eleven"),
        ("Super Bowl LVIII", "Super Bowl fifty-eight"),
        ("SUPER BOWL LVIII", "SUPER BOWL fifty-eight"),
        ("World War II", "World War two"),
        ("World War I was over.", "World War one was over."),
        ("Title IX", "Title nine"),
        ("Chapter XII", "Chapter twelve"),
        ("Rocky II", "Rocky two"),
        ("Final Fantasy VII", "Final Fantasy seven"),
        ("Type II diabetes", "Type two diabetes"),
        ("In WWII", "In World War two"),
    ],
)
def test_sequences_take_cardinals(written: str, spoken: str) -> None:
    assert normalize_text(written) == spoken


@pytest.mark.parametrize(
    "written,spoken",
    [
        ("Henry VIII", "Henry the eighth"),
        ("Henry VIII's wives", "Henry the eighth's wives"),
        ("Pope John Paul II", "Pope John Paul the second"),
        ("Elizabeth II", "Elizabeth the second"),
        ("Queen Elizabeth I.", "Queen Elizabeth the first."),
        ("King Charles III", "King Charles the third"),
        ("Louis XIV", "Louis the fourteenth"),
        ("Pope Leo XIV", "Pope Leo the fourteenth"),
        ("Carl XVI Gustaf", "Carl the sixteenth Gustaf"),
        ("Robert Griffin III", "Robert Griffin the third"),
        ("Martin Luther King III spoke.", "Martin Luther King the third spoke."),
    ],
)
def test_monarchs_popes_and_family_suffixes_take_ordinals(written: str, spoken: str) -> None:
    assert normalize_text(written) == spoken


@pytest.mark.parametrize(
    "text",
    [
        "Sam and I went.",
        "I think so.",
        "Plan V",
        "Washington DC",
        "The XX played.",
        "Malcolm X",
        "Mix",
        "CIVIC",
        "LLC",
    ],
)
def test_words_that_are_no_numerals_are_left_alone(text: str) -> None:
    assert normalize_text(text) == text


def test_roman_value_accepts_only_canonical_numerals() -> None:
    assert roman_value("XIV") == 14 and roman_value("LVIII") == 58
    assert roman_value("IIII") is None and roman_value("VX") is None
