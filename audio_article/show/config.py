"""Show configuration (`show.toml`): what a podcast feed says about itself.

Every key is described once, in `SHOW_SCHEMA` below; the loader, its error
messages and the key table in README.md come from it. `samples/show.toml`
is a complete example. Values are checked before anything is built: a TOML
string is never taken for a bool, URLs must be http(s) with a host,
`language` a BCP 47 tag, `category`/`subcategory` from Apple's list.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from audio_article.audio.alternate import ALTERNATE_FORMATS
from audio_article.episode.books import BOOK_FORMATS, BookFormat
from audio_article.errors import ConfigError
from audio_article.schema import (
    REQUIRED,
    Schema,
    Setting,
    email,
    http_url,
    language_tag,
    one_of,
    read_toml,
    validate,
)
from audio_article.show.apple_categories import APPLE_CATEGORIES, canonical, suggestion

# Podcasting 2.0: podcast:guid is a UUIDv5 of the feed URL (no scheme, no trailing slash) in this namespace.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
MAX_TXT_CHARS = 4000  # podcast:txt's limit
MEDIUMS = ("podcast", "music", "video", "film", "audiobook", "newsletter", "blog", "publisher", "course")
# Off by default: the Opus edition adds about half again to a cold build's time (BENCHMARKS.md,
# issue 18), beyond the ~20 % a default may cost; a show that wants it says `alternate = ["opus"]`.
DEFAULT_ALTERNATES: tuple[str, ...] = ()


def _artwork(value: str) -> str | None:
    return http_url(query=True)(value) if "://" in value else None


def _alternates(value: list[str]) -> str | None:
    if unknown := [v for v in value if v not in ALTERNATE_FORMATS]:
        return f"lists {unknown[0]!r}; other encodings are {' and '.join(map(repr, ALTERNATE_FORMATS))}"
    return "names a format twice" if len(set(value)) != len(value) else None


def _txt(value: str) -> str | None:
    return f"must be at most {MAX_TXT_CHARS} characters" if len(value) > MAX_TXT_CHARS else None


def _rrule(value: str) -> str | None:
    ok = value.startswith("FREQ=") and " " not in value
    return None if ok else "must be an iCalendar RRULE such as 'FREQ=DAILY' or 'FREQ=WEEKLY;BYDAY=MO'"


def _store(value: str) -> str | None:
    if value.startswith(("postgresql://", "postgres://")) and len(value.split("://", 1)[1]) > 0:
        return None
    return "must be a PostgreSQL URL (postgresql://user@host:port/dbname); leave it out for show.db"


def _media(value: str) -> str | None:
    bucket = value.removeprefix("s3://").split("/", 1)[0] if value.startswith("s3://") else ""
    if 3 <= len(bucket) <= 63:
        return None
    return "must be s3://bucket or s3://bucket/prefix; leave it out for the `output` folder"


def _book_formats(value: list[str]) -> str | None:
    if unknown := [v for v in value if v not in BOOK_FORMATS]:
        return f"lists {unknown[0]!r}; talking books are {' and '.join(map(repr, BOOK_FORMATS))}"
    return "names a format twice" if len(set(value)) != len(value) else None


SHOW_SCHEMA = Schema(
    "show.toml",
    (
        Setting("title", "text", "the show's name", REQUIRED),
        Setting("description", "text", "what the show is about, in plain text", REQUIRED),
        Setting("author", "text", "who makes the show (`itunes:author`)", REQUIRED),
        Setting("owner_name", "text", "who Apple and directories contact about the feed", REQUIRED),
        Setting("owner_email", "text", "that contact's e-mail address", REQUIRED, check=email),
        Setting("link", "text", "the show's website, an http(s) URL", REQUIRED, check=http_url()),
        Setting(
            "base_url",
            "text",
            "public http(s) URL of the `output` folder; media links are this + the file name"
            " (no query or fragment)",
            REQUIRED,
            check=http_url(query=False),
        ),
        Setting(
            "feed_url",
            "text",
            "public URL of `feed.xml` (its `podcast:guid` derives from it)",
            check=http_url(query=False),
            default_doc="`base_url` + `feed.xml`",
        ),
        Setting(
            "language",
            "text",
            "BCP 47 tag of the narration: `en`, `en-US`, `pt-BR`",
            "en",
            check=language_tag,
        ),
        Setting(
            "category",
            "text",
            "an Apple Podcasts category (`audio_article/show/apple_categories.py`)",
            "News",
        ),
        Setting("subcategory", "text", "one of that category's Apple subcategories"),
        Setting("explicit", "bool", "`true` if episodes carry explicit content", False),
        Setting(
            "artwork",
            "text",
            "square cover: an http(s) URL, or an image file relative to `show.toml`, copied beside the feed",
            check=_artwork,
            default_doc="a generated title card",
        ),
        Setting("copyright", "text", "copyright line of the feed"),
        Setting(
            "type",
            "text",
            "`episodic` (newest first) or `serial` (in order)",
            "episodic",
            check=one_of("episodic", "serial"),
        ),
        Setting("locked", "bool", "`podcast:locked`: `true` forbids other hosts importing the feed", True),
        Setting(
            "talking_books",
            "strings",
            'talking books made with every episode: `"epub"` (EPUB 3, text and narration in sync),'
            ' `"daisy"` (DAISY 2.02, zipped); the item\'s description links the EPUB',
            (),
            check=_book_formats,
        ),
        Setting(
            "edition_note",
            "bool",
            'talking books open with a spoken "About this edition" sentence',
            True,
        ),
        Setting(
            "alternate",
            "strings",
            '`podcast:alternateEnclosure` editions beside the MP3: `"opus"` (Ogg Opus, about 24 kbps,'
            " a third of the bytes, same loudness and chapters); `[]` for none",
            DEFAULT_ALTERNATES,
            check=_alternates,
            default_doc="`[]`",
        ),
        Setting("host", "text", "the show's host, as `podcast:person` (role host)"),
        Setting("license", "text", "`podcast:license`: an SPDX identifier (`cc-by-4.0`) or a license's name"),
        Setting(
            "license_url",
            "text",
            "where that license is written (needed for a non-SPDX one)",
            check=http_url(),
        ),
        Setting(
            "txt", "text", "`podcast:txt` (at most 4,000 characters), e.g. a verification code", check=_txt
        ),
        Setting("txt_purpose", "text", "`podcast:txt`'s purpose, e.g. `applepodcastsverify`"),
        Setting(
            "medium",
            "text",
            "`podcast:medium`: " + ", ".join(f"`{m}`" for m in MEDIUMS),
            "podcast",
            check=one_of(*MEDIUMS),
        ),
        Setting("update_frequency", "text", "`podcast:updateFrequency`, said in words: `Every weekday`"),
        Setting("update_rrule", "text", "its iCalendar RRULE: `FREQ=DAILY`", check=_rrule),
        Setting(
            "new_feed_url",
            "text",
            "`itunes:new-feed-url`: where the feed has moved (apps follow it)",
            check=http_url(query=True),
        ),
        Setting("block", "bool", "`itunes:block`: `true` keeps the show out of Apple Podcasts", False),
        Setting("complete", "bool", "`itunes:complete`: `true` when no episode will be added", False),
        Setting("season", "int", "season number of a `serial` show's episodes", 1, 1, 10_000),
        Setting("season_name", "text", "that season's name", default_doc='"Season N"'),
        Setting(
            "output",
            "text",
            "folder for `feed.xml`, `show.db` and the media, relative to `show.toml`",
            "output",
        ),
        Setting(
            "store",
            "text",
            "the episode store: a PostgreSQL URL shared by publishers on many machines"
            " (`postgresql://user@host:5432/db`, password from `PGPASSWORD` or `~/.pgpass`)",
            check=_store,
            default_doc="`show.db` in `output`",
        ),
        Setting(
            "media",
            "text",
            "where the media, pages and `feed.xml` are published: `s3://bucket/prefix` (endpoint,"
            " region and keys from the AWS environment or config); `base_url` is its public URL",
            check=_media,
            default_doc="the `output` folder",
        ),
    ),
)


def _default(key: str) -> Any:
    return SHOW_SCHEMA.setting(key).default


@dataclass(frozen=True)
class ChannelExtras:
    """The channel's Podcasting 2.0 and Apple tags beyond the required ones (all optional)."""

    host: str | None = None
    license: str | None = None
    license_url: str | None = None
    txt: str | None = None
    txt_purpose: str | None = None
    medium: str = _default("medium")
    update_frequency: str | None = None
    update_rrule: str | None = None
    new_feed_url: str | None = None
    block: bool = False
    complete: bool = False
    season: int = 1
    season_name: str | None = None


