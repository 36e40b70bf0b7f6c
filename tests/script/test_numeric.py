"""Context rules for numbers: time zones after a time, time units."""

from __future__ import annotations

import pytest

from audio_article.script.normalize.normalizer import normalize_text


@pytest.mark.parametrize(
    "written,spoken",
    [
        ("at 11:45 p.m. ET", "at eleven forty-five p.m. Eastern Time"),
        ("At 3 p.m. ET on Monday", "At three p.m. Eastern Time on Monday"),
        ("The show airs at 9 p.m. ET. Then news.", "The show airs at nine p.m. Eastern Time. Then news."),
        ("at 6 a.m. PT", "at six a.m. Pacific Time"),
        ("at noon ET", "at noon Eastern Time"),
        ("at 9 a.m. PST.", "at nine a.m. PST."),
        ("at 10:30 UTC, officials said", "at ten thirty UTC, officials said"),
        ("at 8 p.m. IST", "at eight p.m. I S T"),
        ("12:30 a.m. est", "twelve thirty a.m. EST"),
        ("ET phoned home", "ET phoned home"),
    ],
)
def test_time_zones(written: str, spoken: str) -> None:
    assert normalize_text(written) == spoken


@pytest.mark.parametrize(
    "written,spoken",
    [
        ("every 15 min.", "every fifteen minutes."),
        ("Every 15 min. on weekdays", "Every fifteen minutes on weekdays"),
        ("it took 40 mins", "it took forty minutes"),
        ("a 90-min. flight", "a ninety-minute flight"),
        ("a 24 hr shift", "a twenty-four-hour shift"),
    ],
)
def test_time_units(written: str, spoken: str) -> None:
    assert normalize_text(written) == spoken
