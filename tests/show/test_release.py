"""Rendering after a run of releases: spaced out as the feed grows, retried, and always at the end."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio_article.errors import OutputError
from audio_article.show import release
from audio_article.show.config import Show


class _Clock:
    def __init__(self) -> None:
        self.now_s = 1000.0

    def __call__(self) -> float:
        return self.now_s


def _renders(monkeypatch: pytest.MonkeyPatch, clock: _Clock, cost_s: list[float]) -> list[float]:
    renders: list[float] = []

    def render_feed(show: Show, then: object = None) -> Path:
        if cost_s[0] < 0:
            raise OutputError("cannot upload feed.xml")
        renders.append(clock.now_s)
        clock.now_s += cost_s[0]  # rendering takes time, more as the feed grows
        return Path("feed.xml")

    monkeypatch.setattr(release.store, "render_feed", render_feed)
    return renders


def test_renders_are_spaced_by_the_last_render_and_the_run_ends_rendered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock, cost_s = _Clock(), [1.0]
    renders = _renders(monkeypatch, clock, cost_s)
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
    renderer.close()  # always: other processes may have stored episodes this run never heard of
    assert len(renders) == 6


def test_a_failed_render_is_tried_again_and_the_closing_one_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    clock, cost_s = _Clock(), [-1.0]
    renders = _renders(monkeypatch, clock, cost_s)
    renderer = release.FeedRenderer(Show.__new__(Show), clock)
    renderer.released()  # fails: logged, the run goes on
    clock.now_s += 0.5
    cost_s[0] = 0.1
    renderer.released()  # not yet: a second after the failure
    assert renders == []
    clock.now_s += 1.0
    renderer.released()
    assert renders == [1001.5]
    cost_s[0] = -1.0
    with pytest.raises(OutputError):
        renderer.close()


def test_a_failed_run_is_rendered_and_an_interrupted_one_is_not(monkeypatch: pytest.MonkeyPatch) -> None:
    clock, cost_s = _Clock(), [0.1]
    renders = _renders(monkeypatch, clock, cost_s)
    show = Show.__new__(Show)
    with pytest.raises(OutputError), release.rendering(show):
        raise OutputError("the scheduler went away")
    assert len(renders) == 1
    with pytest.raises(KeyboardInterrupt), release.rendering(show):
        raise KeyboardInterrupt
    assert len(renders) == 1
