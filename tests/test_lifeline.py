"""Workers die with their parent: the kernel's parent-death signal, and the portable watchdog alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

# The middle process starts a worker that guards itself as asked (given the middle's pid), prints
# the worker's pid, then waits; the worker says "ready" on the same pipe once it is guarded.
MIDDLE = """
import os, subprocess, sys, time
worker = subprocess.Popen([sys.executable, "-c", sys.argv[1], str(os.getpid())])
print(worker.pid, flush=True)
time.sleep(600)
"""
GUARDS = {
    "die_with_parent": "import sys, time\n"
    "from audio_article.lifeline import die_with_parent\n"
    "die_with_parent(int(sys.argv[1]))\nprint('ready', flush=True)\ntime.sleep(600)\n",
    "watchdog only": "import sys, threading, time\n"
    "from audio_article import lifeline\n"
    "threading.Thread(target=lifeline._watch, args=(int(sys.argv[1]),), daemon=True).start()\n"
    "print('ready', flush=True)\ntime.sleep(600)\n",
}


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("guard", sorted(GUARDS))
def test_worker_ends_within_a_second_of_its_parent(guard: str) -> None:
    middle = subprocess.Popen(
        [sys.executable, "-c", MIDDLE, GUARDS[guard]], stdout=subprocess.PIPE, text=True
    )
    assert middle.stdout is not None
    worker = int(middle.stdout.readline())
    assert middle.stdout.readline().strip() == "ready"
    assert _alive(worker)
    os.kill(middle.pid, signal.SIGKILL)
    middle.wait()
    middle.stdout.close()
    deadline = time.monotonic() + 1.0
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.02)
    if _alive(worker):
        os.kill(worker, signal.SIGKILL)
        pytest.fail(f"the worker outlived its parent ({guard})")
