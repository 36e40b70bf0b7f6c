"""Publishing to S3-compatible object storage (show.toml `media = "s3://bucket/prefix"`), with boto3.

Why boto3 and not obstore: it is the AWS SDK itself, it reads the endpoint
(`AWS_ENDPOINT_URL`), region and keys from the same environment variables
and `~/.aws` files as every other tool an operator already uses, and since
1.35 it sends PutObject's `If-None-Match: *`, the conditional write-once PUT.

The build still happens in the local `output` folder (the build cache);
publishing copies an episode's files to `prefix/<file name>`. The MP3's name
carries its audio's SHA-256, so it is written once, conditionally: a second
writer of the same audio is refused by the server (412) and finds the same
size there. The other files are put only when their recorded digest
(`x-amz-meta-sha256`) differs, the build manifest after them, and the feed
last, so a reader never sees a feed that links a missing object. Each upload
is read back (HEAD): the object's size must be the file's.
"""

from __future__ import annotations

import functools
import json
import logging
import mimetypes
from pathlib import Path
from typing import Any

from audio_article.atomic import file_sha256
from audio_article.episode.manifest import manifest_path
from audio_article.errors import OutputError
from audio_article.show.config import Show

log = logging.getLogger(__name__)
_FILE_FIELDS = ("mp3", "chapters_json", "transcript_vtt", "transcript_srt", "transcript_html")
_TYPES = {
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".mp3": "audio/mpeg",
    ".json": "application/json",
}


def split_media(media: str) -> tuple[str, str]:
    """(bucket, key prefix ending in "/" or empty) of an `s3://bucket/prefix` URL."""
    bucket, _, prefix = media.removeprefix("s3://").partition("/")
    prefix = prefix.strip("/")
    return bucket, f"{prefix}/" if prefix else ""


@functools.cache
def _client() -> Any:
    import boto3

    return boto3.client("s3")


def upload_episode(show: Show, slug: str) -> int:
    """Copy one built episode's files, then its manifest, to the show's bucket; how many were written."""
    manifest = manifest_path(show.output_dir, slug)
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        names = [str(data[field]) for field in _FILE_FIELDS] + list(data.get("books", {}))
    except (OSError, ValueError, KeyError) as exc:
        raise OutputError(f"{manifest}: cannot read the build manifest to upload it ({exc})") from exc
    written = 0
    for name in names:
        written += put_file(show, show.output_dir / name, once=name == data["mp3"])
    return written + put_file(show, manifest)


def upload_site(show: Show, feed_path: Path) -> None:
    """The show's index page and cover, then `feed.xml` last (called under the store's writer lock)."""
    for name in ("index.html", "cover.jpg"):
        if (show.output_dir / name).is_file():
            put_file(show, show.output_dir / name)
    # Put only when its bytes differ from the bucket's: an unchanged store renders the same feed.
    put_file(show, feed_path)


def put_file(show: Show, path: Path, once: bool = False, always: bool = False) -> bool:
    """Upload `path` as `prefix/<its name>`; whether it was written. `once`: refuse to overwrite."""
    from botocore.exceptions import BotoCoreError, ClientError

    assert show.media is not None
    bucket, prefix = split_media(show.media)
    key = prefix + path.name
    where = f"s3://{bucket}/{key}"
    try:
        size, digest = path.stat().st_size, file_sha256(path)
        if not always and _remote_digest(bucket, key, size) == digest:
            return False
        extra: dict[str, Any] = {"IfNoneMatch": "*"} if once else {}
        try:
            with path.open("rb") as body:
                _client().put_object(
                    Bucket=bucket, Key=key, Body=body, ContentType=_content_type(path), ContentLength=size,
                    Metadata={"sha256": digest}, **extra,
                )  # fmt: skip
        except ClientError as exc:
            if not (once and _status(exc) == 412):
                raise
            log.info("%s: already there (written once, by another publisher)", where)
        stored = _client().head_object(Bucket=bucket, Key=key)["ContentLength"]
    except OSError as exc:
        raise OutputError(f"cannot upload {path}: {exc.strerror or exc}") from exc
    except (BotoCoreError, ClientError) as exc:
        raise OutputError(f"cannot upload {path} to {where}: {exc}") from exc
    if stored != size:
        raise OutputError(f"{where} holds {stored} bytes, not the {size} of {path}; refusing to publish")
    return True


def _remote_digest(bucket: str, key: str, size: int) -> str | None:
    """The recorded SHA-256 of the object at `key` if it has this size (None if absent)."""
    from botocore.exceptions import ClientError

    try:
        head = _client().head_object(Bucket=bucket, Key=key)
    except ClientError as exc:
        if _status(exc) in (403, 404):
            return None
        raise
    if head.get("ContentLength") != size:
        return None
    return str(head.get("Metadata", {}).get("sha256")) or None


def _status(exc: Any) -> int:
    return int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0))


def _content_type(path: Path) -> str:
    return _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
