"""Room, flight, route, gate and similar numbers, read as a person reads them."""

from __future__ import annotations

import pytest

from audio_article.script.normalize.designators import designator_number
from audio_article.script.normalize.normalizer import normalize_text


@pytest.mark.parametrize(
    "digits,spoken",
    [
        ("7", "seven"),
        ("66", "sixty-six"),
        ("201", "two-oh-one"),
        ("101", "one-oh-one"),
        ("128", "one twenty-eight"),
        ("300", "three hundred"),
        ("1549", "fifteen forty-nine"),
        ("2005", "twenty-oh-five"),
        ("1500", "fifteen hundred"),
        ("2000", "two thousand"),
        ("0815", "zero eight one five"),
        ("12345", "one two three four five"),
    ],
)
def test_designator_numbers(digits: str, spoken: str) -> None:
    assert designator_number(digits) == spoken


@pytest.mark.parametrize(
    "written,spoken",
    [
        ("She waited in room 201.", "She waited in room two-oh-one."),
        ("Room 201 is free.", "Room two-oh-one is free."),
        ("Go to Room 201, then Gate B12.", "Go to Room two-oh-one, then Gate B twelve."),
        ("ROOM 201", "ROOM two-oh-one"),
        ("Flight 1549 landed.", "Flight fifteen forty-nine landed."),
        ("Flight No. 1549 landed.", "Flight number fifteen forty-nine landed."),
        ("Route 66", "Route sixty-six"),
        ("Gate B12", "Gate B twelve"),
        ("gate b12", "gate B twelve"),
        ("Interstate 95", "Interstate ninety-five"),
        ("Take I-95 north.", "Take I ninety-five north."),
        ("I-405 and US-101", "I four-oh-five and U S one-oh-one"),
        ("Highway 101", "Highway one-oh-one"),
        ("Apt. 4B", "Apartment four B"),
        ("Channel 4's news", "Channel four's news"),
        ("Exit 9-10", "Exit nine to ten"),
        ("the room 2,500 people", "the room two thousand five hundred people"),
    ],
)
def test_designated_numbers_in_text(written: str, spoken: str) -> None:
    assert normalize_text(written) == spoken
