"""Dates found in prose and read from metadata."""

from __future__ import annotations

import datetime as dt

import pytest

from audio_article.textutil import find_date, invalid_date, read_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-01-05", dt.date(2025, 1, 5)),
        ("2025-01-05T10:30:00+02:00", dt.date(2025, 1, 5)),
        ("January 5, 2025", dt.date(2025, 1, 5)),
        ("Sun, 05 Jan 2025 10:00:00 GMT", dt.date(2025, 1, 5)),
    ],
)
def test_read_date_reads_iso_and_month_names(text: str, expected: dt.date) -> None:
    assert read_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2025-02-30", "not a real date"),
        ("2025-13-01", "not a real date"),
        ("0000-00-00", "not a real date"),
        ("99999-01-01", "four digits"),
        ("February 30, 2025", "not a real date"),
        ("31/31/2025", "YYYY-MM-DD"),
        ("soon", "YYYY-MM-DD"),
    ],
)
def test_read_date_says_why_a_value_is_no_date(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        read_date(text)


def test_find_date_skips_impossible_dates_and_longer_digit_runs() -> None:
    assert find_date("filed 99999-01-01 and 2025-02-30") is None
    assert find_date("filed 2025-02-30, printed March 3, 2025") == dt.date(2025, 3, 3)
    assert invalid_date("By Jane, 2025-02-30") == "2025-02-30"
    assert invalid_date("By Jane, 2025-02-03") is None
