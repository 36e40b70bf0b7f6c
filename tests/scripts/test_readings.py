"""scripts/readings.py: a transcript's numerals spelled as the reference reads them, and only then."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from readings import rewrite


@pytest.mark.parametrize(
    "heard,reference,read",
    [
        ("in Room 114 of", "in room one fourteen of", "in Room one fourteen of"),
        ("at 6.05 a.m.", "at six oh five am", "at six oh five a.m."),
        ("at 11:45 p.m.", "at eleven forty five pm", "at eleven forty-five p.m."),
        ("letters of Henry VIII", "letters of henry the eighth", "letters of Henry the eighth"),
        ("Elizabeth I and World War I", "elizabeth the first and world war one",
         "Elizabeth the first and World War one"),
        ("the Artemis III crew", "the artemis three crew", "the Artemis three crew"),
        ("at 1,200 Fifth Avenue", "at twelve hundred fifth avenue", "at twelve hundred Fifth Avenue"),
        ("the $18.5M project", "the eighteen point five million dollar project",
         "the eighteen point five million dollar project"),
        ("in Q4 2026", "in the fourth quarter of twenty twenty six",
         "in the fourth quarter of twenty twenty-six"),
        ("on September 24", "on september twenty fourth", "on September twenty-fourth"),
        ("the last 10 km", "the last ten kilometers", "the last ten kilometers"),
    ],
)  # fmt: skip
def test_a_numeral_takes_the_reading_the_reference_has(heard: str, reference: str, read: str) -> None:
    assert rewrite(heard, reference) == read


@pytest.mark.parametrize(
    "heard,reference",
    [
        ("in Room 140 of", "in room one fourteen of"),  # misheard: still an error for the meter
        ("at 7.50 a.m.", "at seven fifteen am"),
        ("Then I went", "then i went to see elizabeth the first"),  # the pronoun
        ("it rose 2.75%", "it rose two point seven five percent"),  # the meter's own reading
        ("in the 1990s", "in the nineteen nineties"),
    ],
)
def test_a_numeral_without_that_reading_nearby_is_left_to_the_meter(heard: str, reference: str) -> None:
    assert rewrite(heard, reference) == heard


def test_a_reading_far_from_its_place_is_not_taken() -> None:
    reference = "one fourteen " + "word " * 200 + "end"
    heard = "word " * 200 + "114"
    assert rewrite(heard, reference).endswith("114")


def test_a_word_heard_right_but_written_without_diacritics_is_the_references_word() -> None:
    reference = "lukas müller left são paulo for kraków"
    assert (
        rewrite("Lukas Mueller left Sao Paulo for Krakow", reference)
        == "Lukas müller left são Paulo for kraków"
    )
    assert rewrite("Lukas Miller left", reference) == "Lukas Miller left"
