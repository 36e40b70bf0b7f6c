"""Street abbreviations by context: compass points, street words, Saint, Drive."""

from __future__ import annotations

import pytest

from audio_article.script.normalize.normalizer import normalize_text


@pytest.mark.parametrize(
    "written,spoken",
    [
        ("400 W. 42nd St.", "four hundred West forty-second Street."),
        (
            "They met at 400 W. 42nd St. on Monday.",
            "They met at four hundred West forty-second Street on Monday.",
        ),
        ("He lives at 12 E. Main St. in town.", "He lives at twelve East Main Street in town."),
        ("on W. 42nd St.", "on West forty-second Street."),
        ("From N. Michigan Ave. to S. State St.", "From North Michigan Avenue to South State Street."),
        ("the corner of Main St and 3rd Ave", "the corner of Main Street and third Avenue"),
        ("Mulholland Dr. at night", "Mulholland Drive at night"),
        ("St. Louis", "Saint Louis"),
        ("St Louis is big.", "Saint Louis is big."),
        ("They met on Elm St. yesterday.", "They met on Elm Street yesterday."),
        ("Sunset Blvd. is long.", "Sunset Boulevard is long."),
    ],
)
def test_streets(written: str, spoken: str) -> None:
    assert normalize_text(written) == spoken


@pytest.mark.parametrize(
    "written,spoken",
    [
        ("George W. Bush visited.", "George W Bush visited."),
        ("Dr. Smith", "Doctor Smith"),
        ("Meet Dr Smith today.", "Meet Dr Smith today."),
    ],
)
def test_initials_and_titles_are_not_streets(written: str, spoken: str) -> None:
    assert normalize_text(written) == spoken
