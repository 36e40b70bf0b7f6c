"""The voice for the article's language: espeak-ng's voice for it, or a clear error for one-voice engines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from audio_article.cache import BuildCache
from audio_article.errors import ConfigError
from audio_article.models import AudioChunk, VoiceProfile
from audio_article.script.normalize.languages.registry import SUPPORTED
from audio_article.speech.language_voices import espeak_voice, profile_for_language
from audio_article.speech.plan import NarrationJob
from audio_article.speech.render import render_job

ENGLISH = VoiceProfile(name="default", voice="en-us", lexicons=())


@pytest.mark.parametrize("language", SUPPORTED)
def test_every_supported_language_has_an_espeak_voice(language: str) -> None:
    assert espeak_voice(language)


def test_an_espeak_profile_takes_the_languages_voice_and_drops_its_lexicons_and_word_gap() -> None:
    profile = VoiceProfile(name="default", voice="en-us", lexicons=(Path("lexicon.toml"),), word_gap_ms=20)
    german = profile_for_language(profile, "de-AT")
    assert (german.voice, german.language, german.lexicons, german.word_gap_ms) == ("de", "de", (), 0)
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


class _RecordingEngine:
    """Says a tone for any text, and records the language it was asked to speak and the text it got."""

    def __init__(self) -> None:
        self.calls: list[tuple[str | None, str]] = []
        self._language: str | None = None

    def use_language(self, language: str | None) -> None:
        self._language = language

    def synthesize(self, text: str, rate_wpm: int | None = None) -> Iterator[AudioChunk]:
        self.calls.append((self._language, text))
        tone = (np.sin(np.arange(22050) / 5) * 8000).astype("<i2")
        yield AudioChunk(22050, tone.tobytes())


def test_a_passage_is_synthesized_in_its_language_without_the_mark(tmp_path: Path) -> None:
    engine = _RecordingEngine()
    cache = BuildCache(tmp_path)
    render_job(engine, NarrationJob(0, "⟦fr⟧ merci à tous", 150, "k1"), cache)  # type: ignore[arg-type]
    render_job(engine, NarrationJob(1, "and left", 150, "k2"), cache)  # type: ignore[arg-type]
    assert engine.calls == [("fr", "merci à tous"), (None, "and left")]


def test_espeak_speaks_a_passage_in_the_languages_voice() -> None:
    from audio_article.speech.engines import create_engine

    engine = create_engine(VoiceProfile("mine", engine="pyttsx3", voice="en-us"))
    text = "Wir haben zwölf Jahre gewartet"

    def pcm() -> bytes:
        # pyttsx3 can hand back an empty WAV (the build's render step retries it); so does this.
        for _ in range(4):
            audio = b"".join(chunk.pcm for chunk in engine.synthesize(text))
            if audio:
                return audio
        raise AssertionError("espeak-ng wrote no audio in four takes")

    english = len(pcm())
    engine.use_language("de")  # type: ignore[attr-defined]
    german = len(pcm())
    engine.use_language(None)  # type: ignore[attr-defined]
    back = len(pcm())
    engine.use_language("de")  # type: ignore[attr-defined]
    again = len(pcm())
    # espeak-ng's output length wavers by up to 2 % from one call to the next; a voice
    # changes it by more, so each take lies nearer the other take of its own voice.
    assert abs(back - english) < abs(back - german)
    assert abs(again - german) < abs(again - english)
