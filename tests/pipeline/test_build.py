"""The whole build on the fake engine: tags, chapters, item and transcript read back."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import feedparser
import numpy as np
import pytest
from conftest import SAMPLES
from helpers import narrator_processes
from mutagen.id3 import ID3, CTOCFlags
from mutagen.mp3 import MP3

from audio_article.models import EncodeSettings, Episode
from audio_article.pipeline.build import BuildOptions, build


@pytest.fixture(scope="module")
def episode(tmp_path_factory: pytest.TempPathFactory) -> Episode:
    tmp = tmp_path_factory.mktemp("episode")
    voice = tmp / "fake.toml"
    voice.write_text('engine = "fake"\nrate_wpm = 180\n', encoding="utf-8")
    options = BuildOptions(
        output_dir=tmp / "out",
        voice=str(voice),
        cache_dir=tmp / "cache",
        base_url="https://media.example.org/audio/",
    )
    return build(SAMPLES / "night-reading-room.txt", options)


def test_files_and_nothing_else(episode) -> None:
    names = sorted(p.name for p in episode.mp3.parent.iterdir())
    slug = "riverside-library-opens-a-night-reading-room-for-shift-workers"
    assert names == sorted(
        f"{slug}{ext}"
        for ext in (
            *(".mp3", ".chapters.json", ".vtt", ".srt", ".transcript.html", ".item.xml", ".build.json"),
            *(".html", ".embed.html", ".cover.jpg"),  # the episode's pages and the cover they show
        )
    )


def test_id3_tags_and_chapters(episode) -> None:
    tags = ID3(episode.mp3, translate=False)  # as written: v2.3 frames, not upgraded
    assert tags.version[:2] == (2, 3)
    assert str(tags["TIT2"]) == "Riverside Library Opens a Night Reading Room for Shift Workers"
    assert str(tags["TPE1"]) == "Mara Okafor"
    assert str(tags["TCON"]) == "Podcast"
    assert tags.getall("TYER")
    apic = tags.getall("APIC")[0]
    assert apic.mime == "image/jpeg" and apic.data[:2] == b"\xff\xd8"
    toc = tags.getall("CTOC")[0]
    assert toc.flags == CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED
    chapters = [tags[f"CHAP:{i}"] for i in toc.child_element_ids]
    titles = [str(c.sub_frames["TIT2"]) for c in chapters]
    assert titles == [
        "Riverside Library Opens a Night Reading Room for Shift Workers",
        "Why Nights Matter",
        "What It Costs",
        "What Visitors Will Find",
    ]
    assert chapters[0].start_time == 0
    assert all(a.end_time == b.start_time for a, b in pairwise(chapters))
    duration_ms = MP3(episode.mp3).info.length * 1000
    assert abs(chapters[-1].end_time - duration_ms) < 150


def test_mp3_is_cbr_mono_44k(episode) -> None:
    info = MP3(episode.mp3).info
    assert (info.sample_rate, info.channels, info.bitrate) == (44100, 1, 64000)


def test_chapters_json(episode) -> None:
    data = json.loads(episode.chapters_json.read_text(encoding="utf-8"))
    assert data["version"] == "1.2.0"
    assert [c["title"] for c in data["chapters"]][1:] == [
        "Why Nights Matter",
        "What It Costs",
        "What Visitors Will Find",
    ]


def test_item_parses(episode) -> None:
    raw = episode.item_xml.read_text(encoding="utf-8")
    wrapped = re.sub(r"^<\?xml[^>]*\?>", "", raw)
    feed = feedparser.parse(f'<rss version="2.0"><channel><title>t</title>{wrapped}</channel></rss>')
    assert not feed.bozo
    entry = feed.entries[0]
    enclosure = entry.enclosures[0]
    assert enclosure.href == f"https://media.example.org/audio/{episode.mp3.name}"
    assert int(enclosure.length) == episode.mp3.stat().st_size
    assert entry.id == episode.guid and episode.guid.startswith("urn:uuid:")
    assert 'isPermaLink="false"' in raw
    assert "Also read" in entry.summary and "City Council Debates" in entry.summary
    assert "podcast:transcript" in raw and 'type="text/vtt"' in raw


def test_vtt(episode) -> None:
    text = episode.transcript_vtt.read_text(encoding="utf-8")
    assert text.startswith("WEBVTT")
    cues = re.findall(r"(\d\d:\d\d:\d\d\.\d\d\d) --> (\d\d:\d\d:\d\d\.\d\d\d)\n(.+?)\n\n", text, re.S)
    assert len(cues) > 20
    # Every cue is the narrator's voice span, which players show as the speaker, not as text.
    assert all(body.startswith("<v Narrator>") for _, _, body in cues)
    cues = [(start, end, body.removeprefix("<v Narrator>")) for start, end, body in cues]
    assert all(len(line) <= 42 for _, _, body in cues for line in body.split("\n"))


def test_rebuild_keeps_guid_and_reuses_segments(episode, tmp_path: Path) -> None:
    voice = tmp_path / "fake.toml"
    voice.write_text('engine = "fake"\nrate_wpm = 180\n', encoding="utf-8")
    cache = episode.mp3.parent.parent / "cache"
    again = build(
        SAMPLES / "night-reading-room.txt",
        BuildOptions(
            output_dir=tmp_path / "o", voice=str(voice), cache_dir=cache, encode=EncodeSettings(id3_version=4)
        ),
    )
    assert again.guid == episode.guid
    assert again.segments_synthesized == 0 and again.segments_reused > 20
    assert again.pieces_encoded == 0 and again.pieces_reused > 5
    assert ID3(again.mp3).version[:2] == (2, 4)


def test_editing_one_paragraph_reencodes_one_piece(tmp_path: Path) -> None:
    voice = tmp_path / "fake.toml"
    voice.write_text('engine = "fake"\n', encoding="utf-8")
    article = tmp_path / "article.txt"
    text = (SAMPLES / "night-reading-room.txt").read_text(encoding="utf-8")
    article.write_text(text, encoding="utf-8")
    options = BuildOptions(output_dir=tmp_path / "out", voice=str(voice), cache_dir=tmp_path / "cache")
    first = build(article, options)
    longest = max(text.splitlines(), key=len)
    article.write_text(text.replace(longest, longest + " A correction was added."), encoding="utf-8")
    edited = build(article, options)
    assert edited.segments_synthesized == 1
    assert edited.pieces_encoded == 1 and edited.pieces_reused == first.pieces_encoded - 1
    assert edited.duration_ms > first.duration_ms
    assert json.loads(edited.chapters_json.read_text(encoding="utf-8"))["chapters"][0]["startTime"] == 0


def test_chapters_json_carries_related_links(episode) -> None:
    data = json.loads(episode.chapters_json.read_text(encoding="utf-8"))
    assert [r["title"] for r in data["relatedLinks"]] == [
        "City Council Debates Longer Bus Service on Weekends",
        "Volunteers Restore the Old Harbour Reading Garden",
    ]


def test_announcement_opens_and_closing_ends(episode) -> None:
    text = episode.transcript_vtt.read_text(encoding="utf-8")
    body = " ".join(
        line.removeprefix("<v Narrator>")
        for line in text.splitlines()[3:]
        if line and "-->" not in line and not line.isdigit()
    )
    assert body.startswith(
        "Audio edition of Riverside Library Opens a Night Reading Room for Shift Workers, by Mara"
    )
    assert "4 sections, about" in body
    assert body.endswith(
        "You have been listening to an audio edition of Riverside Library Opens a Night Reading "
        "Room for Shift Workers."
    )


def test_srt_matches_vtt(episode) -> None:
    srt = episode.transcript_srt.read_text(encoding="utf-8")
    vtt = episode.transcript_vtt.read_text(encoding="utf-8")
    srt_times = re.findall(r"(\d\d:\d\d:\d\d),(\d\d\d) --> ", srt)
    vtt_times = re.findall(r"(\d\d:\d\d:\d\d)\.(\d\d\d) --> ", vtt)
    assert srt_times == vtt_times and srt.startswith("1\n")


def test_html_transcript(episode) -> None:
    from html.parser import HTMLParser

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []
            self.headings: list[str] = []
            self.times = 0
            self._in: str | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in ("meta",):
                self.stack.append(tag)
            self._in = tag
            self.times += tag == "time"

        def handle_endtag(self, tag: str) -> None:
            assert self.stack.pop() == tag, f"misnested </{tag}>"
            self._in = None

        def handle_data(self, data: str) -> None:
            if self._in == "h2":
                self.headings.append(data)

    html = episode.transcript_html.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    parser = Collect()
    parser.feed(html)
    assert parser.stack == []
    assert parser.headings == [
        "Riverside Library Opens a Night Reading Room for Shift Workers",
        "Why Nights Matter",
        "What It Costs",
        "What Visitors Will Find",
    ]
    assert parser.times >= 8


def test_item_lists_every_transcript(episode) -> None:
    raw = episode.item_xml.read_text(encoding="utf-8")
    assert raw.count("<podcast:transcript") == 3
    assert 'type="application/x-subrip"' in raw and 'type="text/html"' in raw


def test_intro_and_outro_music(tmp_path: Path) -> None:
    import numpy as np

    from audio_article.cache import write_wav_atomic

    tone = (np.sin(np.arange(44100 * 2) * 2 * np.pi * 440 / 44100) * 8000).astype("<i2")
    music = tmp_path / "jingle.wav"
    write_wav_atomic(music, tone.tobytes(), 44100)
    voice = tmp_path / "fake.toml"
    voice.write_text('engine = "fake"\n', encoding="utf-8")
    plain = build(SAMPLES / "harbour-swim.md", BuildOptions(output_dir=tmp_path / "a", voice=str(voice)))
    framed = build(
        SAMPLES / "harbour-swim.md",
        BuildOptions(output_dir=tmp_path / "b", voice=str(voice), intro=music, outro=music),
    )
    # Each piece adds up to ~50 ms of MP3 frame padding; the music makes two more pieces.
    assert abs(framed.duration_ms - plain.duration_ms - 2 * (2000 + 700)) < 150
    first_cue = re.search(r"(\d\d):(\d\d)\.(\d\d\d) -->", framed.transcript_vtt.read_text(encoding="utf-8"))
    assert first_cue and int(first_cue.group(2)) * 1000 + int(first_cue.group(3)) >= 2700
    tags = ID3(framed.mp3)
    assert tags.getall("CTOC")[0].child_element_ids[0] == "chp0" and tags["CHAP:chp0"].start_time == 0
    # The music keeps its level against the voice: the pieces it shares with words are levelled by
    # the words alone, so the closing words and the outro get the gain the closing words get alone.
    gains = json.loads((tmp_path / "b" / f"{framed.slug}.build.json").read_text(encoding="utf-8"))["gains_db"]
    plain_gains = json.loads((tmp_path / "a" / f"{plain.slug}.build.json").read_text(encoding="utf-8"))
    assert gains[-1] == plain_gains["gains_db"][-1] and abs(gains[0] - plain_gains["gains_db"][0]) < 0.3


def test_bad_intro_is_a_clear_error(tmp_path: Path) -> None:
    from audio_article.errors import InputError

    voice = tmp_path / "fake.toml"
    voice.write_text('engine = "fake"\n', encoding="utf-8")
    junk = tmp_path / "junk.mp3"
    junk.write_bytes(b"not audio at all")
    with pytest.raises(InputError, match="cannot decode audio"):
        build(
            SAMPLES / "harbour-swim.md", BuildOptions(output_dir=tmp_path / "o", voice=str(voice), intro=junk)
        )
    assert not (tmp_path / "o").exists()


def test_reuse_returns_a_fresh_build_and_notices_edits(tmp_path: Path) -> None:
    voice = tmp_path / "fake.toml"
    voice.write_text('engine = "fake"\n', encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nFirst version of the text.\n", encoding="utf-8")
    options = BuildOptions(output_dir=tmp_path / "o", voice=str(voice))
    first = build(article, options)
    again = build(article, options, reuse=True)
    assert again.mp3 == first.mp3 and again.item == first.item and again.segments_synthesized == 0
    article.write_text("# Title\n\nSecond version of the text.\n", encoding="utf-8")
    edited = build(article, options, reuse=True)
    assert edited.segments_synthesized > 0


def test_progress_counts_narration_then_encoding(tmp_path: Path) -> None:
    voice = tmp_path / "fake.toml"
    voice.write_text('engine = "fake"\n', encoding="utf-8")
    seen: list[tuple[int, int]] = []
    build(
        SAMPLES / "night-reading-room.txt",
        BuildOptions(output_dir=tmp_path / "out", voice=str(voice)),
        progress=lambda done, total: seen.append((done, total)),
    )
    totals = {total for _, total in seen}
    assert len(totals) == 1
    (total,) = totals
    dones = [done for done, _ in seen]
    assert dones == sorted(dones) and dones[-1] == total
    assert any(done == total // 2 for done in dones)  # narration done: halfway


@pytest.mark.parametrize("damaged", ["mp3", "transcript_vtt"])
def test_reuse_checks_the_files_against_the_manifest(tmp_path: Path, damaged: str) -> None:
    voice = tmp_path / "fake.toml"
    voice.write_text('engine = "fake"\n', encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nThe text of the article, long enough.\n", encoding="utf-8")
    options = BuildOptions(output_dir=tmp_path / "o", voice=str(voice))
    first = build(article, options)
    path: Path = getattr(first, damaged)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, one byte changed (a stray write, a bad copy)
    path.write_bytes(bytes(data))
    again = build(article, options, reuse=True)
    assert again.segments_reused > 0  # built again (from the cache), not reused
    assert getattr(again, damaged).read_bytes() != bytes(data)
    assert abs(MP3(again.mp3).info.length * 1000 - first.duration_ms) < 100
    assert build(article, options, reuse=True).segments_reused == 0  # now fresh: reused as it is


def _tone(path: Path, seconds: float, codec: str) -> Path:
    """A 440 Hz stereo tone at 48 kHz that starts and stops abruptly, encoded by ffmpeg."""
    import subprocess

    from audio_article.toolchain import ffmpeg_path

    source = f"sine=frequency=440:duration={seconds}:sample_rate=48000"
    command = [ffmpeg_path(), "-nostdin", "-y", "-loglevel", "error", "-f", "lavfi", "-i", source]
    subprocess.run([*command, "-ac", "2", "-c:a", codec, str(path)], check=True)
    return path


def _decoded(mp3: Path, rate: int) -> np.ndarray:
    """What a player hears: the MP3 decoded by ffmpeg to mono float samples."""
    import subprocess

    from audio_article.toolchain import ffmpeg_path

    command = [ffmpeg_path(), "-nostdin", "-loglevel", "error", "-i", str(mp3), "-ac", "1", "-ar", str(rate)]
    raw = subprocess.run([*command, "-f", "f32le", "-"], capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype="<f4")


def test_mp3_intro_and_ogg_outro_are_faded_in_the_episode(tmp_path: Path, fake_voice: Path) -> None:
    intro = _tone(tmp_path / "intro.mp3", 3.0, "libmp3lame")
    outro = _tone(tmp_path / "outro.ogg", 3.0, "libvorbis")
    options = BuildOptions(output_dir=tmp_path / "o", voice=str(fake_voice), intro=intro, outro=outro)
    episode = build(SAMPLES / "harbour-swim.md", options)
    rate = 44100
    audio = _decoded(episode.mp3, rate)

    def rms(start_ms: float, end_ms: float) -> float:
        part = audio[int(start_ms * rate / 1000) : int(end_ms * rate / 1000)]
        return float(np.sqrt(np.mean(part.astype(np.float64) ** 2)))

    cues = re.findall(
        r"(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d)",
        episode.transcript_vtt.read_text(),
    )
    to_ms = [(int(h) * 3600 + int(m) * 60 + int(s)) * 1000 + int(ms) for h, m, s, ms in (c[:4] for c in cues)]
    end_ms = [
        (int(h) * 3600 + int(m) * 60 + int(s)) * 1000 + int(ms) for h, m, s, ms in (c[4:] for c in cues)
    ]
    intro_end = to_ms[0] - 700  # the music gap before the first words
    outro_start = end_ms[-1] + 700
    for start in (0, outro_start):
        plateau = rms(start + 500, start + 1500)
        assert plateau > 0.05  # music, mastered with the rest
        assert rms(start, start + 10) < 0.5 * plateau  # the 50 ms fade-in
        steps = [rms(start + 2000 + k * 100, start + 2100 + k * 100) for k in range(10)]  # the last second
        assert steps[0] > 0.8 * plateau and steps[-1] < 0.2 * plateau
        assert all(later < earlier * 1.02 for earlier, later in pairwise(steps))
    assert abs(intro_end - 3000) < 80
    assert rms(intro_end + 50, to_ms[0] - 50) < 0.01  # the gap is silent
    assert rms(outro_start + 3050, outro_start + 3500) < 0.01  # and so is the tail after the outro


def test_the_cache_is_looked_up_once_per_segment(
    tmp_path: Path, fake_voice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from audio_article.cache import BuildCache

    looked_up: list[str] = []
    real_lookup = BuildCache.lookup

    def counting(self: BuildCache, key: str) -> tuple[Path, int, int] | None:
        looked_up.append(key)
        return real_lookup(self, key)

    monkeypatch.setattr(BuildCache, "lookup", counting)
    options = BuildOptions(output_dir=tmp_path / "o", voice=str(fake_voice), cache_dir=tmp_path / "cache")
    for force in (False, True):  # a cold build, then a rebuild from the cache
        looked_up.clear()
        episode = build(SAMPLES / "night-reading-room.txt", options, reuse=not force)
        segments = episode.segments_synthesized + episode.segments_reused
        assert len(looked_up) == len(set(looked_up)) == segments
    assert episode.segments_reused == segments


def test_a_reused_build_never_imports_the_audio_steps(tmp_path: Path, fake_voice: Path) -> None:
    import subprocess
    import sys

    article = SAMPLES / "harbour-swim.md"
    build(article, BuildOptions(output_dir=tmp_path / "o", voice=str(fake_voice)))
    script = (
        "import sys; from pathlib import Path; from audio_article.pipeline.build import BuildOptions, build; "
        f"e = build({str(article)!r}, BuildOptions(output_dir=Path({str(tmp_path / 'o')!r}), "
        f"voice={str(fake_voice)!r}), reuse=True); "
        "print(e.segments_reused, [m for m in sys.modules if m.startswith(('pydub', 'audio_article.audio', "
        "'audio_article.pipeline.steps', 'audio_article.speech.narrate'))])"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert proc.stdout.split(maxsplit=1) == ["0", "[]\n"]  # reused as it was, no audio module loaded


def test_two_cold_builds_give_byte_identical_audio_frames(tmp_path: Path, fake_voice: Path) -> None:
    import os
    import subprocess
    import sys

    from audio_article.audio.verify import id3_size

    frames = []
    for run, seed in enumerate(("1", "2")):
        out = tmp_path / f"out{run}"
        command = [sys.executable, "-m", "audio_article", "build", str(SAMPLES / "night-reading-room.txt")]
        command += ["-o", str(out), "--cache-dir", str(tmp_path / f"cache{run}"), "-q", "-j", "2"]
        # Separate processes with different hash seeds: no set or dict order may reach the audio.
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([*command, "--voice", str(fake_voice)], check=True, env=env, capture_output=True)
        (mp3,) = out.glob("*.mp3")
        data = mp3.read_bytes()
        frames.append(data[id3_size(data) :])
    assert len(frames[0]) > 100_000 and frames[0] == frames[1]


def test_the_worker_started_before_parsing_narrates_or_stops_and_none_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from dataclasses import replace

    from audio_article.errors import InputError
    from audio_article.speech.engines import register_engine

    register_engine("flaky", "flaky_engine")  # a fake engine in worker processes, as espeak-ng and Piper run
    monkeypatch.setenv("FLAKY_FAILS", "0")
    voice = tmp_path / "flaky.toml"
    voice.write_text('engine = "flaky"\nvoice = "tone"\n', encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("# A title\n\nOne sentence here. And another one.\n", encoding="utf-8")
    options = BuildOptions(output_dir=tmp_path / "o", cache_dir=tmp_path / "c", voice=str(voice))
    caplog.set_level("DEBUG", logger="audio_article.pipeline.build")
    assert build(article, options).segments_synthesized > 0
    assert "the worker started early serves the build" in caplog.text and narrator_processes() == 0
    caplog.clear()
    assert build(article, replace(options, output_dir=tmp_path / "o2")).segments_synthesized == 0
    assert "the worker started early is not needed" in caplog.text and narrator_processes() == 0
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    with pytest.raises(InputError):
        build(tmp_path / "empty.md", options)
    assert narrator_processes() == 0
