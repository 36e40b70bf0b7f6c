from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLES, SEED, requires_corpus
from helpers import assert_one_line_error, run


@pytest.mark.parametrize(
    "content,fragment",
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"Just a title\n", "nothing to narrate"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (b"---\nx: !!python/object/apply:os.system [ls]\n---\n# T\n\nBody.\n", "front matter"),
    ],
)
def test_bad_input_is_one_line_and_leaves_nothing(
    tmp_path: Path, fake_voice: Path, content: bytes | None, fragment: str
) -> None:
    article = tmp_path / ("in.md" if content and content.startswith(b"---") else "in.txt")
    if content is not None:
        article.write_bytes(content)
    out = tmp_path / "out"
    proc = run("build", str(article), "-o", str(out), "--voice", str(fake_voice))
    assert_one_line_error(proc, fragment)
    assert not out.exists()


def test_failure_leaves_existing_output_folder_untouched(tmp_path: Path, fake_voice: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.mp3").write_bytes(b"old")
    silent = tmp_path / "silent.toml"
    silent.write_text('engine = "fake"\nvoice = "silent"\n', encoding="utf-8")
    proc = run("build", str(SAMPLES / "night-reading-room.txt"), "-o", str(out), "--voice", str(silent))
    assert_one_line_error(proc, "failed after 3 tries")
    assert sorted(p.name for p in out.iterdir()) == ["keep.mp3"]


@pytest.mark.parametrize(
    "args,fragment",
    [
        (["--voice", "nope"], "unknown voice profile 'nope'"),
        (["--lexicon", "/nonexistent/lex.toml"], "no such file"),
    ],
)
def test_bad_options(tmp_path: Path, args: list[str], fragment: str) -> None:
    proc = run("build", str(SAMPLES / "night-reading-room.txt"), "-o", str(tmp_path / "o"), *args)
    assert_one_line_error(proc, fragment)
    assert not (tmp_path / "o").exists()


def test_unknown_engine(tmp_path: Path) -> None:
    voice = tmp_path / "v.toml"
    voice.write_text('engine = "nosuch"\n', encoding="utf-8")
    proc = run(
        "build", str(SAMPLES / "night-reading-room.txt"), "-o", str(tmp_path / "o"), "--voice", str(voice)
    )
    assert_one_line_error(proc, "unknown engine 'nosuch'")


def test_inspect_json() -> None:
    proc = run("inspect", str(SAMPLES / "night-reading-room.txt"), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["title"].startswith("Riverside Library")
    assert [s["heading"] for s in data["sections"]] == [
        None,
        "Why Nights Matter",
        "What It Costs",
        "What Visitors Will Find",
    ]
    assert data["dropped"] == ["ADVERTISEMENT"] and len(data["related"]) == 2


@requires_corpus()
def test_inspect_text_and_spoken() -> None:
    proc = run("inspect", str(SEED), "--spoken")
    assert proc.returncode == 0, proc.stderr
    assert "sections: 5" in proc.stdout and "related:  2" in proc.stdout
    assert "[[k'i:v]]" in proc.stdout  # the default lexicon's espeak-ng phonemes reached the spoken text


def test_normalize_is_line_by_line() -> None:
    proc = run("normalize", stdin="one\ntwo — three\n\nfour\n")
    assert proc.returncode == 0
    assert proc.stdout.count("\n") == 4


def test_voices_lists_profiles() -> None:
    proc = run("voices")
    assert proc.returncode == 0 and "default" in proc.stdout and "clear" in proc.stdout


def test_voices_lists_every_engine_with_its_summary() -> None:
    proc = run("voices")
    assert proc.returncode == 0, proc.stderr
    engines = proc.stdout.split("engines:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    names = [line.split()[0] for line in engines]
    assert names == ["echo", "fake", "piper", "pyttsx3"]  # echo: tests/engine_pkg's entry point


def test_cache_prune_without_an_option_removes_nothing(tmp_path: Path, fake_voice: Path) -> None:
    cache = tmp_path / "c"
    built = run(
        "build",
        str(SAMPLES / "harbour-swim.md"),
        "-o",
        str(tmp_path / "o"),
        "--voice",
        str(fake_voice),
        "--cache-dir",
        str(cache),
        "-q",
    )
    assert built.returncode == 0, built.stderr
    before = sorted(p.name for p in cache.rglob("*") if p.is_file())
    proc = run("cache", "prune", "--cache-dir", str(cache))
    assert proc.returncode == 2
    assert "give --max-mb, --older-than-days or --all" in proc.stderr
    assert sorted(p.name for p in cache.rglob("*") if p.is_file()) == before and before
    emptied = run("cache", "prune", "--all", "--cache-dir", str(cache))
    assert emptied.returncode == 0 and "removed" in emptied.stdout
    assert "0 entries" in run("cache", "info", "--cache-dir", str(cache)).stdout


@pytest.mark.parametrize("name", ["a\nb.md", "a\rb.md", "tab\tand\x1besc.txt"])
def test_errors_stay_one_line_whatever_the_file_name(tmp_path: Path, fake_voice: Path, name: str) -> None:
    missing = run("build", str(tmp_path / name), "-o", str(tmp_path / "o"), "--voice", str(fake_voice))
    escaped = name.encode("unicode_escape").decode("ascii")
    assert_one_line_error(missing, escaped)
    (tmp_path / name).write_text("", encoding="utf-8")
    empty = run("build", str(tmp_path / name), "-o", str(tmp_path / "o"), "--voice", str(fake_voice))
    assert_one_line_error(empty, f"{escaped}: the file is empty")
    assert not (tmp_path / "o").exists()


def test_unknown_espeak_voice_is_one_line(tmp_path: Path) -> None:
    voice = tmp_path / "mine.toml"
    voice.write_text('engine = "pyttsx3"\nvoice = "en-uss"\n', encoding="utf-8")
    proc = run("build", str(SAMPLES / "harbour-swim.md"), "-o", str(tmp_path / "o"), "--voice", str(voice))
    assert_one_line_error(proc, "voice profile mine: voice 'en-uss' is not an espeak-ng voice; close: en-us")
    assert proc.returncode == 3 and not (tmp_path / "o").exists()


def test_build_reports_and_cache_info(tmp_path: Path, fake_voice: Path) -> None:
    out = tmp_path / "out"
    proc = run(
        "build",
        str(SAMPLES / "harbour-swim.md"),
        "-o",
        str(out),
        "--voice",
        str(fake_voice),
        "--cache-dir",
        str(tmp_path / "c"),
    )
    assert proc.returncode == 0, proc.stderr
    assert "synthesized" in proc.stdout and proc.stderr == ""
    info = run("cache", "info", "--cache-dir", str(tmp_path / "c"))
    assert "segments" in info.stdout
    pruned = run("cache", "prune", "--all", "--cache-dir", str(tmp_path / "c"))
    assert pruned.returncode == 0 and "removed" in pruned.stdout


def test_failing_encoder_is_one_line_and_leaves_nothing(
    tmp_path: Path, fake_voice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "ffmpeg"
    broken.write_text('#!/bin/sh\nhead -c 1000 >/dev/null\necho "No space left on device" >&2\nexit 1\n')
    broken.chmod(0o755)
    monkeypatch.setenv("AUDIO_ARTICLE_FFMPEG", str(broken))
    out = tmp_path / "out"
    # The Opus edition is the build's ffmpeg step (pieces are encoded and joined in process).
    args = ["build", str(SAMPLES / "harbour-swim.md"), "-o", str(out), "--voice", str(fake_voice), "--opus"]
    proc = run(*args)
    assert_one_line_error(proc, "No space left on device")
    assert proc.returncode == 4 and not out.exists()


@pytest.mark.parametrize(
    "args,option,fragment",
    [
        (["--lufs", "nan"], "--lufs", "'nan' is not a finite number"),
        (["--lufs", "inf"], "--lufs", "'inf' is not a finite number"),
        (["--lufs=-inf"], "--lufs", "'-inf' is not a finite number"),
        (["--lufs", "-50"], "--lufs", "not in the range"),
        (["--lufs", "loud"], "--lufs", "'loud' is not a number"),
        (["--bitrate", "nan"], "--bitrate", "not a valid integer"),
        (["--bitrate", "1000"], "--bitrate", "not in the range"),
        (["--jobs", "inf"], "--jobs", "not a valid integer"),
        (["--base-url", "https://media.example/a/?b=1"], "--base-url", "without a query"),
        (["--base-url", "https://media.example/my audio/"], "--base-url", "no spaces"),
    ],
)
def test_build_option_values_are_checked(
    tmp_path: Path, fake_voice: Path, args: list[str], option: str, fragment: str
) -> None:
    out = tmp_path / "o"
    proc = run(
        "build", str(SAMPLES / "night-reading-room.txt"), "-o", str(out), "--voice", str(fake_voice), *args
    )
    assert proc.returncode == 2
    error = proc.stderr.strip().splitlines()[-1]
    assert_one_line_error(proc, "Invalid value for ")
    assert f"'{option}'" in error and fragment in error, error
    assert "Traceback" not in proc.stderr and not out.exists()


@pytest.mark.parametrize(
    "args,option",
    [
        (["cache", "prune", "--max-mb", "inf"], "--max-mb"),
        (["cache", "prune", "--max-mb", "-1"], "--max-mb"),
        (["cache", "prune", "--older-than-days", "nan"], "--older-than-days"),
        (["publish", "--show", "show.toml", "-p", "nan", "a.md"], "--parallel"),
        (["publish", "--show", "show.toml", "-j", "-inf", "a.md"], "--jobs"),
    ],
)
def test_numeric_options_of_other_commands(tmp_path: Path, args: list[str], option: str) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "keep").write_bytes(b"x")
    proc = run(*args, "--cache-dir", str(cache)) if args[0] == "cache" else run(*args, cwd=tmp_path)
    assert proc.returncode == 2
    error = proc.stderr.strip().splitlines()[-1]
    assert_one_line_error(proc, "Invalid value for ")
    assert f"'{option}'" in error, error
    assert "Traceback" not in proc.stderr and (cache / "keep").exists()


def test_bad_show_file_is_one_line_naming_the_key(tmp_path: Path, fake_voice: Path) -> None:
    show = tmp_path / "show.toml"
    show.write_text(
        (SAMPLES / "show.toml").read_text(encoding="utf-8").replace("explicit = false", 'explicit = "no"')
    )
    proc = run(
        "publish", str(SAMPLES / "night-reading-room.txt"), "--show", str(show), "--voice", str(fake_voice)
    )
    assert_one_line_error(proc, f"{show}: 'explicit' must be true or false, not 'no'")
    assert proc.returncode == 2 and not (tmp_path / "public").exists()


@pytest.mark.parametrize(
    "args,fragment",
    [
        (("build", "x.md", "--lufs", "nan"), "'--lufs'"),
        (("cache", "prune"), "--all"),
        (("feed", "list"), "'--show'"),
        (("build",), "ARTICLE"),
    ],
)
def test_usage_errors_are_one_line_too(args: tuple[str, ...], fragment: str) -> None:
    """A bad or missing option is one line naming it and the help to read, exit 2."""
    proc = run(*args)
    assert proc.returncode == 2
    assert_one_line_error(proc, fragment)
    assert "--help" in proc.stderr


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path: Path) -> None:
    import subprocess
    import sys

    # `audio-article normalize < big.txt | head -1`: the pipe closes while we still write.
    big = tmp_path / "big.txt"
    big.write_text("A line of text.\n" * 20000, encoding="utf-8")
    with big.open("rb") as stdin:
        proc = subprocess.Popen(
            [sys.executable, "-m", "audio_article", "normalize"],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdout is not None
        proc.stdout.readline()
        proc.stdout.close()
        _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 141
    assert stderr == b""
