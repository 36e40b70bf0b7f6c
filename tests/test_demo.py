"""scripts/demo's show: samples/demo-show.toml publishes, and the `serve` command the demo prints opens it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
from conftest import ROOT, SAMPLES
from helpers import run
from lxml import html as lxml_html

from audio_article.cli.serve import serve
from audio_article.show.config import load_show

DEMO = ROOT / "scripts" / "demo"
DEMO_SHOW = SAMPLES / "demo-show.toml"


def test_the_demo_publishes_into_the_show_it_tells_you_to_serve() -> None:
    script = DEMO.read_text(encoding="utf-8").replace("\\\n", " ")
    publish = re.search(r"audio-article publish .*--show (\S+)", script)
    printed = re.search(r'echo ".*(\.venv/bin/audio-article serve --show (\S+))"', script)
    assert publish and printed, "scripts/demo publishes a show and prints how to serve it"
    assert publish.group(1) == printed.group(2) == "samples/demo-show.toml"
    show = load_show(ROOT / publish.group(1))
    assert show.output_dir == ROOT / "output" / "demo-show"  # git-ignored, beside the demo's builds
    port = next(p.default for p in serve.params if p.name == "port")
    assert urlsplit(show.base_url)[:2] == ("http", f"127.0.0.1:{port}")  # where `serve` listens


def test_the_served_demo_show_opens_on_its_index(tmp_path: Path, fake_voice: Path) -> None:
    show_file = tmp_path / "samples" / "demo-show.toml"
    show_file.parent.mkdir()
    shutil.copy(DEMO_SHOW, show_file)  # its output, ../output/demo-show, lands in tmp_path
    articles = [str(SAMPLES / "night-reading-room.txt"), str(SAMPLES / "harbour-swim.md")]
    proc = run("publish", *articles, "--show", str(show_file), "--voice", str(fake_voice), "-q")
    assert proc.returncode == 0, proc.stderr
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONWARNINGS": "ignore"}
    command = [sys.executable, "-m", "audio_article", "serve", "--show", str(show_file), "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        assert str(tmp_path / "output" / "demo-show") in line, line
        url = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert url, line
        with urllib.request.urlopen(url.group(0), timeout=10) as response:
            assert response.headers.get_content_type() == "text/html"
            index = lxml_html.document_fromstring(response.read())
        pages = [a.get("href") for a in index.findall(".//li[@class='episode']//h3/a")]
        assert len(pages) == 2 and all(page.endswith(".html") for page in pages)
        with urllib.request.urlopen(url.group(0) + pages[0], timeout=10) as response:
            assert lxml_html.document_fromstring(response.read()).find(".//audio/source") is not None
        with urllib.request.urlopen(url.group(0) + "feed.xml", timeout=10) as response:
            feed = feedparser.parse(response.read())
        base_url = tomllib.loads(DEMO_SHOW.read_text(encoding="utf-8"))["base_url"]
        assert len(feed.entries) == 2
        assert all(entry.enclosures[0].href.startswith(base_url) for entry in feed.entries)
    finally:
        server.terminate()
        server.wait(timeout=10)
