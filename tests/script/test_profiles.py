from __future__ import annotations

from pathlib import Path

import pytest

from audio_article.errors import ConfigError
from audio_article.models import Pauses, VoiceProfile
from audio_article.schema import markdown_table
from audio_article.script.profiles import PROFILE_SCHEMA, PROJECT_VOICES, list_profiles, load_profile


def test_bundled_profiles() -> None:
    names = {p.stem for p in list_profiles()}
    assert {"default", "clear", "brisk"} <= names
    clear = load_profile("clear")
    assert clear.rate_wpm <= 155 and clear.pauses.paragraph_ms > load_profile("default").pauses.paragraph_ms


def test_unknown_profile_names_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="default"):
        load_profile("no-such-voice")


@pytest.mark.parametrize(
    "body,error",
    [
        ('engine = "fake"\nrate = 100\n', r"'rate' is not a known key \(did you mean 'rate_wpm'\?\)"),
        ('engine = "fake"\nrate_wpm = 5\n', "'rate_wpm' must be a whole number from 60 to 500, not 5"),
        ('engine = "fake"\nrate_wpm = "fast"\n', "'rate_wpm' must be a whole number"),
        ('engine = "fake"\nvolume = nan\n', "'volume' must be a number from 0.05 to 1, not nan"),
        ('engine = "fake"\nvolume = inf\n', "'volume' must be a number from 0.05 to 1, not inf"),
        ('engine = "fake"\nvolume = true\n', "'volume' must be a number"),
        ('engine = "fake"\n[heading]\nrate_wpm = -inf\n', "'heading.rate_wpm' must be a whole number"),
        ('engine = "fake"\n[pauses]\nsentence_ms = nan\n', "'pauses.sentence_ms' must be a whole number"),
        ('engine = "fake"\n[pauses]\nsentence_ms = 20000\n', "'pauses.sentence_ms' .* 0 to 10000"),
        ('engine = "fake"\n[pauses]\nbogus_ms = 1\n', "'pauses.bogus_ms' is not a known key"),
        ('engine = "fake"\npauses = 3\n', "'pauses' must be a table"),
        ('engine = "fake"\nlanguage = "English"\n', "'language' must be a BCP 47 language tag"),
        ('engine = "fake"\nlexicons = "lexicon.toml"\n', "'lexicons' must be a list of strings"),
        ('engine = ""\n', "'engine' must be a non-empty string"),
        ('engine = "piper"\nword_gap_ms = 20\n', "'word_gap_ms' is for espeak-ng"),
        ('engine = "pyttsx3"\nword_gap_ms = -10\n', "'word_gap_ms' must be a whole number from 0 to 200"),
        ("engine = [", "v.toml: "),
    ],
)
def test_bad_profiles(tmp_path: Path, body: str, error: str) -> None:
    path = tmp_path / "v.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=error) as caught:
        load_profile(str(path))
    assert str(caught.value).startswith(f"{path}: ")
    assert "\n" not in str(caught.value)


def test_profile_defaults_come_from_the_models(tmp_path: Path) -> None:
    path = tmp_path / "v.toml"
    path.write_text('engine = "fake"\nvolume = 1\n', encoding="utf-8")
    profile = load_profile(str(path))
    assert profile == VoiceProfile(name="v", engine="fake", pauses=Pauses())
    assert isinstance(profile.volume, float)


def test_every_profile_key_is_in_the_voices_readme() -> None:
    readme = (PROJECT_VOICES / "README.md").read_text(encoding="utf-8")
    assert markdown_table(PROFILE_SCHEMA) in readme, "run scripts/config-docs to refresh voices/README.md"
    for setting in PROFILE_SCHEMA.settings:
        assert setting.key.rsplit(".", 1)[-1] in readme
