"""Helpers shared by the test modules: run the CLI, check its one-line errors."""

from __future__ import annotations

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
