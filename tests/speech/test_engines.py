"""The engine registry: built-in specs, entry-point engines (tests/engine_pkg), broken ones, espeak voices."""

from __future__ import annotations

import importlib.metadata
import logging
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from helpers import spoken_seconds
from mutagen.mp3 import MP3

from audio_article.cli.main import main
from audio_article.errors import EngineError
from audio_article.models import VoiceProfile
from audio_article.pipeline.build import BuildOptions, build
from audio_article.speech import engines
from audio_article.speech.engines import (
    ENTRY_POINT_GROUP,
    EngineSpec,
    create_engine,
    engine_names,
    engine_spec,
    load_entry_points,
    register_engine,
)
from audio_article.speech.engines import fake as fake_engine
from audio_article.speech.workers import _portable


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Registrations made by a test stay in that test."""
    monkeypatch.setattr(engines, "_REGISTRY", dict(engines._REGISTRY))
    monkeypatch.setattr(engines, "_BROKEN", dict(engines._BROKEN))


def test_builtin_engines_declare_their_capabilities() -> None:
    piper, pyttsx3, fake = engine_spec("piper"), engine_spec("pyttsx3"), engine_spec("fake")
    assert piper.dialect.phonemes == "ipa" and pyttsx3.dialect.phonemes == "espeak"
    assert pyttsx3.dialect.forms == "espeak-ng" and fake.dialect.phonemes is None
    assert piper.isolated and pyttsx3.isolated and not fake.isolated
    assert piper.segments_per_worker < pyttsx3.segments_per_worker
    assert piper.extra == "piper" and pyttsx3.extra is None
    assert all(spec.summary for spec in (piper, pyttsx3, fake))


def test_unknown_engine_names_the_known_ones() -> None:
    with pytest.raises(EngineError, match=r"unknown engine 'nosuch' \(known: .*pyttsx3"):
        engine_spec("nosuch")


def test_entry_point_engine_is_registered() -> None:
    declared = {ep.name for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)}
    assert "echo" in declared, "tests/engine_pkg is not installed: run scripts/setup"
    assert "echo" in engine_names()
    spec = engine_spec("echo")
    assert spec.isolated and spec.create.__module__ == "aa_echo_engine"


def test_entry_point_engine_narrates_an_article_in_spawned_workers(tmp_path: Path) -> None:
    voice = tmp_path / "echo.toml"
    voice.write_text('engine = "echo"\nrate_wpm = 200\n', encoding="utf-8")
    log = tmp_path / "echo.log"
    os.environ["AA_ECHO_LOG"] = str(log)
    try:
        episode = build(
            SAMPLES / "harbour-swim.md", BuildOptions(output_dir=tmp_path / "out", voice=str(voice), jobs=2)
        )
    finally:
        del os.environ["AA_ECHO_LOG"]
    pids = {int(line.split()[0]) for line in log.read_text(encoding="utf-8").splitlines()}
    assert pids and os.getpid() not in pids  # narrated in worker processes, not here
    assert episode.segments_synthesized > 0
    assert abs(MP3(str(episode.mp3)).info.length * 1000 - episode.duration_ms) < 200


def test_broken_and_duplicate_entry_points_are_warnings(
    registry: None, caplog: pytest.LogCaptureFixture
) -> None:
    points = [
        importlib.metadata.EntryPoint("ghost", "no_such_engine_module:SPEC", ENTRY_POINT_GROUP),
        importlib.metadata.EntryPoint("notaspec", "aa_echo_engine:create", ENTRY_POINT_GROUP),
        importlib.metadata.EntryPoint("misnamed", "aa_echo_engine:SPEC", ENTRY_POINT_GROUP),
        importlib.metadata.EntryPoint("pyttsx3", "aa_echo_engine:SPEC", ENTRY_POINT_GROUP),
    ]
    with caplog.at_level(logging.WARNING, logger="audio_article.speech.engines"):
        load_entry_points(points)
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 4
    with pytest.raises(
        EngineError, match=r"engine 'ghost' \(entry point .*\) cannot be used: .*no_such_engine"
    ):
        engine_spec("ghost")
    with pytest.raises(EngineError, match="not an EngineSpec"):
        engine_spec("notaspec")
    with pytest.raises(EngineError, match="its spec is named 'echo'"):
        engine_spec("misnamed")
    assert any("'pyttsx3'" in m and "already taken" in m for m in messages)
    assert engine_spec("pyttsx3").create.__module__ == "audio_article.speech.engines.pyttsx3_engine"


def _missing_spec() -> EngineSpec:
    return EngineSpec(
        name="ghost",
        create=fake_engine.create,
        describe=fake_engine.describe,
        summary="needs a module nobody has",
        extra="ghost",
        requires=("no_such_engine_module",),
    )


def test_missing_engine_says_how_to_install_it(registry: None) -> None:
    register_engine(_missing_spec())
    assert engine_spec("ghost").missing() == ["no_such_engine_module"]
    with pytest.raises(
        EngineError, match=r"engine 'ghost' is not installed \(pip install 'audio-article\[ghost\]'\)"
    ):
        create_engine(VoiceProfile("p", engine="ghost"))


def test_voices_lists_an_engine_that_is_not_installed(registry: None) -> None:
    register_engine(_missing_spec())
    result = CliRunner().invoke(main, ["voices", "--engine", "ghost"])
    assert result.exit_code == 0, result.output
    assert "ghost voices: not installed (pip install 'audio-article[ghost]')" in result.output
    assert "ghost        needs a module nobody has; not installed" in result.output


def test_a_spec_that_cannot_be_pickled_travels_by_name() -> None:
    spec = EngineSpec("local", lambda p: fake_engine.create(p), fake_engine.describe, "a lambda")
    assert _portable(spec) == "local"
    assert _portable(engine_spec("echo")) == engine_spec("echo")


def test_unknown_espeak_voice_is_an_error_with_close_names() -> None:
    with pytest.raises(EngineError) as caught:
        create_engine(VoiceProfile("mine", engine="pyttsx3", voice="en-uss"))
    message = str(caught.value)
    assert message.startswith("voice profile mine: voice 'en-uss' is not an espeak-ng voice")
    assert "en-us" in message.split("close:")[1]


@pytest.mark.parametrize("voice", ["en-us", "EN-US", "gmw/en-us", "English (America)", "en-us+f3", "fr"])
def test_known_espeak_voices_are_accepted(voice: str) -> None:
    engine = create_engine(VoiceProfile("mine", engine="pyttsx3", voice=voice))
    assert engine.info.voice == voice


def test_espeak_reads_double_brackets_as_phonemes() -> None:
    engine = create_engine(VoiceProfile("mine", engine="pyttsx3"))

    def seconds(text: str) -> float:
        return spoken_seconds(engine, text)

    # Read as letters ("left bracket, left bracket, h, at, l...") it would last several times longer.
    assert seconds("[[h@l'oU]] there") < 1.4 * seconds("hello there")


def test_espeak_word_gap_puts_air_between_words_and_keys_the_cache() -> None:
    sentence = "Officials said the runways handled about forty flights an hour."
    plain = VoiceProfile("plain", engine="pyttsx3")
    gapped = VoiceProfile("gapped", engine="pyttsx3", word_gap_ms=30)
    # 30 ms after each of 11 words: about a third of a second more.
    longer = spoken_seconds(create_engine(gapped), sentence) - spoken_seconds(create_engine(plain), sentence)
    assert 0.2 < longer < 0.6
    assert engines.describe_engine(plain) != engines.describe_engine(gapped)


def test_espeak_phonemizer_gives_espeak_ngs_own_phonemes() -> None:
    from audio_article.speech.engines.espeak_phonemes import phonemize

    engine = create_engine(VoiceProfile("mine", engine="pyttsx3"))
    assert phonemize(["hello", "forty-six, Zelensky"]) == ["h@l'oU", "f'O@t#is'Iks zEl'Enski"]
    with pytest.raises(EngineError, match="no voice 'xx-nowhere'"):
        phonemize(["hello"], "xx-nowhere")
    # Its own process: an engine in this one still narrates afterwards.
    assert list(engine.synthesize("still here"))
