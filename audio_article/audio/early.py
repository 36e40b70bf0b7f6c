"""Pieces mastered and encoded while the narration goes on.

The build masters and encodes once every segment is narrated
(`pipeline.steps.master_and_encode`). But a piece's MP3 depends on its own
audio alone (audio/master.py), and a piece is final as soon as the next one
starts (`timeline.Layout`), so each piece can be analysed, levelled and
encoded the moment its segments are in, on the build's threads, while the
workers narrate the rest: on two cores the encoder no longer waits for the
narration, nor the narration for the encoder.

The results are handed to the final pass by each piece's content key (the
key the final pass computes for the same piece), so it takes them as they
are; nothing here decides what the episode is, and a piece the final pass
cuts differently (it never does: both cut with `timeline.Layout`) would
simply be mastered there. A failure here is left for the final pass to meet
again and report.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from audio_article.audio.pieces import EncodedPiece, Levels, master_piece, piece_keys
from audio_article.audio.timeline import Layout
from audio_article.cache import BuildCache
from audio_article.models import EncodeSettings, Piece, RenderedSegment

log = logging.getLogger(__name__)


class EarlyPieces:
    """Encode the decided pieces of an episode still being narrated; `add` each segment as it is ready."""

    def __init__(
        self,
        order: list[int],
        cache: BuildCache,
        levels: Levels,
        settings: EncodeSettings,
        workers: int,
    ) -> None:
        self._order = order  # segment indices in script order
        self._cache = cache
        self._levels = levels
        self._settings = settings
        self._pool = ThreadPoolExecutor(max(1, workers), thread_name_prefix="audio-article-early")
        self._waiting: dict[int, RenderedSegment] = {}
        self._layout: Layout | None = None
        self._next = 0
        self._futures: list[Future[tuple[str, EncodedPiece]]] = []
        self._lock = threading.Lock()
        self._stopped = False

    def add(self, segment: RenderedSegment) -> None:
        """A segment is ready (in any order); start on every piece it completes."""
        with self._lock:
            if self._stopped:
                return
            self._waiting[segment.segment.index] = segment
            while self._next < len(self._order) and self._order[self._next] in self._waiting:
                item = self._waiting.pop(self._order[self._next])
                self._next += 1
                if self._layout is None:
                    self._layout = Layout(item.sample_rate_hz)
                if item.sample_rate_hz != self._layout.sample_rate_hz:
                    self._stopped = True  # mixed rates: `assemble` picks the clock; leave it all to it
                    return
                closed = self._layout.add(item)
                if closed is not None:
                    self._futures.append(self._pool.submit(self._encode, self._layout, closed))

    def _encode(self, layout: Layout, piece: Piece) -> tuple[str, EncodedPiece]:
        timeline = layout.piece_timeline(piece)
        [key] = piece_keys(timeline, self._cache)
        return key, master_piece(timeline, timeline.pieces[0], key, self._levels, self._settings, self._cache)

    def finish(self) -> dict[str, EncodedPiece]:
        """Wait for the pieces started; each one's result (encoded, or found in the cache) by content key."""
        with self._lock:
            self._stopped = True
        done = {}
        for future in self._futures:
            try:
                key, encoded = future.result()
            except Exception as exc:  # the final pass meets it again and reports it
                log.debug("early encoding of a piece failed (the final pass retries it): %s", exc)
                continue
            done[key] = encoded
        self._pool.shutdown()
        return done

    def cancel(self) -> None:
        """Start no more pieces and wait for those running (a piece is short; a stop signal ends it at
        its next block): none may write into a cache or staging folder being removed."""
        with self._lock:
            self._stopped = True
        self._pool.shutdown(wait=True, cancel_futures=True)
