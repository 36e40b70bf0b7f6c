"""Dates found in prose and read from metadata; URLs told apart from paths; the month names."""

from __future__ import annotations

import datetime as dt

import pytest

from audio_article.textutil import (
    MONTH_NAMES,
    MONTHS,
    find_date,
    invalid_date,
    is_http_url,
    is_url,
    read_date,
)


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


@pytest.mark.parametrize(
    ("value", "http", "any_scheme"),
    [
        ("https://example.org/a", True, True),
        ("HTTP://EXAMPLE.ORG", True, True),
        ("ftp://example.org/a", False, True),
        ("notes/story.md", False, False),
        ("http://[::1", False, True),  # malformed: not an http URL, and no crash
        ("", False, False),
    ],
)
def test_one_test_for_urls(value: str, http: bool, any_scheme: bool) -> None:
    assert is_http_url(value) is http and is_url(value) is any_scheme


def test_month_names_have_one_home() -> None:
    from audio_article.script.normalize.tables import MONTH_NUMBERS
    from audio_article.script.sentences import CONTINUATIONS

    assert MONTHS["sep"] == 9 and MONTH_NUMBERS[9] == MONTH_NAMES[8] == "September"
    assert {"sept", "sep", "september", "may"} <= CONTINUATIONS
    assert find_date("Sept. 3, 2025") == dt.date(2025, 9, 3)
