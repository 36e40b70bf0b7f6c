"""One progress bar for the whole build: narration fills its first half, mastering and encoding the second."""

from __future__ import annotations

import threading
from collections.abc import Callable

from audio_article.models import Piece, Progress


def first_half(progress: Progress | None) -> Progress | None:
    """Narration's progress (a unit per segment) on the first half of the bar."""
    if progress is None:
        return None
    return lambda done, total: progress(done, 2 * total)


def second_half(progress: Progress | None, segments: int) -> Callable[[Piece], None] | None:
    """A callback for each finished piece: a unit per segment in it, on the second half of the bar."""
    if progress is None:
        return None
    lock = threading.Lock()  # pieces finish on several threads
    done = [segments]

    def piece_done(piece: Piece) -> None:
        with lock:
            done[0] += piece.stop_placement - piece.first_placement
            progress(min(done[0], 2 * segments), 2 * segments)

    return piece_done
