"""The stop machinery's pieces that need no signal (signals themselves: test_signals.py)."""

from __future__ import annotations

import threading
import time

import pytest

from audio_article.interrupt import parallel_map


def test_parallel_map_keeps_order() -> None:
    assert parallel_map(lambda i: i * i, 20, 3) == [i * i for i in range(20)]


def test_a_failure_does_not_wait_for_the_rest() -> None:
    release = threading.Event()
    started: list[int] = []

    def work(index: int) -> int:
        started.append(index)
        if index == 0:
            raise ValueError("piece 0 failed")
        release.wait(5)
        return index

    began = time.monotonic()
    with pytest.raises(ValueError, match="piece 0 failed"):
        parallel_map(work, 50, 2)
    assert time.monotonic() - began < 1.0
    release.set()
    assert len(started) < 50  # the pieces not yet started were cancelled