@dataclass(frozen=True)
class Show:
    """A validated `show.toml`: the channel-level facts of the feed, and where it is written."""

    title: str
    description: str
    author: str
    owner_name: str
    owner_email: str
    link: str
    base_url: str
    feed_url: str
    output_dir: Path
    language: str = _default("language")
    category: str = _default("category")
    subcategory: str | None = None
    explicit: bool = _default("explicit")
    artwork: str | None = None  # URL, or a local path resolved against show.toml
    copyright: str | None = None
    show_type: str = _default("type")
    locked: bool = _default("locked")
    talking_books: tuple[BookFormat, ...] = ()  # made with every episode (`build --epub/--daisy`)
    edition_note: bool = _default("edition_note")
    alternates: tuple[str, ...] = ()  # "opus": a low-bandwidth edition of every episode
    channel: ChannelExtras = field(default_factory=lambda: ChannelExtras())
    store: str | None = None  # a PostgreSQL URL; None: show.db in output_dir
    media: str | None = None  # s3://bucket/prefix; None: output_dir is what is served

    @property
    def podcast_guid(self) -> str:
        """Podcasting 2.0 `podcast:guid`, derived from the feed URL."""
        bare = self.feed_url.split("://", 1)[-1].rstrip("/")
        return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def load_show(path: Path) -> Show:
    """Read and validate a `show.toml`; every error names the file and the key."""
    label = str(path)
    data = read_toml(path)
    v = validate(SHOW_SCHEMA, data, label)
    category, subcategory = _category(v["category"], v["subcategory"], label)
    base_url = v["base_url"].strip()
    return Show(
        title=v["title"].strip(),
        description=v["description"].strip(),
        author=v["author"].strip(),
        owner_name=v["owner_name"].strip(),
        owner_email=v["owner_email"].strip(),
        link=v["link"].strip(),
        base_url=base_url,
        feed_url=(v["feed_url"] or base_url.rstrip("/") + "/feed.xml").strip(),
        output_dir=(path.parent / v["output"]).resolve(),
        language=v["language"],
        category=category,
        subcategory=subcategory,
        explicit=v["explicit"],
        artwork=_artwork_path(v["artwork"], path, label),
        copyright=v["copyright"].strip() if v["copyright"] else None,
        show_type=v["type"],
        locked=v["locked"],
        talking_books=tuple(v["talking_books"]),
        edition_note=v["edition_note"],
        alternates=tuple(v["alternate"]),
        channel=ChannelExtras(**{key: _stripped(v[key]) for key in _CHANNEL_KEYS}),
        store=v["store"],
        media=v["media"],
    )


