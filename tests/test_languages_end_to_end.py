"""Each language's sample, built with the real engine, passes check-episode and declares its language."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES, SHARED_TOOLS
from lxml import etree
from mutagen.id3 import ID3

from audio_article.pipeline.build import BuildOptions, build

pytestmark = pytest.mark.slow
SAMPLE_FILES = sorted((SAMPLES / "languages").glob("*.md"))
THREE_LETTERS = {"de": "deu", "fr": "fra", "es": "spa", "it": "ita", "pt": "por", "nl": "nld"}


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_builds_and_passes_check_episode(tmp_path: Path, sample: Path) -> None:
    language = sample.name[:2]
    episode = build(sample, BuildOptions(output_dir=tmp_path, talking_books=("epub",)))
    tool = SHARED_TOOLS / "check-episode"
    if tool.exists():
        args = [sys.executable, str(tool), str(episode.mp3), "--feed", str(episode.item_xml)]
        args += ["--chapters", str(episode.chapters_json), "--transcript", str(episode.transcript_vtt)]
        proc = subprocess.run(args, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0 and " 0 failed" in proc.stdout, proc.stdout
    # Everywhere the language is declared, it agrees.
    assert ID3(str(episode.mp3))["TLAN"].text == [THREE_LETTERS[language]]
    assert f"Language: {language}\n" in episode.transcript_vtt.read_text(encoding="utf-8")
    assert etree.parse(str(episode.transcript_html), etree.HTMLParser()).getroot().get("lang") == language
    item = etree.parse(str(episode.item_xml)).getroot()
    assert {e.get("language") for e in item.iter() if e.get("language")} == {language}
    page = episode.mp3.with_suffix(".html")
    assert f'<html lang="{language}"' in page.read_text(encoding="utf-8")
    with zipfile.ZipFile(episode.books[0]) as epub:
        opf = next(name for name in epub.namelist() if name.endswith(".opf"))
        package = etree.fromstring(epub.read(opf))
    dc = package.find(".//{http://purl.org/dc/elements/1.1/}language")
    assert dc is not None and dc.text == language
    manifest = episode.mp3.with_name(episode.mp3.stem + ".build.json").read_text(encoding="utf-8")
    assert f'"{language}"' in manifest
