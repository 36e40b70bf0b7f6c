"""The voice for the article's language: espeak-ng's voice for it, or a clear error for a one-language engine."""

from __future__ import annotations

import pytest

from audio_article.errors import ConfigError
from audio_article.models import VoiceProfile
from audio_article.script.normalize.languages.registry import SUPPORTED
from audio_article.speech.language_voices import espeak_voice, profile_for_language

ENGLISH = VoiceProfile(name="default", voice="en-us", lexicons=())


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_supported_language_has_an_espeak_voice(language: str) -> None:
    assert espeak_voice(language)


def test_an_espeak_profile_takes_the_languages_voice_and_drops_its_lexicons() -> None:
    from pathlib import Path

    profile = VoiceProfile(name="default", voice="en-us", lexicons=(Path("lexicon.toml"),))
    german = profile_for_language(profile, "de-AT")
    assert (german.voice, german.language, german.lexicons) == ("de", "de", ())
    assert profile_for_language(profile, "pt-BR").voice == "pt-br"
    assert profile_for_language(profile, "en-GB") is profile


def test_a_profile_in_the_articles_language_is_kept() -> None:
    profile = VoiceProfile(name="mine", voice="fr+f3", language="fr")
    assert profile_for_language(profile, "fr") is profile


def test_a_piper_profile_in_another_language_asks_for_one_in_the_articles() -> None:
    piper = VoiceProfile(name="piper-joe", engine="piper", voice="joe.onnx", language="en")
    with pytest.raises(ConfigError, match=r"'de'.*\.onnx.*language = \"de\""):
        profile_for_language(piper, "de")
    german = VoiceProfile(name="thorsten", engine="piper", voice="de_DE-thorsten.onnx", language="de")
    assert profile_for_language(german, "de") is german


def test_the_espeak_voices_exist() -> None:
    from audio_article.toolchain import load_espeak

    pyttsx3 = pytest.importorskip("pyttsx3")
    load_espeak()
    names = {voice.id.rsplit("/", 1)[-1] for voice in pyttsx3.init("espeak").getProperty("voices")}
    assert {espeak_voice(code) for code in SUPPORTED} <= names
