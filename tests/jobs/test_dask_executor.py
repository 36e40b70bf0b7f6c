"""Publishing on Dask: a real scheduler and two workers (separate processes), PostgreSQL and S3 servers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import feedparser
import psycopg
import pytest
from helpers import SHOW
from servers import DaskCluster, Postgres, S3Server, dask_cluster

from audio_article.jobs.batch import BatchJob
from audio_article.jobs.dask_executor import task_key


@pytest.fixture
def cluster(s3: S3Server) -> Iterator[DaskCluster]:
    running = dask_cluster(2, s3.env)
    try:
        yield running
    finally:
        running.stop()


def _articles(folder: Path, count: int) -> list[Path]:
    paths = []
    for n in range(count):
        path = folder / f"story-{n:02d}.md"
        words = " ".join(f"word{i}" for i in range(8 + 9 * (n % 4)))  # varied lengths
        path.write_text(f"---\ntitle: Story {n}\n---\n\nThe story {n} says {words}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def _show(folder: Path, postgres: Postgres, bucket: str) -> Path:
    path = folder / "show.toml"
    path.write_text(SHOW + f'store = "{postgres.database()}"\nmedia = "s3://{bucket}/a"\n', encoding="utf-8")
    return path


def _publish(show: Path, voice: Path, address: str, articles: list[Path]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "audio_article", "publish", "--show", str(show), "--voice", str(voice),
         "--executor", address, "-q", *map(str, articles)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _episodes(show: Path) -> list[str]:
    url = show.read_text().split('store = "')[1].split('"')[0]
    with psycopg.connect(url) as db:
        try:
            return [r[0] for r in db.execute("SELECT guid FROM episodes")]
        except psycopg.errors.UndefinedTable:  # no publisher has migrated the store yet
            return []


def _check_bucket(s3: S3Server, bucket: str, count: int) -> None:
    client = s3.client()
    objects = {o["Key"]: o["Size"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])}  # type: ignore[attr-defined]
    feed = feedparser.parse(client.get_object(Bucket=bucket, Key="a/feed.xml")["Body"].read())  # type: ignore[attr-defined]
    assert not feed.bozo and len(feed.entries) == count
    assert len({e.id for e in feed.entries}) == count
    assert sum(k.endswith(".mp3") for k in objects) == count
    for entry in feed.entries:
        enclosure = entry.enclosures[0]
        assert objects["a/" + enclosure.href.rsplit("/", 1)[1]] == int(enclosure.length)


def test_task_keys_are_content_addressed(tmp_path: Path) -> None:
    article, show = tmp_path / "a.md", tmp_path / "show.toml"
    article.write_text("# A\n\nOne.\n")
    show.write_text(SHOW)
    job = BatchJob(str(article), show, "default", False, 1)
    assert task_key(job) == task_key(BatchJob(str(article), show, "default", False, 1))
    first = task_key(job)
    article.write_text("# A\n\nTwo.\n")
    assert task_key(job) != first
    changed = task_key(job)
    article.write_text("# A\n\nThree.\n")
    assert task_key(job) != changed


def test_publish_on_dask_reports_failures_and_carries_on(
    cluster: DaskCluster, postgres: Postgres, s3: S3Server, tmp_path: Path, fake_voice: Path
) -> None:
    bucket = s3.bucket()
    show = _show(tmp_path, postgres, bucket)
    articles = _articles(tmp_path, 5)
    broken = tmp_path / "broken.md"
    broken.write_text("", encoding="utf-8")
    proc = _publish(show, fake_voice, cluster.address, [*articles, broken])
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 1, err
    assert "5 published, 1 failed" in out, out
    assert "broken.md" in err and "Traceback" not in err
    assert len(set(_episodes(show))) == 5
    _check_bucket(s3, bucket, 5)
    # A second run changes nothing: the same feed, byte for byte.
    feed_before = s3.client().get_object(Bucket=bucket, Key="a/feed.xml")["Body"].read()  # type: ignore[attr-defined]
    again = _publish(show, fake_voice, cluster.address, articles)
    assert again.wait(600) == 0
    feed_after = s3.client().get_object(Bucket=bucket, Key="a/feed.xml")["Body"].read()  # type: ignore[attr-defined]
    assert feed_after == feed_before


@pytest.mark.slow
def test_a_killed_worker_loses_nothing(
    cluster: DaskCluster, postgres: Postgres, s3: S3Server, tmp_path: Path, fake_voice: Path
) -> None:
    bucket = s3.bucket()
    show = _show(tmp_path, postgres, bucket)
    articles = _articles(tmp_path, 10)
    proc = _publish(show, fake_voice, cluster.address, articles)
    deadline = time.monotonic() + 300
    while not _episodes(show) and time.monotonic() < deadline:
        time.sleep(0.2)
    os.killpg(cluster.workers[0].pid, signal.SIGKILL)  # the worker and its nanny, mid-run
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err + out
    guids = _episodes(show)
    assert len(guids) == len(set(guids)) == 10
    _check_bucket(s3, bucket, 10)
