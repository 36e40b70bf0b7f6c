from __future__ import annotations

from pathlib import Path

import pytest

from audio_article.errors import ConfigError
from audio_article.lexicon import Lexicon, LexiconEntry, load_lexicon
from audio_article.profiles import PROJECT_VOICES


def test_case_aware_whole_word_matching():
    lex = Lexicon(
        (LexiconEntry("Kyiv", "Keev"), LexiconEntry("nato", "Nay-toe"), LexiconEntry("New York", "Noo York"))
    )
    text, used = lex.apply("Kyiv and kyiv, NATO and Nato; New York, Kyivan")
    assert text == "Keev and kyiv, Nay-toe and Nay-toe; Noo York, Kyivan"
    assert used == ("Kyiv", "nato", "New York")


def test_phonemes_only_when_asked():
    lex = Lexicon((LexiconEntry("Merz", "Mairts", "mˈɛɾts"),))
    assert lex.apply("Merz said")[0] == "Mairts said"
    assert lex.apply("Merz said", use_phonemes=True)[0] == "[[mˈɛɾts]] said"


def test_default_lexicon_has_sample_names():
    lex = load_lexicon(PROJECT_VOICES / "lexicon.toml")
    keys = {e.key for e in lex.entries}
    assert {"Kyiv", "Zelensky", "Merz", "Pistorius", "Witkoff"} <= keys


def test_later_lexicon_overrides(tmp_path: Path):
    a = Lexicon((LexiconEntry("X", "one"),))
    b = Lexicon((LexiconEntry("X", "two"),))
    assert a.merged(b).apply("X")[0] == "two"


@pytest.mark.parametrize("body", ["[words]\nX = 3\n", "[other]\nX = 'y'\n", "not toml ["])
def test_bad_lexicons(tmp_path: Path, body: str):
    path = tmp_path / "lex.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_lexicon(path)


def test_piper_profile_sends_lexicon_phonemes(tmp_path):
    pytest.importorskip("piper")
    from audio_article.pipeline import BuildOptions, prepare

    article = tmp_path / "a.md"
    article.write_text("# Talks in Kyiv\n\nZelensky met Merz in Kyiv.\n", encoding="utf-8")
    _, _, script = prepare(article, BuildOptions(voice="piper-joe"))
    spoken = " ".join(s.spoken for s in script.segments)
    assert "[[kˈiːv]]" in spoken and "[[mˈɛɾts]]" in spoken and "Kyiv" not in spoken
    _, _, espeak_script = prepare(article, BuildOptions(voice="default"))
    assert "Keev" in " ".join(s.spoken for s in espeak_script.segments)
