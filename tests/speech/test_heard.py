"""The listening check's comparison: tolerant normalization and word recall, and the unclear threshold."""

from __future__ import annotations

import pytest

from audio_article.speech.heard import MIN_RECALL, MIN_WORDS, hearing, words_of


@pytest.mark.parametrize(
    ("spoken", "heard"),
    [
        ("forty-six degrees", "46 degrees"),
        ("four point two billion dollars budget", "$4.2 billion budget"),
        ("nineteen ninety-four", "1994"),
        ("two thousand and twenty-five", "2025"),
        ("twenty twenty-five", "2025"),
        ("at eleven forty-five p.m.", "At 11:45 PM"),
        ("room two-oh-one", "Room 201"),
        ("the twenty-first floor", "the 21st floor"),
        ("one thousand people", "1,000 people"),
        ("a twenty percent rise", "a 20% rise"),
        ("three point five percent", "3.5%"),
        ("Ukraine's envoys", "ukraines Envoys!"),
    ],
)
def test_case_punctuation_and_number_forms_do_not_count(spoken: str, heard: str) -> None:
    assert words_of(spoken) == words_of(heard)
    assert hearing(spoken, heard).recall == 1.0


def test_words_that_only_look_like_numbers_stay_words() -> None:
    assert words_of("a point of view, oh well") == ["a", "point", "of", "view", "oh", "well"]
    assert words_of("one and all") == ["1", "and", "all"]


def test_recall_counts_spoken_words_heard_in_order_and_ignores_extra_words() -> None:
    result = hearing(
        "What exactly would these security guarantees entail?", "and likely would be security guarantee"
    )
    assert (result.words, result.found) == (7, 2)
    assert result.missed == ("what", "exactly", "these", "guarantees", "entail")
    assert result.unclear
    assert not hearing("the talks went well", "um the talks went well today thank you").unclear


def test_threshold_for_sentences_and_for_short_segments() -> None:
    assert MIN_WORDS <= 10
    at_threshold = hearing(
        "alpha bravo charlie delta echo foxtrot golf hotel india juliet",
        "alpha bravo charlie delta echo foxtrot golf",
    )
    assert at_threshold.recall == pytest.approx(MIN_RECALL) and not at_threshold.unclear
    below = hearing(
        "alpha bravo charlie delta echo foxtrot golf hotel india juliet",
        "alpha bravo charlie delta echo foxtrot",
    )
    assert below.unclear
    # A heading of fewer than MIN_WORDS words is unclear only when none of it was heard.
    assert not hearing("Territory and Trust", "territory and rust").unclear
    assert hearing("Artemis three", "are to miss tree").unclear
    assert not hearing("", "thank you").unclear
