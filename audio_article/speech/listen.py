"""The listening check (`build --verify`): hear every narrated segment, retake the unclear, report the rest.

After narration, a recognizer (`recognizer.whisper_recognizer`, or any
plain function with the same signature) transcribes each spoken segment;
`heard.hearing` compares the transcript with the text the engine was given.
A segment judged unclear is narrated once more, slower (`RETAKE_RATE` of its
rate): espeak-ng and Piper are deterministic, so the same text at the same
rate would give the same audio again. The retake is heard too, and the
better of the two takes (the retake only when it was heard better) goes
into the episode; a segment still unclear is logged and returned, by number
and written text, so the publisher knows which sentence to fix (a lexicon
entry, a rewording). The build goes on either way.

The retake is an ordinary segment at another rate: the cache keys it by its
text and rate like any other, so the next `--verify` build of the same
article takes both takes (and their transcripts) from the cache and makes
the same choice. Transcripts are cached under the segment's key and the
model's name, sealed like other entries.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from audio_article.atomic import write_atomic
from audio_article.cache import BuildCache, seal, unseal
from audio_article.models import Progress, RenderedSegment, ScriptSegment, UnclearSegment, VoiceProfile
from audio_article.script.normalize.normalizer import normalize_text
from audio_article.speech.heard import Hearing, hearing
from audio_article.speech.recognizer import Recognizer

log = logging.getLogger(__name__)

RETAKE_RATE = 0.8  # of the segment's rate: 175 wpm -> 140 wpm
MIN_RETAKE_WPM = 80  # espeak-ng's slowest rate
Retake = Callable[[tuple[ScriptSegment, ...]], tuple[RenderedSegment, ...]]


@dataclass(frozen=True)
class ListeningResult:
    """The segments to assemble (retakes in place of the takes they beat) and what stayed unclear."""

    rendered: tuple[RenderedSegment, ...]
    unclear: tuple[UnclearSegment, ...]
    checked: int  # spoken segments transcribed
    retaken: int  # narrated again, slower
    improved: int  # of those, heard better the second time


@dataclass(frozen=True)
class _Take:
    rendered: RenderedSegment
    heard: str
    hearing: Hearing


def listen(
    rendered: tuple[RenderedSegment, ...],
    profile: VoiceProfile,
    cache: BuildCache,
    recognize: Recognizer,
    model: str,
    retake: Retake,
    progress: Progress | None = None,
) -> ListeningResult:
    """Hear every spoken segment of `rendered`, retake the unclear ones once, return what stayed unclear."""
    spoken = [r for r in rendered if r.segment.kind != "audio"]
    log.info("listening to %d segments with Whisper %s", len(spoken), model)
    first = _hear(spoken, cache, recognize, model, progress, profile.language)
    flagged = [take for take in first if take.hearing.unclear]
    if not flagged:
        return ListeningResult(rendered, (), len(spoken), 0, 0)
    for take in flagged:
        index, recall = take.rendered.segment.index, take.hearing.recall
        log.info("segment %d: %.0f%% of its words heard; narrating it again slower", index, 100 * recall)
    slower = tuple(
        replace(t.rendered.segment, rate_wpm=retake_rate(t.rendered.segment, profile)) for t in flagged
    )
    second = _hear(list(retake(slower)), cache, recognize, model, None, profile.language)
    best = {
        old.rendered.segment.index: new if new.hearing.recall > old.hearing.recall else old
        for old, new in zip(flagged, second, strict=True)
    }
    unclear = tuple(_unclear(take) for take in best.values() if take.hearing.unclear)
    for item in unclear:
        log.info("segment %d still unclear (%.0f%% heard): %r", item.index, 100 * item.recall, item.text)
    kept = tuple(best[r.segment.index].rendered if r.segment.index in best else r for r in rendered)
    improved = sum(best[t.rendered.segment.index] is not t for t in flagged)
    return ListeningResult(kept, unclear, len(spoken), len(flagged), improved)


def retake_rate(segment: ScriptSegment, profile: VoiceProfile) -> int:
    """The slower rate a segment is narrated again at."""
    return max(MIN_RETAKE_WPM, round(RETAKE_RATE * (segment.rate_wpm or profile.rate_wpm)))


def _unclear(take: _Take) -> UnclearSegment:
    segment = take.rendered.segment
    return UnclearSegment(segment.index, segment.text, take.heard, round(take.hearing.recall, 3))


def _hear(
    segments: Sequence[RenderedSegment],
    cache: BuildCache,
    recognize: Recognizer,
    model: str,
    progress: Progress | None,
    language: str = "en",
) -> list[_Take]:
    """Each segment's transcript (from the cache, or recognized in one batch) and how well it matched."""
    keys = [_transcript_key(r, model) for r in segments]
    heard = {i: text for i, key in enumerate(keys) if (text := _cached(cache, key)) is not None}
    todo = [i for i in range(len(segments)) if i not in heard]
    total = len(segments)
    if progress:
        progress(len(heard), total)

    def done(count: int) -> None:
        if progress:
            progress(len(heard) + count, total)

    for i, text in zip(todo, recognize([segments[i].wav_path for i in todo], done), strict=True):
        heard[i] = text
        write_atomic(cache.entry("heard", keys[i], ".txt"), seal(text.encode("utf-8")))
    # Heard against the words a newsreader says, not the engine's text: that holds the
    # engine's `[[phonemes]]` (espeak-ng numbers, lexicon names), which no recognizer writes.
    said = [normalize_text(r.segment.text, r.segment.language or language) for r in segments]
    return [_Take(r, heard[i], hearing(said[i], heard[i])) for i, r in enumerate(segments)]


def _transcript_key(segment: RenderedSegment, model: str) -> str:
    """The segment's audio (its cache key is its file name) and the model that heard it."""
    audio = segment.wav_path.stem
    return hashlib.sha256(f"{model}\0{audio}".encode()).hexdigest()


def _cached(cache: BuildCache, key: str) -> str | None:
    try:
        data = unseal(cache.entry("heard", key, ".txt").read_bytes())
    except OSError:
        return None
    return None if data is None else data.decode("utf-8", "replace")
