"""The show's feed: an SQLite episode store and `feed.xml` rendered from it.

The store (`show.db`) is the source of truth; the feed is always rendered
whole from it with lxml and renamed into place, so it is never half-written.
Writers take an exclusive lock on `show.lock` for "update store, render,
replace", which makes concurrent publishers serialise and the last rendered
feed always hold every committed episode. A writer killed at any point
leaves the previous feed and a consistent store (SQLite's journal).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import fcntl
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from lxml import etree

from audio_article.atomic import write_atomic
from audio_article.episode.chapter_notes import PSC
from audio_article.episode.item import NSMAP, build_item
from audio_article.errors import ConfigError, OutputError
from audio_article.models import FeedItem
from audio_article.show.channel import ATOM, number_item, render_channel, serial_tags
from audio_article.show.config import Show

log = logging.getLogger(__name__)

FEED_NAME = "feed.xml"
STORE_NAME = "show.db"
_COLUMNS = [f.name for f in fields(FeedItem)]
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS episodes (
    {", ".join(f"{c} {'TEXT PRIMARY KEY' if c == 'guid' else ''}" for c in _COLUMNS)},
    slug TEXT NOT NULL,
    item_xml BLOB,
    first_published TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS episodes_by_date ON episodes (first_published);
"""
# Column names come from the FeedItem dataclass, never from input; values are bound parameters.
_INSERT = (
    f"INSERT OR REPLACE INTO episodes ({', '.join(_COLUMNS)}, slug, item_xml, first_published, updated) "  # noqa: S608
    f"VALUES ({', '.join('?' * len(_COLUMNS))}, ?, ?, ?, ?)"
)
# Items are stored rendered (by lxml, from the row's own fields) so a feed of
# thousands of episodes re-renders in a fraction of a second.
SELECT_ITEMS = "SELECT item_xml FROM episodes ORDER BY first_published DESC"
# lastBuildDate is the store's newest change, not the clock: an unchanged store renders the same bytes.
SELECT_BUILT = "SELECT MAX(updated) FROM episodes"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@contextlib.contextmanager
def locked_store(show: Show, create: bool = True, guard: bool = True) -> Iterator[sqlite3.Connection]:
    """The store, under the show's exclusive writer lock.

    `create`: make the folder and the store if they are missing (publishing);
    otherwise they must exist. `guard`: refuse a missing or empty store while
    `feed.xml` lists episodes, so a lost `show.db` never wipes the public feed.
    """
    store = show.output_dir / STORE_NAME
    if not create:
        _require_store(show)
    if guard and not store.exists():
        _refuse_if_feed_has_items(show, "is missing")
    try:
        show.output_dir.mkdir(parents=True, exist_ok=True)
        lock = (show.output_dir / "show.lock").open("a")
    except OSError as exc:
        raise OutputError(f"cannot open the show folder {show.output_dir}: {exc.strerror or exc}") from exc
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        db = sqlite3.connect(store, timeout=60, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)
            _migrate(db)
            if guard and db.execute("SELECT COUNT(*) FROM episodes").fetchone()[0] == 0:
                _refuse_if_feed_has_items(show, "is empty")
            yield db
        except sqlite3.Error as exc:
            raise OutputError(f"episode store {store}: {exc}") from exc
        finally:
            db.close()


def query_store(show: Show, sql: str) -> list[tuple[Any, ...]]:
    """Rows of a read-only query: creates nothing, needs no write access, takes no lock."""
    _require_store(show)
    store = show.output_dir / STORE_NAME
    wal = store.with_name(STORE_NAME + "-wal")
    try:
        if not wal.exists():
            # No writer is connected: the file itself is the whole store. Opened as
            # immutable, SQLite creates no -wal/-shm beside it (mode=ro alone would).
            rows = _query(store, sql, "&immutable=1")
            if not wal.exists():
                return rows
        try:
            return _query(store, sql, "")
        except sqlite3.OperationalError:
            # A WAL store in a folder we cannot write, with no -shm to share.
            return _query(store, sql, "&immutable=1")
    except sqlite3.Error as exc:
        raise OutputError(f"episode store {store}: {exc}") from exc


