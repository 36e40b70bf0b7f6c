"""The unchanged rebuild's shortcut: a source key and a pointer, checked as the slow path checks."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SAMPLES
from mutagen.id3 import ID3
from PIL import Image

from audio_article.article import read
from audio_article.pipeline import fresh
from audio_article.pipeline.build import BuildOptions, build


def _setup(tmp_path: Path, fake_voice: Path) -> tuple[Path, BuildOptions]:
    article = tmp_path / "story.md"
    shutil.copy(SAMPLES / "harbour-swim.md", article)
    options = BuildOptions(output_dir=tmp_path / "out", voice=str(fake_voice), cache_dir=tmp_path / "cache")
    return article, options


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the article was parsed")

    monkeypatch.setattr(read, "parse_article", refuse)


def test_an_unchanged_rebuild_parses_nothing_and_returns_the_same_episode(
    tmp_path: Path, fake_voice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article, options = _setup(tmp_path, fake_voice)
    first = build(article, options, reuse=True)
    _no_parsing(monkeypatch)
    again = build(article, options, reuse=True)
    assert again.mp3 == first.mp3 and again.guid == first.guid and again.item == first.item
    assert again.size_bytes == first.size_bytes and again.duration_ms == first.duration_ms


@pytest.mark.parametrize("change", ["edit", "option", "lexicon", "mp3", "page", "force"])
def test_any_change_takes_the_slow_path(
    tmp_path: Path, fake_voice: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    article, options = _setup(tmp_path, fake_voice)
    lexicon = tmp_path / "names.toml"
    lexicon.write_text('[words]\nKwame = "Kwah-may"\n', encoding="utf-8")
    options = replace(options, lexicons=(lexicon,))
    first = build(article, options, reuse=True)
    if change == "edit":
        article.write_text(article.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    elif change == "option":
        options = replace(options, target_lufs=-18.0)
    elif change == "lexicon":
        lexicon.write_text('[words]\nKwame = "Kwah-meh"\n', encoding="utf-8")
    elif change == "mp3":
        first.mp3.write_bytes(first.mp3.read_bytes()[:-1000])
    elif change == "page":
        (first.mp3.parent / f"{first.slug}.html").unlink()
    parsed = []
    real = read.parse_article
    monkeypatch.setattr(read, "parse_article", lambda *a, **k: parsed.append(1) or real(*a, **k))
    again = build(article, options, reuse=change != "force")
    assert parsed == [1]
    assert again.slug == first.slug and again.guid == first.guid
    assert (again.mp3.parent / f"{again.slug}.html").is_file()


@pytest.mark.parametrize("change", ["appears", "replaced", "removed"])
def test_a_cover_image_that_came_changed_or_went_takes_the_slow_path(
    tmp_path: Path, fake_voice: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    article, options = _setup(tmp_path, fake_voice)
    text = article.read_text(encoding="utf-8").replace("---\n", "---\ncover: cover.jpg\n", 1)
    article.write_text(text, encoding="utf-8")
    cover = tmp_path / "cover.jpg"
    if change != "appears":
        Image.new("RGB", (1400, 1400), (200, 30, 30)).save(cover, "JPEG")
    before = _cover(build(article, options, reuse=True).mp3)
    if change == "removed":
        cover.unlink()
    else:
        Image.new("RGB", (1400, 1400), (30, 30, 200)).save(cover, "JPEG")
        os.utime(cover, ns=(1, 1))  # even with an old date: the size and time recorded differ
    parsed = []
    real = read.parse_article
    monkeypatch.setattr(read, "parse_article", lambda *a, **k: parsed.append(1) or real(*a, **k))
    again = build(article, options, reuse=True)
    assert parsed == [1]
    assert _cover(again.mp3) != before  # the MP3 shows the new state of the cover


def _cover(mp3: Path) -> bytes:
    data: bytes = ID3(mp3).getall("APIC")[0].data
    return data


def test_urls_and_no_cache_builds_take_no_shortcut(tmp_path: Path, fake_voice: Path) -> None:
    article, options = _setup(tmp_path, fake_voice)
    assert fresh.source_key("https://example.org/story", options) is None
    assert fresh.source_key(tmp_path / "missing.md", options) is None
    build(article, replace(options, use_cache=False), reuse=True)
    assert not (options.cache_dir / "fresh").exists()  # type: ignore[operator]


def test_a_pointer_out_of_the_output_folder_is_ignored(
    tmp_path: Path, fake_voice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article, options = _setup(tmp_path, fake_voice)
    build(article, options, reuse=True)
    [pointer] = (options.cache_dir / "fresh").rglob("*.json")  # type: ignore[operator]
    record = json.loads(pointer.read_text(encoding="utf-8"))
    for slug in ("../elsewhere", ".hidden", "no-such-episode"):
        pointer.write_text(json.dumps({**record, "slug": slug}), encoding="utf-8")
        assert fresh.find_fresh(fresh.source_key(article, options), options) is None
    pointer.write_bytes(b"\xff not json")
    assert fresh.find_fresh(fresh.source_key(article, options), options) is None
    build(article, options, reuse=True)  # the slow path mends the pointer
    assert fresh.find_fresh(fresh.source_key(article, options), options) is not None


def test_the_same_file_into_another_folder_is_built_there(tmp_path: Path, fake_voice: Path) -> None:
    article, options = _setup(tmp_path, fake_voice)
    first = build(article, options, reuse=True)
    other = build(article, replace(options, output_dir=tmp_path / "elsewhere"), reuse=True)
    assert other.mp3.parent == tmp_path / "elsewhere" and first.mp3.parent == tmp_path / "out"
