"""Benchmark rows for `publish --executor`: articles per minute on a local Dask cluster vs the local pool.

The same generated articles (real words, varied lengths, the default espeak-ng
voice) are published cold, each run with its own empty cache and show, by:

- the local pool building one article at a time (`-p 1`) and two (`-p 2`);
- a Dask scheduler with one worker (`dask worker --nthreads 1`) and with two.

The workers are started, registered with the scheduler and have imported the
build code before the clock starts: a cluster's workers are long-lived, so their
start-up is not a per-article cost. The executor's overhead per article is the one-worker run against `-p 1`
(both build one article at a time), divided by the number of articles.
"""

from __future__ import annotations

import importlib
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CLI = [sys.executable, "-m", "audio_article"]
SHOW = (
    'title = "Bench"\ndescription = "d"\nauthor = "a"\nowner_name = "o"\n'
    'owner_email = "o@example.org"\nlink = "https://example.org"\n'
    'base_url = "https://example.org/a/"\noutput = "public"\n'
)
_WORDS = (
    "the council met on Tuesday to discuss the harbour budget and the new library hours while residents"
    " asked about bus routes school meals street lights and the summer festival in the old market square"
).split()


def articles(folder: Path, count: int) -> list[Path]:
    """`count` Markdown articles of 2 to 6 paragraphs of real words, none alike (no cache shortcut)."""
    folder.mkdir(parents=True)
    paths = []
    for n in range(count):
        paragraphs = []
        for p in range(2 + n % 5):
            words = [_WORDS[(n * 7 + p * 5 + i) % len(_WORDS)] for i in range(24 + (n + p) % 9)]
            paragraphs.append(f"Report {n + 1}, part {p + 1}: " + " ".join(words) + ".")
        path = folder / f"story-{n:02d}.md"
        path.write_text(f"---\ntitle: Bench story {n + 1}\n---\n\n" + "\n\n".join(paragraphs) + "\n")
        paths.append(path)
    return paths


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def cluster(workers: int, folder: Path, env: dict[str, str]) -> Iterator[str]:
    """A scheduler and `workers` one-thread workers on 127.0.0.1, all registered; yields the address."""
    from distributed import Client

    folder.mkdir(parents=True)
    address = f"tcp://127.0.0.1:{_free_port()}"
    env = {**env, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    log = (folder / "cluster.log").open("ab")
    port = address.rsplit(":", 1)[1]
    procs = [
        subprocess.Popen(
            [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )
    ]  # fmt: skip
    try:
        procs += [
            subprocess.Popen(
                [str(BIN / "dask"), "worker", address, "--nthreads", "1", "--host", "127.0.0.1",
                 "--no-dashboard", "--local-directory", str(folder / f"w{i}")],
                stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
            )
            for i in range(workers)
        ]  # fmt: skip
        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)
            # A long-lived worker has imported the build code long before.
            client.run(importlib.import_module, "audio_article.jobs.batch")
        yield address
    finally:
        for proc in reversed(procs):
            with suppress(ProcessLookupError):
                os.killpg(proc.pid, 15)
        for proc in procs:
            proc.wait(30)
        log.close()


def _publish(
    run: Callable[..., tuple[float, float]], work: Path, name: str, paths: list[Path], *extra: str
) -> tuple[float, dict[str, str]]:
    """Wall seconds of one cold `publish` of `paths` into a fresh show with its own cache."""
    show = work / name / "show.toml"
    show.parent.mkdir(parents=True)
    show.write_text(SHOW, encoding="utf-8")
    env = {**os.environ, "AUDIO_ARTICLE_CACHE": str(work / name / "cache")}
    seconds, _ = run([*CLI, "publish", "--show", str(show), "-q", *extra, *map(str, paths)], env=env)
    return seconds, env


def executor_rows(
    run: Callable[..., tuple[float, float]], work: Path, count: int = 12
) -> list[tuple[str, str, str]]:
    """The executor rows of the benchmark table (empty when Dask distributed is not installed)."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        return [("publish --executor", "skipped: Dask distributed is not installed (the cluster extra)", "")]
    paths = articles(work / "executor-articles", count)
    seconds = {}
    for parallel in (1, 2):
        seconds[f"p{parallel}"], _ = _publish(
            run, work, f"pool{parallel}", paths, "-p", str(parallel), "-j", "1"
        )
    for workers in (1, 2):
        env = {**os.environ, "AUDIO_ARTICLE_CACHE": str(work / f"dask{workers}" / "cache")}
        with cluster(workers, work / f"dask{workers}-cluster", env) as address:
            seconds[f"d{workers}"], _ = _publish(
                run, work, f"dask{workers}", paths, "--executor", address, "-j", "1"
            )
    rate = {k: 60 * count / v for k, v in seconds.items()}
    overhead_ms = 1000 * (seconds["d1"] - seconds["p1"]) / count
    return [
        (
            f"publish {count} articles, local pool -p 1",
            f"{seconds['p1']:.1f} s, {rate['p1']:.1f} articles/min",
            "",
        ),
        (
            f"publish {count} articles, local pool -p 2",
            f"{seconds['p2']:.1f} s, {rate['p2']:.1f} articles/min",
            "",
        ),
        (
            "  --executor, 1 Dask worker",
            f"{seconds['d1']:.1f} s, {rate['d1']:.1f} articles/min = "
            f"{100 * seconds['p1'] / seconds['d1']:.0f}% of -p 1; overhead {overhead_ms:+.0f} ms per article",
            "",
        ),
        (
            "  --executor, 2 Dask workers",
            f"{seconds['d2']:.1f} s, {rate['d2']:.1f} articles/min = "
            f"{100 * seconds['p2'] / seconds['d2']:.0f}% of -p 2; "
            f"{seconds['d1'] / seconds['d2']:.2f}x one worker",
            "",
        ),
    ]


if __name__ == "__main__":
    import tempfile

    sys.path.insert(0, str(ROOT / "scripts"))
    from bench import run as timed_run

    scratch = Path(tempfile.mkdtemp(prefix="audio-article-bench-executor-"))
    try:
        table = executor_rows(timed_run, scratch, int(sys.argv[1]) if len(sys.argv) > 1 else 12)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    width = max(len(r[0]) for r in table)
    for row_name, figure, _memory in table:
        print(f"{row_name:{width}s}  {figure}")