def _query(store: Path, sql: str, extra: str) -> list[tuple[Any, ...]]:
    db = sqlite3.connect(f"{store.as_uri()}?mode=ro{extra}", uri=True, timeout=60)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def _require_store(show: Show) -> None:
    if not show.output_dir.is_dir():
        raise ConfigError(f"{show.output_dir}: no such show folder (check `output` in show.toml)")
    if not (show.output_dir / STORE_NAME).is_file():
        raise ConfigError(
            f"{show.output_dir / STORE_NAME}: no episode store (nothing published yet?"
            f" `audio-article feed import` rebuilds it from {FEED_NAME})"
        )


def _refuse_if_feed_has_items(show: Show, state: str) -> None:
    feed_path = show.output_dir / FEED_NAME
    count = feed_item_count(feed_path)
    if count:
        raise OutputError(
            f"{show.output_dir / STORE_NAME}: the episode store {state} but {feed_path} lists {count} "
            f"episodes; refusing to overwrite the feed. Rebuild the store from the feed with "
            f"`audio-article feed import --show show.toml`"
        )


def feed_item_count(feed_path: Path) -> int:
    """How many `<item>`s an existing feed holds (as many as can be read of a damaged one)."""
    if not feed_path.is_file():
        return 0
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        root = etree.parse(str(feed_path), parser).getroot()
    except (OSError, etree.XMLSyntaxError):
        return 0
    return 0 if root is None else len(root.findall("channel/item"))


def _migrate(db: sqlite3.Connection) -> None:
    """Bring a store written by an older version up to date: add columns, render missing items."""
    present = {row[1] for row in db.execute("PRAGMA table_info(episodes)")}
    for column in [c for c in _COLUMNS if c not in present] + (
        ["item_xml"] if "item_xml" not in present else []
    ):
        db.execute(f"ALTER TABLE episodes ADD COLUMN {column}")  # names from FeedItem, not input
    stale = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM episodes WHERE item_xml IS NULL").fetchall()  # noqa: S608
    for row in stale:
        values = dict(zip(_COLUMNS, row, strict=True))
        values["explicit"] = bool(values["explicit"])
        xml = etree.tostring(build_item(FeedItem(**values)), encoding="UTF-8")
        db.execute("UPDATE episodes SET item_xml = ? WHERE guid = ?", (xml, values["guid"]))


def publish_item(
    show: Show,
    item: FeedItem,
    slug: str,
    item_xml: bytes | None = None,
    then: Callable[[Path], None] | None = None,
    render: bool = True,
) -> Path:
    """Add or update one episode (keeping its guid and first publication date), then re-render.

    `item_xml`: the build's rendered `<item>` (its chapters, people, alternates...), stored as it is
    but for its pubDate; without it the item is rendered from `item`'s fields alone. `then` is
    called with the new feed while the writer lock is still held (an upload of it). Without
    `render`, the episode is only stored: a run of many leaves the feed to `show.release.FeedRenderer`.
    """
    with locked_store(show) as db:
        db.execute("BEGIN IMMEDIATE")
        _store_item(db, item, slug, replace=True, element=parsed_item(item_xml))
        db.execute("COMMIT")
        if not render:
            return show.output_dir / FEED_NAME
        path = _render_locked(show, db)
        if then is not None:
            then(path)
        return path


def import_items(
    show: Show, items: list[tuple[FeedItem, str]], elements: list[etree._Element] | None = None
) -> tuple[int, Path]:
    """Add (item, slug) pairs read back from a feed, keeping episodes the store already has; re-render.

    `elements`: the feed's own `<item>`s, in the same order, kept whole (less the serial numbers).
    """
    kept: list[etree._Element | None] = list(elements) if elements else [None] * len(items)
    with locked_store(show, guard=False) as db:
        db.execute("BEGIN IMMEDIATE")
        added = sum(
            _store_item(db, item, slug, replace=False, element=element)
            for (item, slug), element in zip(items, kept, strict=True)
        )
        db.execute("COMMIT")
        return added, _render_locked(show, db)


def _store_item(
    db: sqlite3.Connection, item: FeedItem, slug: str, replace: bool, element: etree._Element | None = None
) -> bool:
    """Insert or update one row inside the caller's transaction; False when kept as it was."""
    row = db.execute("SELECT first_published FROM episodes WHERE guid = ?", (item.guid,)).fetchone()
    if row and not replace:
        return False
    values, item_xml, first, now = stored_row(item, element, row[0] if row else None)
    same = db.execute(
        "SELECT 1 FROM episodes WHERE guid = ? AND slug = ? AND item_xml = ?", (item.guid, slug, item_xml)
    ).fetchone()
    if same:  # republishing what is there: `updated` (and so the feed) stays as it was
        return False
    db.execute(_INSERT, [values[c] for c in _COLUMNS] + [slug, item_xml, first, now])
    return True


