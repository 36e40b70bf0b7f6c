"""Episode names: one readable slug per distinct article, unique within an output folder.

An article's identity is, first found: its front-matter `guid`/`id`, its URL
(front matter, canonical link, or the address it was fetched from), else the
absolute path of its source file together with its date. So the same file
republished (even with an edited title) is the same episode, and a file
reused for each day's edition is a new episode every new date. Only a hash
of the identity is stored, in the build manifest (`<slug>.build.json`).

A build takes its slug under an exclusive lock on the output folder: the slug
a manifest already records for its identity; else the first of `<title>`,
`<title>-2`, `<title>-3`... that no other article's manifest or running build
holds. A running build's claim is an empty hidden folder
`.claim.<slug>.<pid>.<identity hash>` (a folder, made atomically, like the
build's staging folder), removed when the build ends; a killed build's claim
is removed by the next build. The guid (`publish.episode_guid`) is made from
the unique slug, so guids are unique per distinct article too, and a
manifest written before identities were recorded is adopted when its guid is
the one this article would get under that slug.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from audio_article.atomic import write_atomic
from audio_article.episode.item import episode_guid
from audio_article.episode.manifest import manifest_path
from audio_article.errors import OutputError
from audio_article.models import Article
from audio_article.textutil import ascii_slug, is_url

log = logging.getLogger(__name__)
_MANIFEST_SUFFIX = ".build.json"


def article_identity(article: Article) -> str:
    """What makes two builds the same article (see the module docstring)."""
    if article.guid:
        return f"guid:{article.guid}"
    if article.url:
        return f"url:{article.url}"
    source = article.source_name
    where = source if is_url(source) else str(Path(source).resolve())
    return f"source:{where}|{article.date.isoformat() if article.date else ''}"


def identity_hash(article: Article) -> str:
    """A 32-hex-digit digest of what identifies the article (see `article_identity`)."""
    return hashlib.sha256(article_identity(article).encode()).hexdigest()[:32]


@contextlib.contextmanager
def claimed_slug(output_dir: Path, article: Article) -> Iterator[str]:
    """The article's slug in `output_dir`, held for the build; recorded in its manifest on success."""
    identity = identity_hash(article)
    created = not output_dir.exists()
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        with _folder_lock(output_dir):
            slug = _choose(output_dir, article, identity)
            claim = output_dir / f".claim.{slug}.{os.getpid()}.{identity}"
            claim.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot write to {output_dir}: {exc.strerror or exc}") from exc
    try:
        yield slug
        _record(output_dir, slug, identity)
    except BaseException:
        if created:
            # A failed first build leaves no folder behind (the build removes its own files).
            _unclaim(claim)
            with contextlib.suppress(OSError):
                output_dir.rmdir()
        raise
    finally:
        _unclaim(claim)


def _unclaim(claim: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        claim.rmdir()


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive flock on the folder itself: no lock file is left in it."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _choose(output_dir: Path, article: Article, identity: str) -> str:
    holders = _holders(output_dir)
    for slug, owner in holders.items():
        if owner == identity:
            return slug
    base = ascii_slug(article.title)
    for n in range(1, 10_000):
        slug = base if n == 1 else f"{base}-{n}"
        holder = holders.get(slug)
        if holder is None:
            return slug
        if holder == "" and _legacy_guid(output_dir, slug) == episode_guid(article, slug):
            return slug  # written before identities were recorded, by this same article
    raise OutputError(f"{output_dir}: no free episode name for {article.title!r}")


def _holders(output_dir: Path) -> dict[str, str]:
    """slug -> identity hash of every built episode and running build ("" when not recorded)."""
    holders: dict[str, str] = {}
    for path in output_dir.glob(f"*{_MANIFEST_SUFFIX}"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            holders[path.name.removesuffix(_MANIFEST_SUFFIX)] = str(data.get("identity") or "")
        except (OSError, ValueError, AttributeError):
            holders[path.name.removesuffix(_MANIFEST_SUFFIX)] = ""
    for path in output_dir.glob(".claim.*"):
        _, _, slug, pid, owner = [*path.name.split("."), "", "", "", ""][:5]
        if not _alive(pid):
            with contextlib.suppress(OSError):
                path.rmdir()  # left by a killed build
            continue
        holders.setdefault(slug, owner)
    return holders


def _alive(pid: str) -> bool:
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _legacy_guid(output_dir: Path, slug: str) -> str | None:
    try:
        guid = json.loads(manifest_path(output_dir, slug).read_text(encoding="utf-8")).get("guid")
        return str(guid) if guid else None
    except (OSError, ValueError, AttributeError):
        return None


def _record(output_dir: Path, slug: str, identity: str) -> None:
    """Write the identity into the build's manifest, so later builds find their name again."""
    path = manifest_path(output_dir, slug)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("%s: cannot record the article's identity: %s", path, exc)
        return
    if isinstance(data, dict) and data.get("identity") != identity:
        data["identity"] = identity
        write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