_CHANNEL_KEYS = [f.name for f in fields(ChannelExtras)]


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _category(category: str, subcategory: str | None, label: str) -> tuple[str, str | None]:
    """Apple's spelling of the category and subcategory, or an error naming the key."""
    found = canonical(category, list(APPLE_CATEGORIES))
    if found is None:
        hint = suggestion(category, list(APPLE_CATEGORIES))
        raise ConfigError(f"{label}: 'category' {category!r} is not an Apple Podcasts category{hint}")
    if subcategory is None:
        return found, None
    subs = APPLE_CATEGORIES[found]
    found_sub = canonical(subcategory, subs)
    if found_sub is None:
        known = f"one of {', '.join(subs)}" if subs else "none"
        raise ConfigError(
            f"{label}: 'subcategory' {subcategory!r} is not an Apple subcategory of {found!r}"
            f"{suggestion(subcategory, subs)}; {found!r} has {known}"
        )
    return found, found_sub


def _artwork_path(artwork: str | None, path: Path, label: str) -> str | None:
    """A URL as given, or the local image resolved against show.toml (which must exist)."""
    if artwork is None or "://" in artwork:
        return artwork
    artwork_path = (path.parent / artwork).resolve()
    if not artwork_path.is_file():
        raise ConfigError(f"{label}: 'artwork' {artwork!r}: no such file ({artwork_path})")
    return str(artwork_path)