def stored_row(
    item: FeedItem, element: etree._Element | None, first_published: str | None
) -> tuple[dict[str, Any], bytes, str, str]:
    """What either store keeps for `item`: its fields (pubDate: the first publication), its `<item>`
    XML, the first publication and now (ISO 8601); `first_published` is the store's, if any."""
    now = dt.datetime.now(dt.UTC).isoformat()
    first = first_published or _iso(item.pub_date) or now
    values = asdict(item)
    values["pub_date"] = email.utils.format_datetime(dt.datetime.fromisoformat(first))
    item_xml = etree.tostring(dated_item(element, values["pub_date"], FeedItem(**values)), encoding="UTF-8")
    return values, item_xml, first, now


def remove_episode(show: Show, key: str) -> bool:
    """Remove by guid or slug; returns whether anything was removed (the feed is untouched if not)."""
    with locked_store(show, create=False) as db:
        removed = db.execute("DELETE FROM episodes WHERE guid = ? OR slug = ?", (key, key)).rowcount
        if removed:
            _render_locked(show, db)
        return removed > 0


def render_feed(show: Show) -> Path:
    """Write feed.xml again from the episode store and return its path."""
    with locked_store(show, create=False) as db:
        return _render_locked(show, db)


def list_episodes(show: Show) -> list[tuple[str, str, str, int]]:
    """(guid, slug, title, duration_s), newest first; reads only."""
    rows = query_store(
        show, "SELECT guid, slug, title, duration_s FROM episodes ORDER BY first_published DESC"
    )
    return [(str(r[0]), str(r[1]), str(r[2]), int(str(r[3]))) for r in rows]


def _render_locked(show: Show, db: sqlite3.Connection) -> Path:
    built = db.execute(SELECT_BUILT).fetchone()[0]
    return render_items(show, (row[0] for row in db.execute(SELECT_ITEMS)), built)


def render_items(show: Show, item_xmls: Iterable[bytes], built: str | None = None) -> Path:
    """Write feed.xml from stored items, newest first (by a caller holding the store's writer lock).

    `built` (ISO 8601, the store's newest change) is the lastBuildDate, so the
    same store renders the same bytes; a feed already holding them is left
    alone (not rewritten, its mtime kept).
    """
    rss = etree.Element("rss", nsmap={**NSMAP, "atom": ATOM, "psc": PSC}, version="2.0")
    channel = etree.SubElement(rss, "channel")
    render_channel(channel, show, dt.datetime.fromisoformat(built) if built else dt.datetime.now(dt.UTC))
    rows = list(item_xmls)
    for number, item_xml in zip(range(len(rows), 0, -1), rows, strict=True):
        item = etree.fromstring(item_xml, _PARSER)
        if show.show_type == "serial":  # numbered in publication order, the oldest first
            number_item(item, show, number)
        channel.append(item)
    etree.cleanup_namespaces(rss)  # items carry their own declarations; the root's are enough
    path = show.output_dir / FEED_NAME
    data = etree.tostring(rss, xml_declaration=True, encoding="UTF-8")
    if not _holds(path, data):
        write_atomic(path, data)
    return path


def parsed_item(item_xml: bytes | None) -> etree._Element | None:
    """The build's `<item>`, or None when there is none (or it is no item: then render from fields)."""
    if not item_xml:
        return None
    try:
        element = etree.fromstring(item_xml, _PARSER)
    except etree.XMLSyntaxError:
        log.warning("the build's item XML is unreadable; rendering the item from its fields")
        return None
    return element if element.tag == "item" else None


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def dated_item(element: etree._Element | None, pub_date: str, item: FeedItem) -> etree._Element:
    """`element` with its pubDate set (serial numbers dropped: the render adds them), else a new item."""
    if element is None:
        return build_item(item)
    for old in serial_tags(element):
        element.remove(old)
    date = element.find("pubDate")
    if date is None:
        date = etree.SubElement(element, "pubDate")
    date.text = pub_date
    return element


def _iso(rfc822: str) -> str | None:
    try:
        return email.utils.parsedate_to_datetime(rfc822).astimezone(dt.UTC).isoformat()
    except (TypeError, ValueError):
        return None
