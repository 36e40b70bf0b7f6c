from __future__ import annotations

from audio_article.sentences import MAX_SEGMENT_CHARS, split_sentences


def test_abbreviations_and_initials_do_not_split():
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


def test_long_runs_are_bounded_at_clauses():
    text = ", ".join(["a clause of several words"] * 60) + "."
    pieces = split_sentences(text)
    assert all(len(p) <= MAX_SEGMENT_CHARS for p in pieces)
    assert " ".join(pieces).replace(" ", "") == text.replace(" ", "")


def test_unbroken_text_is_bounded():
    pieces = split_sentences("x" * 1000)
    assert all(len(p) <= MAX_SEGMENT_CHARS for p in pieces) and "".join(pieces) == "x" * 1000
