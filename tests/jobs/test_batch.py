"""Batch publishing: inputs from folders and list files, parallel builds, failures reported."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import feedparser
import pytest
from conftest import SAMPLES
from helpers import run

from audio_article.errors import InputError
from audio_article.jobs.batch import expand_inputs

SHOW_TOML = (
    'title = "Batch"\ndescription = "d"\nauthor = "a"\nowner_name = "o"\nowner_email = "o@example.org"\n'
    'link = "https://example.org"\nbase_url = "https://example.org/a/"\noutput = "pub"\n'
)


def test_expand_folders_lists_and_urls(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("b.md", "a.txt", "notes.pdf", ".hidden.txt"):
        (folder / name).write_text("x", encoding="utf-8")
    listing = tmp_path / "list.txt"
    listing.write_text(
        "# weekend edition\nin/a.txt\n\nhttps://example.org/story#part-2\nother.html  # late addition\n",
        encoding="utf-8",
    )
    assert expand_inputs([str(folder)], [listing]) == [
        str(folder / "a.txt"),
        str(folder / "b.md"),
        "https://example.org/story#part-2",
        str(tmp_path / "other.html"),
    ]


def test_folder_links_leading_out_are_not_followed(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    secret = tmp_path / "secret" / "passwd.txt"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.md").write_text("# A\n\nBody.\n", encoding="utf-8")
    (folder / "sub" / "deep.md").write_text("# Deep\n\nBody.\n", encoding="utf-8")
    (folder / "passwd.txt").symlink_to(secret)  # out of the folder
    (folder / "up.md").symlink_to(Path("..") / "secret" / "passwd.txt")  # relative, out
    (folder / "deep.md").symlink_to(folder / "sub" / "deep.md")  # inside: fine
    (folder / "twin.md").symlink_to("a.md")  # inside, but a.md is listed already
    (folder / "loop.md").symlink_to("loop.md")  # a loop
    (folder / "loopdir").symlink_to(folder)  # a directory loop
    (folder / "gone.md").symlink_to(tmp_path / "missing.md")
    skipped: list[str] = []
    assert expand_inputs([str(folder)], skipped=skipped) == [str(folder / "a.md"), str(folder / "deep.md")]
    assert sorted(skipped) == sorted(str(folder / n) for n in ("gone.md", "loop.md", "passwd.txt", "up.md"))
    assert "passwd.txt: a link that leads out of" in caplog.text


def test_publishing_a_folder_never_reads_through_a_link_out(tmp_path: Path, fake_voice: Path) -> None:
    secret = tmp_path / "private.txt"
    secret.write_text(
        "Private Notes\n\nThe launch code is swordfish and nobody may know it.\n", encoding="utf-8"
    )
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "leak.txt").symlink_to(secret)
    (folder / "one.md").write_text("# One\n\nThe first short article for the batch.\n", encoding="utf-8")
    (folder / "two.md").write_text("# Two\n\nThe second short article for the batch.\n", encoding="utf-8")
    show = tmp_path / "show.toml"
    show.write_text(
        'title = "Batch"\ndescription = "d"\nauthor = "a"\nowner_name = "o"\nowner_email = "o@example.org"\n'
        'link = "https://example.org"\nbase_url = "https://example.org/a/"\noutput = "site"\n',
        encoding="utf-8",
    )
    proc = run("publish", str(folder), "--show", str(show), "--voice", str(fake_voice), "-p", "1", "-q")
    assert proc.returncode == 0, proc.stderr
    assert "1 skipped (links out of their folder)" in proc.stdout and "leak.txt" in proc.stderr
    feed = feedparser.parse(str(tmp_path / "site" / "feed.xml"))
    assert sorted(e.title for e in feed.entries) == ["One", "Two"]
    assert not any("swordfish" in p.read_text(errors="ignore") for p in (tmp_path / "site").rglob("*.*"))


def test_nothing_to_publish_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no articles"):
        expand_inputs([str(tmp_path)])


def test_parallel_batch_from_a_folder_with_a_failure(tmp_path: Path, fake_voice: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for sample in ("night-reading-room.txt", "harbour-swim.md"):
        (folder / sample).write_bytes((SAMPLES / sample).read_bytes())
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    show = tmp_path / "show.toml"
    show.write_text(SHOW_TOML, encoding="utf-8")
    proc = run("publish", "--show", str(show), "--voice", str(fake_voice), "-p", "2", "-q", str(folder))
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"audio-article: error: {folder / 'empty.txt'}: the file is empty"
    assert "2 published, 1 failed" in proc.stdout
    feed = feedparser.parse(str(tmp_path / "pub" / "feed.xml"))
    assert not feed.bozo and len(feed.entries) == 2


def _descendants(root: int) -> set[int]:
    """Every live process below `root`, from /proc (children, grandchildren...)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {root}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its new parent to reap it counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def _feed_state(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in sorted(folder.glob("*")) if p.name.startswith(("feed.", "show.db"))
    }


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killed_batch_leaves_no_workers_and_publishes_nothing_more(tmp_path: Path) -> None:
    articles = []
    for number in range(4):
        article = tmp_path / f"story-{number}.md"
        body = " ".join(f"Sentence {i} of story {number} is here." for i in range(12))
        article.write_text(f"# Story number {number}\n\n{body}\n", encoding="utf-8")
        articles.append(str(article))
    voice = tmp_path / "echo.toml"  # an isolated engine: each build also has a narration worker
    voice.write_text('engine = "echo"\nrate_wpm = 400\n', encoding="utf-8")
    show = tmp_path / "show.toml"
    show.write_text(SHOW_TOML, encoding="utf-8")
    log = tmp_path / "echo.log"
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "AA_ECHO_DELAY_S": "0.15", "AA_ECHO_LOG": str(log)}
    command = [sys.executable, "-m", "audio_article", "publish", "--show", str(show), "--voice", str(voice)]
    parent = subprocess.Popen(
        [*command, "-p", "2", "-q", *articles],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    feed = tmp_path / "pub" / "feed.xml"
    deadline = time.monotonic() + 120
    while not feed.exists() and parent.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert parent.poll() is None, "the batch finished before it could be killed: slow the engine down"
    workers = _descendants(parent.pid)
    parent.kill()
    parent.wait()
    after_kill = _feed_state(tmp_path / "pub")
    assert len(workers) >= 3  # two builds and at least one narration worker
    gone_by = time.monotonic() + 2.0
    while any(_alive(pid) for pid in workers) and time.monotonic() < gone_by:
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)], "workers outlived their parent"
    narrated = log.read_text(encoding="utf-8")
    time.sleep(1.5)
    assert log.read_text(encoding="utf-8") == narrated  # nobody narrates any more
    assert _feed_state(tmp_path / "pub") == after_kill
    entries = feedparser.parse(str(feed)).entries
    assert 1 <= len(entries) < 4


def test_a_build_process_keeps_its_narration_engine_between_articles(tmp_path: Path) -> None:
    articles = []
    for number in range(4):
        article = tmp_path / f"story-{number}.md"
        article.write_text(f"# Story {number}\n\nStory {number} has its own words.\n", encoding="utf-8")
        articles.append(str(article))
    voice = tmp_path / "echo.toml"  # an isolated engine: it runs in narration worker processes
    voice.write_text('engine = "echo"\nrate_wpm = 400\n', encoding="utf-8")
    show = tmp_path / "show.toml"
    show.write_text(SHOW_TOML, encoding="utf-8")
    log = tmp_path / "echo.log"
    env = {**os.environ, "AA_ECHO_LOG": str(log)}
    proc = subprocess.run(
        [sys.executable, "-m", "audio_article", "publish", "--show", str(show), "--voice", str(voice),
         "-p", "1", "-j", "1", "-q", *articles],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    lines = log.read_text(encoding="utf-8").splitlines()
    assert sum(line.count("has its own words") for line in lines) == 4, lines
    # One engine process (one engine load) narrated all four articles, not one per article.
    assert len({line.split(" ", 1)[0] for line in lines}) == 1, lines
