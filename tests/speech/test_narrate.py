from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from audio_article.cache import BuildCache
from audio_article.errors import NarrationError
from audio_article.models import Script, ScriptSegment, VoiceProfile
from audio_article.speech.engines import register_engine
from audio_article.speech.narrate import narrate
from audio_article.speech.render import check_segment

register_engine("flaky", "flaky_engine")


def _script(texts: list[str]) -> Script:
    segments = tuple(
        ScriptSegment(i, "text", t, t, 0, i, 0 if i == 0 else 300, starts_chapter=i == 0)
        for i, t in enumerate(texts)
    )
    return Script(segments, ("Chapter",))


def _wav_frames(path: Path) -> int:
    with wave.open(str(path)) as w:
        return w.getnframes()


def test_fake_engine_renders_and_cache_reuses(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path)
    script = _script(["One two three.", "Four five six seven.", "Eight."])
    first = narrate(script, VoiceProfile("t", engine="fake"), cache, jobs=1)
    assert [r.reused for r in first] == [False] * 3
    assert all(_wav_frames(r.wav_path) == r.num_samples > 0 for r in first)
    again = narrate(script, VoiceProfile("t", engine="fake"), cache, jobs=1)
    assert [r.reused for r in again] == [True] * 3
    edited = narrate(
        _script(["One two three.", "Four five SIX seven.", "Eight."]),
        VoiceProfile("t", engine="fake"),
        cache,
        jobs=1,
    )
    assert [r.reused for r in edited] == [True, False, True]


def test_rate_and_voice_are_part_of_the_key(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path)
    script = _script(["Same words here."])
    narrate(script, VoiceProfile("t", engine="fake", rate_wpm=150), cache, jobs=1)
    again = narrate(script, VoiceProfile("t", engine="fake", rate_wpm=200), cache, jobs=1)
    assert not again[0].reused


def test_silent_engine_fails_with_the_segment_named(tmp_path: Path) -> None:
    with pytest.raises(NarrationError, match=r"segment 0 \('Hello.'\) failed after 3 tries: .*silence"):
        narrate(
            _script(["Hello.", "Second sentence here."]),
            VoiceProfile("t", engine="fake", voice="silent"),
            BuildCache(tmp_path),
            jobs=1,
        )


def test_empty_output_is_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLAKY_FAILS", "2")
    rendered = narrate(
        _script(["Some words to say."]), VoiceProfile("t", engine="flaky"), BuildCache(tmp_path), jobs=1
    )
    assert rendered[0].num_samples > 0


def test_persistent_failure_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLAKY_FAILS", "99")
    with pytest.raises(NarrationError, match="after 3 tries: the engine returned no audio"):
        narrate(
            _script(["Some words to say."]), VoiceProfile("t", engine="flaky"), BuildCache(tmp_path), jobs=1
        )


@pytest.mark.parametrize("word", ["CRASH", "HANG"])
def test_engine_crash_or_hang_once_is_retried_on_a_fresh_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, word: str
) -> None:
    monkeypatch.setenv("AUDIO_ARTICLE_SEGMENT_TIMEOUT", "2")
    monkeypatch.setenv("FLAKY_FAILS", "0")
    monkeypatch.setenv("FLAKY_STATE", str(tmp_path))
    texts = ["A first sentence.", f"Then {word} right here.", "A last sentence."]
    rendered = narrate(_script(texts), VoiceProfile("t", engine="flaky"), BuildCache(tmp_path / "c"), jobs=1)
    assert [r.num_samples > 0 for r in rendered] == [True, True, True]


@pytest.mark.parametrize(
    "word,reason",
    [
        ("CRASH", r"the engine process died \(exit status 3\)"),
        ("HANG", r"no audio within 1 s \(engine hung\?\)"),
    ],
)
def test_engine_that_always_crashes_or_hangs_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, word: str, reason: str
) -> None:
    monkeypatch.setenv("AUDIO_ARTICLE_SEGMENT_TIMEOUT", "1")
    monkeypatch.setenv("FLAKY_FAILS", "0")
    texts = ["A first sentence.", f"Then {word} right here."]
    with pytest.raises(
        NarrationError, match=rf"segment 1 \('Then {word} right here.'\) failed after 3 tries: {reason}"
    ):
        narrate(_script(texts), VoiceProfile("t", engine="flaky"), BuildCache(tmp_path), jobs=1)


def test_spawned_workers(tmp_path: Path) -> None:
    texts = [f"Sentence number {i} has a few words." for i in range(60)]
    progress: list[tuple[int, int]] = []
    rendered = narrate(
        _script(texts),
        VoiceProfile("t", engine="fake"),
        BuildCache(tmp_path),
        jobs=2,
        progress=lambda d, t: progress.append((d, t)),
    )
    assert [r.segment.index for r in rendered] == list(range(60))
    assert progress[-1] == (60, 60)


@pytest.mark.slow
def test_real_engine_narrates_100_paragraphs_in_a_row(tmp_path: Path) -> None:
    """pyttsx3 sometimes writes empty WAVs on repeated saves: every segment must still be whole."""
    words = [
        "alpha",
        "bravo",
        "charlie",
        "delta",
        "echo",
        "foxtrot",
        "golf",
        "hotel",
        "india",
        "juliet",
        "kilo",
        "lima",
        "mike",
    ]
    texts = [
        " ".join(words[i % 7 : i % 7 + 3 + i % 6]).capitalize() + f", paragraph {i}." for i in range(120)
    ]
    profile = VoiceProfile("t", engine="pyttsx3", voice="en-us", rate_wpm=175)
    rendered = narrate(_script(texts), profile, BuildCache(tmp_path), jobs=1)
    assert len(rendered) == 120
    for item in rendered:
        with wave.open(str(item.wav_path)) as w:
            samples = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        assert check_segment(samples, item.sample_rate_hz, item.segment.spoken, 175) is None
        assert item.duration_ms > 500


@pytest.mark.slow
def test_real_engine_in_spawned_workers(tmp_path: Path) -> None:
    texts = [f"Worker sentence number {i} is spoken by espeak." for i in range(120)]
    profile = VoiceProfile("t", engine="pyttsx3", voice="en-us", rate_wpm=175)
    rendered = narrate(_script(texts), profile, BuildCache(tmp_path), jobs=2)
    assert [r.segment.index for r in rendered] == list(range(120))
    assert all(r.duration_ms > 1000 for r in rendered)
