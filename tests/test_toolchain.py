"""The external tools: what a failed ffmpeg run's error line says."""

from __future__ import annotations

import subprocess

from audio_article.toolchain import ffmpeg_path, stderr_tail


def test_stderr_tail_is_the_last_line_or_the_exit_status() -> None:
    assert stderr_tail("warning\nthe real error\n\n", 1) == "the real error"
    assert stderr_tail("  \n", 69) == "exit status 69"


def test_stderr_tail_of_a_real_ffmpeg_failure() -> None:
    proc = subprocess.run(
        [ffmpeg_path(), "-hide_banner", "-i", "/nonexistent/input.wav", "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode != 0
    assert "No such file" in stderr_tail(proc.stderr, proc.returncode)
