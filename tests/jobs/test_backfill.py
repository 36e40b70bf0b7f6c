"""`backfill` through the durable job list: a real Dask cluster, PostgreSQL and SeaweedFS (S3).

Narration is counted with the `echo` engine's log (one line per segment
narrated, from whichever worker narrated it), so "narrates nothing twice"
is checked directly, across a SIGKILL of the driver's process group.
"""

from __future__ import annotations

import collections
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import feedparser
import psycopg
import pytest
from conftest import SHARED_TOOLS
from helpers import SHOW, assert_one_line_error, run
from servers import DaskCluster, Postgres, S3Server, dask_cluster
from werkzeug.serving import make_server

from audio_article.jobs.intake import api_app, sign
from audio_article.show.config import load_show


@pytest.fixture
def echo_log(tmp_path: Path) -> Path:
    return tmp_path / "echo.log"


@pytest.fixture
def cluster(s3: S3Server, echo_log: Path) -> Iterator[DaskCluster]:
    running = dask_cluster(2, {**s3.env, "AA_ECHO_LOG": str(echo_log), "AA_ECHO_DELAY_S": "0.4"})
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def voice(tmp_path: Path) -> Path:
    path = tmp_path / "echo.toml"
    path.write_text('engine = "echo"\nrate_wpm = 400\n', encoding="utf-8")
    return path


def _setup(folder: Path, postgres: Postgres, s3: S3Server, count: int) -> tuple[Path, Path, str, str]:
    bucket = s3.bucket()
    store = postgres.database()
    show = folder / "show.toml"
    show.write_text(SHOW + f'store = "{store}"\nmedia = "s3://{bucket}/a"\n', encoding="utf-8")
    names = []
    for n in range(count):
        words = " ".join(f"w{n}x{i}" for i in range(6 + 7 * (n % 3)))  # varied lengths, unique words
        (folder / f"story-{n:02d}.md").write_text(
            f"---\ntitle: Backfill story {n}\n---\n\nStory {n} begins: {words}.\n\nIt ends {n}.\n",
            encoding="utf-8",
        )
        names.append(f"story-{n:02d}.md")
    listing = folder / "archive.txt"
    listing.write_text("# the archive\n" + "\n".join(names) + "\n", encoding="utf-8")
    return show, listing, bucket, store


def _backfill(show: Path, listing: Path, voice: Path, address: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "audio_article", "backfill", "--list", str(listing), "--show", str(show),
         "--voice", str(voice), "--executor", address, "-q", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip


def _jobs(store: str) -> list[tuple[str, int]]:
    with psycopg.connect(store) as db:
        try:
            return [(r[0], r[1]) for r in db.execute("SELECT state, attempts FROM jobs ORDER BY id")]
        except psycopg.errors.UndefinedTable:
            return []


def _check(s3: S3Server, bucket: str, store: str, count: int, mp3s: int = 0) -> bytes:
    client = s3.client()
    objects = {o["Key"]: o["Size"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])}  # type: ignore[attr-defined]
    raw = client.get_object(Bucket=bucket, Key="a/feed.xml")["Body"].read()  # type: ignore[attr-defined]
    feed = feedparser.parse(raw)
    assert not feed.bozo and len(feed.entries) == count
    assert len({e.id for e in feed.entries}) == count
    assert sum(k.endswith(".mp3") for k in objects) == (mp3s or count)
    for entry in feed.entries:
        enclosure = entry.enclosures[0]
        assert objects["a/" + enclosure.href.rsplit("/", 1)[1]] == int(enclosure.length)
    with psycopg.connect(store) as db:
        guids = [r[0] for r in db.execute("SELECT guid FROM episodes")]
    assert len(guids) == len(set(guids)) == count
    return bytes(raw)


def _narrated_twice(echo_log: Path) -> list[str]:
    texts = [line.split(" ", 1)[1] for line in echo_log.read_text(encoding="utf-8").splitlines()]
    return [text for text, n in collections.Counter(texts).items() if n > 1]


