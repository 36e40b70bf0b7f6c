"""Show configuration (`show.toml`): what a podcast feed says about itself.

Example::

    title = "Gazette Audio"
    description = "Audio editions of Northfield Gazette journalism."
    author = "Northfield Gazette"
    owner_name = "Audio Desk"
    owner_email = "audio@gazette.example"
    language = "en"
    category = "News"
    subcategory = "Daily News"
    explicit = false
    artwork = "cover.jpg"            # local file (copied next to the feed) or URL
    link = "https://gazette.example"
    base_url = "https://media.gazette.example/audio/"
    feed_url = "https://media.gazette.example/audio/feed.xml"   # defaults to base_url + feed.xml
    copyright = "© 2025 Northfield Gazette"
    type = "episodic"                # or "serial"
    locked = true
    output = "public"                # folder for feed.xml, the store and the media, relative to show.toml
"""

from __future__ import annotations

import tomllib
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audio_article.errors import ConfigError

# Podcasting 2.0: podcast:guid is a UUIDv5 of the feed URL (no scheme, no trailing slash) in this namespace.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
_REQUIRED = ("title", "description", "author", "owner_name", "owner_email", "link", "base_url")
_OPTIONAL = {
    "language",
    "category",
    "subcategory",
    "explicit",
    "artwork",
    "feed_url",
    "copyright",
    "type",
    "locked",
    "output",
}


@dataclass(frozen=True)
class Show:
    title: str
    description: str
    author: str
    owner_name: str
    owner_email: str
    link: str
    base_url: str
    feed_url: str
    output_dir: Path
    language: str = "en"
    category: str = "News"
    subcategory: str | None = None
    explicit: bool = False
    artwork: str | None = None  # URL, or a local path resolved against show.toml
    copyright: str | None = None
    show_type: str = "episodic"
    locked: bool = True

    @property
    def podcast_guid(self) -> str:
        bare = self.feed_url.split("://", 1)[-1].rstrip("/")
        return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def load_show(path: Path) -> Show:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"show file {path}: no such file") from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"show file {path}: {exc}") from exc
    missing = [key for key in _REQUIRED if not _text(data.get(key))]
    if missing:
        raise ConfigError(f"show file {path}: missing {', '.join(missing)}")
    unknown = set(data) - set(_REQUIRED) - _OPTIONAL
    if unknown:
        raise ConfigError(f"show file {path}: unknown keys {', '.join(sorted(unknown))}")
    base_url = str(data["base_url"])
    if not base_url.startswith(("https://", "http://")):
        raise ConfigError(f"show file {path}: base_url must be an http(s) URL")
    if "@" not in str(data["owner_email"]):
        raise ConfigError(f"show file {path}: owner_email is not an e-mail address")
    show_type = str(data.get("type", "episodic"))
    if show_type not in ("episodic", "serial"):
        raise ConfigError(f"show file {path}: type must be episodic or serial")
    artwork = _text(data.get("artwork"))
    if artwork and not artwork.startswith(("https://", "http://")):
        artwork_path = (path.parent / artwork).resolve()
        if not artwork_path.is_file():
            raise ConfigError(f"show file {path}: artwork {artwork} not found")
        artwork = str(artwork_path)
    return Show(
        title=str(data["title"]),
        description=str(data["description"]),
        author=str(data["author"]),
        owner_name=str(data["owner_name"]),
        owner_email=str(data["owner_email"]),
        link=str(data["link"]),
        base_url=base_url,
        feed_url=_text(data.get("feed_url")) or base_url.rstrip("/") + "/feed.xml",
        output_dir=(path.parent / str(data.get("output", "output"))).resolve(),
        language=str(data.get("language", "en")),
        category=str(data.get("category", "News")),
        subcategory=_text(data.get("subcategory")),
        explicit=bool(data.get("explicit", False)),
        artwork=artwork,
        copyright=_text(data.get("copyright")),
        show_type=show_type,
        locked=bool(data.get("locked", True)),
    )


def _text(value: Any) -> str | None:
    return str(value).strip() if isinstance(value, (str, int, float)) and str(value).strip() else None
