from __future__ import annotations

from pathlib import Path

import pytest

from audio_article.errors import ConfigError
from audio_article.profiles import list_profiles, load_profile


def test_bundled_profiles():
    names = {p.stem for p in list_profiles()}
    assert {"default", "clear", "brisk"} <= names
    clear = load_profile("clear")
    assert clear.rate_wpm <= 155 and clear.pauses.paragraph_ms > load_profile("default").pauses.paragraph_ms


def test_unknown_profile_names_the_known_ones():
    with pytest.raises(ConfigError, match="default"):
        load_profile("no-such-voice")


@pytest.mark.parametrize(
    "body,error",
    [
        ('engine = "fake"\nrate = 100\n', "unknown keys"),
        ('engine = "fake"\nrate_wpm = 5\n', "rate_wpm"),
        ('engine = "fake"\n[pauses]\nbogus_ms = 1\n', "unknown pauses"),
        ("engine = [", "profile"),
    ],
)
def test_bad_profiles(tmp_path: Path, body: str, error: str):
    path = tmp_path / "v.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=error):
        load_profile(str(path))