def test_backfill_then_a_rerun_changes_nothing(
    cluster: DaskCluster, postgres: Postgres, s3: S3Server, tmp_path: Path, voice: Path, echo_log: Path
) -> None:
    show, listing, bucket, store = _setup(tmp_path, postgres, s3, 6)
    proc = _backfill(show, listing, voice, cluster.address)
    out, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err
    assert "6 published, 0 failed" in out, out
    assert _jobs(store) == [("published", 1)] * 6
    feed = _check(s3, bucket, store, 6)
    narrated = echo_log.read_text(encoding="utf-8")
    assert narrated and not _narrated_twice(echo_log)
    head = s3.client().head_object(Bucket=bucket, Key="a/feed.xml")  # type: ignore[attr-defined]
    # Listing the same articles again is a no-op: no job, no narration, the same feed object.
    again = _backfill(show, listing, voice, cluster.address)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert "6 published, 0 failed" in out
    assert _jobs(store) == [("published", 1)] * 6
    assert echo_log.read_text(encoding="utf-8") == narrated
    assert _check(s3, bucket, store, 6) == feed
    assert s3.client().head_object(Bucket=bucket, Key="a/feed.xml")["ETag"] == head["ETag"]  # type: ignore[attr-defined]
    # An edited article is a new job: built and republished under the same guid.
    story = tmp_path / "story-00.md"
    story.write_text(story.read_text().replace("It ends 0.", "It ends, corrected, 0."), encoding="utf-8")
    edited = _backfill(show, listing, voice, cluster.address)
    assert edited.wait(300) == 0, edited.communicate()[1]
    assert [s for s, _ in _jobs(store)] == ["published"] * 7
    # The superseded MP3 stays (media are content-addressed and written once); the feed links the new one.
    assert _check(s3, bucket, store, 6, mp3s=7) != feed


def test_backfill_needs_a_postgresql_store(tmp_path: Path, voice: Path) -> None:
    show = tmp_path / "show.toml"
    show.write_text(SHOW, encoding="utf-8")
    listing = tmp_path / "list.txt"
    listing.write_text("a.md\n", encoding="utf-8")
    proc = run("backfill", "--list", str(listing), "--show", str(show), "--executor", "tcp://127.0.0.1:1")
    assert_one_line_error(proc, 'store = "postgresql://..."')


def test_an_article_posted_to_the_api_is_published_by_backfill(
    cluster: DaskCluster, postgres: Postgres, s3: S3Server, tmp_path: Path, voice: Path
) -> None:
    show, _, bucket, store = _setup(tmp_path, postgres, s3, 0)
    secret = b"a-shared-secret-for-tests"
    server = make_server("127.0.0.1", 0, api_app(load_show(show), secret), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.port}/v1/articles"
        body = json.dumps({"id": "cms-7", "title": "Posted", "body": "A posted story, in words."}).encode()
        request = urllib.request.Request(base, body, {"X-Signature": sign(secret, body)}, method="POST")
        with urllib.request.urlopen(request, timeout=60) as response:
            job = json.loads(response.read())
        # No --list: run the job list as the API filled it.
        proc = run("backfill", "--show", str(show), "--voice", str(voice), "--executor", cluster.address)
        assert proc.returncode == 0, proc.stderr + proc.stdout
        assert "1 published, 0 failed" in proc.stdout
        with urllib.request.urlopen(f"{base}/{job['job']}", timeout=60) as response:
            seen = json.loads(response.read())
    finally:
        server.shutdown()
        server.server_close()
    assert seen["state"] == "published" and seen["audio_url"].endswith(".mp3") and seen["episode_guid"]
    _check(s3, bucket, store, 1)


_SENTENCE = (
    "the council met on Tuesday to discuss the harbour budget and the new library hours while residents"
    " asked about bus routes school meals street lights and the summer festival in the old market square"
)
_VOCABULARY = _SENTENCE.split(" ")


def _archive(folder: Path, count: int) -> list[str]:
    """`count` real-word articles of 1 to 9 paragraphs (varied lengths), for the real default voice."""
    names = []
    for n in range(count):
        paragraphs = []
        for p in range(1 + (n * 7) % 9):
            words = [_VOCABULARY[(n * 5 + p * 3 + i) % len(_VOCABULARY)] for i in range(10 + (n + p) % 7)]
            paragraphs.append(f"Report {n}, part {p}: " + " ".join(words) + ".")
        body = "\n\n".join(paragraphs)
        (folder / f"story-{n:02d}.md").write_text(
            f"---\ntitle: Archive story {n}\n---\n\n{body}\n", encoding="utf-8"
        )
        names.append(f"story-{n:02d}.md")
    return names


def _wait_published(store: str, at_least: int, driver: subprocess.Popen[str]) -> list[str]:
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and driver.poll() is None:
        states = [s for s, _ in _jobs(store)]
        if states.count("published") >= at_least:
            return states
        time.sleep(0.1)
    raise AssertionError(f"never {at_least} published while the driver ran: {_jobs(store)}")


