"""Rendering after a run of releases: spaced out as the feed grows, and once more at the end."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio_article.show import release
from audio_article.show.config import Show


class _Clock:
    def __init__(self) -> None:
        self.now_s = 1000.0

    def __call__(self) -> float:
        return self.now_s


def test_renders_are_spaced_by_the_last_render_and_the_run_ends_rendered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = _Clock()
    renders: list[float] = []
    cost_s = [1.0]

    def render_feed(show: Show, then: object = None) -> Path:
        renders.append(clock.now_s)
        clock.now_s += cost_s[0]  # rendering takes time, more as the feed grows
        return Path("feed.xml")

    monkeypatch.setattr(release.store, "render_feed", render_feed)
    renderer = release.FeedRenderer(Show.__new__(Show), clock)
    for _ in range(25):  # a release every second
        clock.now_s += 1.0
        renderer.released()
    assert renders == [1001.0, 1012.0, 1023.0]  # the first at once, then 10 s after each 1 s render
    cost_s[0] = 12.0  # a big feed: 12 s a render spaces them 120 s apart
    renderer.render()
    at = clock.now_s
    for _ in range(119):
        clock.now_s += 1.0
        renderer.released()
    assert renders[-1] < at
    clock.now_s += 1.0
    renderer.released()
    assert renders[-1] == at + 120.0
    renderer.close()
    assert len(renders) == 5  # nothing released since the last render: nothing more
    renderer.released()
    renderer.close()
    assert len(renders) == 6  # the end of the run renders what is pending
