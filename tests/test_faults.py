"""Faults: engine, ffmpeg, full disk, SIGKILL; previous outputs stay intact, a rerun uses the cache."""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import SAMPLES
from helpers import assert_one_line_error

from audio_article.errors import NarrationError
from audio_article.pipeline.build import BuildOptions, build
from audio_article.speech.engines import register_engine
from audio_article.toolchain import ffmpeg_path

register_engine("flaky", "flaky_engine")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _cli(
    args: list[str], env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "audio_article", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})},
        timeout=300,
        **kwargs,  # type: ignore[call-overload]
    )


def _build_args(article: Path, out: Path, voice: Path, cache: Path) -> list[str]:
    return ["build", str(article), "-o", str(out), "--voice", str(voice), "--cache-dir", str(cache)]


def _edit(article: Path) -> None:
    """A correction: one more line, so the next build is a new one."""
    article.write_text(
        article.read_text(encoding="utf-8") + "\nOne more line for a new build.\n", encoding="utf-8"
    )


@pytest.fixture
def built(tmp_path: Path, fake_voice: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """An article built once into out/, with its cache; returns (article, out, files)."""
    article = tmp_path / "article.md"
    # Its language declared, so no build loads the detector (whose model unpacks to a temp file).
    article.write_bytes((SAMPLES / "harbour-swim.md").read_bytes().replace(b"---\n", b"---\nlang: en\n", 1))
    out = tmp_path / "out"
    proc = _cli(_build_args(article, out, fake_voice, tmp_path / "c"))
    assert proc.returncode == 0, proc.stderr
    return article, out, _snapshot(out)


def test_engine_crash_keeps_the_previous_build_and_the_rerun_uses_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    voice = tmp_path / "flaky.toml"
    voice.write_text('engine = "flaky"\n', encoding="utf-8")
    monkeypatch.setenv("FLAKY_FAILS", "0")
    monkeypatch.setenv("AUDIO_ARTICLE_SEGMENT_TIMEOUT", "5")
    article = tmp_path / "a.md"
    text = (SAMPLES / "harbour-swim.md").read_text(encoding="utf-8")
    article.write_text(text, encoding="utf-8")
    options = BuildOptions(output_dir=tmp_path / "out", voice=str(voice), cache_dir=tmp_path / "cache")
    build(article, options)
    before = _snapshot(tmp_path / "out")
    article.write_text(text + "\nThe engine will CRASH on this sentence.\n", encoding="utf-8")
    with pytest.raises(NarrationError, match="exit status 3"):
        build(article, options)
    assert _snapshot(tmp_path / "out") == before
    monkeypatch.setenv("FLAKY_STATE", str(tmp_path))  # now it crashes only the first time
    episode = build(article, options)
    assert episode.segments_synthesized == 1 and episode.segments_reused > 10


@pytest.mark.parametrize("kind", ["missing", "failing"])
def test_ffmpeg_missing_or_failing(tmp_path: Path, fake_voice: Path, built, kind: str) -> None:
    article, out, before = built
    _edit(article)
    tool = tmp_path / "ffmpeg"
    if kind == "failing":
        tool.write_text("#!/bin/sh\necho 'Conversion failed!' >&2\nexit 1\n", encoding="utf-8")
        tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    # The Opus edition is the build's ffmpeg step (pieces are encoded and joined in process).
    proc = _cli(
        [*_build_args(article, out, fake_voice, tmp_path / "c"), "--opus"],
        env={"AUDIO_ARTICLE_FFMPEG": str(tool)},
    )
    assert_one_line_error(proc, "not an executable file" if kind == "missing" else "Conversion failed!")
    assert _snapshot(out) == before
    assert not list(out.glob(".building-*"))


def _small_disk(limit_bytes: int) -> Callable[[], None]:
    def limit() -> None:
        # Writes past the limit fail with EFBIG, as on a full disk; ffmpeg, spawned
        # from here, inherits the limit and the ignored SIGXFSZ.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return limit


@pytest.mark.parametrize(
    "cache,limit_bytes,where",
    [("c2", 300_000, "cannot write"), ("c", 200_000, "cannot join the encoded pieces")],
)
def test_disk_full(tmp_path: Path, fake_voice: Path, built, cache: str, limit_bytes: int, where: str) -> None:
    """Cold cache: a segment cannot be stored. Warm cache: the MP3 cannot be written."""
    article, out, before = built
    _edit(article)
    args = _build_args(article, out, fake_voice, tmp_path / cache)
    proc = _cli(args, preexec_fn=_small_disk(limit_bytes))
    assert_one_line_error(proc, where)
    assert "File too large" in proc.stderr
    assert _snapshot(out) == before
    rerun = _cli(args)
    assert rerun.returncode == 0, rerun.stderr


@pytest.mark.parametrize("delay_s", [0.3, 0.8, 1.3, 1.8])
def test_sigkill_during_build(tmp_path: Path, fake_voice: Path, built, delay_s: float) -> None:
    article, out, before = built
    _edit(article)
    args = [
        sys.executable,
        "-m",
        "audio_article",
        *_build_args(article, out, fake_voice, tmp_path / "c"),
        "-q",
    ]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay_s)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = _snapshot(out)
    # Either the old episode, untouched, or the new one complete: never a mixture or a partial file.
    if after != before:
        assert sorted(after) == sorted(before)  # same names (the slug did not change)
        from mutagen.mp3 import MP3

        assert MP3(next(out.glob("*.mp3"))).info.length > 10
    rerun = _cli(_build_args(article, out, fake_voice, tmp_path / "c"))
    assert rerun.returncode == 0, rerun.stderr
    assert not list(out.glob(".building-*"))  # the killed build's staging folder is gone


