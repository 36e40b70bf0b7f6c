from __future__ import annotations

import pytest

from audio_article.script.sentences import MAX_SEGMENT_CHARS, split_sentences


def test_abbreviations_and_initials_do_not_split() -> None:
    text = (
        "Mr. Smith met Dr. Jones at 9 a.m. Then they left! “Is it?” she asked. "
        "J. K. Rowling wrote. See No. 5 now."
    )
    assert split_sentences(text) == [
        "Mr. Smith met Dr. Jones at 9 a.m.",
        "Then they left!",
        "“Is it?” she asked.",
        "J. K. Rowling wrote.",
        "See No. 5 now.",
    ]


def test_long_runs_are_bounded_at_clauses() -> None:
    text = ", ".join(["a clause of several words"] * 60) + "."
    pieces = split_sentences(text)
    assert all(len(p) <= MAX_SEGMENT_CHARS for p in pieces)
    assert " ".join(pieces).replace(" ", "") == text.replace(" ", "")


def test_unbroken_text_is_bounded() -> None:
    pieces = split_sentences("x" * 1000)
    assert all(len(p) <= MAX_SEGMENT_CHARS for p in pieces) and "".join(pieces) == "x" * 1000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It came from the U.S. The next day it left.", ["It came from the U.S.", "The next day it left."]),
        ("They sued Acme Inc. It denied the claim.", ["They sued Acme Inc.", "It denied the claim."]),
        ("Shares fell on Wed. Analysts were surprised.", ["Shares fell on Wed.", "Analysts were surprised."]),
        (
            "The polls closed at 5 p.m. Officials began counting.",
            ["The polls closed at 5 p.m.", "Officials began counting."],
        ),
        ("Pens, paper, etc. The rest is yours.", ["Pens, paper, etc.", "The rest is yours."]),
        ("They met in Washington, D.C. It rained.", ["They met in Washington, D.C.", "It rained."]),
    ],
)
def test_may_end_abbreviations_end_a_sentence_before_a_new_one(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Smith arrived late.",
        "Mr. Jones said so.",
        "The U.S. Army moved in.",
        "She flew to St. Louis on Monday.",
        "The meeting is on Jan. 5 this year.",
        "It opens at 9 a.m. EST today.",
        "Samsung Co. Ltd. reported profits.",
        "Martin Luther King Jr. Day is a holiday.",
        "He joined the U.N. Security Council.",
    ],
)
def test_abbreviations_inside_a_sentence_do_not_split(text: str) -> None:
    assert split_sentences(text) == [text]
