"""The real engine (espeak-ng), the seed article: both talking books, checked by EPUBCheck and DAISY Ace."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES, SEED
from readers import ace, ace_violations, clock_s, epubcheck, ffmpeg_duration_s, zip_xml

from audio_article.pipeline.build import BuildOptions, build

pytestmark = pytest.mark.slow


def test_the_seed_as_talking_books(tmp_path: Path) -> None:
    article = SEED if SEED.exists() else SAMPLES / "night-reading-room.txt"
    options = BuildOptions(
        output_dir=tmp_path / "out", cache_dir=tmp_path / "cache", talking_books=("epub", "daisy")
    )
    episode = build(article, options)
    epub, daisy = episode.books
    counts, messages = epubcheck(epub, tmp_path / "epubcheck.json")
    assert counts == {"FATAL": 0, "ERROR": 0, "WARNING": 0}, messages
    serious = [v for v in ace_violations(ace(epub, tmp_path / "ace")) if v[2] in ("serious", "critical")]
    assert not serious, serious
    with zipfile.ZipFile(daisy) as archive:
        ncc = zip_xml(archive, "ncc.html")
    total = next(m.get("content") for m in ncc.iter("{*}meta") if m.get("name") == "ncc:totalTime")
    assert abs(clock_s(total) - ffmpeg_duration_s(episode.mp3)) <= 0.1
