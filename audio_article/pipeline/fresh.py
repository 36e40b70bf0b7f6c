"""The unchanged rebuild's shortcut: find a fresh build from the source file's bytes, before parsing.

A reused build is normally recognised by its build key, which needs the
parsed, scripted article: parsing and normalizing cost more than everything
else an unchanged rebuild does (their imports alone are most of it). A local
file's bytes, the options, the voice profile, the lexicons and the tool's
own code determine that parse, so a *source key* over them stands in for it:
after each build, a small pointer in the cache (`fresh/`) maps the source
key and output folder to the episode's slug and build key. A later build
with the same source key reads the pointer and hands the slug and key to
`manifest.load_fresh`, which checks the manifest and every file's SHA-256 as
the slow path does; any mismatch, or no pointer, means the slow path.

URLs never take the shortcut: the page behind an address changes without
its address changing. This module imports nothing heavy.
"""

from __future__ import annotations

import hashlib
import json
import logging
import stat
from dataclasses import replace
from pathlib import Path

from audio_article.atomic import write_atomic
from audio_article.cache import default_cache_dir
from audio_article.episode.manifest import code_identity, load_fresh
from audio_article.episode.page_paths import cover_path, page_path
from audio_article.errors import AudioArticleError
from audio_article.models import Episode
from audio_article.pipeline.options import BuildOptions
from audio_article.script.profiles import PROJECT_VOICES, find_profile, load_profile
from audio_article.textutil import is_url

log = logging.getLogger(__name__)
POINTER_VERSION = 1


def source_key(article_ref: str | Path, options: BuildOptions) -> str | None:
    """A digest of everything a local build is made from, or None when the source is no readable file."""
    if is_url(str(article_ref)):
        return None
    try:
        source = Path(article_ref).resolve()
        digest = hashlib.sha256(b"source-key %d\0" % POINTER_VERSION)
        digest.update(code_identity())
        digest.update(str(source).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(source.read_bytes())
        digest.update(repr(replace(options, jobs=0, cache_dir=None)).encode())
        profile = load_profile(options.voice)
        digest.update(repr(profile).encode())
        # The profile found by name and its lexicons; the project's own profiles and lexicons too, as
        # the profile's TOML may name them (over-including only costs a shortcut after their edit).
        files = [find_profile(options.voice), *sorted(PROJECT_VOICES.glob("*.toml"))]
        files += [*profile.lexicons, *options.lexicons]
        files += [path for path in (options.intro, options.outro) if path]
        for path in files:
            digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
            digest.update(path.read_bytes())
    except (OSError, ValueError, AudioArticleError):  # the slow path reports what is wrong
        return None
    return digest.hexdigest()


def _pointer(options: BuildOptions, key: str) -> Path:
    folder = str(options.output_dir.resolve()).encode("utf-8", "surrogateescape")
    name = hashlib.sha256(key.encode() + b"\0" + folder).hexdigest()
    return (options.cache_dir or default_cache_dir()) / "fresh" / name[:2] / f"{name}.json"


def find_fresh(key: str | None, options: BuildOptions) -> Episode | None:
    """The fresh previous build of the source behind `key` in the output folder, checked file by file."""
    if key is None or not options.use_cache:
        return None
    try:
        data = json.loads(_pointer(options, key).read_text(encoding="utf-8"))
        slug, build_key = str(data["slug"]), str(data["build_key"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if "/" in slug or slug.startswith("."):  # a pointer names a file in the output folder, nothing else
        return None
    # The files the article names (its cover image) as they were: one that came, went or changed
    # since would parse into another article (another build key); the slow path finds out which.
    if not isinstance(files := data.get("files"), dict) or any(
        _fingerprint(name) != recorded for name, recorded in files.items()
    ):
        return None
    episode = load_fresh(options.output_dir, slug, build_key)
    if episode is None:
        return None
    # The pages and the cover they show: a build reused by the slow path gets them written again.
    pages = (page_path(episode), page_path(episode, embed=True), cover_path(episode))
    if not all(path.is_file() for path in pages):
        return None
    return episode


def remember(
    key: str | None, options: BuildOptions, slug: str, build_key: str, local_files: tuple[str, ...]
) -> None:
    """Point the source key at this build (a missing or unwritable cache only costs the shortcut)."""
    if key is None or not options.use_cache:
        return
    files = {name: _fingerprint(name) for name in local_files}
    record = {"version": POINTER_VERSION, "slug": slug, "build_key": build_key, "files": files}
    try:
        write_atomic(_pointer(options, key), json.dumps(record).encode())
    except AudioArticleError as exc:  # the build itself succeeded
        log.info("could not record the build for the unchanged-rebuild shortcut: %s", exc)


def _fingerprint(name: str) -> list[int] | None:
    """Size and modification time of a file, None when there is none (JSON-shaped: a list)."""
    try:
        info = Path(name).stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns] if stat.S_ISREG(info.st_mode) else None
