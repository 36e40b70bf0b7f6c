"""Releasing a built episode: its media where the show is served from, then the store, feed and index.

The one path every publisher takes (a single `publish`, the local pool's
parent, a Dask worker): with `media = "s3://..."` the episode's files are
uploaded first, then the store is updated and the feed rendered, and the
index page and feed are uploaded last, under the store's writer lock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from audio_article.models import FeedItem
from audio_article.show import store
from audio_article.show.config import Show


def release_episode(
    show: Show, item: FeedItem, slug: str, item_xml: bytes | None = None, render: bool = True
) -> Path:
    """Publish one built episode of `show` (`item_xml`: the build's `<item>`); returns the local feed.xml.

    Without `render`, the episode's media and row are published but not the feed and index: a run of
    many releases renders those through a `FeedRenderer`.
    """
    if show.media is not None:
        from audio_article.show.media import upload_episode

        upload_episode(show, slug)
    if not render:
        return store.publish_item(show, item, slug, item_xml, render=False)
    return store.publish_item(show, item, slug, item_xml, then=after_render(show))


class FeedRenderer:
    """The feed and index of a run of releases made without them: rendered at the first release, then
    at most every max(MIN_INTERVAL_S, RENDER_FACTOR x the last render's time), and once more at the end.

    A feed is rendered from every stored episode, so rendering it after each of N releases costs
    N^2/2 item renders: for a 100,000-article backfill, days of work under the writer lock. Spaced
    like this, rendering takes at most about a tenth of the run whatever the feed's size, a small
    show's feed follows each release within a second or two, and a large one's within minutes.
    """

    MIN_INTERVAL_S = 1.0
    RENDER_FACTOR = 10.0

    def __init__(self, show: Show, clock: Callable[[], float] = time.monotonic) -> None:
        self._show = show
        self._clock = clock
        self._pending = False
        self._next_s = clock()  # the first release is rendered at once

    def released(self) -> None:
        """An episode was released; render now if it is time."""
        self._pending = True
        if self._clock() >= self._next_s:
            self.render()

    def render(self) -> None:
        """Render the feed and index now (and upload them, for S3 media)."""
        started = self._clock()
        store.render_feed(self._show, then=after_render(self._show))
        spent = self._clock() - started
        self._pending = False
        self._next_s = self._clock() + max(self.MIN_INTERVAL_S, self.RENDER_FACTOR * spent)

    def close(self) -> None:
        """The run is over: render whatever was released since the last render."""
        if self._pending:
            self.render()


def after_render(show: Show) -> Callable[[Path], None]:
    """What follows every new feed: the index page beside it, and (for S3 media) both uploaded."""

    def then(feed_path: Path) -> None:
        from audio_article.show.site import write_show_index

        write_show_index(show)
        if show.media is not None:
            from audio_article.show.media import upload_site

            upload_site(show, feed_path)

    return then
