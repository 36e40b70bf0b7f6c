"""One progress bar for the whole build: narration fills its first half, mastering and encoding the second.

With `--verify` the bar has three parts: narration, the listening check, then mastering and encoding.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from audio_article.models import Piece, Progress


def first_half(progress: Progress | None, parts: int = 2) -> Progress | None:
    """Narration's progress (a unit per segment) on the first half (or first of `parts`) of the bar."""
    if progress is None:
        return None
    return lambda done, total: progress(done, parts * total)


def listening_part(progress: Progress | None, segments: int) -> Progress | None:
    """The listening check's progress (a unit per segment) on the middle third of the bar."""
    if progress is None:
        return None
    return lambda done, total: progress(segments + segments * done // max(1, total), 3 * segments)


def second_half(progress: Progress | None, segments: int, parts: int = 2) -> Callable[[Piece], None] | None:
    """A callback for each finished piece: a unit per segment in it, on the last part of the bar."""
    if progress is None:
        return None
    lock = threading.Lock()  # pieces finish on several threads
    done = [(parts - 1) * segments]

    def piece_done(piece: Piece) -> None:
        with lock:
            done[0] += piece.stop_placement - piece.first_placement
            progress(min(done[0], parts * segments), parts * segments)

    return piece_done
