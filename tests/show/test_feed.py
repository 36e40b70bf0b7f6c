"""The show feed: parsed by feedparser and podcastparser, concurrent publishers, kills mid-publish."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import feedparser
import podcastparser
import pytest
from helpers import SHOW

from audio_article.errors import ConfigError
from audio_article.show.config import load_show


@pytest.fixture
def show(tmp_path: Path, fake_voice: Path) -> Path:
    path = tmp_path / "show.toml"
    path.write_text(SHOW, encoding="utf-8")
    return path


def _article(folder: Path, n: int, body: str = "The body of the story has several words in it.") -> Path:
    path = folder / f"story-{n}.md"
    path.write_text(
        f"---\ntitle: Story number {n}\nauthor: Reporter {n}\ndate: 2025-01-{n + 1:02d}\n---\n\n"
        f"{body}\n\n## Second part\n\nMore words follow here for part two.\n",
        encoding="utf-8",
    )
    return path


def _publish(show: Path, voice: Path, *articles: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "audio_article",
            "publish",
            "--show",
            str(show),
            "--voice",
            str(voice),
            "-j",
            "1",
            "-q",
            *map(str, articles),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _parse(feed: Path) -> tuple[feedparser.FeedParserDict, dict]:
    raw = feed.read_bytes()
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed, podcastparser.parse("https://media.example.org/audio/feed.xml", io.BytesIO(raw))


def test_publish_render_and_republish(show: Path, fake_voice: Path, tmp_path: Path) -> None:
    articles = [_article(tmp_path, n) for n in range(3)]
    proc = _publish(show, fake_voice, *articles)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    feed = tmp_path / "public" / "feed.xml"
    parsed, pod = _parse(feed)
    channel = parsed.feed
    assert channel.title == "Test Show" and channel.language == "en"
    assert channel.image.href == "https://media.example.org/audio/cover.jpg"
    assert channel.tags[0].term == "News"
    expected_guid = str(
        uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), "media.example.org/audio/feed.xml")
    )
    assert f"<podcast:guid>{expected_guid}</podcast:guid>" in feed.read_text(encoding="utf-8")
    assert [e.title for e in parsed.entries] == ["Story number 2", "Story number 1", "Story number 0"]
    assert len(pod["episodes"]) == 3
    first = parsed.entries[-1]
    enclosure = first.enclosures[0]
    mp3 = tmp_path / "public" / enclosure.href.rsplit("/", 1)[1]
    assert int(enclosure.length) == mp3.stat().st_size
    # Republish an edited story: same guid and date, new audio URL.
    _article(tmp_path, 0, body="The body of the story was corrected after publication.")
    proc = _publish(show, fake_voice, articles[0])
    assert proc.wait(timeout=300) == 0
    again, _ = _parse(feed)
    edited = [e for e in again.entries if e.title == "Story number 0"]
    assert len(again.entries) == 3 and len(edited) == 1
    assert edited[0].id == first.id and edited[0].published == first.published
    assert edited[0].enclosures[0].href != enclosure.href


def test_feed_list_and_remove(show: Path, fake_voice: Path, tmp_path: Path) -> None:
    assert _publish(show, fake_voice, _article(tmp_path, 1), _article(tmp_path, 2)).wait(timeout=300) == 0
    listed = subprocess.run(
        [sys.executable, "-m", "audio_article", "feed", "list", "--show", str(show)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "story-number-1" in listed.stdout and "story-number-2" in listed.stdout
    subprocess.run(
        [sys.executable, "-m", "audio_article", "feed", "remove", "--show", str(show), "story-number-1"],
        check=True,
        capture_output=True,
    )
    parsed, _ = _parse(tmp_path / "public" / "feed.xml")
    assert [e.title for e in parsed.entries] == ["Story number 2"]


def test_eight_concurrent_publishers(show: Path, fake_voice: Path, tmp_path: Path) -> None:
    procs = [_publish(show, fake_voice, _article(tmp_path, n)) for n in range(8)]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    parsed, pod = _parse(tmp_path / "public" / "feed.xml")
    assert sorted(e.title for e in parsed.entries) == sorted(f"Story number {n}" for n in range(8))
    assert len(pod["episodes"]) == 8


def test_sigkill_during_publish_keeps_the_feed(show: Path, fake_voice: Path, tmp_path: Path) -> None:
    assert _publish(show, fake_voice, _article(tmp_path, 0)).wait(timeout=300) == 0
    feed = tmp_path / "public" / "feed.xml"
    for delay in (0.2, 0.5, 0.8, 1.1, 1.5):
        proc = _publish(
            show, fake_voice, _article(tmp_path, 1, body=f"Killed after {delay} seconds of work.")
        )
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        parsed, _ = _parse(feed)
        assert "Story number 0" in [e.title for e in parsed.entries]
    assert _publish(show, fake_voice, _article(tmp_path, 2)).wait(timeout=300) == 0
    parsed, _ = _parse(feed)
    assert {"Story number 0", "Story number 2"} <= {e.title for e in parsed.entries}
    assert not list((tmp_path / "public").glob(".*.tmp"))


@pytest.mark.parametrize(
    "change,error",
    [
        (("owner_email", '"nobody"'), "owner_email"),
        (("base_url", '"ftp://x"'), "base_url"),
        (("colour", '"red"'), "is not a known key"),
    ],
)
def test_bad_show_files(tmp_path: Path, change: tuple[str, str], error: str) -> None:
    key, value = change
    lines = [line for line in SHOW.splitlines() if not line.startswith(key + " ")] + [f"{key} = {value}"]
    path = tmp_path / "show.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=error):
        load_show(path)


def _feed_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "audio_article", "feed", *args], capture_output=True, text=True, timeout=120
    )


def _state(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}


def test_read_only_commands_change_nothing(show: Path, fake_voice: Path, tmp_path: Path) -> None:
    assert _publish(show, fake_voice, _article(tmp_path, 1)).wait(timeout=300) == 0
    public = tmp_path / "public"
    before = _state(public)
    listed = _feed_cli("list", "--show", str(show))
    assert listed.returncode == 0 and "story-number-1" in listed.stdout, listed.stderr
    assert _state(public) == before
    removed = _feed_cli("remove", "--show", str(show), "no-such-episode")
    assert removed.returncode != 0 and removed.stderr.count("\n") == 1
    assert "no episode 'no-such-episode'" in removed.stderr
    assert _state(public) == before  # feed.xml not rewritten: same bytes, same mtime


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run the command as another user")
def test_feed_list_on_a_show_it_cannot_write(show: Path, fake_voice: Path, tmp_path: Path) -> None:
    import shutil
    import tempfile

    assert _publish(show, fake_voice, _article(tmp_path, 1)).wait(timeout=300) == 0
    base = Path(tempfile.mkdtemp(prefix="audio-article-ro-"))  # /tmp/pytest-of-root is private to root
    try:
        base.chmod(0o755)
        shutil.copytree(tmp_path / "public", base / "public")
        shutil.copy(show, base / "show.toml")
        before = _state(base / "public")
        command = [sys.executable, "-m", "audio_article", "feed", "list", "--show", str(base / "show.toml")]
        nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        listed = subprocess.run(nobody, capture_output=True, text=True, timeout=120)
        assert listed.returncode == 0 and "story-number-1" in listed.stdout, listed.stderr
        assert _state(base / "public") == before
    finally:
        shutil.rmtree(base)


@pytest.mark.parametrize("command", [["list"], ["remove", "x"], ["render"]])
def test_mistyped_show_folder_is_an_error_and_creates_nothing(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "show.toml"
    path.write_text(SHOW.replace('output = "public"', 'output = "pubic"'), encoding="utf-8")
    proc = _feed_cli(command[0], "--show", str(path), *command[1:])
    assert proc.returncode != 0 and proc.stderr.count("\n") == 1, proc.stderr
    assert "pubic" in proc.stderr and "no such show folder" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["show.toml"]


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600)])
def test_published_files_honour_the_umask(
    show: Path, fake_voice: Path, tmp_path: Path, umask: int, mode: int
) -> None:
    article = _article(tmp_path, 1)
    command = ["publish", "--show", str(show), "--voice", str(fake_voice), "-q", str(article)]
    proc = subprocess.run(
        [sys.executable, "-m", "audio_article", *command],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: os.umask(umask),  # sets only the child's umask
    )
    assert proc.returncode == 0, proc.stderr
    public = tmp_path / "public"
    modes = {p.name: p.stat().st_mode & 0o777 for p in public.iterdir() if p.is_file()}
    assert {"feed.xml", "cover.jpg", "show.db"} <= set(modes) and any(n.endswith(".mp3") for n in modes)
    assert modes == dict.fromkeys(modes, mode)


def test_an_unchanged_republish_leaves_the_feed_byte_identical(
    show: Path, fake_voice: Path, tmp_path: Path
) -> None:
    articles = [_article(tmp_path, n) for n in range(2)]
    first = _publish(show, fake_voice, *articles)
    assert first.wait(300) == 0, first.communicate()[1]
    feed = tmp_path / "public" / "feed.xml"
    before, mtime_ns = feed.read_bytes(), feed.stat().st_mtime_ns
    parsed, _ = _parse(feed)
    assert parsed.feed.get("updated")  # lastBuildDate is there
    time.sleep(1.1)  # a clock-based lastBuildDate would now differ
    again = _publish(show, fake_voice, *articles)
    assert again.wait(300) == 0, again.communicate()[1]
    assert feed.read_bytes() == before and feed.stat().st_mtime_ns == mtime_ns
    # A changed article changes the feed, and its lastBuildDate moves on.
    articles[0].write_text(articles[0].read_text().replace("several", "many"), encoding="utf-8")
    third = _publish(show, fake_voice, articles[0])
    assert third.wait(300) == 0, third.communicate()[1]
    changed, _ = _parse(feed)
    assert feed.read_bytes() != before
    assert changed.feed.updated_parsed > parsed.feed.updated_parsed
