"""Releasing a built episode: its media where the show is served from, then the store, feed and index.

The one path every publisher takes (a single `publish`, the local pool's
parent, a Dask worker): with `media = "s3://..."` the episode's files are
uploaded first, then the store is updated and the feed rendered, and the
index page and feed are uploaded last, under the store's writer lock.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from audio_article.models import FeedItem
from audio_article.show import store
from audio_article.show.config import Show


def release_episode(show: Show, item: FeedItem, slug: str, item_xml: bytes | None = None) -> Path:
    """Publish one built episode of `show` (`item_xml`: the build's `<item>`); returns the local feed.xml."""
    if show.media is not None:
        from audio_article.show.media import upload_episode

        upload_episode(show, slug)
    return store.publish_item(show, item, slug, item_xml, then=after_render(show))


def after_render(show: Show) -> Callable[[Path], None]:
    """What follows every new feed: the index page beside it, and (for S3 media) both uploaded."""

    def then(feed_path: Path) -> None:
        from audio_article.show.site import write_show_index

        write_show_index(show)
        if show.media is not None:
            from audio_article.show.media import upload_site

            upload_site(show, feed_path)

    return then
