"""Worker processes die with their parent, so nothing outlives a killed run.

A killed parent (SIGKILL, out of memory) runs no clean-up, and a spawned
worker would go on building, writing and waiting for orders for good. Two
guards, both set up first thing in the worker: on Linux the kernel sends the
worker SIGKILL when its parent dies (`PR_SET_PDEATHSIG`); everywhere, a
watchdog thread sees the worker re-parented (its parent pid changes) and
ends it. The kernel's signal is sent when the *thread* that started the
worker ends, so workers must be started by a thread that outlives them
(the pools here start them from the thread that also stops them).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import threading
import time

log = logging.getLogger(__name__)

WATCH_INTERVAL_S = 0.2
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent(parent_pid: int) -> None:
    """End this process as soon as the process `parent_pid` is gone (call it first in a worker)."""
    if sys.platform.startswith("linux"):
        _set_parent_death_signal()
    if os.getppid() != parent_pid:  # the parent died before we could watch it
        os._exit(1)
    watchdog = threading.Thread(target=_watch, args=(parent_pid,), name="parent-watchdog", daemon=True)
    watchdog.start()


def _set_parent_death_signal() -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
            log.debug("prctl(PR_SET_PDEATHSIG) failed: errno %d", ctypes.get_errno())
    except (OSError, AttributeError) as exc:  # no libc to be found: the watchdog still guards
        log.debug("no parent-death signal: %s", exc)


def _watch(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(WATCH_INTERVAL_S)
    os._exit(1)  # no clean-up: the parent owns the outputs, and it is gone