def test_concurrent_builds_of_one_article_share_folder_and_cache(tmp_path: Path, fake_voice: Path) -> None:
    article = tmp_path / "a.md"
    article.write_bytes((SAMPLES / "harbour-swim.md").read_bytes())
    args = [
        sys.executable,
        "-m",
        "audio_article",
        *_build_args(article, tmp_path / "out", fake_voice, tmp_path / "c"),
    ]
    args += ["--force", "-q"]
    procs = [subprocess.Popen(args, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0, 0, 0], [p.stderr.read() for p in procs if p.stderr]
    from mutagen.mp3 import MP3

    out = tmp_path / "out"
    assert MP3(next(out.glob("*.mp3"))).info.length > 10
    assert not list(out.glob(".building-*")) and not list((tmp_path / "c").rglob("*.tmp"))


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 4 MB filesystem (tmpfs, mounted as root), unmounted afterwards."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(disk)], check=False)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def _leave_free(disk: Path, free_bytes: int) -> None:
    """Fill the filesystem up to `free_bytes` of free space."""
    (disk / "filler").unlink(missing_ok=True)
    stats = os.statvfs(disk)
    with (disk / "filler").open("wb") as handle:
        os.posix_fallocate(handle.fileno(), 0, stats.f_bavail * stats.f_frsize - free_bytes)


def _cut_short_ffmpeg(tmp_path: Path) -> Path:
    """The real ffmpeg, but an Ogg file it writes ends at the page boundary nearest its middle, and it
    exits 0: as when ffmpeg runs out of space and still exits 0 (the file decodes, only shorter)."""
    wrapper = tmp_path / "ffmpeg-cut-short"
    wrapper.write_text(
        f"""#!{sys.executable}
import subprocess, sys
from pathlib import Path
subprocess.run([{str(ffmpeg_path())!r}, *sys.argv[1:]])
out = Path(sys.argv[-1])
if out.suffix == ".opus" and out.exists():
    data = out.read_bytes()
    out.write_bytes(data[: data.index(b"OggS", len(data) // 2)])
""",
        encoding="utf-8",
    )
    wrapper.chmod(0o755)
    return wrapper


def test_an_opus_edition_cut_short_with_exit_status_0_publishes_nothing(
    tmp_path: Path, fake_voice: Path, built
) -> None:
    article, out, before = built
    _edit(article)
    args = [*_build_args(article, out, fake_voice, tmp_path / "c"), "--opus"]
    proc = _cli(args, env={"AUDIO_ARTICLE_FFMPEG": str(_cut_short_ffmpeg(tmp_path))})
    assert_one_line_error(proc, "written incompletely (disk full?)")
    assert _snapshot(out) == before
    assert not list(out.glob(".building-*"))


def test_disk_full_at_the_join_publishes_nothing(tmp_path: Path, fake_voice: Path, tiny_disk: Path) -> None:
    article = tmp_path / "article.md"
    article.write_bytes((SAMPLES / "harbour-swim.md").read_bytes())
    out = tiny_disk / "out"
    args = _build_args(article, out, fake_voice, tmp_path / "c")
    assert _cli(args).returncode == 0
    before = _snapshot(out)
    mp3_bytes = max(len(data) for data in before.values())
    _edit(article)
    # Room for half the joined file: the join runs out of space mid-write.
    _leave_free(tiny_disk, mp3_bytes // 2)
    proc = _cli(args)
    assert_one_line_error(proc, "cannot join the encoded pieces: No space left on device")
    assert _snapshot(out) == before
    assert not list(out.glob(".building-*"))
    (tiny_disk / "filler").unlink()
    rerun = _cli(args)
    assert rerun.returncode == 0, rerun.stderr
    from mutagen.mp3 import MP3

    assert MP3(next(out.glob("*.mp3"))).info.length > MP3_LENGTH_S


MP3_LENGTH_S = 50  # harbour-swim.md on the fake voice lasts about 53 s


def test_disk_full_during_publish_keeps_the_feed(tmp_path: Path, fake_voice: Path, tiny_disk: Path) -> None:
    from helpers import SHOW

    show = tiny_disk / "show.toml"
    show.write_text(SHOW, encoding="utf-8")
    article = tmp_path / "article.md"
    article.write_bytes((SAMPLES / "harbour-swim.md").read_bytes())
    args = ["publish", "--show", str(show), "--voice", str(fake_voice), "-q", str(article)]
    assert _cli(args).returncode == 0
    public = tiny_disk / "public"
    before = _snapshot(public)
    feed_before = (public / "feed.xml").read_bytes()
    _edit(article)
    _leave_free(tiny_disk, max(len(data) for data in before.values()) // 2)
    proc = _cli(args)
    assert_one_line_error(proc, "No space left on device")
    assert _snapshot(public) == before and (public / "feed.xml").read_bytes() == feed_before
    assert not list(public.glob(".building-*"))
