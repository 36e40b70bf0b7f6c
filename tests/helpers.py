"""Helpers shared by the test modules: run the CLI, check its one-line errors, count narrators."""

from __future__ import annotations

import itertools
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def run(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "audio_article", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=cwd,
        env=env,
        timeout=300,
    )


def assert_one_line_error(proc: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("audio-article: error: ") and fragment in lines[0], lines[0]
    assert "Traceback" not in proc.stderr


# A complete show.toml for tests that publish.
SHOW = """title = "Test Show"
description = "Audio editions for tests."
author = "Test Desk"
owner_name = "Owner"
owner_email = "owner@example.org"
category = "News"
subcategory = "Daily News"
link = "https://example.org"
base_url = "https://media.example.org/audio/"
output = "public"
"""


def spoken_seconds(engine: Any, text: str, attempts: int = 3) -> float:
    """Seconds of audio a real engine speaks for `text`, retried like the narrate stage.

    pyttsx3's espeak driver sometimes writes an empty WAV; the narrate stage retries
    those, so a test timing the raw engine must too or it divides by zero.
    """
    for _ in range(attempts):
        seconds = sum(len(c.pcm) / 2 / c.sample_rate_hz for c in engine.synthesize(text))
        if seconds > 0:
            return seconds
    raise AssertionError(f"the engine returned no audio for {text!r} {attempts} times")


def integrated_lufs(path: Path) -> float:
    """EBU R128 integrated loudness as ffmpeg's ebur128 filter measures it (independent of our meter)."""
    import re

    import imageio_ffmpeg

    command = [
        imageio_ffmpeg.get_ffmpeg_exe(),
        "-nostats",
        "-i",
        str(path),
        "-af",
        "ebur128",
        "-f",
        "null",
        "-",
    ]
    run = subprocess.run(command, capture_output=True, text=True, check=True, timeout=300)
    summary = run.stderr[run.stderr.rfind("Summary:") :]
    match = re.search(r"I:\s+(-?[\d.]+) LUFS", summary)
    assert match, summary
    return float(match[1])


def spotify_chapter_starts(description: str) -> list[int]:
    """Spotify's rules for chapters in an episode description, as its help pages state them.

    Timestamps at the start of a line, one per line; the first at 0:00; at least
    three; in ascending order. Returns the starts in seconds, or [] when the
    description has no chapters by those rules.
    """
    import re

    starts = []
    for line in description.splitlines():
        match = re.match(r"(?:(\d+):)?(\d{1,2}):(\d{2})\s+\S", line.strip())
        if match:
            hours, minutes, seconds = int(match[1] or 0), int(match[2]), int(match[3])
            assert seconds < 60 and (hours == 0 or minutes < 60), line
            starts.append(hours * 3600 + minutes * 60 + seconds)
    if len(starts) < 3 or starts[0] != 0 or any(b <= a for a, b in itertools.pairwise(starts)):
        return []
    return starts


def narrator_processes() -> int:
    """Narration worker processes of this process still alive (`speech.workers` names them)."""
    return sum(p.name == "audio-article-narrator" for p in multiprocessing.active_children())
