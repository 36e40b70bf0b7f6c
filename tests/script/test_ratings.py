"""Credit ratings, read as analysts and newsreaders read them, and only where they are ratings."""

from __future__ import annotations

import pytest

from audio_article.script.normalize.normalizer import normalize_text
from audio_article.script.normalize.ratings import say_rating


@pytest.mark.parametrize(
    "code,spoken",
    [
        ("AA-", "double A-minus"),
        ("BBB+", "triple B-plus"),
        ("A+", "A-plus"),
        ("AAA", "triple-A"),
        ("A", "single-A"),
        ("Aa2", "double A-two"),
        ("Baa3", "B double A-three"),
        ("Ba1", "B A-one"),
        ("Caa1", "C double A-one"),
        ("CCC+", "triple C-plus"),
    ],
)
def test_say_rating(code: str, spoken: str) -> None:
    assert say_rating(code) == spoken


@pytest.mark.parametrize(
    "written,spoken",
    [
        ("The city kept its AA- rating.", "The city kept its double A-minus rating."),
        ("AA- Rating Kept", "double A-minus Rating Kept"),
        ("Rated BBB+ by S&P", "Rated triple B-plus by S and P"),
        ("Moody's cut it to Aa2 from Aa1.", "Moody's cut it to double A-two from double A-one."),
        ("Downgraded from A+ to A-.", "Downgraded from A-plus to A-minus."),
        ("Fitch affirmed the AAA rating.", "Fitch affirmed the triple-A rating."),
        ("an AAA-rated bond", "a triple-A-rated bond"),
        ("He is rated A by Fitch.", "He is rated single-A by Fitch."),
        (
            "Moody's has the bonds at Baa3; S&P has BBB-.",
            "Moody's has the bonds at B double A-three; S and P has triple B-minus.",
        ),
    ],
)
def test_ratings_in_a_rating_sentence(written: str, spoken: str) -> None:
    assert normalize_text(written) == spoken


@pytest.mark.parametrize(
    "text",
    [
        "The AAA recommends winter tyres.",
        "AA meetings are on Tuesdays.",
        "Plan B is ready.",
        "A- and B-list stars came.",
    ],
)
def test_letters_that_are_not_ratings_are_left_alone(text: str) -> None:
    assert normalize_text(text) == text


@pytest.mark.parametrize(
    "text", ["He flew a B-52 over the bonds.", "He writes C++ code for a credit bureau."]
)
def test_letters_with_a_sign_inside_a_word_are_no_ratings(text: str) -> None:
    spoken = normalize_text(text)
    assert "minus" not in spoken and "-plus" not in spoken and "single" not in spoken


def test_a_rating_in_another_sentence_does_not_make_a_rating() -> None:
    spoken = normalize_text("Fitch cut the rating. AA meetings go on.")
    assert spoken.endswith("AA meetings go on.")
