"""Releasing a built episode: its media where the show is served from, then the store, feed and index.

The one path every publisher takes (a single `publish`, the local pool's
parent, a Dask worker): with `media = "s3://..."` the episode's files are
uploaded first, then the store is updated and the feed rendered, and the
index page and feed are uploaded last, under the store's writer lock.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from audio_article.errors import AudioArticleError
from audio_article.models import FeedItem
from audio_article.show import store
from audio_article.show.config import Show

log = logging.getLogger(__name__)


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
    then = after_render(show) if render else None
    return store.publish_item(show, item, slug, item_xml, then=then, render=render)


class FeedRenderer:
    """The feed and index of a run of releases made without them (`release_episode(render=False)`).

    Rendered at the first release, then at a release once max(MIN_INTERVAL_S, RENDER_FACTOR x the
    last render's time) has passed, and always at the end of the run (`close`). A feed is rendered
    from every stored episode, so rendering it after each of N releases costs N^2/2 item renders:
    for a 100,000-article backfill, days of work under the writer lock. Spaced like this, rendering
    takes at most about a tenth of the run whatever the feed's size. Between renders a release waits
    for the next due one or the end of the run; the closing render also takes in what other
    processes stored (a Dask task of a killed driver's run, a build still under its lease).
    A failed render (the store's lock, an S3 upload) is logged and retried at the next release; the
    closing one raises.
    """

    MIN_INTERVAL_S = 1.0
    RENDER_FACTOR = 10.0

    def __init__(self, show: Show, clock: Callable[[], float] = time.monotonic) -> None:
        self._show = show
        self._clock = clock
        self._next_s = clock()  # the first release is rendered at once

    def released(self) -> None:
        """An episode was released; render now if it is time (a failure waits for the next try)."""
        if self._clock() < self._next_s:
            return
        try:
            self.render()
        except AudioArticleError as exc:
            log.warning("the feed could not be rendered yet (trying again later): %s", exc)
            self._next_s = self._clock() + self.MIN_INTERVAL_S

    def render(self) -> None:
        """Render the feed and index now (and upload them, for S3 media)."""
        started = self._clock()
        store.render_feed(self._show, then=after_render(self._show))
        spent = self._clock() - started
        self._next_s = self._clock() + max(self.MIN_INTERVAL_S, self.RENDER_FACTOR * spent)

    def close(self) -> None:
        """The run is over: render the feed from everything stored."""
        self.render()


@contextlib.contextmanager
def rendering(show: Show) -> Iterator[Callable[[], None]]:
    """A run of releases that leave the feed and index to this; yields what to call after each.

    The feed is rendered at the end also when the run failed (what was released is published), but
    not when it was interrupted: a stop signal stops everything, and the next run's closing render
    (or `feed render`) takes in what the interrupted one stored.
    """
    renderer = FeedRenderer(show)
    try:
        yield renderer.released
    except KeyboardInterrupt:  # interrupt.Interrupted too
        raise
    except BaseException:
        renderer.close()
        raise
    renderer.close()


def after_render(show: Show) -> Callable[[Path], None]:
    """What follows every new feed: the index page beside it, and (for S3 media) both uploaded."""

    def then(feed_path: Path) -> None:
        from audio_article.show.site import write_show_index

        write_show_index(show)
        if show.media is not None:
            from audio_article.show.media import upload_site

            upload_site(show, feed_path)

    return then
