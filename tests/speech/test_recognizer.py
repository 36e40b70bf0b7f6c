"""`build --verify` with the real recognizer (slow; needs the `listen` extra), and without the extra."""

from __future__ import annotations

import hashlib
import importlib.util
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import run

from audio_article.cli.main import main
from audio_article.speech import recognizer

HAVE_LISTEN = all(importlib.util.find_spec(m) for m in recognizer._NEEDS["base"])

ARTICLE = """Harbour Notes

The ferry left the harbour at noon with forty-six passengers on board.

Vrxtq plombz zzyxw prtnkl gheebos wuxtry.
"""


def test_verify_without_the_extra_fails_fast_in_one_line_naming_it(
    tmp_path: Path, fake_voice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The recognizer's requirements made unmeetable: the same check as on a machine without the extra.
    monkeypatch.setitem(recognizer._NEEDS, "base", ("faster_whisper", "audio_article_no_such_module"))
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(article), "--voice", str(fake_voice), "-o", str(out), "--verify", "-q"]
    )
    assert result.exit_code == 3
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "pip install 'audio-article[listen]'" in lines[0], result.output
    assert lines[0].startswith("audio-article: error: --verify needs")
    assert not out.exists()  # failed before any work


@pytest.mark.slow
@pytest.mark.skipif(not HAVE_LISTEN, reason="needs the recognizer: pip install 'audio-article[listen]'")
def test_verify_with_whisper_reports_the_sentence_nobody_could_understand(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    models = tmp_path_factory.mktemp("models")
    monkeypatch.setenv("AUDIO_ARTICLE_MODELS", str(models))
    article = tmp_path / "harbour.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    proc = run("build", str(article), "-o", str(out), "--no-announcement", "--no-closing", "--verify")
    assert proc.returncode == 0, proc.stderr
    assert time.monotonic() - started < 240
    joined = models / "whisper-base-ct2" / "model.bin"
    assert hashlib.sha256(joined.read_bytes()).hexdigest() == recognizer.BASE_SHA256
    assert "listening  1 unclear segment(s)" in proc.stdout
    warnings = [line for line in proc.stderr.splitlines() if line.strip()]
    assert warnings[0].startswith("audio-article: warning: 1 segment(s) of harbour-notes.mp3"), proc.stderr
    assert len(warnings) == 2 and "Vrxtq plombz" in warnings[1], proc.stderr
    assert warnings[1].startswith("  segment ") and "% heard)" in warnings[1]
    assert (out / "harbour-notes.mp3").stat().st_size > 10_000
    # --verify-strict: the same findings (transcripts and both takes from the cache), and exit 1.
    strict = run(
        "build", str(article), "-o", str(out), "--no-announcement", "--no-closing", "--verify-strict", "-q"
    )
    assert strict.returncode == 1
    assert strict.stderr.strip().splitlines()[-1] == (
        "audio-article: error: --verify-strict: 1 unclear segment(s); the episode was built"
    )