@pytest.mark.slow
def test_twenty_articles_in_the_real_voice_survive_a_killed_worker_and_a_killed_driver(
    cluster: DaskCluster, postgres: Postgres, s3: S3Server, tmp_path: Path
) -> None:
    count = 20
    show, listing, bucket, store = _setup(tmp_path, postgres, s3, 0)
    listing.write_text("\n".join(_archive(tmp_path, count)) + "\n", encoding="utf-8")
    default = Path(__file__).resolve().parents[2] / "voices" / "default.toml"  # espeak-ng, as users get
    driver = _backfill(show, listing, default, cluster.address, "--lease", "6")
    _wait_published(store, 3, driver)
    os.killpg(cluster.workers[0].pid, signal.SIGKILL)  # a worker, its nanny and its engine, mid-build
    states = _wait_published(store, 8, driver)
    assert states.count("published") < count, "the run ended before its driver could be killed"
    os.killpg(driver.pid, signal.SIGKILL)  # the driver and anything it started
    driver.wait(30)
    rerun = _backfill(show, listing, default, cluster.address, "--lease", "6")
    out, err = rerun.communicate(timeout=900)
    assert rerun.returncode == 0, err
    assert f"{count} published, 0 failed" in out, out
    jobs = _jobs(store)
    assert [s for s, _ in jobs] == ["published"] * count
    # Each job was built by one claim, but for the one the killed worker held (taken over once).
    assert sorted(attempts for _, attempts in jobs)[:-1] == [1] * (count - 1), jobs
    assert max(attempts for _, attempts in jobs) <= 2, jobs
    feed = _check(s3, bucket, store, count)
    _check_one_episode(s3, bucket, tmp_path, feed)
    # A second full run changes nothing: no job, no object written, the same feed.xml bytes.
    objects = _objects(s3, bucket)
    again = _backfill(show, listing, default, cluster.address)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0 and f"{count} published, 0 failed" in out, err
    assert _jobs(store) == jobs
    assert _objects(s3, bucket) == objects
    assert _check(s3, bucket, store, count) == feed


def _objects(s3: S3Server, bucket: str) -> dict[str, tuple[int, str]]:
    listed = s3.client().list_objects_v2(Bucket=bucket).get("Contents", [])  # type: ignore[attr-defined]
    return {o["Key"]: (o["Size"], o["ETag"]) for o in listed}


def _check_one_episode(s3: S3Server, bucket: str, folder: Path, feed: bytes) -> None:
    """The shared checker, loudness included, on one downloaded MP3 with its feed, chapters and transcript."""
    if not (SHARED_TOOLS / "check-episode").exists():
        return  # the shared tools are not beside this checkout
    mp3 = feedparser.parse(feed).entries[0].enclosures[0].href.rsplit("/", 1)[1]
    stem = mp3.rsplit("-", 1)[0]  # the MP3's name is the slug and a content hash
    local = folder / "downloaded"
    local.mkdir()
    (local / "feed.xml").write_bytes(feed)
    for name in (mp3, f"{stem}.chapters.json", f"{stem}.vtt"):
        body = s3.client().get_object(Bucket=bucket, Key=f"a/{name}")["Body"].read()  # type: ignore[attr-defined]
        (local / name).write_bytes(body)
    names = (mp3, f"{stem}.chapters.json", f"{stem}.vtt")
    command = [sys.executable, str(SHARED_TOOLS / "check-episode"), str(local / mp3)]
    for option, name in zip(("--feed", "--chapters", "--transcript"), ("feed.xml", *names[1:]), strict=True):
        command += [option, str(local / name)]
    checked = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.slow
def test_a_killed_scheduler_fails_the_driver_in_one_line_and_a_rerun_finishes_the_rest(
    postgres: Postgres, s3: S3Server, tmp_path: Path, voice: Path, echo_log: Path
) -> None:
    count = 8
    show, listing, bucket, store = _setup(tmp_path, postgres, s3, count)
    env = {**s3.env, "AA_ECHO_LOG": str(echo_log), "AA_ECHO_DELAY_S": "0.4"}
    cluster = dask_cluster(2, env, nanny=False)
    try:
        driver = _backfill(show, listing, voice, cluster.address, "--lease", "6")
        _wait_published(store, 2, driver)
        os.killpg(cluster.scheduler.pid, signal.SIGKILL)
        started = time.monotonic()
        out, err = driver.communicate(timeout=120)  # it must not hang on a dead scheduler
        assert time.monotonic() - started < 90
        failed = subprocess.CompletedProcess(driver.args, driver.returncode, out, err)
        assert_one_line_error(failed, "lost the Dask scheduler mid-run")
        # Workers without their scheduler exit, but finish (and record) the article they were building.
        for worker in cluster.workers:
            worker.wait(120)
        states = [s for s, _ in _jobs(store)]
        assert "building" not in states and states.count("published") < count, states
        cluster.restart()  # the scheduler at the same address, and fresh workers
        rerun = _backfill(show, listing, voice, cluster.address, "--lease", "6")
        out, err = rerun.communicate(timeout=600)
    finally:
        cluster.stop()
    assert rerun.returncode == 0, err
    assert f"{count} published, 0 failed" in out, out
    jobs = _jobs(store)
    assert [s for s, _ in jobs] == ["published"] * count
    assert all(attempts == 1 for _, attempts in jobs), jobs
    assert not _narrated_twice(echo_log)
    # Each worker process narrated with one engine process, kept between its articles.
    assert len({line.split(" ", 1)[0] for line in echo_log.read_text().splitlines()}) <= 4
    _check(s3, bucket, store, count)
