from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import spoken_seconds

from audio_article.errors import ConfigError
from audio_article.schema import markdown_table
from audio_article.script.lexicon import ENTRY_SCHEMA, Lexicon, LexiconEntry, load_lexicon
from audio_article.script.profiles import PROJECT_VOICES


def test_case_aware_whole_word_matching() -> None:
    lex = Lexicon(
        (LexiconEntry("Kyiv", "Keev"), LexiconEntry("nato", "Nay-toe"), LexiconEntry("New York", "Noo York"))
    )
    text, used = lex.apply("Kyiv and kyiv, NATO and Nato; New York, Kyivan")
    assert text == "Keev and kyiv, Nay-toe and Nay-toe; Noo York, Kyivan"
    assert used == ("Kyiv", "nato", "New York")


def test_phonemes_only_when_asked() -> None:
    lex = Lexicon((LexiconEntry("Merz", "Mairts", "mˈɛɾts"),))
    assert lex.apply("Merz said")[0] == "Mairts said"
    assert lex.apply("Merz said", phonemes="ipa")[0] == "[[mˈɛɾts]] said"


def test_each_engine_gets_its_own_phonemes() -> None:
    lex = Lexicon((LexiconEntry("Osei", "Oh-say", "oʊˈseɪ", "oUs'eI"), LexiconEntry("Kyiv", "Keev", "kˈiːv")))
    assert lex.apply("Osei in Kyiv", phonemes="espeak")[0] == "[[oUs'eI]] in Keev"
    assert lex.apply("Osei in Kyiv", phonemes="ipa")[0] == "[[oʊˈseɪ]] in [[kˈiːv]]"


def test_phonemes_with_brackets_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.toml"
    path.write_text('[words]\nOsei = { say = "Oh-say", espeak = "oU]]s\'eI" }\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"words\.Osei\.espeak.*'\['"):
        load_lexicon(path)


def test_default_lexicon_has_sample_names() -> None:
    lex = load_lexicon(PROJECT_VOICES / "lexicon.toml")
    keys = {e.key for e in lex.entries}
    assert {"Kyiv", "Zelensky", "Merz", "Pistorius", "Witkoff"} <= keys


def test_later_lexicon_overrides(tmp_path: Path) -> None:
    a = Lexicon((LexiconEntry("X", "one"),))
    b = Lexicon((LexiconEntry("X", "two"),))
    assert a.merged(b).apply("X")[0] == "two"


@pytest.mark.parametrize(
    "body,error",
    [
        ("[words]\nX = 3\n", "'words.X' must be a string or"),
        ("[other]\nX = 'y'\n", "'other' is not a known key"),
        ("words = 'y'\n", "'words' must be a table"),
        ('[words]\nfoo = ""\n', "'words.foo' must not be blank"),
        ('[words]\n"New York" = "   "\n', "'words.\"New York\"' must not be blank"),
        ('[words]\nfoo = { say = "" }\n', "'words.foo.say' must not be blank"),
        ('[words]\nfoo = { ipa = "fu" }\n', "missing 'words.foo.say'"),
        ('[words]\nfoo = { say = "fu", ipa = "" }\n', "'words.foo.ipa' must be a non-empty string"),
        ('[words]\nfoo = { say = "fu", sai = "x" }\n', "'words.foo.sai' is not a known key"),
        ('[words]\n" " = "x"\n', "is an empty key"),
        ("not toml [", "lex.toml: "),
    ],
)
def test_bad_lexicons(tmp_path: Path, body: str, error: str) -> None:
    path = tmp_path / "lex.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(error)) as caught:
        load_lexicon(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_entry_fields_are_in_the_voices_readme() -> None:
    readme = (PROJECT_VOICES / "README.md").read_text(encoding="utf-8")
    assert markdown_table(ENTRY_SCHEMA) in readme, "run scripts/config-docs to refresh voices/README.md"


def test_piper_profile_sends_lexicon_phonemes(tmp_path: Path) -> None:
    pytest.importorskip("piper")
    from audio_article.pipeline.build import BuildOptions, prepare

    article = tmp_path / "a.md"
    article.write_text("# Talks in Kyiv\n\nZelensky met Merz in Kyiv.\n", encoding="utf-8")
    _, _, script = prepare(article, BuildOptions(voice="piper-joe"))
    spoken = " ".join(s.spoken for s in script.segments)
    assert "[[kˈiːv]]" in spoken and "[[mˈɛɾts]]" in spoken and "Kyiv" not in spoken
    _, _, espeak_script = prepare(article, BuildOptions(voice="default"))
    assert "[[k'i:v]]" in " ".join(s.spoken for s in espeak_script.segments)


def test_errors_stay_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "lex.toml"
    path.write_text('[words]\n"two\\nlines" = ""\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape("'words.\"two\\nlines\"' must not be blank")) as caught:
        load_lexicon(path)
    assert "\n" not in str(caught.value)


def test_default_lexicons_espeak_phonemes_are_spoken_as_phonemes() -> None:
    from audio_article.models import VoiceProfile
    from audio_article.speech.engines import create_engine
    from audio_article.speech.engines.espeak_phonemes import phonemize

    engine = create_engine(VoiceProfile("check", engine="pyttsx3"))

    def seconds(text: str) -> float:
        return spoken_seconds(engine, text)

    entries = [e for e in load_lexicon(PROJECT_VOICES / "lexicon.toml").entries if e.espeak]
    assert len(entries) >= 30
    for entry, own in zip(entries, phonemize([e.key for e in entries]), strict=True):
        assert entry.espeak != own, f"{entry.key}: espeak-ng says that already"
        # Phonemes espeak-ng does not know are skipped or spelled out: the length gives them away.
        ratio = seconds(f"[[{entry.espeak}]]") / seconds(entry.key)
        assert 0.6 < ratio < 1.6, f"{entry.key}: [[{entry.espeak}]] lasts {ratio:.2f} times the word"
