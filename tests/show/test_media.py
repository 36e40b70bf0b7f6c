"""Media on S3 (a real SeaweedFS server): uploads, write-once MP3s, enclosure lengths, feed read back."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from botocore.exceptions import ClientError
from helpers import SHOW, run
from servers import Postgres, S3Server

from audio_article.show.config import load_show
from audio_article.show.media import put_file, split_media


def _article(folder: Path, n: int) -> Path:
    path = folder / f"story-{n}.md"
    path.write_text(
        f"---\ntitle: Story number {n}\ndate: 2025-02-{n + 1:02d}\n---\n\n"
        + "A sentence of the story. " * (n + 2)
        + "\n",
        encoding="utf-8",
    )
    return path


def _objects(s3: S3Server, bucket: str) -> dict[str, int]:
    listed = s3.client().list_objects_v2(Bucket=bucket)  # type: ignore[attr-defined]
    return {o["Key"]: o["Size"] for o in listed.get("Contents", [])}


def test_split_media() -> None:
    assert split_media("s3://bucket-a/audio/daily/") == ("bucket-a", "audio/daily/")
    assert split_media("s3://bucket-a") == ("bucket-a", "")


def test_publish_to_s3_with_postgres(
    postgres: Postgres, s3: S3Server, tmp_path: Path, fake_voice: Path
) -> None:
    bucket = s3.bucket()
    show = tmp_path / "show.toml"
    show.write_text(SHOW + f'store = "{postgres.database()}"\nmedia = "s3://{bucket}/audio"\n')
    articles = [_article(tmp_path, n) for n in range(3)]
    proc = run(
        "publish", "--show", str(show), "--voice", str(fake_voice), "-q", "-p", "2", *map(str, articles)
    )
    assert proc.returncode == 0, proc.stderr
    objects = _objects(s3, bucket)
    feed_bytes = s3.client().get_object(Bucket=bucket, Key="audio/feed.xml")["Body"].read()  # type: ignore[attr-defined]
    feed = feedparser.parse(feed_bytes)
    assert not feed.bozo and len(feed.entries) == 3
    assert len({e.id for e in feed.entries}) == 3
    for entry in feed.entries:
        enclosure = entry.enclosures[0]
        key = "audio/" + enclosure.href.rsplit("/", 1)[1]
        assert objects[key] == int(enclosure.length)  # the enclosure's length is the object's size
    assert sum(k.endswith(".mp3") for k in objects) == 3
    assert sum(k.endswith(".build.json") for k in objects) == 3
    assert "audio/index.html" in objects and "audio/cover.jpg" in objects
    # A second run builds nothing new and rewrites nothing: the feed object is the same, byte for byte.
    feed_head = s3.client().head_object(Bucket=bucket, Key="audio/feed.xml")  # type: ignore[attr-defined]
    again = run("publish", "--show", str(show), "--voice", str(fake_voice), "-q", *map(str, articles))
    assert again.returncode == 0, again.stderr
    assert _objects(s3, bucket) == objects
    after = s3.client().get_object(Bucket=bucket, Key="audio/feed.xml")  # type: ignore[attr-defined]
    assert after["Body"].read() == feed_bytes
    assert after["ETag"] == feed_head["ETag"] and after["LastModified"] == feed_head["LastModified"]


def test_mp3_is_written_once(s3: S3Server, tmp_path: Path) -> None:
    bucket = s3.bucket()
    show_file = tmp_path / "show.toml"
    show_file.write_text(SHOW + f'media = "s3://{bucket}/p"\n')
    show = load_show(show_file)
    mp3 = tmp_path / "x-0123456789.mp3"
    mp3.write_bytes(b"ID3" + b"\0" * 100)
    assert put_file(show, mp3, once=True)
    assert not put_file(show, mp3, once=True)  # same digest: nothing to write
    with pytest.raises(ClientError) as refused:  # the server itself refuses an overwrite
        s3.client().put_object(Bucket=bucket, Key="p/x-0123456789.mp3", Body=b"other", IfNoneMatch="*")  # type: ignore[attr-defined]
    assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 412
    mp3.write_bytes(b"ID3" + b"\1" * 100)  # same name, other bytes: the conditional PUT keeps the first
    assert put_file(show, mp3, once=True)
    body = s3.client().get_object(Bucket=bucket, Key="p/x-0123456789.mp3")["Body"].read()  # type: ignore[attr-defined]
    assert body == b"ID3" + b"\0" * 100


def test_unreachable_s3_is_one_clear_line(
    tmp_path: Path, fake_voice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from servers import free_port

    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "y")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    show = tmp_path / "show.toml"
    show.write_text(SHOW + 'media = "s3://some-bucket/audio"\n')
    proc = run("publish", "--show", str(show), "--voice", str(fake_voice), "-q", str(_article(tmp_path, 1)))
    assert proc.returncode != 0
    assert "cannot upload" in proc.stderr and "Traceback" not in proc.stderr
