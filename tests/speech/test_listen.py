"""The listening check with a fake recognizer (a plain function): unclear segments retaken, then reported."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from audio_article.cache import BuildCache
from audio_article.models import RenderedSegment, Script, ScriptSegment
from audio_article.pipeline.build import BuildOptions, prepare
from audio_article.speech.listen import listen, retake_rate
from audio_article.speech.narrate import narrate

ARTICLE = """Harbour News

The ferry left at noon with forty-six passengers on board.

Officials said the Zelensky envoy arrived late in the afternoon.

The harbour reopens on Monday after the storm.
"""


class Ears:
    """A recognizer hearing each clip's spoken text, except where `deaf_to` says; it counts its calls."""

    def __init__(self, spoken_by_path: dict[Path, str], deaf_to: Callable[[Path, str], bool]) -> None:
        self.spoken_by_path = spoken_by_path
        self.deaf_to = deaf_to
        self.batches: list[int] = []

    def __call__(self, paths: Sequence[Path], done: Callable[[int], None] | None = None) -> list[str]:
        self.batches.append(len(paths))
        heard = [
            "mumble mumble" if self.deaf_to(p, self.spoken_by_path[p]) else self.spoken_by_path[p]
            for p in paths
        ]
        if done:
            done(len(paths))
        return heard


def _narrated(
    tmp_path: Path, fake_voice: Path
) -> tuple[Script, tuple[RenderedSegment, ...], BuildCache, object]:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    _article, profile, script = prepare(article, BuildOptions(voice=str(fake_voice)))
    cache = BuildCache(tmp_path / "cache")
    return script, narrate(script, profile, cache), cache, profile


def _retake_with(
    script: Script, profile: object, cache: BuildCache, ears: Ears
) -> Callable[..., tuple[RenderedSegment, ...]]:
    def retake(segments: tuple[ScriptSegment, ...]) -> tuple[RenderedSegment, ...]:
        rendered = narrate(Script(segments, script.chapter_titles), profile, cache)  # type: ignore[arg-type]
        ears.spoken_by_path.update({r.wav_path: r.segment.spoken for r in rendered})
        return rendered

    return retake


def test_a_segment_the_recognizer_cannot_match_is_retaken_slower_then_reported_by_number_and_text(
    tmp_path: Path, fake_voice: Path
) -> None:
    script, rendered, cache, profile = _narrated(tmp_path, fake_voice)
    ears = Ears({r.wav_path: r.segment.spoken for r in rendered}, lambda _p, spoken: "Zelensky" in spoken)
    progress: list[tuple[int, int]] = []
    result = listen(
        rendered,
        profile,
        cache,
        ears,
        "fake",
        _retake_with(script, profile, cache, ears),  # type: ignore[arg-type]
        lambda done, total: progress.append((done, total)),
    )
    bad = next(s for s in script.segments if "Zelensky" in s.text)
    assert [(u.index, u.text, u.heard, u.recall) for u in result.unclear] == [
        (bad.index, bad.text, "mumble mumble", 0.0)
    ]
    assert (result.checked, result.retaken, result.improved) == (len(rendered), 1, 0)
    assert ears.batches == [len(rendered), 1]  # everything in one batch, then the retake
    # Not heard better: the first take stays, so the episode is what a build without --verify makes.
    assert result.rendered == rendered
    assert progress[-1] == (len(rendered), len(rendered))


def test_a_retake_heard_better_replaces_the_first_take_and_both_stay_cached(
    tmp_path: Path, fake_voice: Path
) -> None:
    script, rendered, cache, profile = _narrated(tmp_path, fake_voice)
    first_takes = {r.wav_path for r in rendered}
    # Deaf only to the first takes: the slower retake (a new cache entry) is heard.
    ears = Ears(
        {r.wav_path: r.segment.spoken for r in rendered}, lambda p, s: "Zelensky" in s and p in first_takes
    )
    retake = _retake_with(script, profile, cache, ears)
    result = listen(rendered, profile, cache, ears, "fake", retake)  # type: ignore[arg-type]
    assert result.unclear == () and (result.retaken, result.improved) == (1, 1)
    changed = [(a, b) for a, b in zip(rendered, result.rendered, strict=True) if a != b]
    assert len(changed) == 1
    old, new = changed[0]
    assert new.segment.index == old.segment.index and new.segment.text == old.segment.text
    assert new.segment.rate_wpm == retake_rate(old.segment, profile) < 180  # type: ignore[arg-type]
    assert new.num_samples > old.num_samples and new.wav_path != old.wav_path
    assert cache.lookup(new.wav_path.stem) and cache.lookup(old.wav_path.stem)
    # The next --verify build takes both takes and every transcript from the cache: nothing is heard again.
    again = listen(rendered, profile, cache, ears, "fake", retake)  # type: ignore[arg-type]
    assert [r.wav_path for r in again.rendered] == [r.wav_path for r in result.rendered]
    assert again.unclear == () and ears.batches == [len(rendered), 1, 0, 0]


def test_everything_heard_changes_nothing(tmp_path: Path, fake_voice: Path) -> None:
    script, rendered, cache, profile = _narrated(tmp_path, fake_voice)
    ears = Ears({r.wav_path: r.segment.spoken for r in rendered}, lambda _p, _s: False)
    result = listen(rendered, profile, cache, ears, "fake", _retake_with(script, profile, cache, ears))  # type: ignore[arg-type]
    assert result.rendered == rendered and result.unclear == () and result.retaken == 0


def test_engine_phonemes_are_heard_as_the_words_they_say(tmp_path: Path, fake_voice: Path) -> None:
    from dataclasses import replace

    from audio_article.models import Dialect
    from audio_article.script.normalize.dialects import speak_as

    article = tmp_path / "n.txt"
    article.write_text("Counts\n\nForty-four, fourteen, forty and nineteen boats came.\n", encoding="utf-8")
    _article, profile, script = prepare(article, BuildOptions(voice=str(fake_voice)))
    cache = BuildCache(tmp_path / "cache")
    rendered = narrate(script, profile, cache)
    # What an espeak-ng voice is sent ("[[f'o@rti]] four"), and a recognizer that hears the words.
    espeak = Dialect(forms="espeak-ng", phonemes="espeak")
    sent = tuple(
        replace(r, segment=replace(r.segment, spoken=speak_as(r.segment.spoken, espeak))) for r in rendered
    )
    assert sum(r.segment.spoken.count("[[") for r in sent) >= 4
    ears = Ears({r.wav_path: r.segment.spoken for r in rendered}, lambda _p, _s: False)
    result = listen(sent, profile, cache, ears, "fake", lambda segments: ())  # type: ignore[arg-type]
    assert result.unclear == () and result.retaken == 0
