"""Build manifests: let `publish` reuse a build that is still fresh.

Next to each episode, `<slug>.build.json` records a key over everything that
shapes the output (the parsed article, the voice profile and lexicons, the
build options, intro/outro audio, the tool version) and the episode it
produced. A later build with the same key and all files still present, each
matching the SHA-256 recorded for it, can be skipped: re-encoding an
unchanged article would give the same audio. A file changed or cut short
since (a full disk, a stray copy) means a rebuild, never a reuse.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from audio_article import __version__
from audio_article.atomic import file_sha256
from audio_article.models import Article, Episode, FeedItem, UnclearSegment, VoiceProfile

log = logging.getLogger(__name__)
_PATH_FIELDS = ("mp3", "chapters_json", "transcript_vtt", "transcript_srt", "transcript_html", "item_xml")


@functools.cache
def code_identity() -> bytes:
    """The package's own source and web assets: a changed tool must not reuse an old build."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    # The episode pages inline their own style and script: a changed one means new pages.
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.css"), *package.rglob("*.js")]):
        digest.update(path.read_bytes())
    return digest.digest()


def build_key(article: Article, options: object, profile: VoiceProfile, extra_files: list[Path]) -> str:
    """The parsed article (not its file: a URL's page changes around it), options, voice, tool."""
    digest = hashlib.sha256()
    digest.update(code_identity())
    digest.update(repr(article).encode())
    digest.update(repr(options).encode())
    digest.update(repr(profile).encode())
    for path in [*profile.lexicons, *extra_files]:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"missing:" + str(path).encode())
    return digest.hexdigest()


def manifest_path(output_dir: Path, slug: str) -> Path:
    """Where the build manifest of episode `slug` lives."""
    return output_dir / f"{slug}.build.json"


def manifest_bytes(
    key: str,
    episode: Episode,
    gains_db: tuple[float, ...],
    extra: tuple[Path, ...] = (),
    languages: dict[str, Any] | None = None,
) -> bytes:
    """The build manifest: the build key, the episode, its files' names and SHA-256 digests, the gains.

    `extra`: more files the episode's item links (the Opus edition), checked like the books.
    `languages`: the article's language and each segment's (None: the article's; a tag: a passage).
    """
    data: dict[str, Any] = {
        "key": key,
        "slug": episode.slug,
        "guid": episode.guid,
        "gains_db": list(gains_db),
    }
    if languages is not None:
        data["languages"] = languages
    data.update({name: getattr(episode, name).name for name in _PATH_FIELDS})
    data["sha256"] = {name: file_sha256(getattr(episode, name)) for name in _PATH_FIELDS}
    data["books"] = {path.name: file_sha256(path) for path in episode.books}
    data["extra"] = {path.name: file_sha256(path) for path in extra}
    data.update(
        duration_ms=episode.duration_ms, size_bytes=episode.size_bytes, item=dataclasses.asdict(episode.item)
    )
    if episode.unclear is not None:  # the listening check's findings, for a reused build to report again
        data["unclear"] = [dataclasses.asdict(u) for u in episode.unclear]
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def load_fresh(output_dir: Path, slug: str, key: str) -> Episode | None:
    """The episode of a previous build with this key, if all its files are still there."""
    try:
        data = json.loads(manifest_path(output_dir, slug).read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        paths = {name: output_dir / data[name] for name in _PATH_FIELDS}
        books = {output_dir / name: digest for name, digest in data.get("books", {}).items()}
        extra = {output_dir / name: digest for name, digest in data.get("extra", {}).items()}
        present = all(p.is_file() for p in [*paths.values(), *books, *extra])
        if not present or paths["mp3"].stat().st_size != data["size_bytes"]:
            return None
        if any(file_sha256(path) != data["sha256"][name] for name, path in paths.items()) or any(
            file_sha256(path) != digest for path, digest in {**books, **extra}.items()
        ):
            log.warning("%s: its files changed since it was built; building it again", slug)
            return None
        return Episode(
            slug=data["slug"],
            guid=data["guid"],
            duration_ms=int(data["duration_ms"]),
            size_bytes=int(data["size_bytes"]),
            segments_synthesized=0,
            segments_reused=0,
            item=FeedItem(**data["item"]),
            unclear=_unclear(data.get("unclear")),
            books=tuple(books),
            **paths,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _unclear(recorded: object) -> tuple[UnclearSegment, ...] | None:
    """The listening check's findings as recorded (None when the build had no check)."""
    if not isinstance(recorded, list):
        return None
    return tuple(UnclearSegment(**entry) for entry in recorded)
