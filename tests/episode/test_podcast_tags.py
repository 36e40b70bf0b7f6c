"""The lede as a soundbite: 15-60 s, cut at sentence boundaries on the cues' own times."""

from __future__ import annotations

from pathlib import Path

from audio_article.episode.podcast_tags import lede_soundbite, seconds
from audio_article.models import Placement, ScriptSegment

RATE = 1000  # one sample per ms keeps the arithmetic readable


def _placement(index: int, kind: str, paragraph: int, start_ms: int, length_ms: int) -> Placement:
    segment = ScriptSegment(index, kind, f"Sentence {index}.", f"Sentence {index}.", 0, paragraph, 0)  # type: ignore[arg-type]
    return Placement(segment, Path("x.wav"), start_ms, length_ms)


def test_soundbite_takes_the_first_paragraph_when_it_is_long_enough() -> None:
    placements = [
        _placement(0, "announcement", -1, 0, 6000),
        _placement(1, "text", 0, 7000, 9000),
        _placement(2, "text", 0, 16_500, 9000),
        _placement(3, "text", 1, 26_000, 9000),
    ]
    bite = lede_soundbite(placements, RATE)
    assert bite is not None and (bite.start_ms, bite.duration_ms) == (7000, 18_500)


def test_soundbite_runs_into_the_next_paragraph_until_fifteen_seconds() -> None:
    placements = [_placement(1, "text", 0, 0, 5000), _placement(2, "text", 1, 5500, 5000)]
    placements += [_placement(3, "text", 1, 11_000, 6000), _placement(4, "text", 2, 17_500, 6000)]
    bite = lede_soundbite(placements, RATE)
    assert bite is not None and (bite.start_ms, bite.start_ms + bite.duration_ms) == (0, 17_000)


def test_soundbite_never_exceeds_sixty_seconds_nor_cuts_a_sentence() -> None:
    placements = [_placement(n, "text", 0, n * 20_000, 19_000) for n in range(5)]
    bite = lede_soundbite(placements, RATE)
    assert bite is not None and bite.duration_ms == 59_000  # three sentences; a fourth would pass 60 s
    assert lede_soundbite([_placement(1, "text", 0, 0, 61_000)], RATE) is None
    assert lede_soundbite([_placement(1, "text", 0, 0, 9000)], RATE) is None


def test_seconds_are_exact_decimals() -> None:
    assert [seconds(ms) for ms in (0, 7383, 34_289, 60_000)] == ["0.000", "7.383", "34.289", "60.000"]
