"""Quarter, half and fiscal-year codes, in the newsroom style ("Q three")."""

from __future__ import annotations

import pytest

from audio_article.script.normalize.normalizer import normalize_text


@pytest.mark.parametrize(
    "written,spoken",
    [
        ("Q1 2026", "Q one, twenty twenty-six"),
        ("Q1 2026 results beat forecasts.", "Q one, twenty twenty-six results beat forecasts."),
        ("In Q3 the firm grew.", "In Q three the firm grew."),
        ("in Q4, sales fell", "in Q four, sales fell"),
        ("Q2 ’25", "Q two, twenty-five"),
        ("H1 2025 profit", "H one, twenty twenty-five profit"),
        ("Q1 FY2026", "Q one, fiscal year twenty twenty-six"),
        ("The FY2026 budget", "The fiscal year twenty twenty-six budget"),
        ("FY26", "fiscal year twenty-six"),
        ("3Q22", "the third quarter of twenty-two"),
    ],
)
def test_periods(written: str, spoken: str) -> None:
    assert normalize_text(written) == spoken
