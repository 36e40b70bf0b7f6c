"""Bad input through the CLI: correct output or one clear error line.

Never a traceback, a file outside the output folder, or a partial output.
"""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

import pytest
from helpers import assert_one_line_error, run
from mutagen.id3 import ID3

ARTICLE = "A Proper Headline\n\nThe first paragraph has enough words to be narrated as a sentence.\n"


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def _build(
    tmp_path: Path, fake_voice: Path, name: str, data: bytes, *extra: str
) -> tuple[subprocess.CompletedProcess[str], Path]:
    source = tmp_path / "in" / name
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(data)
    out = tmp_path / "out"
    before = _files(tmp_path) - {source}
    proc = run("build", str(source), "-o", str(out), "--voice", str(fake_voice), "-q", *extra)
    created = _files(tmp_path) - before - {source}
    # Nothing is ever written outside the output folder (the cache is elsewhere).
    assert all(out in p.parents for p in created), created
    assert "Traceback" not in proc.stderr
    return proc, out


BAD = {
    "empty": (b"", "the file is empty"),
    "whitespace": (b" \n\t\n  \r\n", "the file is empty"),
    "png": (b"\x89PNG\r\n\x1a\n" + bytes(200), "binary file"),
    "random bytes": (random.Random(5).randbytes(4096), "binary file"),
    "5 MB single line": (b"word " * 1_000_000, "the title is 4,999,999 characters long"),
    "5 MB body line": (b"Title\n\n" + b"Many words here. " * 300_000, "over the 300,000-word limit"),
    "only scripts (html)": (b"<html><script>" + b"x();" * 5000 + b"</script></html>", "no article text"),
    "only emoji": ("🎉🎉🎉\n\n🚀🚀 🚀 👍🏽\n".encode(), "nothing speakable"),
    "yaml tags": (
        b"---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\n\nBody text.\n",
        "front matter",
    ),
    "title only": (b"Just a headline\n", "nothing to narrate"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_refused_with_one_line(tmp_path: Path, fake_voice: Path, case: str) -> None:
    data, fragment = BAD[case]
    name = "page.html" if "html" in case else "article.md" if "yaml" in case else "article.txt"
    proc, out = _build(tmp_path, fake_voice, name, data)
    assert_one_line_error(proc, fragment)
    assert not out.exists()


GOOD = {
    "utf-16 with BOM": ARTICLE.encode("utf-16"),
    "utf-16 without BOM": ARTICLE.encode("utf-16-le"),
    "latin-1": "Café Opens on the Square\n\nThe café serves crêpes and naïve coffee all day long.\n".encode(
        "latin-1"
    ),
    "mixed line endings": b"Mixed Endings\r\n\r\nFirst paragraph here.\rStill the first.\n\nSecond one.\r\n",
    "NUL and controls": b"Title With Controls\n\nA stray \x00 NUL, a bell \x07 and an escape \x1b vanish.\n",
    "emoji, RTL, combining": (
        "Emoji 🎉 and שלום Title\n\nThe team 🚀 launched — مرحبا — cafe\u0301 naïve Zoë 👍🏽 today! 🇺🇦 ✅\n"
    ).encode(),
}


@pytest.mark.parametrize("case", sorted(GOOD))
def test_odd_but_valid_input_builds(tmp_path: Path, fake_voice: Path, case: str) -> None:
    proc, out = _build(tmp_path, fake_voice, "article.txt", GOOD[case])
    assert proc.returncode == 0, proc.stderr
    mp3s = list(out.glob("*.mp3"))
    assert len(mp3s) == 1 and len(ID3(mp3s[0]).getall("CHAP")) >= 1
    spoken = run("inspect", str(tmp_path / "in" / "article.txt"), "--spoken").stdout.split("segments:")[1]
    assert not any(ch in spoken for ch in "\x00\x07\x1b🎉🚀👍🇺✅\ufe0f")


@pytest.mark.parametrize(
    "title",
    [
        "../../../etc/passwd",
        "/absolute/path\\with\\backslashes",
        'Reserved <>:"|?* characters',
        "CON",
        "nul",
        ".",
        "..",
        "Long " * 59,  # 295 characters
        "🎉" * 80,  # 320 bytes of UTF-8, no ASCII at all
    ],
)
def test_hostile_titles_stay_inside_the_output_folder(tmp_path: Path, fake_voice: Path, title: str) -> None:
    text = f"---\ntitle: {title!r}\n---\n\nA paragraph with enough words to say something.\n"
    proc, out = _build(tmp_path, fake_voice, "article.md", text.encode())
    assert proc.returncode == 0, proc.stderr
    names = [p.name for p in out.iterdir()]
    assert names and all(len(n.encode()) <= 255 and "/" not in n and not n.startswith(".") for n in names)
    stem = next(out.glob("*.mp3")).stem
    assert stem not in {"con", "nul", "", ".", ".."}


def test_ten_thousand_headings_inspect_and_a_many_chapter_build(tmp_path: Path, fake_voice: Path) -> None:
    many = "# Many Headings\n\n" + "".join(f"## Part {i}\n\nLine {i}.\n\n" for i in range(10_000))
    source = tmp_path / "many.md"
    source.write_text(many, encoding="utf-8")
    proc = run("inspect", str(source))
    assert proc.returncode == 0 and "sections: 10000" in proc.stdout
    # A build with more sections than ID3 can list (255) merges runs of them into chapters.
    few = "# Many Headings\n\n" + "".join(f"## Part {i}\n\nLine {i}.\n\n" for i in range(300))
    source.write_text(few, encoding="utf-8")
    fast = tmp_path / "fast.toml"
    fast.write_text('engine = "fake"\nrate_wpm = 400\n[pauses]\nbefore_heading_ms = 300\n', encoding="utf-8")
    out = tmp_path / "out"
    proc = run("build", str(source), "-o", str(out), "--voice", str(fast), "-q")
    assert proc.returncode == 0, proc.stderr
    tags = ID3(next(out.glob("*.mp3")))
    (toc,) = tags.getall("CTOC")
    assert len(tags.getall("CHAP")) == len(toc.child_element_ids) <= 255
    titles = [str(c.sub_frames.getall("TIT2")[0]) for c in tags.getall("CHAP")]
    assert any(" – " in t for t in titles)


def test_unreadable_and_special_paths(tmp_path: Path, fake_voice: Path) -> None:
    folder = tmp_path / "dir.txt"
    folder.mkdir()
    assert_one_line_error(run("build", str(folder), "-o", str(tmp_path / "o")), "not a regular file")
    locked = tmp_path / "locked.txt"
    locked.write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() != 0:  # root reads anything
        assert_one_line_error(run("build", str(locked), "-o", str(tmp_path / "o")), "cannot read")
    assert_one_line_error(run("build", "/dev/null", "-o", str(tmp_path / "o")), "")
