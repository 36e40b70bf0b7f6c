"""The show's episode store, whichever it is: `show.db` (SQLite, the default) or a shared PostgreSQL.

One set of operations for the CLI, the batch and the site: each picks the
store named by show.toml's `store` (none: SQLite in the output folder,
exactly as before). The feed is rendered by `feed.py` in both cases, under
the store's writer lock; `then` (an upload of the feed) runs under it when publishing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

from audio_article.models import FeedItem
from audio_article.show import feed
from audio_article.show.config import Show

AfterRender = Callable[[Path], None]


def publish_item(
    show: Show,
    item: FeedItem,
    slug: str,
    item_xml: bytes | None = None,
    then: AfterRender | None = None,
    render: bool = True,
) -> Path:
    """Add or update one episode (keeping its guid and first publication date), then re-render
    (unless not `render`); `item_xml` is the build's rendered `<item>`, stored but for its pubDate."""
    if show.store is None:
        return feed.publish_item(show, item, slug, item_xml, then, render)
    element = feed.parsed_item(item_xml)
    change = lambda pg, db: pg.store_items(db, [(item, slug)], True, [element])  # noqa: E731
    return _pg_write(show, change, then, render)[1]


def import_items(
    show: Show,
    items: list[tuple[FeedItem, str]],
    elements: list[etree._Element] | None = None,
    then: AfterRender | None = None,
) -> tuple[int, Path]:
    """Add episodes read back from a feed (`elements`: its own `<item>`s, kept whole), keeping
    those the store has; re-render."""
    if show.store is None:
        added, path = feed.import_items(show, items, elements)
        _after(path, then)
        return added, path
    return _pg_write(show, lambda pg, db: pg.store_items(db, items, False, elements), then)


def remove_episode(show: Show, key: str, then: AfterRender | None = None) -> bool:
    """Remove by guid or slug; whether anything was removed (the feed is re-rendered only then)."""
    if show.store is None:
        removed = feed.remove_episode(show, key)
        if removed:
            _after(show.output_dir / feed.FEED_NAME, then)
        return removed
    from audio_article.show import pgstore

    with pgstore.locked(show.store) as db:
        if not pgstore.remove(db, key):
            return False
        _after(_render(show, db), then)
        return True


def render_feed(show: Show, then: AfterRender | None = None) -> Path:
    """Write feed.xml again from the store and return its path."""
    if show.store is None:
        path = feed.render_feed(show)
        _after(path, then)
        return path
    return _pg_write(show, lambda pg, db: 0, then)[1]


def query_store(show: Show, sql: str) -> list[tuple[Any, ...]]:
    """Rows of a read-only query over the `episodes` table (plain SQL both stores speak)."""
    if show.store is None:
        return feed.query_store(show, sql)
    from audio_article.show import pgstore

    return pgstore.query(show.store, sql)


def list_episodes(show: Show) -> list[tuple[str, str, str, int]]:
    """(guid, slug, title, duration_s), newest first; reads only."""
    if show.store is None:
        return feed.list_episodes(show)
    rows = query_store(
        show, "SELECT guid, slug, title, duration_s FROM episodes ORDER BY first_published DESC"
    )
    return [(str(r[0]), str(r[1]), str(r[2]), int(r[3])) for r in rows]


def _pg_write(
    show: Show, change: Callable[[Any, Any], int], then: AfterRender | None, render: bool = True
) -> tuple[int, Path]:
    """Under the shared writer lock: `change` in its own transaction, then render from every committed row."""
    from audio_article.show import pgstore

    assert show.store is not None
    with pgstore.locked(show.store) as db:
        changed = change(pgstore, db)
        if not render:
            return changed, show.output_dir / feed.FEED_NAME
        path = _render(show, db)
        _after(path, then)
        return changed, path


def _render(show: Show, db: Any) -> Path:
    show.output_dir.mkdir(parents=True, exist_ok=True)
    built = db.execute(feed.SELECT_BUILT).fetchone()[0]
    return feed.render_items(show, (bytes(row[0]) for row in db.execute(feed.SELECT_ITEMS)), built)


def _after(path: Path, then: AfterRender | None) -> None:
    if then is not None:
        then(path)
