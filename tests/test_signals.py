"""SIGINT (Ctrl-C) and SIGTERM sent to a real `audio-article build`: it stops within a second or two,
exits 130 / 143 with one line, leaves no process and no staging folder, and keeps the previous build."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

TITLE = "A long read for signal tests"
WORDS = [
    "harbour",
    "swim",
    "water",
    "tests",
    "council",
    "season",
    "lane",
    "buoy",
    "tide",
    "morning",
    "swimmers",
    "open",
    "closed",
    "river",
    "bridge",
    "clean",
    "report",
    "sample",
    "weekly",
    "results",
    "coach",
    "safety",
    "lifeguard",
    "summer",
]
EXIT_WITHIN_S = 2.0


def _long_article(path: Path) -> None:
    """About 3,400 words on the fake voice: a few seconds of narration, then many pieces to encode."""
    rng = random.Random(7)
    parts = [f"---\ntitle: {TITLE}\nauthor: Test Desk\n---\n"]
    for section in range(8):
        parts.append(f"## Section {section + 1}\n")
        for paragraph in range(6):
            sentences = [
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize()
                + f" number {section}{paragraph}{n}."
                for n in range(5)
            ]
            parts.append(" ".join(sentences) + "\n")
    path.write_text("\n".join(parts), encoding="utf-8")


def _command(article: Path, out: Path, voice: Path, cache: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "audio_article",
        "build",
        str(article),
        "-o",
        str(out),
        "--voice",
        str(voice),
        "--cache-dir",
        str(cache),
        "-j",
        "2",
        "-q",
    ]


def _group(pgid: int) -> list[str]:
    """Command lines of the live (not zombie) processes in process group `pgid`, from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(cmdline)
    return found


def _wait_for(pgid: int, marker: str, cache: Path, timeout_s: float = 60.0) -> None:
    """Until a process of the group has `marker` in its command line, or ("pieces") a piece is written."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if marker == "pieces" and any(p.is_file() for p in cache.glob("**/pieces/*/*")):
            return
        if any(marker in cmdline for cmdline in _group(pgid)):
            return
        time.sleep(0.02)
    pytest.fail(f"no process with {marker!r} appeared")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.fixture
def previous(tmp_path: Path, fake_voice: Path) -> tuple[Path, dict[str, bytes]]:
    """A short episode under the same title (so the same file names) built into out/."""
    short = tmp_path / "short.md"
    short.write_text(f"---\ntitle: {TITLE}\n---\n\nA short first edition.\n", encoding="utf-8")
    out = tmp_path / "out"
    cache = tmp_path / "c0"
    subprocess.run(_command(short, out, fake_voice, cache), check=True, capture_output=True)
    return out, _snapshot(out)


# 10 trials: each signal at each stage, at varied moments within it.
TRIALS = [
    (signum, stage, delay_s)
    for signum, stage, delays in (
        (signal.SIGINT, "spawn_main", (0.0, 0.3)),  # narration workers running
        (signal.SIGTERM, "spawn_main", (0.1, 0.4)),
        (signal.SIGINT, "pieces", (0.0, 0.2, 0.5)),  # pieces being encoded (in process: a file appears)
        (signal.SIGTERM, "pieces", (0.0, 0.2, 0.5)),
    )
    for delay_s in delays
]


@pytest.mark.parametrize("signum,stage,delay_s", TRIALS)
def test_signal_stops_the_build_at_once(
    tmp_path: Path,
    fake_voice: Path,
    previous: tuple[Path, dict[str, bytes]],
    signum: int,
    stage: str,
    delay_s: float,
) -> None:
    out, before = previous
    article = tmp_path / "long.md"
    _long_article(article)
    # A cold cache: the build narrates, then encodes, everything.
    cache = tmp_path / "cold"
    args = _command(article, out, fake_voice, cache)
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        _wait_for(proc.pid, stage, cache)
        time.sleep(delay_s)
        sent = time.monotonic()
        if signum == signal.SIGINT:
            os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
        else:
            proc.send_signal(signal.SIGTERM)  # `kill PID` reaches the build alone
        _, stderr = proc.communicate(timeout=30)
        took_s = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 128 + signum, stderr
    assert took_s < EXIT_WITHIN_S, f"exit took {took_s:.2f} s"
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("audio-article: interrupted"), stderr
    deadline = time.monotonic() + 1.0
    while (left := _group(proc.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left, left
    assert _snapshot(out) == before
    assert not list(out.glob(".building-*"))
